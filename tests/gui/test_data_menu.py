"""Data → Get MNIST…, File → Open data folder… and the test set in the window, with a mirror on 127.0.0.1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from nnviz.core.data import download
from nnviz.core.training.test_set import evaluate
from tests.gui.conftest import open_window
from tests.mirror_server import NAMES, MirrorServer, remote_set_for, tiny_mnist


@pytest.fixture
def mirror(monkeypatch, tmp_path):
    """A small MNIST served locally; the named set checks its MD5s and NNVIZ_MIRRORS points there."""
    files = tiny_mnist(240, 60)
    monkeypatch.setenv("NNVIZ_DATA", str(tmp_path / "data"))
    with MirrorServer() as srv:
        monkeypatch.setitem(download.SETS, "mnist", remote_set_for(files, [], key="mnist", title="MNIST"))
        monkeypatch.setenv("NNVIZ_MIRRORS", srv.url("{set}"))
        yield srv, files


@pytest.fixture
def win(qtbot):
    w = open_window(qtbot)
    yield w
    w.data_loader.wait()
    w.persist_state = False
    w.close()


def test_get_mnist_shows_bytes_speed_and_time_left_then_opens_the_lesson(qtbot, win, mirror, tmp_path):
    srv, files = mirror
    srv.add("mnist", files, mode="slow", only=NAMES[0])
    win.act_get_mnist.trigger()
    labels: list[str] = []

    def showing_bytes() -> bool:
        bar = win.data_progress
        if bar is not None:
            labels.append(bar.labelText())
        return any(" of " in t and "/s" in t and "left" in t for t in labels)

    qtbot.waitUntil(showing_bytes, timeout=10000)
    assert any(NAMES[0] in t and "Downloading MNIST" in t for t in labels)
    assert win.data_progress.windowTitle() == "Get MNIST"
    qtbot.waitUntil(lambda: win.lesson is not None and win.lesson.name == "mnist", timeout=15000)
    assert win.data_progress is None and not win.data_loader.is_running()
    assert win.model.network.layers == [784, 128, 64, 10]
    assert win.lesson_actions["mnist"].isChecked()
    for name, data in files.items():
        assert (tmp_path / "data" / "mnist" / name).read_bytes() == data
    ds = win.training.dataset()
    assert len(ds.x) == 240 and len(ds.test.x) == 60
    assert win.training.test_set.isVisibleTo(win.training) and "60 test images" in win.training.test_set.label.text()
    assert "240 training and 60 test images" in win.statusBar().currentMessage()
    # the form shows the data as given, so that changing the layers keeps it
    assert win.training.form.data_kind.currentData() == "custom"


def test_cancel_stops_the_download_and_changes_nothing(qtbot, win, mirror, tmp_path):
    srv, files = mirror
    srv.add("mnist", files, mode="slow", only=NAMES[0])
    win.act_get_mnist.trigger()
    qtbot.waitUntil(lambda: win.data_progress is not None and " of " in win.data_progress.labelText(),
                    timeout=10000)
    button = win.data_progress.findChild(QPushButton)
    assert button.text() == "Cancel"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.data_loader.is_running() and win.data_progress is None, timeout=10000)
    assert win.lesson.name == "mlp-xor"
    assert "Cancelled" in win.statusBar().currentMessage()
    folder = tmp_path / "data" / "mnist"
    assert not (folder / NAMES[0]).exists() and (folder / (NAMES[0] + ".part")).exists()


def test_offline_says_where_to_put_the_files(qtbot, win, mirror, monkeypatch, tmp_path):
    srv, _files = mirror
    monkeypatch.setenv("NNVIZ_MIRRORS", srv.url("nowhere"))
    win.act_get_mnist.trigger()
    qtbot.waitUntil(lambda: not win.data_loader.is_running() and win.data_progress is None, timeout=10000)
    message = win.statusBar().currentMessage()
    assert message.startswith("Could not download MNIST (")
    assert str(tmp_path / "data" / "mnist") in message and all(n in message for n in NAMES)
    assert win.lesson.name == "mlp-xor"


def test_the_lesson_menu_without_the_files_offers_to_get_them(qtbot, win, monkeypatch, tmp_path):
    monkeypatch.setenv("NNVIZ_DATA", str(tmp_path / "empty"))
    win.lesson_actions["mnist"].trigger()
    message = win.statusBar().currentMessage()
    assert "MNIST is not on this computer yet" in message and "Data → Get MNIST…" in message
    assert win.lesson.name == "mlp-xor"


def test_open_data_folder_evaluates_the_test_set_on_demand_and_after_a_run(qtbot, win, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    for name, data in tiny_mnist(300, 80, seed=5).items():
        (folder / name).write_bytes(data)
    assert win.act_open_data_folder.text() == "Open data &folder…"
    assert win.open_data_folder(str(folder))
    qtbot.waitUntil(lambda: win.lesson.name == "mnist", timeout=15000)
    view = win.training.test_set
    ds = win.training.dataset()
    assert "80 test images are kept apart" in view.label.text() and view.result() is None
    qtbot.mouseClick(view.button, Qt.MouseButton.LeftButton)
    expected = evaluate(win.model.network, ds.test, "cross_entropy")
    assert view.result().accuracy == pytest.approx(expected.accuracy)
    assert f"accuracy {100 * expected.accuracy:.1f} %" in view.label.text()
    assert "after epoch 0" in view.label.text()
    # a run ends: the test set is measured once more, on the trained weights
    win.training.form.epochs.setValue(1)
    with qtbot.waitSignal(win.training.trainingFinished, timeout=60000):
        assert win.training.start()
    result = view.result()
    assert result is not None and result.epoch == 1 and "after epoch 1" in view.label.text()
    again = evaluate(win.model.network, ds.test, "cross_entropy", 1)
    assert result.loss == pytest.approx(again.loss) and result.accuracy == pytest.approx(again.accuracy)
    # Reset: the figures of the trained weights no longer hold
    win.training.reset()
    assert view.result() is None


def test_fashion_class_names_follow_the_language(qtbot, win, tmp_path, monkeypatch):
    files = tiny_mnist(200, 50, seed=7)
    # the folder's label file is known as Fashion-MNIST's by its MD5
    monkeypatch.setitem(download.SETS, "fashion-mnist",
                        remote_set_for(files, [], key="fashion-mnist", title="Fashion-MNIST"))
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    assert win.open_data_folder(str(tmp_path))
    qtbot.waitUntil(lambda: win.lesson.name == "fashion-mnist", timeout=15000)
    assert win.model.output_names[0] == "T-shirt/top"
    win.set_language("es")
    assert win.model.output_names[:2] == ["Camiseta/top", "Pantalón"]
    assert win.training.dataset().class_name(9) == "Botín"
    assert win.menu_data.title() != "" and win.act_get_mnist.text()
    win.set_language("en")
    assert win.model.output_names[9] == "Ankle boot"


def test_a_folder_without_the_files_is_refused_in_one_sentence(qtbot, win, tmp_path):
    assert win.open_data_folder(str(tmp_path))
    qtbot.waitUntil(lambda: not win.data_loader.is_running() and win.data_progress is None, timeout=10000)
    assert "There is no 'train-images-idx3-ubyte'" in win.statusBar().currentMessage()
    assert win.lesson.name == "mlp-xor"


def test_closing_the_window_during_a_download_ends_its_thread(qtbot, mirror):
    srv, files = mirror
    srv.add("mnist", files, mode="slow")
    w = open_window(qtbot)
    w.act_get_mnist.trigger()
    qtbot.waitUntil(lambda: w.data_progress is not None and " of " in w.data_progress.labelText(), timeout=10000)
    w.persist_state = False
    w.close()
    assert not w.data_loader.is_running()
