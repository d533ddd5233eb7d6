"""Hand edits of the weights while the stepper walks an update, with undo.

The graph shows the weights as the update has left them so far: halfway
through, some are updated and some not. An edit made there applies to the
weights the update started from, and the update begins again from them
(:meth:`~nnviz.core.lecture.stepping.BackpropWalk.apply_edit`). The model's undo
stack undoes the edit on the weights on show; :class:`HandEdits` remembers,
for each edit it took in, the update's exact start before and after it, so
that Edit → Undo and Redo give those back bit for bit (not a half-updated
weight put into the start of the update).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QUndoCommand, QUndoStack
from shiboken6 import isValid

from nnviz.core.lecture.stepping import BackpropWalk, UpdateStart
from nnviz.core.model.network import Network


class HandEdits:
    """The edits a walk took in, keyed by the model's undo commands."""

    def __init__(self, stack: QUndoStack) -> None:
        self._stack = stack
        #: (the undo command, the update's start before the edit, after it)
        self._edits: list[tuple[QUndoCommand, UpdateStart, UpdateStart]] = []
        self._index = stack.index()

    def forget(self) -> None:
        """After a reset, a new lesson or a training run: undoing an older edit
        then changes only that weight (the walk it started from is gone)."""
        self._edits = []
        self._index = self._stack.index()

    def take_in(self, walk: BackpropWalk, shown: Network, keep_count: bool = True) -> str:
        """The weights on show became ``shown`` (an edit, its undo or redo, or
        new weights from elsewhere): move ``walk`` to match. Returns "edit",
        "undo_redo", or "" when the walk did not change."""
        stack = self._stack
        index, last = stack.index(), self._index
        self._index = index
        known = None
        if index < last and index < stack.count():  # undo: the command at index was undone
            known = self._point(stack.command(index), before=True)
        elif index > last:  # redo, or a new edit
            known = self._point(stack.command(index - 1), before=False)
        if known is not None:
            walk.begin_at(known)
            return "undo_redo"
        now = walk.network()
        if all(np.array_equal(a, b) for a, b in zip(shown.weights + shown.biases, now.weights + now.biases, strict=True)):
            return ""
        before, after = walk.apply_edit(shown, keep_count=keep_count)
        if index > last:
            self._edits = [e for e in self._edits if isValid(e[0])]
            self._edits.append((stack.command(index - 1), before, after))
        return "edit"

    def _point(self, command: QUndoCommand, before: bool) -> UpdateStart | None:
        for cmd, start_before, start_after in self._edits:
            if cmd is command:
                return start_before if before else start_after
        return None

