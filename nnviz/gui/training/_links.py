"""Signal links a panel makes to a longer-lived object (the network model) and
must undo when it closes: otherwise the model keeps calling a closed panel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Links:
    """``(signal, slot)`` pairs connected now and disconnected by :meth:`cut`."""

    def __init__(self, *pairs: tuple[Any, Callable[..., Any]]) -> None:
        self._pairs = list(pairs)
        for signal, slot in self._pairs:
            signal.connect(slot)

    def cut(self) -> None:
        """Disconnect every pair (once; a model already gone is fine)."""
        for signal, slot in self._pairs:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self._pairs = []
