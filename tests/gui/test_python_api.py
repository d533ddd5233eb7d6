"""``nnviz.show`` from a script: the README's example opens the window on the
student's network and data, trains there, and hands the network back; without
data it opens the stepper; bad input is one sentence and no window; a notebook
with Qt's events running gets the window back at once."""

from __future__ import annotations

import inspect
import runpy
import sys
import traceback
import types
from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtCore import QEventLoop, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication
from torch import nn

import nnviz
from nnviz import api
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.window import for_script
from nnviz.gui.window.autosave import Autosave, cache_dir
from nnviz.gui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "from_python.py"


def script_windows() -> list[MainWindow]:
    """The windows nnviz.show opened that are on screen."""
    return [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.isVisible() and w.lesson is not None and w.lesson.name.startswith("python:")
    ]


def when_shown(qtbot, act) -> dict:
    """Run ``act(window)`` once the window nnviz.show opens is on screen, then close
    the window (also when ``act`` fails, so that ``show`` returns); what ``act``
    returns is kept in the dict under "result", its failure under "error"."""
    seen: dict = {}

    def run() -> None:
        found = script_windows()
        if not found:
            QTimer.singleShot(20, run)  # not shown yet
            return
        window = found[-1]
        try:
            qtbot.waitExposed(window)
            seen["result"] = act(window)
        except BaseException as exc:  # noqa: BLE001 - reported by the test after show returns
            seen["error"] = exc
        finally:
            window.close()

    QTimer.singleShot(0, run)
    return seen


def raise_from(seen: dict) -> None:
    if "error" in seen:
        raise seen["error"]


def torch_layers(model: nn.Sequential) -> list[nn.Linear]:
    return [m for m in model if isinstance(m, nn.Linear)]


def test_the_readme_example_trains_in_the_window_and_hands_the_network_back(qtbot, capsys):
    def act(window: MainWindow):
        # the student's model and data, as the script holds them while the window is open
        script = next(f.frame.f_globals for f in inspect.stack() if f.filename == str(EXAMPLE))
        model, X, y = script["model"], script["X"], script["y"]
        net = window.model.network
        assert net.layers == [2, 8, 2] and net.activations == ["relu", "softmax"]
        for lin, w, b in zip(torch_layers(model), net.weights, net.biases, strict=True):
            assert np.allclose(w, lin.weight.detach().numpy().T.astype(np.float64), rtol=0, atol=1e-7)
            assert np.allclose(b, lin.bias.detach().numpy(), rtol=0, atol=1e-7)
        assert window.network_view.shown_edge_count() == 2 * 8 + 8 * 2
        # training mode on the student's 200 points, as they are (not standardised)
        assert window.lesson.mode == "train" and window.training.train_button.isVisible()
        form = window.training.form
        assert form.hidden.text() == "8" and form.activations.text() == "relu"
        assert form.output.currentData() == "softmax"
        ds = window.training.dataset()
        assert np.array_equal(ds.x, X) and np.array_equal(ds.y, y) and ds.n_classes == 2
        shown = window.data_view
        assert len(shown._train.data) + len(shown._val.data) == 200
        assert "200 rows of 2 features, 2 classes" in window._banner.text()
        # the student presses Train: the weights change, and those come back
        before = [w.copy() for w in net.weights]
        form.epochs.setValue(5)
        with qtbot.waitSignal(window.training.trainingFinished, timeout=60000) as done:
            qtbot.mouseClick(window.training.train_button, Qt.MouseButton.LeftButton)
        assert done.args == ["completed"]
        trained = window.model.network.copy()
        assert not np.allclose(trained.weights[0], before[0])
        return trained

    seen = when_shown(qtbot, act)
    script = runpy.run_path(str(EXAMPLE), run_name="__main__")
    raise_from(seen)
    trained, net, model = seen["result"], script["net"], script["model"]
    assert isinstance(net, nnviz.Network) and net.layers == [2, 8, 2]
    for a, b in zip(net.weights + net.biases, trained.weights + trained.biases, strict=True):
        assert np.array_equal(a, b)
    # the example loaded the trained weights back into the student's model
    for lin, w, b in zip(torch_layers(model), net.weights, net.biases, strict=True):
        assert np.allclose(lin.weight.detach().numpy().T, w, atol=1e-6)
        assert np.allclose(lin.bias.detach().numpy(), b, atol=1e-6)
    assert "accuracy on X:" in capsys.readouterr().out
    assert script_windows() == []


def test_the_readme_shows_the_example_as_it_runs():
    code = EXAMPLE.read_text(encoding="utf-8").split('"""', 2)[2].strip()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert code in readme, "README.md's 'From Python' example differs from examples/from_python.py"


