"""Compare: one setting over a few values, trained side by side (Plots → Compare…).

:class:`CompareDialog` asks the setting (batch size, hidden neurons or layers,
η, optimizer, L2/L1 λ, dropout p, early stopping) and its values, then trains
one run per value — the same data, initial weights and seed — in a
background thread (:class:`SweepWorker`; small networks several at once on
the compiled engine, :func:`nnviz.core.training.sweep.run_sweep`). Every run
joins the plots as a labelled run when the comparison starts and its curves
grow as its epochs arrive: the worker only collects them, and the dialog takes
them in batches a few times a second (no Qt signal per epoch, no per-epoch
work in the GUI thread). Beside the plots, small multiples — the decision
regions of every run (2-D data) or its confusion matrix (images; a sentence
for a regression), drawn by :mod:`~nnviz.gui.training._small_multiples` — at
one epoch, chosen with a shared slider: each run keeps its weights at a
bounded number of epochs (:func:`nnviz.core.training.sweep.snapshot_epochs`),
and a picture is computed only for the slider's epoch (then cached). The
pictures use the data the sweep trained on, kept from its start: another
lesson or data loaded meanwhile does not change them. Stop ends every run at
its next batch.
"""

from __future__ import annotations

import hashlib
import threading

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training import sweep as core_sweep
from nnviz.core.training.runs import run_settings
from nnviz.gui.core_strings import translate_core, user_message
from nnviz.gui.training import _small_multiples as multiples
from nnviz.gui.training._small_multiples import SMALL_SIZE

#: values offered for each setting when the dialog opens
DEFAULT_VALUES = {
    "batch_size": "1, 32, 0", "hidden_neurons": "2, 8, 64", "hidden_layers": "0, 1, 2", "lr": "0.01, 0.1, 1",
    "optimizer": "sgd, adam", "l2": "0, 0.001, 0.01", "l1": "0, 0.001, 0.01", "dropout": "0, 0.2, 0.5",
    "early_stopping": "off, on",
}
#: runs trained at once (the compiled engine and torch release the GIL)
PARALLEL = 3
#: milliseconds between two batches of new epochs taken into the plots
TAKE_MS = 200
#: milliseconds between two redraws of the small multiples while the runs train
PICTURES_MS = 2000


class SweepWorker(QObject):
    """Runs a sweep in its thread. New epochs wait in the worker until the
    dialog takes them (:meth:`take`); signals only say that a run or the sweep ended."""

    #: a run ended (its index)
    runFinished = Signal(int)
    #: the sweep ended; a sentence when it failed, else ""
    finished = Signal(str)

    def __init__(self, runs: list[core_sweep.SweepRun], dataset, parallel: int) -> None:
        super().__init__()
        self.runs = runs
        self._dataset = dataset
        self._parallel = parallel
        self.stop_event = threading.Event()
        self._lock = threading.Lock()
        self._new: dict[int, list] = {}
        self._done = 0
        self.total = sum(r.config.epochs for r in runs)

    def take(self) -> tuple[dict[int, list], int]:
        """The epochs finished since the last call (by run index) and the epochs done in all."""
        with self._lock:
            new, self._new = self._new, {}
            return new, self._done

    @Slot()
    def run(self) -> None:
        message = ""

        def progress(i: int, run, metrics) -> bool:
            if metrics is not None:
                with self._lock:
                    self._new.setdefault(i, []).append(metrics)
                    self._done += 1
            return not self.stop_event.is_set()

        try:
            core_sweep.run_sweep(self.runs, self._dataset, progress, parallel=self._parallel,
                                 keep_weights=True, stop=self.stop_event,
                                 ended=lambda i, _run: self.runFinished.emit(i))
        except UserError as exc:
            message = user_message(exc)
        except Exception as exc:  # noqa: BLE001 - a sweep that fails ends with a sentence, not a hung thread
            message = str(exc)
        self.finished.emit(message)


