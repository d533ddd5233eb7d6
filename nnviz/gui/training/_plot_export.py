"""Export of the training plots (a mixin of ``TrainingPlots``): each plot as a
PNG, the current run's metrics as CSV; the PNG… and CSV… buttons ask where."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pyqtgraph.exporters
from PySide6.QtWidgets import QFileDialog

from nnviz.core.model.network import atomic_write_text


class PlotExport:
    """PNG and CSV export (a mixin of TrainingPlots; emits its ``exported`` signal)."""

    def export_png(self, path: str | Path, which: str = "loss", width: int = 1600) -> Path:
        """Write the loss or accuracy plot (``which``) as a PNG ``width`` pixels wide."""
        self.refresh()
        plot = self.loss_plot if which == "loss" else self.acc_plot
        exporter = pyqtgraph.exporters.ImageExporter(plot.getPlotItem())
        exporter.parameters()["width"] = int(width)
        exporter.export(str(path))
        self.exported.emit(str(path))
        return Path(path)

    def export_csv(self, path: str | Path) -> Path:
        """Write the current run's metrics as CSV (accuracies as fractions, as ``nnviz train``)."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        names = ["epoch", "train_loss", "val_loss", "train_acc", "val_acc", "updates", "penalty", "lr",
                 "batch_size"]
        w.writerow(names)
        cols = self.metrics_table()
        cols["train_acc"] = cols["train_acc"] / 100.0
        cols["val_acc"] = cols["val_acc"] / 100.0
        for i in range(self.point_count()):
            row = []
            for name in names:
                v = float(cols[name][i])
                if name in ("epoch", "updates", "batch_size"):
                    row.append(str(int(v)))
                elif math.isnan(v):
                    row.append("")
                else:
                    row.append(repr(v))
            w.writerow(row)
        atomic_write_text(path, out.getvalue())
        self.exported.emit(str(path))
        return Path(path)

    def _ask_export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export loss plot as PNG"), "loss.png",
                                              self.tr("PNG images (*.png)"))
        if path:
            self.export_png(path, "loss")
            stem = Path(path)
            self.export_png(stem.with_name(stem.stem + "-accuracy" + stem.suffix), "acc")

    def _ask_export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export metrics as CSV"), "metrics.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)