def test_without_data_the_stepper_walks_the_network_and_no_half_update_comes_back(qtbot):
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1), nn.Sigmoid())
    original = nnviz.Network.from_torch(model)

    def act(window: MainWindow):
        assert window.lesson.mode == "mlp" and window.lesson.title_in("en") == "XOR by hand"
        assert window.toolbar.isVisible() and window._docks["formulas"].isVisible()
        assert np.array_equal(window.model.network.weights[0], original.weights[0])
        walk = window.stepper.walk()
        # one whole update, then the next one half done: the output layer's new
        # weights are on show, the hidden layer's not yet
        for _ in range(len(walk.trace) + 17):  # 16 formulas of the summary and the chain rule
            qtbot.keyClick(window.stepper, Qt.Key.Key_Space)
        walk = window.stepper.walk()
        assert walk.update_number == 2 and walk.step().formula_id == "delta_hidden"
        before = walk.trace.network_before
        assert not np.array_equal(window.model.network.weights[1], before.weights[1])
        assert np.array_equal(window.model.network.weights[0], before.weights[0])
        return before.copy()  # the first update's result

    seen = when_shown(qtbot, act)
    net = nnviz.show(model, title="XOR by hand", lang="en")
    raise_from(seen)
    after_one_update = seen["result"]
    for a, b in zip(net.weights + net.biases, after_one_update.weights + after_one_update.biases, strict=True):
        assert np.array_equal(a, b)
    # (the first XOR point is (0, 0): the update moves the biases and the second layer)
    assert not all(np.array_equal(a, b) for a, b in zip(net.weights + net.biases, original.weights + original.biases))
    # the student's model is never changed by the window
    assert np.array_equal(model[0].weight.detach().numpy().T, original.weights[0].astype(np.float32))


@pytest.mark.parametrize(
    ("model", "X", "y", "sentence"),
    [
        (nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 2), nn.Softmax(dim=1)),
         np.zeros((10, 3)), np.zeros(10, dtype=int),
         "X has shape [10, 3], but the network's input layer needs the shape (samples, 2): one column per input."),
        (nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 2), nn.Softmax(dim=1)),
         np.zeros((10, 2)), np.zeros(9, dtype=int),
         "X has 10 rows but y has 9; give y one label per row of X."),
        (nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4, 2)),
         None, None,
         "Module '0' of the nn.Sequential is a Conv2d; nnviz reads nn.Linear, nn.ReLU, nn.Sigmoid, "
         "nn.Tanh, nn.Softmax, nn.Identity, nn.Dropout and a first nn.Flatten."),
        (nn.Sequential(nn.Linear(2, 3), nn.Softmax(dim=1)),
         torch.zeros(4, 2), torch.tensor([0, 1, 2, 3]),
         "y[3] is class 3, but the network's 3 outputs stand for the classes 0 to 2."),
    ],
)
def test_bad_input_is_one_sentence_and_no_window(qtbot, model, X, y, sentence):
    with pytest.raises(UserError) as caught:
        nnviz.show(model, X, y)
    assert str(caught.value) == sentence
    # the student sees the sentence under their own call, not frames from inside nnviz
    frames = traceback.extract_tb(caught.value.__traceback__)
    assert frames[-1].filename.endswith("api.py") and frames[-1].name == "show"
    assert len(frames) == 2  # this test's call, and show
    assert script_windows() == []


def test_a_notebook_with_qt_events_gets_the_window_at_once(qtbot, monkeypatch):
    fake = types.ModuleType("IPython")
    shell = types.SimpleNamespace(active_eventloop="qt6")
    fake.get_ipython = lambda: shell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake)
    model = nn.Sequential(nn.Linear(1, 3), nn.Tanh(), nn.Linear(3, 1))
    X = np.linspace(-1, 1, 30)[:, None]
    window = nnviz.show(model, X, X[:, 0] ** 2)  # floats: a regression
    assert isinstance(window, MainWindow) and window.isVisible()
    assert window in for_script._kept  # held while the notebook may drop the value
    assert window.lesson.mode == "train" and window.training.dataset().is_regression
    assert window.training.form.config().loss == "mse"
    assert window.model.network.layers == [1, 3, 1]
    window.training.train_epochs_blocking(3)  # as Train would, in this thread
    net = api.network_of(window)
    assert net.layers == [1, 3, 1] and net is not window.model.network
    assert np.array_equal(net.weights[0], window.model.network.weights[0])
    assert not np.array_equal(net.weights[0], nnviz.Network.from_torch(model).weights[0])
    window.close()
    qtbot.waitUntil(lambda: window not in for_script._kept)
    shell.active_eventloop = None
    assert not api.qt_events_running()


def test_inside_a_running_event_loop_show_does_not_block(qtbot):
    seen = []
    loop = QEventLoop()

    def inside() -> None:
        seen.append(api.qt_events_running())
        loop.quit()

    QTimer.singleShot(0, inside)
    loop.exec()
    assert seen == [True] and QThread.currentThread().loopLevel() == 0
    assert not api.qt_events_running()


def test_the_apps_crash_recovery_file_survives_a_script_window(qtbot):
    app_file = Autosave(NetworkModel(Network.initialised([1, 1], "identity"))).path  # where the app autosaves
    assert app_file.parent == cache_dir()
    app_file.parent.mkdir(parents=True, exist_ok=True)
    app_file.write_text("the app's autosave\n", encoding="utf-8")
    net = nnviz.Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=4)

    def act(window: MainWindow):
        window.training.train_epochs_blocking(2)  # weights change: an app window would autosave now
        window.autosave.save_now()
        assert not window.autosave.path.exists() and window.autosave.path != app_file
        return window.autosave.path

    seen = when_shown(qtbot, act)
    back = nnviz.show(net, [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], block=True)
    raise_from(seen)
    assert app_file.read_text(encoding="utf-8") == "the app's autosave\n"
    assert not seen["result"].exists()
    assert back.layers == [2, 3, 1] and back is not net


def test_an_unknown_language_is_one_sentence(qtbot):
    net = nnviz.Network.initialised([2, 1], ["sigmoid"], seed=0)
    with pytest.raises(UserError, match=r"^The language must be one of es, en, not 'fr'\.$"):
        nnviz.show(net, lang="fr")
    assert script_windows() == []
