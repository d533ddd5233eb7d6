"""Sweeps: one setting changed over a few values, everything else equal.

A :class:`Sweep` names the setting (:data:`PARAMETERS`), its values and the
seeds; :func:`sweep_runs` makes one :class:`SweepRun` per value and seed —
the same data, the same initial weights (those of the seed) and the same
batch order unless the setting itself changes them — with a :func:`label`
that says what differs ("batch 1", "batch = full set", "16 neurons",
"λ = 0.001"). :func:`run_sweep` trains them one after another and
:func:`summary_rows` condenses the histories (mean and spread over seeds).
The window's Compare and ``nnviz sweep`` both use it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError, template
from nnviz.core.model.network import Network
from nnviz.core.training.config import OPTIMIZERS, TrainingConfig
from nnviz.core.training.records import EpochMetrics
from nnviz.core.training.runs import english, setting_words
from nnviz.core.training.trainer import Trainer

#: the settings a sweep can change, and what their values are
PARAMETERS: dict[str, str] = {
    "batch_size": "whole numbers from 0 (0: the full training set)",
    "hidden_neurons": "whole numbers from 1 (the width of every hidden layer)",
    "hidden_layers": "whole numbers from 0 (hidden layers of the lesson's width)",
    "lr": "numbers above 0",
    "optimizer": "sgd or adam",
    "l2": "numbers from 0",
    "l1": "numbers from 0",
    "dropout": "numbers from 0 to below 1",
    "early_stopping": "on or off",
}
#: values one sweep takes at most (each is a whole training run)
MAX_VALUES = 12
MAX_SEEDS = 20
#: neurons a hidden layer may have in a sweep (the window's limit)
MAX_NEURONS = 4096
#: weights a run keeps at most for pictures at one epoch (``keep_weights``), however long it trains
MAX_SNAPSHOTS = 100


@dataclass(frozen=True)
class Sweep:
    param: str
    values: tuple[Any, ...]
    #: seeds of the initial weights and the batch order; None: the lesson's own
    #: weights and seed, one run per value
    seeds: tuple[int, ...] | None = None


@dataclass
class SweepRun:
    """One run of a sweep: its value, seed, label and what it trains."""

    value: Any
    seed: int
    label: str
    network: Network
    config: TrainingConfig
    history: list[EpochMetrics] = field(default_factory=list)
    best_epoch: int = 0
    seconds: float = 0.0
    status: str = ""
    #: the label without the seed (what the value is)
    value_label: str = ""
    #: epoch -> (weights, biases) at its end, when the sweep keeps them: epoch 0 (the
    #: start), then at most :data:`MAX_SNAPSHOTS` in all (:func:`snapshot_epochs`)
    weights: dict[int, tuple[list[np.ndarray], list[np.ndarray]]] = field(default_factory=dict)


def parse_values(param: str, text: str) -> tuple[Any, ...]:
    """The values of ``--values`` for ``param``; one sentence for a bad name or value."""
    if param not in PARAMETERS:
        raise UserError("Unknown setting '{0}' to sweep; choose one of: {1}.", param, ", ".join(PARAMETERS))
    parts = [p.strip() for p in str(text).split(",")]
    if not parts or "" in parts:
        raise UserError("Give the values of '{0}' separated by commas ({1}).", param, PARAMETERS[param])
    if len(parts) > MAX_VALUES:
        raise UserError("A sweep runs at most {0} values, not {1}.", MAX_VALUES, len(parts))
    return tuple(_value(param, p) for p in parts)


def _value(param: str, text: str) -> Any:
    bad = UserError("'{0}' is not a value of '{1}': {2}.", text, param, PARAMETERS[param])
    if param == "optimizer":
        if text.lower() not in OPTIMIZERS:
            raise bad
        return text.lower()
    if param == "early_stopping":
        words = {"on": True, "true": True, "yes": True, "1": True, "off": False, "false": False, "no": False, "0": False}
        if text.lower() not in words:
            raise bad
        return words[text.lower()]
    if param in ("batch_size", "hidden_neurons", "hidden_layers"):
        try:
            v = int(text)
        except ValueError:
            raise bad from None
        low = 1 if param == "hidden_neurons" else 0
        top = MAX_NEURONS if param == "hidden_neurons" else (10 if param == "hidden_layers" else 10**7)
        if not low <= v <= top:
            raise bad
        return v
    try:
        v = float(text)
    except ValueError:
        raise bad from None
    if not math.isfinite(v) or v < 0 or (param == "lr" and v == 0) or (param == "dropout" and v >= 1):
        raise bad
    return v


def label(param: str, value: Any, tr: Callable[[str], str] = english) -> str:
    """What a run differs in, in the slides' words (``tr`` translates, as in
    :func:`nnviz.core.training.runs.setting_words`)."""
    if param == "hidden_neurons":
        return setting_words("hidden", [value], tr)
    if param == "hidden_layers":
        one = tr(template("{0} hidden layer")) if value == 1 else tr(template("{0} hidden layers"))
        return one.format(value)
    if param == "dropout":
        return setting_words("dropout", [value] if value else [], tr)
    return setting_words(param, value, tr)


def sweep_runs(
    network: Network, config: TrainingConfig, sweep: Sweep, tr: Callable[[str], str] = english
) -> list[SweepRun]:
    """One run per value and seed (values first): the lesson's network and settings
    with ``sweep.param`` set; the initial weights are those of the seed."""
    seeds: tuple[int | None, ...] = sweep.seeds if sweep.seeds is not None else (None,)
    if not 1 <= len(seeds) <= MAX_SEEDS:
        raise UserError("A sweep runs 1 to {0} seeds, not {1}.", MAX_SEEDS, len(seeds))
    runs = []
    for value in sweep.values:
        for seed in seeds:
            cfg = config if seed is None else config.replace(seed=seed)
            net, cfg = _apply(network, cfg, sweep.param, value, seed)
            words = label(sweep.param, value, tr)
            text = words + (" · " + setting_words("seed", seed, tr) if len(seeds) > 1 else "")
            runs.append(SweepRun(value, cfg.seed, text, net, cfg, value_label=words))
    return runs


def _apply(
    network: Network, config: TrainingConfig, param: str, value: Any, seed: int | None
) -> tuple[Network, TrainingConfig]:
    hidden = list(network.layers[1:-1])
    acts = list(network.activations)
    hidden_act = acts[0] if len(acts) > 1 else "relu"
    if param == "hidden_neurons":
        hidden = [value] * max(len(hidden), 1)
    elif param == "hidden_layers":
        hidden = [hidden[0] if hidden else 16] * value
    if param in ("hidden_neurons", "hidden_layers") or seed is not None:
        # new initial weights: of the seed, else of the lesson's weight seed
        layers = [network.layers[0], *hidden, network.layers[-1]]
        init = seed if seed is not None else (network.seed or 0)
        net = Network.initialised(layers, [hidden_act] * len(hidden) + [acts[-1]], seed=init)
    else:
        net = network.copy()  # the lesson's own weights: every run starts from them
    if param in ("batch_size", "lr", "optimizer", "l2", "l1", "early_stopping"):
        config = config.replace(**{param: value})
    elif param == "dropout":
        config = config.replace(dropout=[value] if value > 0 else [])
    return net, config.validate()


def snapshot_epochs(epochs: int, n: int = MAX_SNAPSHOTS - 2) -> list[int]:
    """The epochs (from 1 to ``epochs``) whose weights a run keeps for pictures:
    at most ``n``, half of them geometrically spaced (the first epochs change the
    most) and half evenly, sorted. A run keeps the first report at or after each
    (its engine may report several epochs at once), its start and its end."""
    epochs, n = max(int(epochs), 1), max(int(n), 2)
    if epochs <= n:
        return list(range(1, epochs + 1))
    even = np.linspace(1, epochs, n // 2)
    geometric = np.geomspace(1, epochs, n - n // 2)
    picked = sorted({int(round(e)) for e in np.concatenate([even, geometric])})
    return picked[:n]


class _Keeper:
    """Which reports of a run keep their weights (see :func:`snapshot_epochs`)."""

    def __init__(self, run: SweepRun) -> None:
        self._run = run
        self._targets = snapshot_epochs(run.config.epochs)
        self._next = 0
        run.weights[0] = ([w.copy() for w in run.network.weights], [b.copy() for b in run.network.biases])

    def offer(self, snap: Any) -> None:
        t = self._targets
        due = self._next < len(t) and snap.epoch >= t[self._next]
        if not (due or snap.final) or snap.epoch <= 0:
            return
        while self._next < len(t) and t[self._next] <= snap.epoch:
            self._next += 1
        # a final snapshot after early stopping carries the best epoch's weights:
        # the slider shows the weights the run ended with at its last epoch
        weights = getattr(snap, "last_weights", None) if snap.final else None
        biases = getattr(snap, "last_biases", None) if snap.final else None
        if weights is None or biases is None:
            weights, biases = snap.weights, snap.biases
        self._run.weights[snap.epoch] = (list(weights), list(biases))  # (copies already)


def run_sweep(
    runs: list[SweepRun],
    dataset: Dataset,
    progress: Callable[[int, SweepRun, EpochMetrics | None], bool | None] | None = None,
    *,
    parallel: int = 1,
    keep_weights: bool = False,
    stop: threading.Event | None = None,
    ended: Callable[[int, SweepRun], None] | None = None,
) -> list[SweepRun]:
    """Train every run on ``dataset``; ``progress(i, run, metrics)`` after each epoch
    (False stops the sweep; it may be called from several threads at once).

    ``parallel`` runs train at once in threads (the compiled engine and torch
    release the GIL: on two cores two small runs take little more than one);
    ``keep_weights`` keeps the weights at a bounded number of epochs
    (:attr:`SweepRun.weights`, :func:`snapshot_epochs`) for pictures of every
    run at one epoch; ``stop`` (set from any thread) ends
    every run at its next batch; ``ended(i, run)`` when a run has ended (its
    history, best epoch and seconds kept). Each run's history, best epoch and seconds are kept.
    """
    stop = stop if stop is not None else threading.Event()

    def one(i: int, run: SweepRun) -> None:
        if stop.is_set():
            return
        trainer = Trainer(run.network, dataset, run.config)
        keeper = _Keeper(run) if keep_weights else None
        t0 = time.perf_counter()

        def report(snap: Any) -> bool:
            if keeper is not None:
                keeper.offer(snap)
            for m in snap.history:
                if progress is not None and progress(i, run, m) is False:
                    stop.set()
            if stop.is_set():
                trainer.request_stop()
            return not stop.is_set()

        try:
            result = trainer.run(report)
            run.status = result.status
        finally:
            run.seconds = time.perf_counter() - t0
            run.history = list(trainer.history)
            run.best_epoch = int(trainer.best_epoch)
            trainer.close()
        if ended is not None:
            ended(i, run)

    if parallel <= 1:
        for i, run in enumerate(runs):
            one(i, run)
    else:
        with ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="nnviz-sweep") as pool:
            for future in [pool.submit(one, i, run) for i, run in enumerate(runs)]:
                future.result()
    return runs


SUMMARY_COLUMNS = (
    "label", "value", "seeds", "final_val_loss", "final_val_loss_sd", "best_val_loss", "best_val_loss_sd",
    "best_epoch", "final_val_acc", "final_val_acc_sd", "final_train_loss", "updates", "seconds",
)


def summary_rows(runs: list[SweepRun]) -> list[dict[str, Any]]:
    """One row per value: the mean (and standard deviation) over its seeds."""
    rows = []
    for value in dict.fromkeys(r.value for r in runs):
        group = [r for r in runs if r.value == value and r.history]
        if not group:
            continue

        def stat(f: Callable[[SweepRun], float], group: list[SweepRun] = group) -> tuple[float, float]:
            v = np.array([f(r) for r in group], dtype=np.float64)
            return (float(np.nanmean(v)) if np.isfinite(v).any() else math.nan,
                    float(np.nanstd(v)) if np.isfinite(v).any() else math.nan)

        def best_val(r: SweepRun) -> float:
            vals = [m.val_loss for m in r.history if math.isfinite(m.val_loss)]
            return min(vals) if vals else math.nan

        final_loss = stat(lambda r: r.history[-1].val_loss)
        best = stat(best_val)
        acc = stat(lambda r: r.history[-1].val_acc)
        rows.append({
            "label": label_of(group[0]), "value": value, "seeds": len(group),
            "final_val_loss": final_loss[0], "final_val_loss_sd": final_loss[1],
            "best_val_loss": best[0], "best_val_loss_sd": best[1],
            "best_epoch": stat(lambda r: r.best_epoch)[0],
            "final_val_acc": acc[0], "final_val_acc_sd": acc[1],
            "final_train_loss": stat(lambda r: r.history[-1].train_loss)[0],
            "updates": stat(lambda r: r.history[-1].updates)[0],
            "seconds": stat(lambda r: r.seconds)[0],
        })
    return rows


def label_of(run: SweepRun) -> str:
    """The run's label without its seed."""
    return run.value_label or run.label
