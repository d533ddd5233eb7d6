"""New data between epochs (a mixin of :class:`nnviz.core.training.trainer.Trainer`).

:meth:`~nnviz.core.training._controls.TrainerControls.set_dataset` queues a
data set; the loop takes it at the start of the next epoch
(:meth:`DataSwapping._take_dataset`), so that epoch's order, batches and
metrics are all of the new data.

The engines take their arrays when they are built and have no call to change
them. An engine that offers ``set_data(engine_data)`` gets the new arrays that
way; any other is rebuilt here, of the same kind and on the same device, from
the current weights, and the optimizer state is handed over: the compiled
engine's momentum / Adam moments and step count, torch's per-parameter
optimizer state (``momentum_buffer``; ``exp_avg``, ``exp_avg_sq``, ``step``)
and its dropout generator. So training on the same data after a swap gives
the same numbers as without it (a test checks both engines, SGD with momentum
and Adam). Where an engine's state cannot be read that way (an engine of
another shape), the new engine starts with a fresh optimizer state — momentum
zero, Adam's moments zero and its step count t back to 0 — and
:attr:`DataSwapping.optimizer_state_kept` says so.

The best epoch and early stopping's patience start afresh with new data: a
loss on other samples is not comparable with the old best.
"""

from __future__ import annotations

import math
import threading
from typing import Any

import numpy as np

from nnviz.core.data.dataset import Dataset
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import Engine, EngineData, create_engine
from nnviz.core.training.problem import prepare_data


class DataSwapping:
    """Takes the data queued by ``set_dataset`` at the start of an epoch."""

    # set by the Trainer and its other mixins
    config: TrainingConfig
    dataset: Dataset
    data: EngineData
    engine: Engine
    engine_name: str
    device: str
    probe_index: int
    best_loss: float
    _template: Network
    _lock: threading.Lock
    _next_dataset: Dataset | None
    _best_params: Any
    _wait: int

    #: data sets taken since the trainer was built
    dataset_changes = 0
    #: False when the last swap had to start the optimizer afresh (see the module docstring)
    optimizer_state_kept = True

    def _take_dataset(self) -> None:
        """Use the data set queued by ``set_dataset``, if any (start of an epoch)."""
        if self._next_dataset is None:
            return
        with self._lock:
            dataset, self._next_dataset = self._next_dataset, None
        if dataset is not None:
            self._use_dataset(dataset)

    def _use_dataset(self, dataset: Dataset) -> None:
        dtype = np.float32 if self.data.x_train.dtype == np.float32 else np.float64
        data = prepare_data(self._template, dataset, dtype)
        swap = getattr(self.engine, "set_data", None)
        if callable(swap):
            swap(data)
            self.optimizer_state_kept = True
        else:
            self._rebuild_engine(data)
        self.dataset, self.data = dataset, data
        if not 0 <= self.probe_index < len(dataset.x):
            self.probe_index = int(
                dataset.val_idx[0] if dataset.val_idx.size else dataset.train_idx[0]
            )
        self.best_loss, self._best_params, self._wait = math.inf, None, 0
        self.dataset_changes += 1

    def _rebuild_engine(self, data: EngineData) -> None:
        """A new engine of the same kind on ``data``, with the weights and optimizer state."""
        old = self.engine
        net = self._template.copy()
        net.weights, net.biases = old.get_parameters()
        state = _read_optimizer_state(old)
        # closed first: a torch engine gives back the CPU threads it took, and
        # the new one decides afresh for its own batch size
        old.close()
        engine = create_engine(self.engine_name, net, data, self.config, self.device)
        self.optimizer_state_kept = _write_optimizer_state(engine, state)
        self.engine = engine


def _read_optimizer_state(engine: Any) -> tuple[str, Any] | None:
    """The engine's optimizer state as a hand-over, or None when it cannot be read."""
    arrays = getattr(engine, "_state", None)  # compiled: OptimizerState
    if arrays is not None and all(hasattr(arrays, a) for a in ("first", "second", "steps")):
        return "arrays", (arrays.first.copy(), arrays.second.copy(), arrays.steps.copy())
    opt = getattr(engine, "opt", None)  # torch: an optimizer over weights, then biases
    params = [*getattr(engine, "weights", []), *getattr(engine, "biases", [])]
    if opt is not None and params and hasattr(opt, "state"):
        per_param = [dict(opt.state.get(p, {})) for p in params]
        gen = getattr(engine, "_gen", None)
        return "torch", (per_param, gen.get_state() if gen is not None else None)
    return None


def _write_optimizer_state(engine: Any, state: tuple[str, Any] | None) -> bool:
    """Give ``engine`` the state read from its predecessor; False when it starts afresh."""
    if state is None:
        return False
    kind, value = state
    if kind == "arrays":
        arrays = getattr(engine, "_state", None)
        first, second, steps = value
        if arrays is None or getattr(arrays, "first", np.zeros(0)).shape != first.shape:
            return False
        arrays.first[:] = first
        arrays.second[:] = second
        arrays.steps[:] = steps
        return True
    opt = getattr(engine, "opt", None)
    params = [*getattr(engine, "weights", []), *getattr(engine, "biases", [])]
    per_param, gen_state = value
    if opt is None or len(params) != len(per_param):
        return False
    for p, st in zip(params, per_param, strict=True):
        if st:
            opt.state[p] = st
    gen = getattr(engine, "_gen", None)
    if gen is not None and gen_state is not None:
        gen.set_state(gen_state)
    return True
