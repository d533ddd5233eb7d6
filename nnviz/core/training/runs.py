"""Runs as the plots keep them: what each run's settings were, and what it achieved.

:func:`run_settings` lists the settings of a run that a class compares
(hidden layers, activations, batch size, η, optimizer, momentum, λs,
dropout, early stopping, seed); :func:`difference_label` says in the slides'
words what a run changed from the run before it ("batch 1", "16 neurons",
"L2 λ = 0.001"), the label the plots' legend and the runs table show;
:func:`run_figures` condenses a run's per-epoch columns (best and final
validation loss and accuracy, the epoch of the best, updates, seconds).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from nnviz.core.errors import template
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig

#: the settings compared, in the order a label names them
SETTINGS = ("hidden", "activation", "output", "batch_size", "lr", "optimizer", "momentum", "l2", "l1",
            "dropout", "early_stopping", "seed", "weights_seed")


def run_settings(network: Network, config: TrainingConfig) -> dict[str, Any]:
    """The compared settings of a run of ``network`` trained with ``config`` (plain JSON)."""
    hidden = list(network.layers[1:-1])
    return {
        "hidden": hidden,
        "activation": network.activations[0] if hidden else "",
        "output": network.activations[-1],
        "batch_size": int(config.batch_size),
        "lr": float(config.lr),
        "optimizer": config.optimizer,
        "momentum": float(config.momentum) if config.optimizer == "sgd" else 0.0,
        "l2": float(config.l2),
        "l1": float(config.l1),
        "dropout": [float(p) for p in config.dropout],
        "early_stopping": bool(config.early_stopping),
        "seed": int(config.seed),
        "weights_seed": network.seed,
    }


def english(text: str) -> str:
    """No translation: the templates as they are (the command line)."""
    return text


def setting_words(key: str, value: Any, tr: Callable[[str], str] = english) -> str:
    """One setting in the slides' words; ``tr`` translates the templates (the
    window passes its translation of core sentences; English by default)."""
    if key == "hidden":
        if not value:
            return tr(template("no hidden layer"))
        if len(set(value)) == 1:
            one = tr(template("{0} neuron")) if value[0] == 1 else tr(template("{0} neurons"))
            words = one.format(value[0])
            return words + (tr(template(" × {0} layers")).format(len(value)) if len(value) > 1 else "")
        return tr(template("{0} neurons")).format("-".join(map(str, value)))
    if key == "batch_size":
        return tr(template("batch = full set")) if value == 0 else tr(template("batch {0}")).format(value)
    if key == "lr":
        return tr(template("η = {0:g}")).format(value)
    if key == "optimizer":
        return {"sgd": "SGD", "adam": "Adam"}.get(value, str(value))
    if key == "momentum":
        return tr(template("momentum {0:g}")).format(value)
    if key in ("l2", "l1"):
        return tr(template("{0} λ = {1:g}")).format(key.upper(), value)
    if key == "dropout":
        if not value or not any(value):
            return tr(template("no dropout"))
        return tr(template("dropout p = {0}")).format(", ".join(f"{p:g}" for p in value))
    if key == "early_stopping":
        return tr(template("early stopping on")) if value else tr(template("early stopping off"))
    if key == "seed":
        return tr(template("seed {0}")).format(value)
    if key == "weights_seed":
        return tr(template("weights of seed {0}")).format(value) if value is not None else tr(template("given weights"))
    if key == "activation":
        return tr(template("{0} hidden")).format(value)
    if key == "output":
        return tr(template("{0} output")).format(value)
    return f"{key} {value}"


def difference_label(before: dict[str, Any] | None, now: dict[str, Any], tr: Callable[[str], str] = english) -> str:
    """What ``now`` changed from ``before`` ("batch 1 · η = 0.1"); for the first
    run (or the same settings again) its batch size and hidden layers."""
    if before is not None:
        changed = [k for k in SETTINGS if before.get(k) != now.get(k)]
        if changed:
            return " · ".join(setting_words(k, now.get(k), tr) for k in changed)
    return " · ".join(setting_words(k, now[k], tr) for k in ("batch_size", "hidden"))


def run_figures(table: dict[str, np.ndarray], seconds: float | None = None) -> dict[str, float]:
    """Best and final validation loss and accuracy (% as the plots keep them), the
    epoch of the best, updates done and seconds of one run's columns (``seconds``
    when given and above 0, else the last of its ``elapsed`` column)."""
    epoch = np.asarray(table.get("epoch", []), dtype=np.float64)
    out = {k: math.nan for k in ("best_val_loss", "best_epoch", "final_val_loss", "final_val_acc",
                                 "final_train_loss", "updates", "epochs", "seconds")}
    if not len(epoch):
        return out
    val = np.asarray(table["val_loss"], dtype=np.float64)
    part = val if np.isfinite(val).any() else np.asarray(table["train_loss"], dtype=np.float64)
    if np.isfinite(part).any():
        best = int(np.nanargmin(part))
        out["best_val_loss"], out["best_epoch"] = float(part[best]), float(epoch[best])
    out["final_val_loss"] = float(part[-1])
    acc = np.asarray(table.get("val_acc", np.full(len(epoch), np.nan)), dtype=np.float64)
    if not np.isfinite(acc).any():
        acc = np.asarray(table.get("train_acc", np.full(len(epoch), np.nan)), dtype=np.float64)
    out["final_val_acc"] = float(acc[-1])
    out["final_train_loss"] = float(np.asarray(table["train_loss"], dtype=np.float64)[-1])
    out["updates"] = float(np.asarray(table["updates"], dtype=np.float64)[-1])
    out["epochs"] = float(epoch[-1])
    elapsed = np.asarray(table.get("elapsed", ()), dtype=np.float64)
    if seconds is not None and seconds > 0:
        out["seconds"] = float(seconds)
    elif elapsed.size and np.isfinite(elapsed).any():  # a run still training, or one read from a session
        out["seconds"] = float(elapsed[np.isfinite(elapsed)][-1])
    elif seconds is not None:
        out["seconds"] = float(seconds)
    return out
