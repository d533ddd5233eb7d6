"""The autosave keeps up with a network that changes every frame (training)."""

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from nnviz.core.lessons import load_lesson
from nnviz.core.model.network import Network
from nnviz.core.session.record import Session, load_session
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.window.autosave import Autosave


@pytest.fixture
def model(qtbot):
    return NetworkModel(Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=1))


def test_weights_changing_every_frame_are_still_saved(model, qtbot, monkeypatch):
    monkeypatch.setattr(Autosave, "DELAY_MS", 200)
    saver = Autosave(model)
    lesson = load_lesson("spiral")
    saver.source = lambda: Session(lesson, model.network.copy(), epochs=frame[0])
    frame = [0]

    def tick():  # a training run shows new weights 20 times a second
        frame[0] += 1
        w = [x + 0.01 for x in model.network.weights]
        model.set_parameters(w, model.network.biases)

    timer = QTimer(interval=50, timeout=tick)
    timer.start()
    try:
        qtbot.waitUntil(saver.path.is_file, timeout=2000)
        assert timer.isActive() and frame[0] < 15  # saved while the run goes on
    finally:
        timer.stop()
    saved = load_session(saver.path)
    assert saved.lesson.name == "spiral"
    assert 0 < saved.epochs <= frame[0]
    # the next save comes on its own while the weights keep changing
    first = saved.network.weights[0].copy()
    timer.start()
    qtbot.waitUntil(lambda: not np.array_equal(load_session(saver.path).network.weights[0], first), timeout=2000)
    timer.stop()
    saver.discard()
    assert not saver.path.exists()
