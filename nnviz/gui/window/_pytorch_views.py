"""View → PyTorch structure: the panel's dock and what it follows (a mixin of ``MainWindow``).

:meth:`WindowPytorchViews._build_pytorch_views` adds the
:class:`~nnviz.gui.lecture.pytorch_structure.PytorchStructurePanel` as the
dock "pytorch" (a tab beside the Data dock, hidden until the View menu or a
lesson's ``"views": ["pytorch"]`` shows it). Its text is the end of the script
File → Export → PyTorch script would write now (the same network, settings,
data kind, weights file and frozen biases, gathered by
``WindowScriptExport._script_problem``), in the interface language; it is
written again when the lesson, the network's architecture, the language or
the training's settings (on the form, and at each start) change.

The lit line follows the stepper's current step (its phase) and the training
run (``TrainingPanel.trainingStarted`` / ``trainingFinished`` and the
controller's per-epoch snapshots, at the pace of the panel's Speed box); see
the panel's module for what is lit when.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from nnviz.core.errors import UserError
from nnviz.core.training.pytorch_script import script_structure
from nnviz.gui import i18n
from nnviz.gui.core_strings import user_message
from nnviz.gui.lecture.pytorch_structure import PytorchStructurePanel


class WindowPytorchViews:
    """The PyTorch structure dock, lit in step with the stepper and the training."""

    def _build_pytorch_views(self) -> None:
        self.pytorch_structure = PytorchStructurePanel()
        #: (lesson, layers, activations, language) the text was written for
        self._pytorch_for: tuple | None = None
        self._pytorch_epoch = -1
        # a new lesson changes the model before the training panel has its data: write
        # the text once the lesson is all shown (the next turn of the event loop)
        self._pytorch_timer = QTimer(self, singleShot=True, interval=0, timeout=self._pytorch_refresh)
        self._add_dock("pytorch", self.pytorch_structure, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self._docks["data"], self._docks["pytorch"])
        self._docks["pytorch"].hide()
        # with the other panels' entries, above the View menu's first separator
        seps = [a for a in self.menu_view.actions() if a.isSeparator()]
        self.menu_view.insertAction(seps[0] if seps else None, self._docks["pytorch"].toggleViewAction())
        self.stepper.stateChanged.connect(self._pytorch_follow_stepper)
        self.model.architectureChanged.connect(self._pytorch_timer.start)
        self.model.weightsChanged.connect(self._pytorch_timer.start)  # a new lesson; cheap otherwise
        self.training.form.liveChanged.connect(self._pytorch_settings_changed)
        self.training.form.structureChanged.connect(self._pytorch_settings_changed)
        self.training.trainingStarted.connect(self._pytorch_training_started)
        self.training.trainingFinished.connect(self._pytorch_training_finished)
        self.training.controller.snapshot.connect(self._pytorch_snapshot)
        self._pytorch_refresh()
        self._pytorch_follow_stepper()

    # ------------------------------------------------------------- the text
    def _pytorch_refresh(self, force: bool = False) -> None:
        """Write the structure again when what it depends on changed (or ``force``)."""
        net = self.model.network
        key = (id(self.lesson), tuple(net.layers), tuple(net.activations), i18n.current_language(),
               self.stepper.dropout())  # the stepper's dropout switch adds nn.Dropout
        if not force and key == self._pytorch_for:
            return
        self._pytorch_for = key
        try:
            network, config, _source, dataset, freeze = self._script_problem()
        except UserError as exc:
            self.pytorch_structure.set_structure(None, user_message(exc))
            return
        regression = dataset is not None and dataset.is_regression
        structure = script_structure(
            network, config, i18n.current_language(), regression=regression, weights=True, freeze_biases=freeze
        )
        self.pytorch_structure.set_structure(structure)

    def _pytorch_settings_changed(self, *_) -> None:
        """A training setting changed on the form (η, batch size, layers…): the text again."""
        self._pytorch_for = None
        self._pytorch_timer.start()

    # ---------------------------------------------------------- the moments
    def _pytorch_follow_stepper(self) -> None:
        self._pytorch_timer.start()
        if self.training.controller.is_running():
            return
        walk = self.stepper.walk() if self.stepper.mode() == "mlp" else None
        if walk is None or self.stepper.lesson() is None:
            self.pytorch_structure.show_stage(None)
            return
        step = walk.step()
        self.pytorch_structure.show_phase(step.phase if step is not None else None)

    def _pytorch_pace(self) -> float:
        pace = self.training.speed.currentData()
        return float(pace) if pace is not None else 0.0

    def _pytorch_training_started(self) -> None:
        self._pytorch_refresh(force=True)  # the settings of this run
        self._pytorch_epoch = -1
        self.pytorch_structure.training_epoch(self._pytorch_pace())

    def _pytorch_snapshot(self, snapshot) -> None:  # noqa: ANN001 - a core Snapshot
        """Each new epoch the trainer reports lights the loop again, at the run's pace."""
        epoch = int(getattr(snapshot, "epoch", -1))
        if epoch != self._pytorch_epoch and not getattr(snapshot, "final", False):
            self._pytorch_epoch = epoch
            self.pytorch_structure.training_epoch(self._pytorch_pace())

    def _pytorch_training_finished(self, _how: str = "") -> None:
        self.pytorch_structure.training_stopped()
        self._pytorch_follow_stepper()
