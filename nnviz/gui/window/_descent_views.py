"""The gradient-descent dock of the main window (a mixin of ``MainWindow``).

:meth:`WindowDescent._build_descent_views` makes the
:class:`~nnviz.gui.training.descent_view.DescentView` (key ``"descent"``, View →
Gradient descent), a tab beside the Data dock, hidden until a lesson names it
in its ``views`` or the View menu shows it. Clicking an edge of the network
graph chooses its weights; its data and error are the lesson's: the training
panel's data, loss and batch order (seed, shuffle) in a training lesson, the
stepper's data in its order with the slides' E = ½‖d − y‖² otherwise
(cross-entropy for a softmax output).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from nnviz.core.errors import UserError
from nnviz.core.training.config import TrainingConfig
from nnviz.gui.training.descent_view import DescentProblem, DescentView


class WindowDescent:
    """Builds the gradient-descent dock and tells it the lesson's problem."""

    def _build_descent_views(self) -> None:
        self.descent_view = DescentView(self.model)
        self.descent_view.problem_source = self._descent_problem
        self._add_dock("descent", self.descent_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self._docks["data"], self._docks["descent"])
        self._docks["descent"].hide()
        self.menu_view.addAction(self._docks["descent"].toggleViewAction())
        self.network_view.edgeClicked.connect(self.descent_view.pick)

    def _descent_problem(self) -> DescentProblem | None:
        """The lesson's data, error, η and batch size, or None before a lesson."""
        lesson = self.lesson
        if lesson is None:
            return None
        if lesson.mode == "train":
            data = self.training.dataset()
            try:
                config = self.training.config()
                loss, eta, batch = config.loss, config.lr, config.batch_size
                seed, shuffle = config.seed, config.shuffle
            except UserError:  # a setting being typed: the lesson's own
                own = TrainingConfig()
                loss = lesson.training.get("loss", own.loss)
                eta = float(lesson.training.get("lr", 0.5))
                batch = int(lesson.training.get("batch_size", 0))
                seed = int(lesson.training.get("seed", own.seed))
                shuffle = bool(lesson.training.get("shuffle", own.shuffle))
        else:
            data = self.data_view.dataset()
            loss = "cross_entropy" if self.model.network.activations[-1] == "softmax" else "mse"
            # the stepper takes the samples in order, 0 … n − 1
            eta, batch, seed, shuffle = float(lesson.stepper.get("eta", 0.5)), 0, 0, False
        if data is None:
            return None
        return DescentProblem(data, loss, eta, batch, seed=seed, shuffle=shuffle, key=lesson.name)
