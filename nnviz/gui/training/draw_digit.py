"""Draw a digit and watch the network read it: the "Draw a digit" panel.

``DrawDigitPanel(model)`` puts a :class:`~nnviz.gui.training.drawing_pad.DrawingPad`
beside what the network makes of it. As the user draws, the pad's bitmap is
preprocessed in the core as the training images were
(:func:`nnviz.core.data.digit_pad.pad_input`: MNIST's 20x20 box centred by
centre of mass in 28x28 for 784 inputs, the UCI digits' 4x4 block counts for
64), fed through the :class:`~nnviz.gui.network.model.NetworkModel`
(``show_sample``: the graph lights every neuron's output), and the class
probabilities appear as bars with the class names, with a small picture of
the input the network got.

Updates are throttled, not queued: the first change after a quiet spell goes
through at once, later ones at most every :attr:`DrawDigitPanel.UPDATE_MS`
(about 60 a second, each a fraction of a millisecond of numpy), so the graph
follows the pen at its own repaint rate. New weights (a training run, an
edit) run the drawing through again, so a digit left on the pad is read
afresh as the network learns. A network without 784 or 64 inputs cannot
read a drawing: the panel says so and the pad is off.
"""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nnviz.core.data import digit_pad
from nnviz.core.model.graph_layout import output_classes
from nnviz.core.model.regions import class_probabilities
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training._links import Links
from nnviz.gui.training.drawing_pad import DrawingPad
from nnviz.gui.training.probability_bars import ProbabilityBars

#: on-screen pixels per input pixel of the small "what the network sees" picture
_PREVIEW_PX = 84