class CompareDialog(QDialog):
    """Choose a setting and its values; train them side by side; see them at one epoch."""

    def __init__(self, panel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panel = panel
        self._thread: QThread | None = None
        self._worker: SweepWorker | None = None
        self._runs: list[core_sweep.SweepRun] = []
        #: the data the sweep trains on (its pictures use it, whatever the panel shows later)
        self._dataset: Dataset | None = None
        #: the plots' number of each run (its handle there)
        self._numbers: list[int] = []
        self._ended: set[int] = set()
        #: (run index, kept epoch) and (layers, activations, hash of the weights) -> picture, drawn once
        self._cache: dict[tuple, QPixmap] = {}
        #: the data's points, drawn once for every picture
        self._points: QImage | None = None
        self._pictures: list[QLabel] = []
        self._to_draw: list[int] = []
        #: runs trained at once on the compiled engine (the benchmark sets 1 to compare)
        self.parallel = PARALLEL
        self.setModal(False)
        self.param = QComboBox()
        for key in core_sweep.PARAMETERS:
            self.param.addItem(key, key)
        self.param.currentIndexChanged.connect(self._on_param)
        self.values = QLineEdit()
        self.seeds = QSpinBox()
        self.seeds.setRange(1, 5)
        self.compare_button = QPushButton(clicked=self.start)
        self.stop_button = QPushButton(clicked=self.stop)
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.epoch = QSlider(Qt.Orientation.Horizontal)
        self.epoch.setRange(0, 0)
        self.epoch.valueChanged.connect(self._draw_multiples)
        self.epoch_label = QLabel()
        self._take_timer = QTimer(self, interval=TAKE_MS)
        self._take_timer.timeout.connect(self._take)
        self._pictures_timer = QTimer(self, interval=PICTURES_MS)
        self._pictures_timer.timeout.connect(self._follow_epochs)
        self._picture_step = QTimer(self, interval=0, singleShot=True)  # one picture per turn of the loop
        self._picture_step.timeout.connect(self._draw_next_picture)
        self._grid = QGridLayout()
        form = QFormLayout()
        self._param_label, self._values_label, self._seeds_label = QLabel(), QLabel(), QLabel()
        form.addRow(self._param_label, self.param)
        form.addRow(self._values_label, self.values)
        form.addRow(self._seeds_label, self.seeds)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.progress, 1)
        slider = QHBoxLayout()
        slider.addWidget(self.epoch_label)
        slider.addWidget(self.epoch, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addLayout(slider)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        self.retranslate()
        self._on_param()

    def choose(self, param: str, values: str) -> None:
        """Set the setting and its values (a lesson's suggestion, tests)."""
        self.param.setCurrentIndex(max(self.param.findData(param), 0))
        self.values.setText(values)

    def _on_param(self) -> None:
        self.values.setText(DEFAULT_VALUES.get(self.param.currentData(), ""))

    # ------------------------------------------------------------- running
    def start(self) -> bool:
        """Train one run per value in the background; False (and a sentence) on bad input."""
        if self._thread is not None or self._panel.state != "idle":
            return False
        panel = self._panel
        try:
            param = self.param.currentData()
            values = core_sweep.parse_values(param, self.values.text())
            config = panel.config()
            dataset = panel.dataset()
            if dataset is None:
                raise UserError("There is no data to train on.")
            seeds = tuple(range(self.seeds.value())) if self.seeds.value() > 1 else None
            runs = core_sweep.sweep_runs(panel.initial_network(), config, core_sweep.Sweep(param, values, seeds),
                                         translate_core)
        except UserError as exc:
            self.message.setText(user_message(exc))
            return False
        self._runs, self._ended, self._cache, self._points = runs, set(), {}, None
        self._dataset = dataset
        plots = panel.plots_widget()
        # every run joins the plots now, in the order of its value, and grows as it trains
        self._numbers = [plots.start_run(r.label, run_settings(r.network, r.config)) for r in runs]
        small = all(r.network.n_parameters < 20_000 for r in runs) and config.engine in ("auto", "compiled")
        worker = SweepWorker(runs, dataset, self.parallel if small else 1)
        thread = QThread()
        worker.moveToThread(thread)
        worker.runFinished.connect(self._on_run_finished)
        worker.finished.connect(self._on_finished)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        self._thread, self._worker = thread, worker
        self.message.setText(self.tr("Training %1 runs…").replace("%1", str(len(runs))))
        self.compare_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.progress.setValue(0)
        self._build_multiples()
        self.epoch.blockSignals(True)
        self.epoch.setRange(0, 0)
        self.epoch.setValue(0)
        self.epoch.blockSignals(False)
        self._draw_multiples()
        self._take_timer.start()
        self._pictures_timer.start()
        thread.start()
        return True

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop_event.set()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Wait for the sweep to end (tests, closing); True once it has."""
        thread = self._thread
        if thread is None:
            return True
        from PySide6.QtCore import QElapsedTimer

        clock = QElapsedTimer()
        clock.start()
        while self._thread is not None and clock.elapsed() < timeout_ms:
            QCoreApplication.processEvents()
            thread.wait(20)
        return self._thread is None

    def running(self) -> bool:
        return self._thread is not None

    def _take(self) -> None:
        """Bring the epochs finished since the last time into the plots, in one batch."""
        if self._worker is None:
            return
        new, done = self._worker.take()
        if new:
            self._panel.plots_widget().extend_runs({self._numbers[i]: m for i, m in new.items()})
        self.progress.setValue(int(100 * done / max(self._worker.total, 1)))

    def _on_run_finished(self, index: int) -> None:
        """A run ended: its last epochs, its seconds and best epoch join the plots."""
        self._take()
        self._end_run(index)

    def _end_run(self, index: int) -> None:
        if index in self._ended:
            return
        self._ended.add(index)
        run = self._runs[index]
        self._panel.plots_widget().end_run(self._numbers[index], run.seconds, run.best_epoch)

    def _on_finished(self, message: str) -> None:
        self._take()
        for i in range(len(self._runs)):
            self._end_run(i)  # stopped ones too: what they did so far
        self._take_timer.stop()
        self._pictures_timer.stop()
        if self._thread is not None:
            self._thread.quit()  # (the queued quit would wait for this thread: ask it directly)
            self._thread.wait()
            self._thread.deleteLater()
        self._thread, self._worker = None, None
        self.compare_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        stopped = any(r.status == "stopped" for r in self._runs)
        self.message.setText(message or (self.tr("Stopped.") if stopped else self.tr(
            "Done: %1 runs, now in the plots and in Runs….").replace("%1", str(len(self._runs)))))
        self._follow_epochs(force=True)
        self.draw_pending_pictures()  # the last pictures at once: nothing trains any more

    # ---------------------------------------------------------- multiples
    def _last_kept(self) -> int:
        return max((max(list(r.weights)) for r in self._runs if r.weights), default=0)

    def _follow_epochs(self, force: bool = False) -> None:
        """The slider reaches the newest kept epoch; it follows it while the user leaves it at the end."""
        last = self._last_kept()
        at_end = self.epoch.value() >= self.epoch.maximum()
        self.epoch.setMaximum(max(last, 0))
        if at_end or force:
            if self.epoch.value() == last:
                self._draw_multiples()
            else:
                self.epoch.setValue(last)  # (draws them)

    def _clear_multiples(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._pictures = []
        self._to_draw = []

    def _build_multiples(self) -> None:
        self._clear_multiples()
        plots = self._panel.plots_widget()
        for i, run in enumerate(self._runs):
            picture, caption = QLabel(), QLabel(run.label)
            picture.setFixedSize(SMALL_SIZE, SMALL_SIZE)
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setWordWrap(True)  # (a sentence where there is no picture)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            colour = plots.run_color(self._numbers[i])
            if colour is not None:  # the caption in the run's colour in the plots: which picture is which curve
                caption.setText(f"<span style='color: rgb{tuple(colour)}'>━━</span> "
                                + run.label.replace("&", "&amp;").replace("<", "&lt;"))
            col = i % 4
            row = 2 * (i // 4)
            self._grid.addWidget(picture, row, col)
            self._grid.addWidget(caption, row + 1, col)
            self._pictures.append(picture)

    def _draw_multiples(self) -> None:
        """Every run's picture at the slider's epoch (the latest kept one before it), one at a time."""
        self.epoch_label.setText(self.tr("epoch %1").replace("%1", str(self.epoch.value())))
        self._to_draw = list(range(len(self._pictures)))
        self._draw_next_picture()

    def draw_pending_pictures(self) -> None:
        """Draw now the pictures still waiting for their turn (tests, screenshots)."""
        while self._to_draw:
            self._draw_next_picture()

    def _draw_next_picture(self) -> None:
        if not self._to_draw:
            return
        i = self._to_draw.pop(0)
        if self._to_draw:
            self._picture_step.start()
        picture, run, epoch = self._pictures[i], self._runs[i], self.epoch.value()
        dataset = self._dataset
        if dataset is not None and not multiples.has_picture(dataset):
            picture.setText(self.tr("No picture for a regression: compare its loss curves."))
            return
        known = [e for e in list(run.weights) if e <= epoch]
        if not known or dataset is None:
            picture.clear()
            return
        kept = max(known)
        pixmap = self._cache.get((i, kept))
        if pixmap is None:
            weights, biases = run.weights[kept]
            # the same weights, the same picture: runs that start alike share their first one
            same = hashlib.blake2b(digest_size=16)
            for a in (*weights, *biases):
                same.update(np.ascontiguousarray(a).tobytes())
            key = (tuple(run.network.layers), tuple(run.network.activations), same.digest())
            pixmap = self._cache.get(key)
            if pixmap is None:
                net = Network(run.network.layers, run.network.activations, weights, biases)
                if self._points is None and multiples.has_regions(dataset):
                    self._points = multiples.points_layer(dataset)
                pixmap = QPixmap.fromImage(multiples.picture(net, dataset, self._points)).scaled(
                    SMALL_SIZE, SMALL_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.FastTransformation)
                self._cache[key] = pixmap
            self._cache[(i, kept)] = pixmap
        picture.setPixmap(pixmap)

    # ----------------------------------------------------------- language
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare"))
        self._param_label.setText(self.tr("setting"))
        self._values_label.setText(self.tr("values (commas)"))
        self._seeds_label.setText(self.tr("runs per value (seeds)"))
        self.compare_button.setText(self.tr("Compare"))
        self.stop_button.setText(self.tr("Stop"))
        names = {
            "batch_size": self.tr("batch size (0 = full set)"), "hidden_neurons": self.tr("hidden neurons"),
            "hidden_layers": self.tr("hidden layers"), "lr": self.tr("learning rate η"),
            "optimizer": self.tr("optimizer"), "l2": self.tr("L2 λ"), "l1": self.tr("L1 λ"),
            "dropout": self.tr("dropout p"), "early_stopping": self.tr("early stopping"),
        }
        for i in range(self.param.count()):
            self.param.setItemText(i, names[self.param.itemData(i)])
        self.epoch_label.setText(self.tr("epoch %1").replace("%1", str(self.epoch.value())))

    def changeEvent(self, event: QEvent) -> None:
        # the Language menu while the dialog is open: its texts switch at once
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self.stop()
        self.wait()
        self._picture_step.stop()
        super().closeEvent(event)
