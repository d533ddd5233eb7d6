"""TrainingPanel: trains through the real controller, live views, controls, clean close."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.core.lessons import load_lesson
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training.panel import TrainingPanel


@pytest.fixture
def panel(qtbot):
    lesson = load_lesson("spiral")
    model = NetworkModel(lesson.network)
    p = TrainingPanel(model)
    qtbot.addWidget(p)
    p.load_lesson(lesson)
    p.resize(420, 700)
    p.show()
    p.regions_widget().resize(500, 600)
    p.regions_widget().show()
    yield p
    p.stop_and_wait()
    p.regions_widget().close()
    p.plots_widget().close()


def test_spiral_trains_a_few_epochs_and_every_view_follows(panel, qtbot):
    model = panel._model
    w0 = model.network.weights[0].copy()
    panel.form.epochs.setValue(4)
    with qtbot.waitSignal(panel.trainingStarted, timeout=5000):
        qtbot.mouseClick(panel.train_button, _left())
    assert not panel.train_button.isEnabled() and panel.stop_button.isEnabled()
    with qtbot.waitSignal(panel.trainingFinished, timeout=60000) as done:
        pass
    assert done.args == ["completed"]
    assert panel.plots_widget().point_count() == 4
    qtbot.waitUntil(lambda: panel.plots_widget()._curves["val_loss"].getData()[0] is not None)
    assert len(panel.plots_widget()._curves["val_loss"].getData()[0]) == 4
    assert not np.allclose(model.network.weights[0], w0)  # the graph's model recoloured
    assert model.activations  # probe sample shown
    assert panel.regions_view().data_view.region_image() is not None
    assert "epoch 4" in panel.counters.text()
    assert panel.progress.value() == 100
    assert panel.train_button.isEnabled()
    engine = panel.engine_label.text()
    assert engine.startswith(("Compiled engine", "NumPy engine", "PyTorch"))  # the engine and why, once
    assert engine.count("ompiled engine") <= 1


def test_train_again_continues_the_curves_and_reset_keeps_a_faint_run(panel, qtbot):
    panel.form.epochs.setValue(2)
    for _ in range(2):
        with qtbot.waitSignal(panel.trainingFinished, timeout=60000):
            panel.train_button.click()
    x = panel.plots_widget().metrics_table()["epoch"]
    np.testing.assert_array_equal(x, [1, 2, 3, 4])
    panel.reset_button.click()
    assert panel.plots_widget().point_count() == 0
    assert panel.plots_widget().old_run_count() == 1
    np.testing.assert_allclose(panel._model.network.weights[0], load_lesson("spiral").network.weights[0])


def test_changing_eta_mid_run_reaches_the_trainer(panel, qtbot):
    panel.form.epochs.setValue(100000)
    panel.train_button.click()
    qtbot.waitUntil(lambda: panel.plots_widget().point_count() >= 1, timeout=30000)
    panel.form.lr.setValue(0.0005)
    # the epochs' metrics report the learning rate the trainer used
    qtbot.waitUntil(lambda: 0.0005 in panel.plots_widget().metrics_table()["lr"], timeout=30000)
    panel.form.batch_size.setValue(64)
    qtbot.waitUntil(lambda: 64 in panel.plots_widget().metrics_table()["batch_size"], timeout=30000)
    assert not panel.form.hidden.isEnabled()  # structure is locked while training
    with qtbot.waitSignal(panel.trainingFinished, timeout=10000):
        panel.stop_button.click()


def test_pause_and_resume(panel, qtbot):
    panel.form.epochs.setValue(100000)
    panel.train_button.click()
    qtbot.waitUntil(lambda: panel.plots_widget().point_count() >= 1, timeout=30000)
    panel.pause_button.click()
    assert panel.state == "paused" and panel.resume_button.isEnabled()
    qtbot.wait(300)
    n = panel.plots_widget().point_count()
    qtbot.wait(400)
    assert panel.plots_widget().point_count() <= n + 1  # at most the epoch in flight
    panel.resume_button.click()
    qtbot.waitUntil(lambda: panel.plots_widget().point_count() > n + 1, timeout=30000)
    with qtbot.waitSignal(panel.trainingFinished, timeout=10000):
        panel.stop_button.click()


def test_closing_mid_training_leaves_no_thread(qtbot):
    lesson = load_lesson("spiral")
    panel = TrainingPanel(NetworkModel(lesson.network))
    qtbot.addWidget(panel)
    panel.load_lesson(lesson)
    panel.form.epochs.setValue(100000)
    panel.show()
    panel.train_button.click()
    qtbot.waitUntil(lambda: panel.plots_widget().point_count() >= 1, timeout=30000)
    panel.close()
    assert panel.state == "idle"
    assert not panel.controller.is_running()


def test_divergence_shows_a_message_suggesting_a_smaller_eta(qtbot):
    lesson = load_lesson("spiral")
    panel = TrainingPanel(NetworkModel(lesson.network))
    qtbot.addWidget(panel)
    panel.load_lesson(lesson)
    panel.form.output.setCurrentIndex(panel.form.output.findData("identity"))
    panel.form.loss.setCurrentIndex(panel.form.loss.findData("mse"))
    panel.form.optimizer.setCurrentIndex(panel.form.optimizer.findData("sgd"))
    panel.form.lr.setValue(10.0)
    panel.form.epochs.setValue(50)
    with qtbot.waitSignal(panel.trainingFinished, timeout=60000) as done:
        panel.train_button.click()
    assert done.args == ["diverged"]
    assert not panel.message.isHidden()
    assert "learning rate" in panel.message.text()
    assert all(np.all(np.isfinite(w)) for w in panel._model.network.weights)  # last finite weights


def test_blocking_training_for_nnviz_shot(panel):
    snap = panel.train_epochs_blocking(3)
    assert snap.epoch == 3
    assert panel.plots_widget().point_count() == 3
    assert panel.regions_view().data_view.region_image() is not None


def test_digits_show_a_confusion_matrix_instead_of_regions(qtbot):
    lesson = load_lesson("digits")
    panel = TrainingPanel(NetworkModel(lesson.network))
    qtbot.addWidget(panel)
    panel.load_lesson(lesson)
    assert panel.regions_widget().currentWidget() is panel.image_views()
    panel.train_epochs_blocking(2)
    assert panel.image_views().confusion.matrix().size == 0  # hidden: nothing computed yet
    panel.regions_widget().show()
    m = panel.image_views().confusion.matrix()
    assert m.shape == (10, 10)
    assert m.sum() == len(panel.dataset().val_idx)
    assert panel.image_views().confusion.accuracy() > 0.5
    panel.regions_widget().close()


def test_a_torch_run_shows_the_confusion_matrix_the_trainer_counted(qtbot):
    lesson = load_lesson("digits")
    panel = TrainingPanel(NetworkModel(lesson.network))
    qtbot.addWidget(panel)
    panel.load_lesson(lesson)
    panel.form.engine.setCurrentIndex(panel.form.engine.findData("torch"))
    panel.form.epochs.setValue(400)
    panel.regions_widget().show()
    counted: list[np.ndarray] = []
    panel.controller.snapshot.connect(
        lambda snap: snap.confusion is not None and counted.append(snap.confusion)
    )
    view = panel.image_views().confusion
    qtbot.waitUntil(lambda: view.matrix().size > 0)  # the untrained network's
    untrained = view.matrix().copy()
    assert panel.start()
    # live frames show a matrix of the whole validation part, as the trainer counted it
    qtbot.waitUntil(lambda: not np.array_equal(view.matrix(), untrained), timeout=20000)
    shown = view.matrix().copy()
    assert shown.sum() == len(panel.dataset().val_idx)
    assert panel.state == "running"
    assert any(np.array_equal(shown, m) for m in counted)
    assert panel.engine_label.text() == "PyTorch, as chosen in the settings. Device: cpu."
    panel.stop_and_wait()
    panel.regions_widget().close()


def test_slow_motion_lets_a_class_watch_and_full_speed_finishes(panel, qtbot):
    speed = panel.speed
    assert speed.currentData() == 30.0  # the spiral lesson starts in slow motion (its "pace")
    speed.setCurrentIndex(speed.findData(0.0))
    assert speed.currentText() == "full speed"
    speed.setCurrentIndex(speed.findData(10.0))
    assert speed.currentText() == "10 epochs/s"
    panel.form.epochs.setValue(300)
    epochs: list[int] = []
    panel.controller.snapshot.connect(lambda snap: epochs.extend(m.epoch for m in snap.history))
    assert panel.start()
    qtbot.waitUntil(lambda: len(epochs) >= 1, timeout=30000)  # the engine may compile first
    qtbot.wait(500)
    assert panel.state == "running"
    assert len(epochs) <= 8  # ~10 epochs a second, not the ~1,000 of full speed
    assert epochs == list(range(1, len(epochs) + 1))  # each epoch in a snapshot
    qtbot.waitUntil(lambda: f"epoch {epochs[-1]}" in panel.counters.text(), timeout=2000)
    with qtbot.waitSignal(panel.trainingFinished, timeout=60000) as done:
        speed.setCurrentIndex(speed.findData(0.0))  # the running training follows at once
    assert done.args == ["completed"] and epochs[-1] == 300


def test_presentation_scale_puts_the_buttons_in_two_rows(panel, qtbot):
    def row_of(w):
        return panel._buttons.getItemPosition(panel._buttons.indexOf(w))[0]

    assert {row_of(b) for b in (panel.train_button, panel.stop_button, panel.reset_button)} == {0}
    panel.set_scale(2.0)
    assert row_of(panel.train_button) == 0 and row_of(panel.stop_button) == 1
    assert panel._status.indexOf(panel.counters) == panel._status.indexOf(panel.progress) + 1  # under it
    # Pause and Resume share a place: only the one that applies is shown
    assert panel.pause_button.isVisible() and not panel.resume_button.isVisible()
    panel.form.epochs.setValue(100000)
    assert panel.start()
    panel.pause_button.click()
    assert panel.resume_button.isVisible() and not panel.pause_button.isVisible()
    panel.stop_and_wait()
    panel.set_scale(1.0)
    assert row_of(panel.stop_button) == 0


def test_a_lesson_chooses_the_speed_it_starts_with(panel):
    assert panel.speed.currentData() == 30.0  # spiral's "pace"
    panel.load_lesson(load_lesson("overfitting"))
    assert panel.speed.currentData() == 30.0  # a class watches it memorise
    panel.load_lesson(dataclasses.replace(load_lesson("overfitting"), pace=0.0))
    assert panel.speed.currentData() == 0.0  # no pace: full speed
    panel.set_pace(2.0)  # not offered: the nearest that is
    assert panel.speed.currentData() == 3.0


def test_a_refused_value_is_explained_until_a_good_one_replaces_it(panel, qtbot):
    form = panel.form
    form.hidden.setText("100000")  # a careless zero too many
    form.hidden.editingFinished.emit()
    assert not panel.message.isHidden() and "at most 4096 neurons" in panel.message.text()
    assert panel._model.network.layers == [2, 16, 16, 1]  # the network on show stays
    form.hidden.setText("16, 16")
    form.hidden.editingFinished.emit()
    assert panel.message.isHidden()
    with qtbot.waitSignal(form.inputRefused):
        form.lr.lineEdit().selectAll()
        qtbot.keyClicks(form.lr.lineEdit(), "abc")
        qtbot.keyClick(form.lr.lineEdit(), Qt.Key.Key_Return)
    assert not panel.message.isHidden()
    form.lr.setValue(0.02)  # a valid value clears the complaint
    assert panel.message.isHidden()


def test_a_careless_reset_is_undone_with_the_trained_weights_and_their_regions(panel, qtbot):
    panel.regions_widget().show()
    model = panel._model
    initial = [w.copy() for w in model.network.weights]
    panel.train_epochs_blocking(5)
    trained = [w.copy() for w in model.network.weights]
    trained_regions = panel.regions_view().data_view.region_image().copy()
    qtbot.mouseClick(panel.reset_button, _left())
    assert all(np.array_equal(a, b) for a, b in zip(model.network.weights, initial, strict=True))
    assert model.undo_stack.canUndo() and model.undo_stack.undoText() == "Reset the weights"
    assert not model.activations  # no trained outputs left on the neurons
    assert "epoch 0 " in panel.counters.text()
    model.undo_stack.undo()
    assert all(np.array_equal(a, b) for a, b in zip(model.network.weights, trained, strict=True))
    np.testing.assert_array_equal(panel.regions_view().data_view.region_image(), trained_regions)
    assert "epoch 5 " in panel.counters.text()  # the counters come back with the weights
    model.undo_stack.redo()
    assert "epoch 0 " in panel.counters.text()


def test_changing_the_layers_builds_a_new_network(panel):
    panel.form.hidden.setText("5")
    panel.form.hidden.editingFinished.emit()
    assert panel._model.network.layers == [2, 5, 1]
    panel.form.data_kind.setCurrentIndex(panel.form.data_kind.findData("gaussian"))
    assert panel.dataset().n_classes == 3
    assert panel._model.network.layers[-1] == 3  # one output per class
    panel.form.hidden.setText("5, x")
    panel.form.hidden.editingFinished.emit()
    assert not panel.message.isHidden() and "commas" in panel.message.text()


def test_controls_have_tooltips_and_full_batch(panel):
    form = panel.form
    for w in (form.lr, form.batch_size, form.l2, form.dropout, form.patience, form.engine, form.device):
        assert w.toolTip()
    form.batch_size.setValue(0)
    assert form.batch_size.text() == "full"
    assert panel.config().batch_size == 0


def test_unavailable_devices_are_disabled(panel, qtbot):
    import torch
    from PySide6.QtCore import Qt

    assert panel.form.device.currentData() == "auto"
    qtbot.keyClick(panel.form.device, Qt.Key.Key_Up)  # touching the list checks the devices
    item = panel.form.device.model().item(panel.form.device.findData("cuda"))
    assert item.isEnabled() == torch.cuda.is_available()


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_load_problem_trains_a_data_set_built_elsewhere(qtbot):
    from nnviz.core.data.dataset import Dataset, split
    from nnviz.core.model.network import Network

    rng = np.random.default_rng(0)
    x = rng.normal(size=(120, 3))
    y = (x[:, 0] > 0).astype(int)
    ds = split(Dataset(x, y, 2, "mine"), 0.25)
    net = Network.initialised([3, 4, 1], ["tanh", "sigmoid"], seed=0)
    panel = TrainingPanel(NetworkModel(net))
    qtbot.addWidget(panel)
    panel.load_problem(net, ds, {"optimizer": "adam", "lr": 0.05, "epochs": 3, "batch_size": 8})
    assert panel.form.data_kind.currentData() == "custom"
    assert not panel.form.n.isEnabled()  # nothing to generate
    assert panel.regions_widget().currentWidget() is panel.image_views()  # 3 inputs: no plane
    with qtbot.waitSignal(panel.trainingFinished, timeout=60000) as done:
        panel.train_button.click()
    assert done.args == ["completed"]
    assert panel.dataset() is ds
    assert panel.plots_widget().point_count() == 3


def test_clicking_a_point_shows_it_in_the_network(panel, qtbot):
    dv = panel.regions_view().data_view
    ds = panel.dataset()
    point = dv._train.points()[5]
    dv._train.sigClicked.emit(dv._train, [point], None)
    i = int(point.data())
    np.testing.assert_allclose(panel._model.activations[0], ds.x[i])
    assert list(dv.marked()) == [i]
    assert "shown in the network" in dv._legend.text()


def test_live_regions_are_coarser_and_sharpen_when_the_run_pauses_or_ends(panel, qtbot):
    import sys

    from nnviz.gui.training.regions import LIVE_GRID

    regions = panel.regions_view()
    assert regions.grid_size() == 200
    switch = sys.getswitchinterval()
    panel.form.epochs.setValue(100000)
    panel.train_button.click()
    qtbot.waitUntil(lambda: regions.grid_size() == LIVE_GRID, timeout=30000)
    qtbot.waitUntil(lambda: panel.view_update_counts()["regions"] >= 1, timeout=30000)
    panel.pause_button.click()
    assert regions.grid_size() == 200  # the full picture while paused
    assert sys.getswitchinterval() == switch  # the interpreter as it was
    panel.resume_button.click()
    qtbot.waitUntil(lambda: regions.grid_size() == LIVE_GRID, timeout=30000)
    with qtbot.waitSignal(panel.trainingFinished, timeout=10000):
        panel.stop_button.click()
    assert regions.grid_size() == 200
    assert sys.getswitchinterval() == switch
    counts = panel.view_update_counts()
    assert counts["network"] >= counts["regions"] >= 1 and counts["plots"] >= 1
