"""The test set's place in the training panel: a button "Evaluate on the test set" and the figures.

Shown only for data with a test part kept apart (MNIST's 10,000 test images,
:attr:`nnviz.core.data.dataset.Dataset.test`). :class:`TestSetView` asks for
an evaluation (``requested``) when its button is pressed; the panel answers
with :meth:`TestSetView.evaluate` on the weights on show, and does so itself
once at the end of every run. The figures come from
:func:`nnviz.core.training.test_set.evaluate` (no math here) and stay apart
from the training and validation curves, with a line that says why.
``evaluated(TestResult)`` hands the result (every test sample's predicted
class included) to whoever shows the mistakes.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from nnviz.core.data.dataset import Dataset
from nnviz.core.model.network import Network
from nnviz.core.training.test_set import TestResult, evaluate


class TestSetView(QWidget):
    """A button and a line of figures for the test part of the data on show."""

    __test__ = False  # not a pytest test class despite its name

    #: the button was pressed: the panel evaluates the weights on show
    requested = Signal()
    #: a new evaluation: the :class:`~nnviz.core.training.test_set.TestResult`
    evaluated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._test: Dataset | None = None
        self._result: TestResult | None = None
        self.button = QPushButton()
        self.button.clicked.connect(self.requested)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.button)
        layout.addWidget(self.label)
        self.retranslate()
        self.setVisible(False)

    def set_test(self, test: Dataset | None) -> None:
        """The test part of the data on show (None: the view hides); forgets the last figures."""
        self._test = test
        self._result = None
        self.setVisible(test is not None)
        self._show()

    def test(self) -> Dataset | None:
        return self._test

    def result(self) -> TestResult | None:
        """The last evaluation, or None since the data or the weights changed."""
        return self._result

    def forget(self) -> None:
        """The weights changed (Reset, another network): the figures no longer hold."""
        if self._result is not None:
            self._result = None
            self._show()

    def evaluate(self, network: Network, loss: str, epoch: int) -> TestResult | None:
        """Measure ``network`` (trained ``epoch`` epochs) on the test part and show it."""
        if self._test is None or network.layers[0] != self._test.n_features:
            return None
        self._result = evaluate(network, self._test, loss, epoch)
        self._show()
        self.evaluated.emit(self._result)
        return self._result

    def _show(self) -> None:
        test = self._test
        if test is None:
            self.label.setText("")
            return
        locale = QLocale()
        n = locale.toString(len(test.x))
        result = self._result
        if result is None:
            self.label.setText(self._idle_text.replace("%1", n))
            return
        text = self._result_text.replace("%1", n).replace("%2", str(result.epoch))
        text = text.replace("%3", locale.toString(100.0 * result.accuracy, "f", 1))
        text = text.replace("%4", locale.toString(result.loss, "g", 4))
        self.label.setText(text)

    def retranslate(self) -> None:
        self.button.setText(self.tr("Evaluate on the test set"))
        self.button.setToolTip(
            self.tr(
                "Measure the weights on show on the test images: never trained on and never used to "
                "choose a setting, they tell how the network does on data it has not seen."
            )
        )
        self._idle_text = self.tr(
            "%1 test images are kept apart: not trained on, not used for validation; they are "
            "measured at the end of each run."
        )
        self._result_text = self.tr("Test set (%1 images kept apart), after epoch %2: accuracy %3 %, error E %4")
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


if __name__ == "__main__":
    import numpy as np
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    rng = np.random.default_rng(0)
    demo = Dataset(rng.random((200, 4)), rng.integers(0, 3, 200), 3)
    net = Network.initialised([4, 5, 3], ["relu", "softmax"], seed=0)
    view = TestSetView()
    view.set_test(demo)
    view.requested.connect(lambda: view.evaluate(net, "cross_entropy", 0))
    view.show()
    sys.exit(app.exec())
