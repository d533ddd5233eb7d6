"""The training panel: every setting of the slides' second half, and the run.

``TrainingPanel(model)`` holds the controls (data, layers, loss, optimizer,
η, batch size, epochs, L2/L1 λ, dropout, early stopping, device, engine),
the Train / Pause / Resume / Stop / Reset buttons, a progress bar and the
counters. It drives a :class:`~nnviz.gui.training.worker.TrainingController`
(the trainer in a QThread) and shows its snapshots, at most ~30 frames a
second, in:

- the loss/accuracy plots (:meth:`plots_widget`, a :class:`TrainingPlots`),
- the decision regions for 2-D data, or the confusion matrix and first-layer
  weights for image data (:meth:`regions_widget`),
- the :class:`~nnviz.gui.network.model.NetworkModel` (``set_parameters``,
  ``set_activations``), so the network graph recolours live.

η, batch size, momentum and the λs can change while training; the trainer
applies them at the next batch. For the main window: :meth:`load_lesson`,
:meth:`stop_and_wait` (closeEvent), :meth:`train_epochs_blocking` (``nnviz
shot --epochs N``), signals ``trainingStarted`` and ``trainingFinished(str)``.

The class is split by responsibility into mixins, each in its own module:
``_controls`` (the controls, their layout and their words), ``_drawn_data``
(points drawn on the data plot as the data, also mid-run), ``_run_control``
(Train / Pause / Resume / Stop / Reset and the worker's signals) and
``_frames`` (snapshots to staged repaints on a frame clock). This module keeps
what ties them together: the views it owns, the data set and the network on
show, and loading a lesson or a problem.
"""

from __future__ import annotations

import math
import sys
import time
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.lessons import Lesson
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.gui.core_strings import translate_core, user_message
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training._controls import PanelControls
from nnviz.gui.training._drawn_data import PanelDrawnData
from nnviz.gui.training._frames import FrameScheduling
from nnviz.gui.training._run_control import PanelRunControl
from nnviz.gui.training.image_views import ImageViews
from nnviz.gui.training.mistakes_gallery import MistakesGallery
from nnviz.gui.training.plots import TrainingPlots
from nnviz.gui.training.regions import RegionsView
from nnviz.gui.training.test_set_view import TestSetView
from nnviz.gui.wheel_guard import guard_wheel


