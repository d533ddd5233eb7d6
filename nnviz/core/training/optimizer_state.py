"""What an optimizer remembers between updates, kept across runs and files.

:class:`OptimizerState` holds SGD's momentum buffer, or Adam's two moments and
its step count t, as float64 vectors in the packed layout of
:func:`nnviz.core.training.compiled.packed_layout` (the same for every
engine). A run that ends hands its state on (:meth:`Trainer.optimizer_state
<nnviz.core.training.trainer.Trainer.optimizer_state>`); the next run on the
same weights, or a session file reopened, starts from it, so that "Train"
after "Stop" goes on as one run would have, Adam's moments included.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.training.config import OPTIMIZERS


def parameter_count(layers: list[int] | tuple[int, ...]) -> int:
    """Weights and biases of a network with these layer sizes."""
    return int(sum(a * b + b for a, b in zip(layers[:-1], layers[1:])))


@dataclass(frozen=True)
class OptimizerState:
    """The optimizer's memory after some updates (see the module docstring)."""

    #: "sgd" or "adam": the state of one is no use to the other
    optimizer: str
    #: the layer sizes of the network it belongs to
    layers: tuple[int, ...]
    #: momentum buffer (SGD) or first moment m (Adam)
    first: np.ndarray
    #: Adam's second moment s (zeros for SGD)
    second: np.ndarray
    #: Adam's step count t (0 for SGD)
    steps: int

    def __post_init__(self) -> None:
        if self.optimizer not in OPTIMIZERS:
            raise UserError("Optimizer state: unknown optimizer {0!r}.", self.optimizer)
        n = parameter_count(self.layers)
        first = np.asarray(self.first, dtype=np.float64).reshape(-1)
        second = np.asarray(self.second, dtype=np.float64).reshape(-1)
        if first.shape != (n,) or second.shape != (n,):
            raise UserError(
                "Optimizer state: {0} numbers were expected for a {1} network, not {2}.",
                n, "-".join(map(str, self.layers)), first.size,
            )
        if not (np.all(np.isfinite(first)) and np.all(np.isfinite(second))):
            raise UserError("Optimizer state: its numbers must be finite.")
        if isinstance(self.steps, bool) or int(self.steps) < 0:
            raise UserError("Optimizer state: the step count must be a whole number from 0.")
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "second", second)
        object.__setattr__(self, "steps", int(self.steps))
        object.__setattr__(self, "layers", tuple(int(n) for n in self.layers))

    def fits(self, layers: list[int] | tuple[int, ...], optimizer: str) -> bool:
        """Whether a run of ``optimizer`` on a network of ``layers`` can take it over."""
        return self.optimizer == optimizer and tuple(layers) == self.layers
