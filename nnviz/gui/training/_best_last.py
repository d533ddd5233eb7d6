"""The toggle between the best and the last weights after early stopping.

Early stopping puts the best epoch's weights back; the last epoch's show what
the network had memorised by then (a boundary that wraps every noisy point).
:class:`BestLastToggle` is offered once a run ended that way (the final
:class:`~nnviz.core.training.records.Snapshot` carries both) and says which
weights it wants on show through :attr:`BestLastToggle.chosen`; the training
panel puts them in the network model, and every view follows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from nnviz.core.training.records import Snapshot


class BestLastToggle(QCheckBox):
    """Checked: the last epoch's weights on show; unchecked: the best epoch's (restored)."""

    #: the weights and biases to show now
    chosen = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._best: tuple[list[np.ndarray], list[np.ndarray]] | None = None
        self._last: tuple[list[np.ndarray], list[np.ndarray]] | None = None
        self._best_epoch = self._last_epoch = 0
        self.toggled.connect(self._on_toggled)
        self.setVisible(False)
        self.retranslate()

    def offer(self, snap: Snapshot | None, epoch_offset: int = 0) -> None:
        """After a run: offered when early stopping restored the best weights (``snap``
        carries the last ones), hidden otherwise; the best weights are on show.
        ``epoch_offset`` is added to the run's epoch numbers (a run that went on)."""
        if snap is None or snap.last_weights is None or snap.last_biases is None:
            self.forget()
            return
        self._best = ([w.copy() for w in snap.weights], [b.copy() for b in snap.biases])
        self._last = ([w.copy() for w in snap.last_weights], [b.copy() for b in snap.last_biases])
        self._best_epoch = snap.best_epoch + epoch_offset if snap.best_epoch else 0
        self._last_epoch = snap.epoch + epoch_offset
        self.blockSignals(True)
        self.setChecked(False)
        self.blockSignals(False)
        self.retranslate()
        self.setVisible(True)

    def forget(self) -> None:
        """No choice to offer (a new run, other weights, another lesson)."""
        self._best = self._last = None
        self.blockSignals(True)
        self.setChecked(False)
        self.blockSignals(False)
        self.setVisible(False)

    def is_offered(self) -> bool:
        return self._best is not None

    def showing_last(self) -> bool:
        """True while the last epoch's weights are the ones on show."""
        return self.is_offered() and self.isChecked()

    def _on_toggled(self, checked: bool) -> None:
        pair = self._last if checked else self._best
        if pair is not None:
            self.chosen.emit([w.copy() for w in pair[0]], [b.copy() for b in pair[1]])

    def retranslate(self) -> None:
        self.setText(self.tr("Show the last epoch's weights ({0}) instead of the best ({1})").format(
            self._last_epoch, self._best_epoch))
        self.setToolTip(self.tr(
            "Early stopping put the weights of the best epoch back. Tick to see what the network "
            "had memorised by the last epoch; untick to go back to the best weights."))

    def changeEvent(self, event: Any) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
