"""An engine that trains on NumPy until the compiled engine is ready, then hands over.

On a fresh machine numba needs several seconds to compile the compiled
engine's kernel; a student who presses Train at once should not wait, nor
watch PyTorch crawl. :class:`HandoverEngine` starts the compilation in the
background (:func:`nnviz.core.training.compiled.warm_up_in_background`),
trains on :class:`~nnviz.core.training.numpy_engine.NumpyEngine` meanwhile,
and at the first epoch boundary after the kernel is ready moves the weights,
the optimizer state (momentum, Adam's moments and step count) and the live
settings to a :class:`~nnviz.core.training.compiled.CompiledEngine`. Both
follow the same maths in float64, so the run continues as if one engine had
done it (to 1e-9).

``name`` and ``reason`` always say which engine is running and why, so that
the trainer's reports (and the window's engine line) tell the truth during
the warm-up.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnviz.core.model.network import Network
from nnviz.core.training import compiled
from nnviz.core.training.numpy_engine import NumpyEngine


class HandoverEngine:
    """NumPy now, the compiled engine from the epoch after numba is ready."""

    def __init__(self, network: Network, data: Any, config: Any, device: str = "cpu") -> None:
        self._network = network.copy()
        self._data = data
        self._config = config
        self._hyper = dict(lr=config.lr, momentum=config.momentum, l2=config.l2, l1=config.l1)
        self._engine: Any = NumpyEngine(network, data, config, device)
        self.device = "cpu"
        self.name = "numpy"
        self.reason = compiled.REASON_NUMPY_COMPILING
        #: epochs begun on NumPy (the hand-over happens at an epoch's start)
        self.epochs_on_numpy = 0
        compiled.warm_up_in_background()

    @property
    def batches_per_call(self) -> int:
        return self._engine.batches_per_call

    def _hand_over_if_ready(self) -> None:
        """At an epoch boundary: switch to the compiled engine once its kernel is ready."""
        if self.name != "numpy":
            return
        if not compiled.kernels_ready():
            if not compiled.warming_up():  # the compilation failed: NumPy it stays
                self.reason = compiled.REASON_NUMPY_NO_NUMBA
            self.epochs_on_numpy += 1
            return
        weights, biases = self._engine.get_parameters()
        first, second, steps = self._engine.optimizer_state()
        network = self._network.copy()
        network.weights, network.biases = weights, biases
        successor = compiled.CompiledEngine(network, self._data, self._config, "cpu")
        successor.set_hyper(**self._hyper)
        successor.set_optimizer_state(first, second, steps)
        self._engine.close()
        self._engine = successor
        self.name, self.reason = "compiled", compiled.REASON_AUTO

    # ------------------------------------------------------------ the engine
    def set_data(self, data: Any) -> None:
        """Train on new arrays from the next epoch on (weights and optimizer state kept)."""
        self._data = data
        self._engine.set_data(data)

    def set_order(self, order: np.ndarray) -> None:
        self._hand_over_if_ready()
        self._engine.set_order(order)

    def run_batches(self, start: int, n_batches: int, batch_size: int) -> int:
        return self._engine.run_batches(start, n_batches, batch_size)

    def epochs_per_call(self, batch_size: int) -> int:
        return self._engine.epochs_per_call(batch_size)

    def run_epochs(self, orders: np.ndarray, batch_size: int) -> tuple[np.ndarray, bool]:
        """As the engines' ``run_epochs``; on NumPy epoch by epoch, so that the
        compiled engine takes over at the first epoch after it is ready."""
        done: list[np.ndarray] = []
        for i in range(len(orders)):
            self._hand_over_if_ready()
            if self.name == "compiled":
                rows, diverged = self._engine.run_epochs(orders[i:], batch_size)
                return np.concatenate([*done, rows]), diverged
            rows, diverged = self._engine.run_epochs(orders[i : i + 1], batch_size)
            done.append(rows)
            if diverged:
                break
        return np.concatenate(done) if done else np.zeros((0, 6)), bool(done) and diverged

    def evaluate(self, part: str) -> tuple[float, float]:
        return self._engine.evaluate(part)

    def epoch_error(self) -> float:
        return self._engine.epoch_error()

    def predictions(self, part: str) -> np.ndarray | None:
        return self._engine.predictions(part)

    def get_parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        return self._engine.get_parameters()

    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        self._engine.set_parameters(weights, biases)

    def set_hyper(self, *, lr: float, momentum: float, l2: float, l1: float) -> None:
        self._hyper = dict(lr=lr, momentum=momentum, l2=l2, l1=l1)
        self._engine.set_hyper(**self._hyper)

    def reset_optimizer(self) -> None:
        self._engine.reset_optimizer()

    def optimizer_state(self) -> tuple[np.ndarray, np.ndarray, int]:
        return self._engine.optimizer_state()

    def set_optimizer_state(self, first: np.ndarray, second: np.ndarray, steps: int) -> None:
        self._engine.set_optimizer_state(first, second, steps)

    def close(self) -> None:
        self._engine.close()