class DrawDigitPanel(QWidget):
    """A drawing pad, the network's answer as bars, and the input it read."""

    #: at most one run through the network per this many milliseconds while drawing
    UPDATE_MS = 8

    def __init__(self, model: NetworkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._scale = 1.0
        self._last_push = -math.inf
        #: the input last fed to the model (to take it back on Clear), or None
        self._shown_input: np.ndarray | None = None
        #: the pad's ``generation`` that the model shows now (-1: none)
        self.shown_generation = -1
        #: the weights changed while the panel was out of sight
        self._weights_unread = False
        self.pad = DrawingPad()
        self.bars = ProbabilityBars()
        self.answer = QLabel()
        self.answer.setObjectName("drawAnswer")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_caption = QLabel()
        self.preview_caption.setWordWrap(True)
        self.preview_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.clear_button = QPushButton()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self._timer = QTimer(self, singleShot=True, timeout=self._push)
        self._build()
        self.pad.changed.connect(self._on_pad_changed)
        self.clear_button.clicked.connect(self.pad.clear)
        self._links = Links(
            (model.architectureChanged, self._follow_network),
            (model.outputNamesChanged, self._follow_names),
            (model.weightsChanged, self._on_weights),
        )
        self.retranslate()
        self._follow_network()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self.pad, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.preview, 0, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(self.preview_caption, 1, 1)
        grid.setColumnStretch(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.answer)
        layout.addWidget(self.bars)
        layout.addWidget(self.note)
        layout.addStretch(1)

    # ------------------------------------------------------------ queries
    def supported(self) -> bool:
        """True when the network on show can read a drawing (784 or 64 inputs, classes out)."""
        layers = self._model.network.layers
        return digit_pad.supports(layers[0]) and layers[-1] >= 2

    def class_names(self) -> list[str]:
        net = self._model.network
        names = output_classes(net.layers[-1], net.activations[-1], self._model.output_names)
        return names or [str(k) for k in range(net.layers[-1])]

    def shown_input(self) -> np.ndarray | None:
        """The input the drawing gave the network last (a copy), or None."""
        return None if self._shown_input is None else self._shown_input.copy()

    # ------------------------------------------------------------ following
    def _follow_network(self) -> None:
        ok = self.supported()
        self.pad.setEnabled(ok)
        self.clear_button.setEnabled(ok)
        self.note.setVisible(not ok)
        self._show_note()
        if ok:
            self.pad.set_pen_width(digit_pad.pen_width(self._model.network.layers[0]))
        self._follow_names()
        self._shown_input = None
        self.shown_generation = -1
        if ok and not self.pad.is_blank():
            self._schedule()  # the same drawing, read by the new network
        else:
            self._show_answer(None)

    def _follow_names(self) -> None:
        self.bars.set_names(self.class_names() if self.supported() else [])
        if self._shown_input is not None:
            self._show_answer(self._probabilities())

    def on_screen(self) -> bool:
        """Shown and not behind another tab (a tabbed dock that is not the current
        tab stays "visible" to Qt, moved out of sight)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def _on_weights(self) -> None:
        if not self.supported() or self.pad.is_blank():
            return
        if self.on_screen():
            # through the timer: a training frame sets its own outputs right after
            # the weights, and the drawing should win while it is on screen
            self._schedule(at_once=False)
        else:  # out of sight the training's own sample keeps the graph
            self._weights_unread = True

    def paintEvent(self, event) -> None:
        if self._weights_unread:  # back on screen: read the drawing with the new weights
            self._weights_unread = False
            self._schedule(at_once=False)
        super().paintEvent(event)

    def _on_pad_changed(self) -> None:
        if self.supported():
            self._schedule()

    def _schedule(self, at_once: bool = True) -> None:
        """Run the drawing through the network now, or when UPDATE_MS have passed since the last run."""
        if self._timer.isActive():
            return  # the pending run will read the newest drawing
        wait = self.UPDATE_MS / 1000.0 - (time.perf_counter() - self._last_push)
        if wait <= 0 and at_once:
            self._push()
        else:
            self._timer.start(max(0, math.ceil(wait * 1000)))

    def _push(self) -> None:
        """Preprocess the pad's bitmap, show it in the network, and its answer here."""
        self._last_push = time.perf_counter()
        if not self.supported():
            return
        generation = self.pad.generation
        if self.pad.is_blank():
            self._take_back()
            self.shown_generation = generation
            return
        x = digit_pad.pad_input(self.pad.bitmap(), self._model.network.layers[0])
        self._shown_input = x
        self._model.show_sample(x)
        self.shown_generation = generation
        self._show_answer(self._probabilities())
        self._show_preview(x)

    def _take_back(self) -> None:
        """The pad was cleared: the network forgets the drawing (not another sample shown since)."""
        acts = self._model.activations
        if self._shown_input is not None and acts and np.array_equal(acts[0], self._shown_input):
            self._model.set_activations([])
        self._shown_input = None
        self._show_answer(None)
        self.preview.clear()

    def _probabilities(self) -> np.ndarray | None:
        acts = self._model.activations
        if not acts:
            return None
        return class_probabilities(acts[-1][None, :], self._model.network.activations[-1])[0]

    def _show_answer(self, probabilities: np.ndarray | None) -> None:
        self.bars.set_values(probabilities)
        best = self.bars.answer()
        if best < 0:
            self.answer.setText(self._no_answer)
            return
        names = self.bars.names()
        percent = QLocale().toString(100.0 * float(self.bars.values()[best]), "f", 1)
        self.answer.setText(self._answer_text.format(names[best], percent))

    def _show_preview(self, x: np.ndarray) -> None:
        side = digit_pad.image_side(len(x))
        grey = np.ascontiguousarray(np.rint(255.0 * (1.0 - np.clip(x, 0.0, 1.0))).astype(np.uint8).reshape(side, side))
        image = QImage(grey.data, side, side, side, QImage.Format.Format_Grayscale8).copy()
        px = max(1, round(_PREVIEW_PX * self._scale / side)) * side  # whole screen pixels per input pixel
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(px, px))

    # ------------------------------------------------------------ settings
    def set_scale(self, factor: float) -> None:
        self._scale = float(np.clip(factor, 1.0, 3.0))
        self.pad.set_scale(self._scale)
        self.bars.set_scale(self._scale)
        font = QFont(self.font())
        font.setPixelSize(round(18 * self._scale))
        font.setBold(True)
        self.answer.setFont(font)
        if self._shown_input is not None:
            self._show_preview(self._shown_input)

    # ------------------------------------------------------------ words
    def retranslate(self) -> None:
        self.hint.setText(self.tr("Draw a digit with the mouse or a pen. Right click or Esc clears the pad."))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Empty the pad (Esc, or a right click on it)"))
        self._no_answer = self.tr("Draw: the network answers as you draw.")
        self._answer_text = self.tr("The network reads: {0} ({1} %)")
        self._note_text = self.tr(
            "Drawing needs a network with 784 inputs (a 28×28 image, MNIST) or 64 inputs (8×8, the digits "
            "lesson); the network on show has {0}."
        )
        self._caption_text = self.tr("What the network gets: {0}×{0}, preprocessed as its training images")
        self._show_note()
        self._show_answer(self._probabilities() if self._shown_input is not None else None)

    def _show_note(self) -> None:
        n = self._model.network.layers[0]
        self.note.setText(self._note_text.format(QLocale().toString(n)))
        side = digit_pad.image_side(n) if digit_pad.supports(n) else 0
        self.preview_caption.setText(self._caption_text.format(side) if side else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self._timer.stop()
        self._links.cut()
        super().closeEvent(event)


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from nnviz.core.lessons import load_lesson
    from nnviz.core.model.network import Network
    from nnviz.gui.network.view import NetworkView

    app = QApplication(sys.argv)
    if len(sys.argv) > 1 and sys.argv[1] == "mnist":
        net = Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=0)
    else:
        net = load_lesson("digits").network
    model = NetworkModel(net)
    window = QWidget()
    row = QHBoxLayout(window)
    row.addWidget(NetworkView(model), 1)
    row.addWidget(DrawDigitPanel(model))
    window.resize(1400, 700)
    window.show()
    sys.exit(app.exec())
