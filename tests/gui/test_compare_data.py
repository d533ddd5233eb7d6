"""Compare…'s small pictures keep the data the sweep trained on, and a regression gets a sentence, not a picture."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

from nnviz.core.data.dataset import Dataset, split
from nnviz.core.model.network import Network
from nnviz.gui.training import _small_multiples as multiples
from tests.gui.conftest import open_window

REGRESSION_SENTENCE = "No picture for a regression: compare its loss curves."


@pytest.fixture
def win(qtbot):
    w = open_window(qtbot, "hidden-size")
    w.persist_state = False
    yield w
    w.shutdown(save_state=False)
    w.close()


def _sweep(win, qtbot, param: str, values: str, epochs: int):
    """Run a comparison on the lesson on show to its end; the dialog and the data it trained on."""
    panel = win.training
    panel.form.epochs.setValue(epochs)
    dialog = panel.show_compare()
    dialog.choose(param, values)
    data = panel.dataset()
    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=120_000)
    return dialog, data


def _expected(run, epoch: int, dataset: Dataset) -> QImage:
    """The picture of ``run`` at ``epoch`` (its latest kept weights there) drawn from ``dataset`` alone,
    as the dialog scales it."""
    weights, biases = run.weights[_kept(run, epoch)]
    net = Network(run.network.layers, run.network.activations, weights, biases)
    return QPixmap.fromImage(multiples.picture(net, dataset)).scaled(
        multiples.SMALL_SIZE, multiples.SMALL_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.FastTransformation).toImage()


def _kept(run, epoch: int) -> int:
    """The epoch of the weights a run's picture shows at the slider's ``epoch``."""
    return max(e for e in run.weights if e <= epoch)


def _move_slider_after(win, dialog, lesson: str) -> int:
    """Open another lesson, then move the epoch slider back to an epoch whose pictures
    were not drawn yet (drawn only after the switch); that epoch."""
    runs = dialog._runs
    epoch = next(e for e in sorted({e for r in runs for e in r.weights}) if e < dialog.epoch.value()
                 and all((i, _kept(r, e)) not in dialog._cache for i, r in enumerate(runs)))
    assert win.load_lesson(lesson, raise_errors=True)
    dialog.epoch.setValue(epoch)
    dialog.draw_pending_pictures()
    assert dialog.epoch_label.text() == f"epoch {epoch}"
    return epoch


def test_pictures_of_a_2d_sweep_keep_its_data_after_switching_to_digits(win, qtbot):
    dialog, moons = _sweep(win, qtbot, "hidden_neurons", "2, 8", epochs=2000)
    assert moons.n_features == 2
    epoch = _move_slider_after(win, dialog, "digits")
    assert win.training.dataset().n_features == 64  # the window now shows the digits
    for label, run in zip(dialog._pictures, dialog._runs, strict=True):
        shown = label.pixmap().toImage()
        assert not shown.isNull()
        assert shown == _expected(run, epoch, moons)  # the decision regions over the moons it trained on


def test_pictures_of_a_digits_sweep_keep_its_data_after_switching_to_2d_points(win, qtbot):
    assert win.load_lesson("digits", raise_errors=True)
    dialog, digits = _sweep(win, qtbot, "hidden_neurons", "8, 32", epochs=2)
    assert digits.n_features == 64
    epoch = _move_slider_after(win, dialog, "circles")  # a 64-input net over 2-D points raised ValueError here
    assert win.training.dataset().n_features == 2
    for label, run in zip(dialog._pictures, dialog._runs, strict=True):
        shown = label.pixmap().toImage()
        assert not shown.isNull() and label.text() == ""
        assert shown == _expected(run, epoch, digits)  # the confusion matrix on the digits
    assert dialog._pictures[0].pixmap().toImage() != dialog._pictures[1].pixmap().toImage()


def test_a_regression_sweep_says_in_a_sentence_that_it_has_no_picture(win, qtbot):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(60, 2))
    data = split(Dataset(x, np.zeros(60), 0, "bowl", values=x[:, 0] ** 2 + x[:, 1]), 0.25)
    net = Network.initialised([2, 4, 1], ["tanh", "identity"], seed=0)
    win.training.load_problem(net, data, {"loss": "mse", "lr": 0.05})
    dialog, shown_data = _sweep(win, qtbot, "hidden_neurons", "2, 8", epochs=3)
    assert shown_data.is_regression
    for label in dialog._pictures:
        assert label.text() == REGRESSION_SENTENCE and label.isVisible()
        assert label.pixmap().isNull()  # no confusion matrix of classes it does not have
    dialog.epoch.setValue(1)
    dialog.draw_pending_pictures()
    assert [p.text() for p in dialog._pictures] == [REGRESSION_SENTENCE] * 2
    with pytest.raises(ValueError):
        multiples.picture(net, data)
    assert not multiples.has_picture(data) and multiples.has_picture(split(Dataset(x, x[:, 0] > 0, 2), 0.25))