class TrainingPanel(PanelControls, PanelDrawnData, PanelRunControl, FrameScheduling, QWidget):
    """Training controls; drives the worker and feeds the live views."""

    #: a run started (the stepper pauses)
    trainingStarted = Signal()
    #: a run ended: "completed", "early_stopping", "stopped" or "diverged"
    trainingFinished = Signal(str)

    def __init__(self, model: NetworkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._dataset: Dataset | None = None
        self._initial: Network = model.network.copy()
        self._epoch_offset = 0
        self._update_offset = 0
        self._custom_dataset: Dataset | None = None
        self._init_run_control()

        self._plots = TrainingPlots()
        self._plots.set_auto_refresh(False)  # repainted on this panel's frame clock
        self._regions = RegionsView()
        self._images = ImageViews(model)
        #: the misclassified validation images (the main window docks it)
        self._mistakes = MistakesGallery(model)
        self._data_stack = QStackedWidget()
        self._data_stack.addWidget(self._regions)
        self._data_stack.addWidget(self._images)

        self._init_frame_clock()
        #: the test part of the data (MNIST's test images): a button and its figures
        self.test_set = TestSetView()
        self.test_set.requested.connect(self.evaluate_test)
        self.trainingFinished.connect(self._test_after_run)
        # every run is labelled by what it changed from the run before, and timed
        self.trainingStarted.connect(self._label_run)
        self._plots.compare_button.clicked.connect(self.show_compare)
        self.trainingFinished.connect(self._time_run)

        self._build_controls()
        self._init_drawn_data()
        # after the controls' own slot: the controller knows the new pace
        self.speed.currentIndexChanged.connect(self._on_speed_for_dropout)

        model.architectureChanged.connect(self._on_model_architecture)
        model.weightsChanged.connect(self._on_model_weights)
        self._regions.data_view.pointClicked.connect(self._on_point_clicked)
        self.retranslate()
        guard_wheel(self)  # the speed box; the form guards its own fields
        # no data set until a lesson is loaded or Train is pressed: building one here
        # would replace the network another panel (the stepper) is showing
        self._set_state("idle")

    # ------------------------------------------------------------ embedding
    def plots_widget(self) -> TrainingPlots:
        """The loss/accuracy plots (the main window's Plots dock)."""
        return self._plots

    def regions_widget(self) -> QWidget:
        """Decision regions (2-D data) or confusion matrix and weights (images)."""
        return self._data_stack

    def regions_view(self) -> RegionsView:
        return self._regions

    def image_views(self) -> ImageViews:
        return self._images

    def mistakes_widget(self) -> MistakesGallery:
        """The misclassified validation images of image data (the main window's Mistakes dock)."""
        return self._mistakes

    def dataset(self) -> Dataset | None:
        return self._dataset

    def config(self) -> TrainingConfig:
        """The settings on screen, validated (raises UserError)."""
        return self.form.config()

    @property
    def state(self) -> str:
        """"idle", "running" or "paused"."""
        return self._state

    def load_lesson(self, lesson: Lesson) -> None:
        """Show a lesson's network, data and training settings (stops a run first)."""
        self.stop_and_wait()
        self._custom_dataset = lesson.given_data  # imported or drawn data, else None
        #: the comparison the lesson suggests (Plots → Compare…), or None
        self._lesson_compare = dict(getattr(lesson, "compare", None) or {}) or None
        self.form.load(lesson.network, lesson.data, lesson.training)
        self._show_problem(lesson.network, lesson.dataset())
        self.set_pace(lesson.pace)

    def set_pace(self, epochs_per_s: float) -> None:
        """Choose the offered speed nearest ``epochs_per_s`` (0: full speed)."""
        paces = [float(self.speed.itemData(i)) for i in range(self.speed.count())]
        nearest = min(range(len(paces)), key=lambda i: abs(paces[i] - epochs_per_s))
        self.speed.setCurrentIndex(nearest)

    def show_parameters(
        self, weights: list[Any], biases: list[Any], epoch: int = 0, updates: int = 0
    ) -> None:
        """Show given weights (a recovered autosave) in every view: the graph, the
        regions and hidden-neuron maps or the confusion matrix, and the counters at
        ``epoch``/``updates``. The curves start empty; Train goes on from here."""
        self.stop_and_wait()
        self._model.set_parameters(weights, biases)
        self._reset_views(keep_old_runs=False)
        self._last_snapshot = None
        self._epoch_offset, self._update_offset = int(epoch), int(updates)
        self.counters.setText(self._counter_text.format(self._epoch_offset, self._update_offset))

    def restore_progress(
        self, network: Network, epochs: int, updates: int, runs: list[dict[str, Any]], optimizer: Any
    ) -> None:
        """Show a saved state again (a session file): the weights, the counters,
        every run's curves and the optimizer's memory, so that Train goes on as
        if the window had never closed."""
        self.show_parameters(network.weights, network.biases, epochs, updates)
        self._plots.restore_runs(runs)
        self._plots.refresh()  # its repaints otherwise wait for the frame clock of a run
        self.keep_optimizer_state(optimizer)
        if runs:  # the counters say how the last epoch ended, as after a run
            table = runs[-1]["table"]
            acc = next((float(table[k][-1]) for k in ("val_acc", "train_acc")
                        if len(table[k]) and math.isfinite(table[k][-1])), math.nan)
            loss = next((float(table[k][-1]) for k in ("val_loss", "train_loss")
                         if len(table[k]) and math.isfinite(table[k][-1])), math.nan)
            text = self._counter_text.format(self._epoch_offset, self._update_offset)
            if math.isfinite(acc):
                text += " · " + self._acc_text.format(QLocale().toString(acc, "f", 1))
            elif math.isfinite(loss):
                text += " · " + self._loss_text.format(QLocale().toString(loss, "g", 3))
            self.counters.setText(text)
            ds = self._dataset
            if ds is not None and len(ds.x):  # the sample a run shows in the graph: the trainer's probe
                probe = self.controller._probe
                if probe is None or not 0 <= probe < len(ds.x):
                    probe = int(ds.val_idx[0] if ds.val_idx.size else ds.train_idx[0])
                if self._model.network.layers[0] == ds.n_features:
                    self._model.show_sample(ds.x[probe])
            if self.test_set.test() is not None:  # the test figures, as after the run
                self.evaluate_test()

    def _label_run(self) -> None:
        """A run's first Train: name it by what differs from the run before it."""
        from nnviz.core.training.runs import difference_label, run_settings

        plots = self._plots
        if plots.current_settings is not None:
            return  # Train after Stop: the same run goes on
        try:
            settings = run_settings(self._model.network, self.form.config())
        except UserError:
            return
        # the earlier runs (the current one has no colour of its own)
        earlier = [r["settings"] for r in plots.runs() if r["color"] is not None and r["settings"] is not None]
        plots.current_settings = settings
        if not (plots.point_count() and plots.current_label):  # (a run reopened keeps its label)
            plots.current_label = difference_label(earlier[-1] if earlier else None, settings, translate_core)
        plots.runsChanged.emit()

    def show_compare(self):
        """Plots → Compare…: a setting over a few values, trained side by side (the dialog, made once)."""
        from nnviz.gui.training.compare import CompareDialog

        if getattr(self, "_compare", None) is None:
            self._compare = CompareDialog(self, self.window())
        suggestion = getattr(self, "_lesson_compare", None)
        if suggestion and not self._compare.running():
            self._compare.choose(suggestion.get("param", "batch_size"), suggestion.get("values", ""))
        self._compare.show()
        self._compare.raise_()
        return self._compare

    def _time_run(self, _status: str) -> None:
        self._plots.current_seconds += max(0.0, time.perf_counter() - self._run_started)
        self._plots.runsChanged.emit()

    def initial_network(self) -> Network:
        """The weights Reset goes back to (a copy)."""
        return self._initial.copy()

    def spec_on_show(self, lesson_data: dict[str, Any]) -> dict[str, Any] | None:
        """The generator spec that makes exactly the data on show (points and
        split): the form's, or the lesson's ``lesson_data`` (the form names one
        seed for the points and the split, a lesson two); None when neither does."""
        from nnviz.core.data import datasets

        shown = self._dataset
        if shown is None or self.uses_given_data():
            return None
        form = self.form.data_spec()
        for spec in (form, lesson_data):
            if spec.get("kind") != form.get("kind"):
                continue
            try:
                made = datasets.make(spec)
            except UserError:
                continue
            if all(np.array_equal(getattr(made, k), getattr(shown, k)) for k in ("x", "y", "train_idx", "val_idx")):
                return spec
        return None

    def uses_given_data(self) -> bool:
        """Whether the data trained on came from outside the form's generators
        (an imported table, image files, points drawn on the plot)."""
        return self.form.data_kind.currentData() == "custom" or self.drawn_points_in_use()

    def progress_counts(self) -> tuple[int, int]:
        """Epochs and updates done on the weights on show (saved with the autosave)."""
        snap = self._last_snapshot
        if self._state != "idle" and snap is not None:
            return snap.epoch, snap.updates
        return self._epoch_offset, self._update_offset

    def load_problem(
        self, network: Network, dataset: Dataset, training: dict[str, Any] | None = None
    ) -> None:
        """Train ``network`` on a data set built elsewhere (a CSV, MNIST files, a benchmark)."""
        self.stop_and_wait()
        self._custom_dataset = dataset
        spec = {"kind": "custom", "val_fraction": len(dataset.val_idx) / max(len(dataset.x), 1)}
        self.form.load(network, spec, training or {})
        self._show_problem(network, dataset)

    def _show_problem(self, network: Network, dataset: Dataset) -> None:
        self._forget_drawing()
        self._reset_from = None
        self._initial = network.copy()
        self._model.set_network(network)
        self._set_dataset(dataset)
        self._reset_views(keep_old_runs=False)
        self._show_message("")

    def set_scale(self, factor: float) -> None:
        self._arrange_buttons(two_rows=factor >= 1.5)
        self._plots.set_scale(factor)
        self._regions.set_scale(factor)
        self._images.set_scale(factor)
        self._mistakes.set_scale(factor)

    # ------------------------------------------------------------- structure
    def _on_structure_changed(self) -> None:
        """Data or layers changed on the form: new data set and fresh weights."""
        if self._state != "idle":
            return
        self._rebuild_from_form(keep_network=False)

    def _rebuild_from_form(self, keep_network: bool) -> None:
        try:
            custom = self.form.data_kind.currentData() == "custom" and self._custom_dataset is not None
            ds = self._custom_dataset if custom else self.form.dataset()
            net = self.form.network(ds, self._model.network if keep_network else None)
        except UserError as exc:
            self._show_message(user_message(exc), error=True)
            return
        self._show_message("")
        self._initial = net.copy()
        if not keep_network or not net.same_architecture(self._model.network):
            self._model.set_network(net)
        self._set_dataset(ds)
        self._reset_views(keep_old_runs=True)
        self._announce_size(net, ds)

    def _announce_size(self, net: Network, ds: Dataset) -> None:
        """Say what a big network costs (memory, time an epoch) once it is built."""
        from nnviz.core.training import costs

        try:
            batch = self.form.config().batch_size
        except UserError:
            batch = 32
        n_params, megabytes, seconds = costs.epoch_estimate(net.layers, len(ds.train_idx) or len(ds.x), batch)
        if n_params < costs.BIG_NETWORK_PARAMETERS:
            return
        locale = QLocale()
        self._show_message(
            self.tr("A big network: %1 has %2 million weights (%3 MB); an epoch on this data takes "
                    "about %4 s on this computer's CPU.")
            .replace("%1", "-".join(map(str, net.layers)))
            .replace("%2", locale.toString(n_params / 1e6, "f", 1))
            .replace("%3", locale.toString(round(megabytes)))
            .replace("%4", locale.toString(seconds, "g", 2))
        )

    def _on_model_architecture(self) -> None:
        # the network was replaced elsewhere (file opened, lesson): follow it
        if self._state == "idle":
            self.form.show_network(self._model.network)
            self._regions.set_network(self._model.network)

    def _on_model_weights(self) -> None:
        # weights changed outside a run (an edit, an undo of Reset): the regions,
        # the hidden-neuron maps and the confusion matrix follow them
        if self._state == "idle" and not self.controller.is_running():
            net = self._model.network
            self._regions.set_network(net)
            if self._dataset is not None and self._dataset.n_features != 2:
                self._images.set_network(net)
            self._follow_undone_reset()

    def _follow_undone_reset(self) -> None:
        """Undo and redo of Reset bring the epoch and update counters along."""
        if self._reset_from is None:
            return
        trained, epochs, updates = self._reset_from
        weights = self._model.network.weights

        def same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
            return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))

        if same(weights, trained):
            counts = (epochs, updates)
        elif same(weights, self._initial.weights):
            counts = (0, 0)
        else:
            return
        self._epoch_offset, self._update_offset = counts
        self.counters.setText(self._counter_text.format(*counts))

    def _on_point_clicked(self, index: int) -> None:
        """A click on a point shows its way through the network (the graph's neuron outputs)."""
        ds = self._dataset
        if ds is not None and 0 <= index < len(ds.x) and self._model.network.layers[0] == ds.n_features:
            self._model.show_sample(ds.x[index])
            self._regions.data_view.set_marked([index], self._probe_text)

    def _set_dataset(self, ds: Dataset) -> None:
        self._dataset = ds
        two_d = ds.n_features == 2
        self._data_stack.setCurrentWidget(self._regions if two_d else self._images)
        self._regions.set_dataset(ds if two_d else None)
        self._images.set_dataset(ds)
        self.test_set.set_test(ds.test)
        self._mistakes.set_dataset(ds)
        # a regression has no accuracy: its plot would stay empty
        self._plots.acc_plot.setVisible(not ds.is_regression)

    def _reset_views(self, keep_old_runs: bool) -> None:
        self._pending = None
        self._stages = []
        self._frame.stop()
        self._epoch_offset = self._update_offset = 0
        self._run_epochs0 = 0
        self._kept_optimizer = None  # its weights are no longer the ones on show
        if keep_old_runs:
            self._plots.new_run()
        else:
            self._plots.clear_old_runs()
            self._plots.clear()
        net = self._model.network
        self._regions.set_network(net)
        if self._dataset is not None and self._dataset.n_features != 2:
            self._images.set_network(net)
        self.test_set.forget()  # figures of weights no longer on show
        self.best_last.forget()
        self.progress.setValue(0)
        self.counters.setText(self._counter_text.format(0, 0))

    # -------------------------------------------------------------- test set
    def evaluate_test(self) -> Any:
        """Measure the weights on show on the test part (a TestResult, or None without one)."""
        try:
            loss = self.form.config().loss
        except UserError:
            loss = self.form.loss.currentData()
        return self.test_set.evaluate(self._model.network, loss, self.progress_counts()[0])

    def _test_after_run(self, status: str) -> None:
        # once at the end of every run that leaves trained weights
        if status in ("completed", "early_stopping", "stopped") and self.test_set.test() is not None:
            self.evaluate_test()

    # ---------------------------------------------------------------- events
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # the counters' height follows the font
            self._fit_counters()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.stop_and_wait()
        super().closeEvent(event)


if __name__ == "__main__":
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter

    from nnviz.core.lessons import load_lesson

    app = QApplication(sys.argv)
    lesson = load_lesson(sys.argv[1] if len(sys.argv) > 1 else "spiral")
    model = NetworkModel(lesson.network)
    panel = TrainingPanel(model)
    panel.load_lesson(lesson)
    win = QMainWindow()
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(panel)
    split.addWidget(panel.regions_widget())
    split.addWidget(panel.plots_widget())
    win.setCentralWidget(split)
    win.resize(1600, 800)
    win.show()
    code = app.exec()
    panel.stop_and_wait()
    sys.exit(code)
