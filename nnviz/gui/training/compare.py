"""Compare: one setting over a few values, trained side by side (Plots → Compare…).

:class:`CompareDialog` asks the setting (batch size, hidden neurons or layers,
η, optimizer, L2/L1 λ, dropout p, early stopping) and its values, then trains
one run per value — the same data, initial weights and seed — in a
background thread (:class:`SweepWorker`; small networks several at once on
the compiled engine, :func:`nnviz.core.training.sweep.run_sweep`). Each run
joins the plots as a labelled earlier run as soon as it ends, and the dialog
shows small multiples — the decision regions of every run (2-D data) or its
confusion matrix (images) — at one epoch, chosen with a shared slider.
Stop ends every run at its next batch.
"""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
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

from nnviz.core.errors import UserError
from nnviz.core.model import regions
from nnviz.core.model.network import Network
from nnviz.core.session.record import run_record
from nnviz.core.training import sweep as core_sweep
from nnviz.core.training.runs import run_settings
from nnviz.gui.core_strings import translate_core, user_message

#: values offered for each setting when the dialog opens
DEFAULT_VALUES = {
    "batch_size": "1, 32, 0", "hidden_neurons": "2, 8, 64", "hidden_layers": "0, 1, 2", "lr": "0.01, 0.1, 1",
    "optimizer": "sgd, adam", "l2": "0, 0.001, 0.01", "l1": "0, 0.001, 0.01", "dropout": "0, 0.2, 0.5",
    "early_stopping": "off, on",
}
#: cells per side of a small region map
SMALL_GRID = 64
#: pixels of a small multiple
SMALL_SIZE = 150
#: runs trained at once (the compiled engine and torch release the GIL)
PARALLEL = 3


