"""Keys pressed while the window is busy: the presses that came in while a
move kept the window busy (the first PyTorch comparison, a long "train" run)
make one move at most, none past the end of an update, instead of being
replayed past the step on show; ordinary quick presses all count. And the first-use costs (PyTorch's first update,
mathtext, numba) are paid in one background thread at start.
"""

from __future__ import annotations

import sys
import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent

from nnviz.core.lecture import torch_check
from nnviz.core.lessons import load_lesson
from nnviz.gui.data.view import DataView
from nnviz.gui.lecture._stepper_walking import BUSY_S
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView


def _make(qtbot, name: str = "backprop-2-2-2"):
    lesson = load_lesson(name)
    model = NetworkModel(lesson.network)
    nv, dv = NetworkView(model), DataView()
    panel = StepperPanel(model, nv, dv, lang="en")
    for w in (nv, dv, panel):
        qtbot.addWidget(w)
    panel.load_lesson(lesson)
    panel.resize(800, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _press_later(panel, n: int, key=Qt.Key.Key_Space) -> None:
    """``n`` presses queued as the window system queues them while the GUI thread is busy."""
    for _ in range(n):
        QCoreApplication.postEvent(panel, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, " "))


def _settle(qtbot) -> None:
    for _ in range(3):
        QCoreApplication.processEvents()
        qtbot.wait(20)


def test_quick_presses_all_count(qtbot):
    panel = _make(qtbot)
    walk = panel.walk()
    _press_later(panel, 5)
    _settle(qtbot)
    assert walk.pos == 4  # from before the first formula: five steps on


def test_presses_during_the_slow_pytorch_comparison_do_not_jump_past_it(qtbot, monkeypatch):
    panel = _make(qtbot)
    walk = panel.walk()
    last = len(walk.trace) - 1
    for _ in range(last):  # to the step before the end of the update
        panel.step_forward()
    number = walk.update_number
    real_update = torch_check.torch_update

    def slow_update(*args, **kwargs):
        # the lecturer presses Space five more times while PyTorch loads
        _press_later(panel, 5)
        time.sleep(2 * BUSY_S)
        return real_update(*args, **kwargs)

    monkeypatch.setattr(torch_check, "torch_update", slow_update)
    qtbot.keyClick(panel, Qt.Key.Key_Space)
    _settle(qtbot)
    assert walk.update_number == number and walk.pos == last  # still on the end of this update
    assert panel.torch_panel.max_difference() is not None  # with PyTorch's comparison on show
    monkeypatch.setattr(torch_check, "torch_update", real_update)
    qtbot.keyClick(panel, Qt.Key.Key_Space)  # a press after the freeze goes on as usual
    assert (walk.update_number, walk.pos) != (number, last)


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_N])
def test_presses_during_a_long_train_run_make_one_move(qtbot, monkeypatch, key):
    panel = _make(qtbot, "mlp-xor")
    walk = panel.walk()
    real_train = type(walk).train_epochs

    trained = []

    def slow_train(self, n, finish_current=True):
        _press_later(panel, 3, key)
        time.sleep(2 * BUSY_S)
        done = real_train(self, n, finish_current)
        trained.append((self.update_number, self.pos))
        return done

    monkeypatch.setattr(type(walk), "train_epochs", slow_train)
    panel.action("train").trigger()
    _settle(qtbot)
    number, pos = trained[0]
    if key == Qt.Key.Key_N:  # one next sample, not three
        assert walk.update_number == number + 1
    else:  # one formula on, not three
        assert (walk.update_number, walk.pos) == (number, pos + 1)


def test_a_press_during_a_slow_step_mid_update_makes_one_more_step(qtbot, monkeypatch):
    panel = _make(qtbot)
    walk = panel.walk()
    real_forward = type(walk).forward
    calls = []

    def slow_once(self):
        if not calls:
            _press_later(panel, 4)
            time.sleep(2 * BUSY_S)
        calls.append(1)
        return real_forward(self)

    monkeypatch.setattr(type(walk), "forward", slow_once)
    qtbot.keyClick(panel, Qt.Key.Key_Space)
    _settle(qtbot)
    assert walk.pos == 1  # the press, then one of the four made meanwhile


def test_first_use_costs_are_paid_in_one_background_thread():
    from nnviz.core.training import compiled
    from nnviz.gui.window import first_use
    from nnviz.gui.window.app import start_first_use  # what run_gui calls before showing the window

    start_first_use()
    # the window shows only after PyTorch's core module is initialised (its
    # longest hold of the GIL), or the loader is done
    assert first_use.TORCH_CORE in sys.modules or "torch" in first_use.loaded_s
    thread = first_use.load_in_background()
    assert first_use.load_in_background() is thread  # once
    thread.join(300)
    assert not thread.is_alive()
    assert list(first_use.loaded_s) == ["torch", "mathtext", "numba"]  # in this order, one after another
    assert "torch.optim" in sys.modules and "matplotlib.mathtext" in sys.modules
    assert compiled.kernels_ready() or not compiled.numba_available()
