"""Session files in the window: save, close, reopen: the same window, and training goes on."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.core.model.network import save_network
from tests.gui.conftest import open_window


def _window(qtbot, preset=None):
    win = open_window(qtbot, preset, activate=True)
    win.persist_state = False
    win.resize(1400, 900)
    return win


def _close(*windows):
    for w in windows:
        w.shutdown(save_state=False)
        w.close()


def _assert_same_network(a, b):
    assert a.layers == b.layers and a.activations == b.activations
    for x, y in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(x, y)


@pytest.fixture
def windows():
    opened = []
    yield opened
    _close(*opened)


def test_a_trained_spiral_reopens_as_it_was_and_training_goes_on(qtbot, tmp_path, windows):
    first = _window(qtbot, "spiral")
    windows.append(first)
    first.training.form.init_seed.setValue(3)  # other initial weights: Reset goes back to them
    first.training.form.lr.setValue(0.05)  # a setting changed on the form is kept
    first.training.train_epochs_blocking(6)
    first.training.reset()  # the first run stays on the plots as an earlier run
    first.training.train_epochs_blocking(9)
    first.training.plots_widget().set_x_axis("updates")
    path = tmp_path / "spiral.nnviz"
    assert first.save_session(str(path))
    assert first.statusBar().currentMessage() == f"Saved {path}"
    with zipfile.ZipFile(path) as zf:
        assert {"manifest.json", "tensors.safetensors", "runs/run-1.csv", "runs/run-2.csv"} <= set(zf.namelist())

    second = _window(qtbot, "mlp-xor")
    windows.append(second)
    assert second.lesson.name == "mlp-xor"
    assert second.open_file(str(path))
    qtbot.wait(300)
    assert second.lesson.name == "spiral" and second.lesson.mode == "train"
    _assert_same_network(second.model.network, first.model.network)
    assert second.training.config() == first.training.config()
    assert second.training.config().lr == 0.05
    assert second.training.form.init_seed.value() == 3
    _assert_same_network(second.training.initial_network(), first.training.initial_network())
    np.testing.assert_array_equal(second.training.dataset().x, first.training.dataset().x)
    assert second.training.counters.text() == first.training.counters.text()
    assert first.training.counters.text().startswith("epoch 9 · 225 updates · accuracy ")
    a, b = first.training.plots_widget(), second.training.plots_widget()
    assert b.old_run_count() == a.old_run_count() == 1
    for ra, rb in zip(a.run_tables(), b.run_tables(), strict=True):
        for column, values in ra["table"].items():
            np.testing.assert_array_equal(rb["table"][column], values)
    assert b.x_axis.currentIndex() == 1
    # the curves are drawn, not only kept: the bold validation loss has the run's 9 points
    x, y = b._curves["val_loss"].getData()
    assert len(x) == 9 and np.isfinite(y).all()
    sa, sb = first.training.optimizer_state(), second.training.optimizer_state()
    np.testing.assert_array_equal(sa.first, sb.first)
    assert sa.steps == sb.steps > 0
    # the same picture: the graph (drawn at one size) and the decision regions
    ia, ib = first.network_view.render_image(600, 440, 1.0), second.network_view.render_image(600, 440, 1.0)
    assert ib == ia
    for w in (first, second):  # the same dock sizes, as a fresh start lays them out
        w._apply_mode_layout()
    qtbot.wait(300)
    ra, rb = first.training.regions_view().data_view, second.training.regions_view().data_view
    assert ra.bounds() == rb.bounds()
    assert np.mean(np.abs(ra.region_image().astype(int) - rb.region_image().astype(int)) > 8) < 0.01
    # training goes on from there, in both windows alike: the counters and the curve continue
    first.training.train_epochs_blocking(3)
    second.training.train_epochs_blocking(3)
    assert second.training.counters.text().startswith("epoch 12 ")
    assert b.point_count() == 12
    _assert_same_network(second.model.network, first.model.network)


def test_the_stepper_position_comes_back(qtbot, tmp_path, windows):
    first = _window(qtbot, "backprop-2-2-2")
    windows.append(first)
    for _ in range(35):  # into the second update
        qtbot.keyClick(first, Qt.Key.Key_Space)
    walk = first.stepper.walk()
    path = tmp_path / "stepper.nnviz"
    assert first.save_session(str(path))
    second = _window(qtbot, "mlp-xor")
    windows.append(second)
    assert second.open_file(str(path))
    back = second.stepper.walk()
    assert (back.update_number, back.pos, back.sample) == (walk.update_number, walk.pos, walk.sample)
    _assert_same_network(second.model.network, first.model.network)
    assert second.stepper.walk().step().index == walk.step().index
    assert second.network_view.render_image(600, 440, 1.0) == first.network_view.render_image(600, 440, 1.0)
    # the next formula is the same in both
    first.stepper.step_forward()
    second.stepper.step_forward()
    a, b = first.stepper.walk().step(), second.stepper.walk().step()
    assert (b.index, b.formula_id, b.value) == (a.index, a.formula_id, a.value)


def test_a_saved_digits_network_reopens_in_training_mode(qtbot, tmp_path, windows):
    """The softmax network of the digits lesson, saved as a network file, used to
    leave the window half switched; now it opens on the digits data, ready to train."""
    win = _window(qtbot, "digits")
    windows.append(win)
    path = tmp_path / "digits.nnviz.json"
    save_network(win.model.network, path)
    win.load_lesson("mlp-xor")
    assert win.open_file(str(path))
    assert win.lesson.mode == "train" and win.model.network.layers[-1] == 10
    assert win.training.dataset().n_features == 64
    assert win.training.train_epochs_blocking(1) is not None


def test_a_bad_session_leaves_the_window_as_it_was(qtbot, tmp_path, windows):
    win = _window(qtbot, "spiral")
    windows.append(win)
    before = [w.copy() for w in win.model.network.weights]
    for name, content in {"notes.nnviz": b"hello", "cut.nnviz": b"PK\x03\x04\x14\x00"}.items():
        path = tmp_path / name
        path.write_bytes(content)
        assert not win.open_file(str(path))
        message = win.statusBar().currentMessage()
        assert name in message and "\n" not in message
        assert win.lesson.name == "spiral"
        for a, b in zip(before, win.model.network.weights):
            np.testing.assert_array_equal(a, b)


def test_saving_remembers_the_file_in_open_recent(qtbot, tmp_path, windows):
    win = _window(qtbot, "circles")
    windows.append(win)
    win._settings.setValue("files/recent", [])
    path = tmp_path / "circles.nnviz"
    assert win.save_session(str(path))
    win._fill_recent_menu()
    names = [a.text() for a in win.menu_recent.actions()]
    assert names[0] == "&1 circles.nnviz"
    win.load_lesson("mlp-xor")
    win.menu_recent.actions()[0].trigger()
    assert win.lesson.name == "circles"
    # a file gone since is said and taken off the list
    Path(path).unlink()
    win._fill_recent_menu()
    win.menu_recent.actions()[0].trigger()
    assert "no longer there" in win.statusBar().currentMessage()
    assert win.recent_files() == []


def test_ctrl_s_saves_to_the_file_it_came_from(qtbot, tmp_path, windows, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    win = _window(qtbot, "circles")
    windows.append(win)
    target = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    win.act_save_session.trigger()
    saved = tmp_path / "mine.nnviz"
    assert saved.is_file()
    first = saved.stat().st_mtime_ns
    win.training.train_epochs_blocking(2)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("asked again"))
    qtbot.wait(20)
    win.act_save_session.trigger()
    assert saved.stat().st_mtime_ns >= first
    from nnviz.core.session.record import load_session

    assert load_session(saved).epochs == 2


@pytest.mark.parametrize("lesson", ["overfitting", "batch-size"])
def test_the_data_split_on_show_comes_back(qtbot, tmp_path, windows, lesson):
    """A lesson names one seed for its points and another for its split: the
    session keeps the spec that makes exactly the points and split on show."""
    first = _window(qtbot, lesson)
    windows.append(first)
    path = tmp_path / "s.nnviz"
    assert first.save_session(str(path))
    second = _window(qtbot, "mlp-xor")
    windows.append(second)
    assert second.open_file(str(path))
    a, b = first.training.dataset(), second.training.dataset()
    for k in ("x", "y", "train_idx", "val_idx"):
        np.testing.assert_array_equal(getattr(b, k), getattr(a, k))


def test_a_perceptron_lesson_comes_back_with_its_epochs(qtbot, tmp_path, windows):
    first = _window(qtbot, "perceptron-xor")
    windows.append(first)
    first.stepper.perceptron.run_epochs()
    for _ in range(3):
        first.stepper.step_forward()
    first.stepper.set_speed(0.5)
    path = tmp_path / "perceptron.nnviz"
    assert first.save_session(str(path))
    second = _window(qtbot, "mlp-xor")
    windows.append(second)
    assert second.open_file(str(path))
    a, b = first.stepper.perceptron.walk(), second.stepper.perceptron.walk()
    assert (b.update_number, b.pos) == (a.update_number, a.pos)
    ra, rb = a.report(), b.report()
    assert rb.mistakes == ra.mistakes and rb.mistakes_now == ra.mistakes_now and rb.cycle_from == ra.cycle_from is not None
    assert second.stepper.perceptron.verdict_text(rb) == first.stepper.perceptron.verdict_text(ra)
    assert second.stepper.play_speed() == 0.5


def test_an_mnist_session_reads_the_images_again_and_shows_the_test_figures(qtbot, tmp_path, windows, monkeypatch):
    from nnviz.core.data.synthetic_idx import write_synthetic_set

    write_synthetic_set(tmp_path / "data" / "mnist", n_train=300, n_test=100)
    monkeypatch.setenv("NNVIZ_DATA", str(tmp_path / "data"))
    first = _window(qtbot, "mnist")
    windows.append(first)
    first.training.train_epochs_blocking(1)
    result = first.training.test_set.result()
    assert result is not None
    path = tmp_path / "mnist.nnviz"
    assert first.save_session(str(path))
    assert path.stat().st_size < 5_000_000  # weights and Adam's moments; the images stay in their folder
    second = _window(qtbot, "spiral")
    windows.append(second)
    assert second.open_file(str(path))
    qtbot.waitUntil(lambda: second.lesson.name == "mnist", timeout=20000)
    _assert_same_network(second.model.network, first.model.network)
    assert second.training.dataset().test is not None
    back = second.training.test_set.result()
    assert back is not None and back.accuracy == result.accuracy
    assert second.training.test_set.label.text() == first.training.test_set.label.text()
