"""PyTorch's basic structure, in step with the lecture (View → PyTorch structure).

The panel shows the lecture's "estructura básica" of the network on show, as
the exported script writes it (the very same lines:
:func:`~nnviz.core.training.pytorch_script.script_structure`): the class
``Net(nn.Module)`` with ``__init__`` and ``forward``, the instance, the loss
function, the optimizer and the loop over the epochs. The line of the loop
that matches what nnviz is doing is lit as it happens:

- **stepping** (:meth:`PytorchStructurePanel.show_phase`): before the first
  step of an update, ``optimizer.zero_grad()`` (a new update starts from zero
  gradients); the forward steps, ``output = model(...)``; the error E,
  ``error = criterion(...)``; the deltas and increments, ``loss.backward()``;
  the weight updates, ``optimizer.step()``;
- **training** (:meth:`training_epoch`, called once per epoch the trainer
  reports): a person sees at most a few lines a second, so the light follows
  the pace. At slow paces (up to :data:`WALK_MAX_PACE` epochs a second) it
  walks the five lines of the loop once per epoch, each line lit for a fifth
  of the epoch (at 1 epoch/s, 0.2 s a line; at 3 epochs/s, 67 ms); faster, or
  at full speed, thousands of updates a second would be a flicker, so the
  whole loop, from ``for epoch`` to ``optimizer.step()``, stays lit while it
  runs. When training stops the light goes out.

Monospace text at the window's presentation scale (:meth:`set_scale`).
Nothing is computed here: the window gives the structure
(:meth:`set_structure`) and the moments.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from nnviz.core.training.pytorch_script import LOOP_STAGES, ScriptStructure

#: the stepper's phase -> the loop's stage whose line it lights (None: before the first step)
PHASE_STAGES: dict[str | None, str] = {
    None: "zero_grad",
    "forward": "forward",
    "error": "loss",
    "backward": "backward",
    "update": "step",
}
#: the fastest training pace (epochs a second) at which the light walks the loop's lines
WALK_MAX_PACE = 3.0
#: the text's size in points at scale 1 (the panels' size; it grows with the scale)
CODE_PT = 10.0
#: the code keeps room for this many lines: the lit line with the loop's lines around it
MIN_LINES = 7


class PytorchStructurePanel(QWidget):
    """The structure's lines, the stage on show lit (module doc)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = 1.0
        self._structure: ScriptStructure | None = None
        #: what is lit: a stage of LOOP_STAGES, "loop" (the whole loop) or None
        self._stage: str | None = None
        self._walk_pace = 0.0
        self._walk_at = 0
        self._walk_timer = QTimer(self, timeout=self._walk_next)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.code = QPlainTextEdit()
        self.code.setObjectName("pytorchStructure")
        self.code.setReadOnly(True)
        self.code.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.message)
        lay.addWidget(self.code, 1)
        self.set_scale(1.0)
        self.retranslate()

    # ------------------------------------------------------------- reading
    def structure(self) -> ScriptStructure | None:
        return self._structure

    def text(self) -> str:
        """The code on show ('' when there is none)."""
        return self.code.toPlainText() if self._structure is not None else ""

    def stage(self) -> str | None:
        """What is lit: a stage of ``LOOP_STAGES``, "loop", or None."""
        return self._stage

    def highlighted_lines(self) -> list[int]:
        """Indices (0-based) of the lines lit now."""
        s, stage = self._structure, self._stage
        if s is None or stage is None:
            return []
        if stage == "loop":
            return list(range(s.loop[0], s.loop[1] + 1))
        return [s.stages[stage]]

    def highlighted_text(self) -> str:
        """The lit lines as they read on screen, stripped, one a line."""
        if self._structure is None:
            return ""
        return "\n".join(self._structure.lines[i].strip() for i in self.highlighted_lines())

    # ------------------------------------------------------------- changes
    def set_structure(self, structure: ScriptStructure | None, message: str = "") -> None:
        """Show ``structure``; None: ``message`` says why there is none (a perceptron)."""
        same = (
            structure is not None and self._structure is not None and structure.lines == self._structure.lines
        )
        self._structure = structure
        self.message.setText(message)
        self.message.setVisible(structure is None and bool(message))
        self.code.setVisible(structure is not None)
        if not same:
            self.code.setPlainText(structure.text if structure is not None else "")
        self._light()

    def show_stage(self, stage: str | None) -> None:
        """Light the line of ``stage`` (one of ``LOOP_STAGES``), the whole loop ("loop"), or nothing."""
        if stage is not None and stage != "loop" and stage not in LOOP_STAGES:
            raise ValueError(f"unknown stage {stage!r}")
        self._walk_timer.stop()
        self._set_stage(stage)

    def show_phase(self, phase: str | None) -> None:
        """The stepper's current step is of ``phase`` ("forward", "error", "backward",
        "update"; None before the first step of an update): light its line."""
        self.show_stage(PHASE_STAGES.get(phase))

    def training_epoch(self, pace: float) -> None:
        """An epoch began while training at ``pace`` epochs a second (0: full speed)."""
        if 0.0 < pace <= WALK_MAX_PACE:
            self._walk_pace = pace
            self._walk_at = 0
            self._walk_timer.start(max(1, round(1000.0 / (len(LOOP_STAGES) * pace))))
            self._set_stage(LOOP_STAGES[0])
        else:
            self.show_stage("loop")

    def training_stopped(self) -> None:
        self.show_stage(None)

    def _walk_next(self) -> None:
        self._walk_at += 1
        if self._walk_at >= len(LOOP_STAGES):
            # the epoch's lines are done: the last stays lit until the next epoch begins
            self._walk_timer.stop()
            return
        self._set_stage(LOOP_STAGES[self._walk_at])

    def _set_stage(self, stage: str | None) -> None:
        if stage != self._stage:
            self._stage = stage
            self._light()

    # ------------------------------------------------------------- drawing
    def _light(self) -> None:
        lines = self.highlighted_lines()
        selections = []
        colour = self._light_colour()
        doc = self.code.document()
        for i in lines:
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(colour)
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            cursor = QTextCursor(doc.findBlockByNumber(i))
            sel.cursor = cursor
            selections.append(sel)
        self.code.setExtraSelections(selections)
        self._scroll_to_light()

    def _scroll_to_light(self) -> None:
        """The lit lines in the middle of the view, with the loop's lines around them."""
        lines = self.highlighted_lines()
        if lines:
            block = self.code.document().findBlockByNumber(lines[len(lines) // 2])
            self.code.setTextCursor(QTextCursor(block))
            self.code.centerCursor()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's signature
        super().showEvent(event)
        QTimer.singleShot(0, self._scroll_to_light)  # once laid out: a hidden view has no height

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's signature
        super().resizeEvent(event)
        self._scroll_to_light()

    def _light_colour(self) -> QColor:
        """A highlight that reads on either theme: the palette's, softened on a light base."""
        pal = self.palette()
        colour = QColor(pal.color(QPalette.ColorRole.Highlight))
        if pal.color(QPalette.ColorRole.Base).lightnessF() > 0.5:
            colour.setAlpha(110)
        return colour

    # ------------------------------------------------------ scale, texts
    def set_scale(self, factor: float) -> None:
        """Presentation scale 1x..3x: the code grows with it."""
        self._scale = min(3.0, max(1.0, float(factor)))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(CODE_PT * self._scale)
        self.code.setFont(font)
        frame = 2 * self.code.frameWidth() + round(self.code.document().documentMargin() * 2)
        bar = self.code.horizontalScrollBar().sizeHint().height()
        self.code.setMinimumHeight(round(self.code.fontMetrics().lineSpacing() * MIN_LINES) + frame + bar)
        text = QFont(self.font())
        text.setPointSizeF(10.0 * self._scale)
        self.message.setFont(text)

    def scale(self) -> float:
        return self._scale

    def retranslate(self) -> None:
        self.code.setToolTip(self.tr(
            "The basic structure of a network in PyTorch, for the network on show: the class Net (its "
            "architecture in __init__, its forward method), the instance, the loss function, the "
            "optimizer and the loop. The same lines as File → Export → PyTorch script; the lit line is "
            "what the stepper or the training is doing now."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._light()
        super().changeEvent(event)


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from nnviz.core.lessons import load_lesson
    from nnviz.core.training.config import TrainingConfig
    from nnviz.core.training.pytorch_script import script_structure

    # python -m nnviz.gui.lecture.pytorch_structure [--grab FILE.png]
    app = QApplication(sys.argv[:1])
    panel = PytorchStructurePanel()
    lesson = load_lesson("spiral")
    panel.set_structure(script_structure(lesson.network, TrainingConfig.from_dict(lesson.training), "es"))
    panel.show_phase("backward")
    panel.resize(900, 700)
    panel.show()
    if "--grab" in sys.argv:
        app.processEvents()
        sys.exit(0 if panel.grab().save(sys.argv[sys.argv.index("--grab") + 1]) else 1)
    sys.exit(app.exec())
