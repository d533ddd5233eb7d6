"""After a crash: the autosaved weights come back in every view, not only the graph."""

import numpy as np
import pytest

from tests.gui.conftest import open_window


def _window(qtbot, preset):
    win = open_window(qtbot, preset, activate=True)  # the keys go to the window, as on a desktop
    win.persist_state = False
    return win


def _close(*windows):
    for w in windows:
        w.shutdown(save_state=False)
        w.close()


def _params(net):
    return [w.copy() for w in net.weights], [b.copy() for b in net.biases]


def _share_differing(a, b):
    """Share of pixels whose colour differs visibly (numba and numpy round apart)."""
    return float(np.mean(np.abs(a.astype(int) - b.astype(int)).max(axis=-1) > 8))


def _assert_params(net, params):
    for a, b in zip(net.weights + net.biases, params[0] + params[1]):
        np.testing.assert_array_equal(a, b)


@pytest.fixture
def crash_then_restart(qtbot, monkeypatch):
    """Train ``lesson`` for ``epochs`` in one window, "kill" it, start another
    with ``--preset overfitting`` and answer Yes to the recovery question."""
    opened = []

    def run(lesson, epochs):
        first = _window(qtbot, lesson)
        opened.append(first)
        first.training.train_epochs_blocking(epochs)
        trained = _params(first.model.network)
        first.autosave.save_now()  # the process dies here: no shutdown
        monkeypatch.delenv("NNVIZ_NO_AUTOSAVE_PROMPT", raising=False)
        from PySide6.QtWidgets import QMessageBox

        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        second = _window(qtbot, "overfitting")
        opened.append(second)
        second.offer_recovery()
        for win in opened:  # a zoom or resize redraws the regions 60 ms later
            win.resize(1400, 900)
        qtbot.wait(300)
        return first, second, trained

    yield run
    _close(*opened)


def test_restored_spiral_shows_the_trained_network_everywhere(crash_then_restart, qtbot):
    first, second, trained = crash_then_restart("spiral", 40)
    assert second.lesson.name == "spiral"
    _assert_params(second.model.network, trained)
    # the same regions, misclassified marks and hidden-neuron maps as the trained window
    a, b = first.training.regions_view(), second.training.regions_view()
    assert a.data_view.bounds() == b.data_view.bounds()
    assert _share_differing(b.data_view.region_image(), a.data_view.region_image()) < 0.01
    np.testing.assert_array_equal(b.data_view.marked(), a.data_view.marked())
    assert b.hidden_maps.grab().toImage() == a.hidden_maps.grab().toImage()
    # the marks are the points the trained network gets wrong (computed here)
    net = second.model.network
    ds = second.training.dataset()
    wrong = np.flatnonzero((net.forward(ds.x)[-1][:, 0] >= 0.5).astype(int) != ds.y)
    np.testing.assert_array_equal(np.sort(b.data_view.marked()), wrong)
    # and not those of the untrained network of the lesson
    fresh = _window(qtbot, "spiral")
    fresh.resize(1400, 900)
    qtbot.wait(300)
    try:
        untrained = fresh.training.regions_view()
        assert _share_differing(untrained.data_view.region_image(), b.data_view.region_image()) > 0.2
        assert b.hidden_maps.grab().toImage() != untrained.hidden_maps.grab().toImage()
    finally:
        _close(fresh)
    # the counter says how far it was trained, not "epoch 0"
    assert first.training.counters.text().startswith("epoch 40 · 1000 updates")
    assert second.training.counters.text() == "epoch 40 · 1000 updates"
    # training goes on from the restored weights and counts on from epoch 40
    second.training.train_epochs_blocking(2)
    assert "epoch 42" in second.training.counters.text()


def test_restored_digits_shows_the_trained_confusion_matrix(crash_then_restart):
    first, second, trained = crash_then_restart("digits", 3)
    assert second.lesson.name == "digits"
    _assert_params(second.model.network, trained)
    got = second.training.image_views().confusion.matrix()
    want = first.training.image_views().confusion.matrix()
    assert got.sum() > 0
    np.testing.assert_array_equal(got, want)
    # counted with the trained weights here, independently of the views
    net, ds = second.model.network, second.training.dataset()
    idx = ds.val_idx
    pred = np.argmax(net.forward(ds.x[idx])[-1], axis=1)
    assert np.trace(got) == int(np.sum(pred == ds.y[idx]))
    assert "epoch 3" in second.training.counters.text()


def test_a_language_switch_keeps_the_restored_epoch_count(crash_then_restart, qtbot):
    _first, second, _trained = crash_then_restart("spiral", 5)
    second.set_language("es")
    try:
        qtbot.waitUntil(lambda: "época" in second.training.counters.text())
        assert second.training.counters.text().startswith("época 5 ")
    finally:
        second.set_language("en")


def test_a_stepper_lesson_comes_back_at_the_same_step_of_the_same_update(qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from nnviz.core.lessons import load_lesson

    first = _window(qtbot, "backprop-2-2-2")
    try:
        for _ in range(20):  # the output weights are updated, the hidden ones not yet
            qtbot.keyClick(first, Qt.Key.Key_Space)
        assert first.model.network.weights[1][0, 0] != 0.4
        first.autosave.save_now()  # the process dies here
        monkeypatch.delenv("NNVIZ_NO_AUTOSAVE_PROMPT", raising=False)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        second = _window(qtbot, "mlp-xor")
        try:
            second.offer_recovery()
            assert second.lesson.name == "backprop-2-2-2"
            # the half-updated weights of that step, walked to again from the update's start
            _assert_params(second.model.network, _params(first.model.network))
            walk, back = first.stepper.walk(), second.stepper.walk()
            assert (back.pos, back.update_number) == (walk.pos, 1)
            _assert_params(back.trace.network_before, _params(load_lesson("backprop-2-2-2").network))
            second.stepper.finish_update()  # update 1, whole, from the lecture's weights
            assert second.model.network.weights[1][0, 0] == pytest.approx(0.35891648, abs=1e-8)
        finally:
            _close(second)
    finally:
        _close(first)
