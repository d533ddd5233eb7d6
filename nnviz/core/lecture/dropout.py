"""Dropout in one stepped update: the mask of the hidden neurons and its scaling.

With dropout p, each hidden neuron j of an update is kept (m_j = 1) or
dropped (m_j = 0) at random, and the next layer sees h̃_j = m_j h_j / (1 − p)
("inverted" dropout, what ``torch.nn.Dropout`` does while training). Its delta
is then δ_j = f′(net_j) · m_j/(1 − p) · Σ_k δ_k ω_jk: a dropped neuron's delta
is 0, so neither the weights into it nor those out of it get an increment.

The masks come from a seeded generator (:func:`dropout_masks`): the same seed
and update number give the same mask, so a lecture can be repeated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.core.errors import UserError

#: dropout probability the stepper's switch starts with
DEFAULT_P = 0.5


def check_p(p: object) -> float:
    """p as a float in [0, 1), or a UserError."""
    try:
        value = float(p)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise UserError("The dropout probability p must be a number, not {0!r}.", p) from None
    if isinstance(p, bool) or not math.isfinite(value) or not 0.0 <= value < 1.0:
        raise UserError("The dropout probability p must be at least 0 and less than 1, not {0!r}.", p)
    return value


@dataclass(frozen=True)
class DropoutMasks:
    """One update's dropout: ``p`` and per network layer a 0/1 float mask
    (``None`` for the input and output layers, which are never dropped)."""

    p: float
    masks: tuple[np.ndarray | None, ...]

    def scale(self, layer: int) -> np.ndarray | None:
        """m / (1 − p) of a hidden layer, None for the others."""
        m = self.masks[layer]
        return None if m is None else m / (1.0 - self.p)

    def dropped(self, layer: int) -> list[int]:
        """The 0-based indices of the neurons dropped in ``layer``."""
        m = self.masks[layer]
        return [] if m is None else [int(i) for i in np.flatnonzero(m == 0.0)]

    def as_bool(self, layers: Sequence[int]) -> list[np.ndarray]:
        """Per layer of ``layers``, True where a neuron is dropped (the form of
        ``NetworkModel.set_masks``)."""
        return [np.zeros(int(n), bool) if m is None else m == 0.0 for n, m in zip(layers, self.masks, strict=True)]


def dropout_masks(layers: Sequence[int], p: float, seed: int, update: int = 1) -> DropoutMasks:
    """The masks of update number ``update`` (1-based) for a network of ``layers``:
    each hidden neuron dropped with probability ``p``, from a generator seeded
    with (seed, update)."""
    p = check_p(p)
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, int(update) & 0xFFFFFFFF])
    masks: list[np.ndarray | None] = [None]
    for n in layers[1:-1]:
        m = (rng.random(int(n)) >= p).astype(np.float64)
        m.flags.writeable = False
        masks.append(m)
    masks.append(None)
    return DropoutMasks(p, tuple(masks))
