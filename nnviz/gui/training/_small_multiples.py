"""The small multiples of Compare…: one run's picture at one epoch.

:func:`picture` draws the decision regions of a network over 2-D data (with
the data's points, :func:`points_layer`, drawn once and laid over every
picture) or, for other class data, its confusion matrix as grey cells. A
regression has no such picture (:func:`has_picture`): it has no classes, and
the dialog says so in a sentence instead.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from nnviz.core.model import regions
from nnviz.core.model.network import Network

#: cells per side of a small region map
SMALL_GRID = 64
#: pixels of a small multiple
SMALL_SIZE = 150


def picture(net: Network, dataset, points: QImage | None = None) -> QImage:
    """The decision regions with the points (2-D data; ``points``: :func:`points_layer`
    of ``dataset``, made once for every picture), else the confusion matrix.
    Class data only: see :func:`has_picture`."""
    if not has_picture(dataset):
        raise ValueError("a regression has no decision regions or confusion matrix")
    if has_regions(dataset):
        bounds = regions.data_bounds(dataset.x)
        maps = regions.region_maps(net, bounds, n=SMALL_GRID, hidden_n=0)
        rgba = np.ascontiguousarray(maps.output_rgba[::-1])
        h, w = rgba.shape[:2]
        image = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
        image = image.scaled(SMALL_SIZE, SMALL_SIZE).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        painter.drawImage(0, 0, points if points is not None else points_layer(dataset))
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


def has_picture(dataset) -> bool:
    """Whether :func:`picture` can draw the data: class data, not a regression."""
    return not getattr(dataset, "is_regression", False)


def has_regions(dataset) -> bool:
    return dataset.n_features == 2 and has_picture(dataset)


def points_layer(dataset) -> QImage:
    """The data's points as dots a projector shows, on a transparent picture the
    size of a small multiple (the same over every run and epoch: drawn once)."""
    image = QImage(SMALL_SIZE, SMALL_SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    bounds = regions.data_bounds(dataset.x)
    (x0, x1), (y0, y1) = bounds[0:2], bounds[2:4]
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(255, 255, 255), 0.8))
    xs = (np.asarray(dataset.x[:, 0], dtype=np.float64) - x0) / (x1 - x0) * (SMALL_SIZE - 1)
    ys = (1 - (np.asarray(dataset.x[:, 1], dtype=np.float64) - y0) / (y1 - y0)) * (SMALL_SIZE - 1)
    labels = np.asarray(dataset.y).astype(int)
    for label in np.unique(labels):  # one brush per class
        painter.setBrush(QColor(*regions.class_color(int(label))))
        for cx, cy in zip(xs[labels == label].tolist(), ys[labels == label].tolist(), strict=True):
            painter.drawEllipse(QPointF(cx, cy), 2.6, 2.6)
    painter.end()
    return image