class SweepWorker(QObject):
    """Runs a sweep in its thread; signals reach the dialog in the GUI thread."""

    #: epochs done, epochs in all
    progressed = Signal(int, int)
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
        self._done = 0
        self._total = sum(r.config.epochs for r in runs)

    @Slot()
    def run(self) -> None:
        message = ""

        def progress(i: int, run, metrics) -> bool:
            self._done += 1
            self.progressed.emit(self._done, self._total)
            if metrics is not None and metrics.epoch >= run.config.epochs:
                self.runFinished.emit(i)
            return not self.stop_event.is_set()

        try:
            core_sweep.run_sweep(self.runs, self._dataset, progress, parallel=self._parallel,
                                 keep_weights=True, stop=self.stop_event)
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
        self._added: set[int] = set()
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
        self.epoch.setRange(1, 1)
        self.epoch.valueChanged.connect(self._draw_multiples)
        self.epoch_label = QLabel()
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
        self._runs, self._added = runs, set()
        self._finished: set[int] = set()
        self._next = 0
        small = all(r.network.n_parameters < 20_000 for r in runs) and config.engine in ("auto", "compiled")
        worker = SweepWorker(runs, dataset, PARALLEL if small else 1)
        thread = QThread()
        worker.moveToThread(thread)
        worker.progressed.connect(self._on_progress)
        worker.runFinished.connect(self._on_run_finished)
        worker.finished.connect(self._on_finished)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        self._thread, self._worker = thread, worker
        self.message.setText(self.tr("Training %1 runs…").replace("%1", str(len(runs))))
        self.compare_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.progress.setValue(0)
        self._clear_multiples()
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
        if self._thread is not None:
            return False
        return True

    def running(self) -> bool:
        return self._thread is not None

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(100 * done / max(total, 1)))

    def _on_run_finished(self, index: int) -> None:
        """Runs join the plots in the order of their values (parallel ones end in any order)."""
        self._finished.add(index)
        while self._next in self._finished:
            self._add_run(self._next)
            self._next += 1

    def _add_run(self, index: int) -> None:
        """A finished run joins the plots, labelled, in its own colour."""
        if index in self._added or not self._runs[index].history:
            return
        self._added.add(index)
        run = self._runs[index]
        table = run_record(run.history).table  # (accuracies in %, as the plots keep them)
        self._panel.plots_widget().add_run(run.label, table, run_settings(run.network, run.config), run.seconds)

    def _on_finished(self, message: str) -> None:
        for i in range(len(self._runs)):
            self._add_run(i)  # stopped ones too: what they did so far
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
        last = max((max(r.weights) for r in self._runs if r.weights), default=1)
        self.epoch.setRange(1, last)
        self.epoch.setValue(last)
        self._build_multiples()
        self._draw_multiples()

    # ---------------------------------------------------------- multiples
    def _clear_multiples(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._pictures: list[QLabel] = []

    def _build_multiples(self) -> None:
        self._clear_multiples()
        for i, run in enumerate(self._runs):
            picture, caption = QLabel(), QLabel(run.label)
            picture.setFixedSize(SMALL_SIZE, SMALL_SIZE)
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            col = i % 4
            row = 2 * (i // 4)
            self._grid.addWidget(picture, row, col)
            self._grid.addWidget(caption, row + 1, col)
            self._pictures.append(picture)

    def _draw_multiples(self) -> None:
        epoch = self.epoch.value()
        self.epoch_label.setText(self.tr("epoch %1").replace("%1", str(epoch)))
        dataset = self._panel.dataset()
        for picture, run in zip(getattr(self, "_pictures", []), self._runs, strict=False):
            known = [e for e in run.weights if e <= epoch]
            if not known or dataset is None:
                picture.clear()
                continue
            weights, biases = run.weights[max(known)]
            net = Network(run.network.layers, run.network.activations, weights, biases)
            picture.setPixmap(QPixmap.fromImage(_picture(net, dataset)).scaled(
                SMALL_SIZE, SMALL_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation))

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

    def closeEvent(self, event) -> None:
        self.stop()
        self.wait()
        super().closeEvent(event)


def _picture(net: Network, dataset) -> QImage:
    """The decision regions with the points (2-D data), else the confusion matrix."""
    if dataset.n_features == 2 and not getattr(dataset, "is_regression", False):
        bounds = regions.data_bounds(dataset.x)
        maps = regions.region_maps(net, bounds, n=SMALL_GRID, hidden_n=0)
        rgba = np.ascontiguousarray(maps.output_rgba[::-1])
        h, w = rgba.shape[:2]
        image = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
        image = image.scaled(SMALL_SIZE, SMALL_SIZE)
        (x0, x1), (y0, y1) = bounds[0:2], bounds[2:4]
        painter = QPainter(image)  # the points, as dots a projector shows
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(255, 255, 255), 0.8))
        for (px, py), label in zip(dataset.x, dataset.y, strict=True):
            cx = (px - x0) / (x1 - x0) * (SMALL_SIZE - 1)
            cy = (1 - (py - y0) / (y1 - y0)) * (SMALL_SIZE - 1)
            painter.setBrush(QColor(*regions.class_color(int(label))))
            painter.drawEllipse(QPointF(cx, cy), 2.6, 2.6)
        painter.end()
        return image
    pred = regions.predicted_classes(net, dataset.x[dataset.val_idx if dataset.val_idx.size else dataset.train_idx])
    truth = dataset.y[dataset.val_idx if dataset.val_idx.size else dataset.train_idx]
    k = max(int(dataset.n_classes), 2)
    m = regions.confusion_matrix(truth, pred, k).astype(np.float64)
    m /= np.maximum(m.sum(axis=1, keepdims=True), 1)
    grey = (255 - 255 * m).astype(np.uint8)
    rgba = np.dstack([grey, grey, grey, np.full_like(grey, 255)])
    rgba = np.ascontiguousarray(rgba)
    image = QImage(rgba.data, k, k, 4 * k, QImage.Format.Format_RGBA8888).copy()
    return image.scaled(SMALL_SIZE, SMALL_SIZE)
