"""η = 1000 on the spiral: the training panel says, while the run goes on, that the network does not learn."""

from __future__ import annotations

from nnviz.core.lessons import load_lesson
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training.panel import TrainingPanel


def _panel(qtbot) -> TrainingPanel:
    lesson = load_lesson("spiral")
    panel = TrainingPanel(NetworkModel(lesson.network))
    qtbot.addWidget(panel)
    panel.load_lesson(lesson)
    panel.resize(420, 700)
    panel.show()
    return panel


def _train(panel: TrainingPanel, qtbot, lr: float, epochs: int) -> list[tuple[str, str, bool]]:
    """Train at full speed; what the message line said at each snapshot (state, text, shown)."""
    panel.set_pace(0)
    panel.form.lr.setValue(lr)
    panel.form.epochs.setValue(epochs)
    seen: list[tuple[str, str, bool]] = []
    panel.controller.snapshot.connect(
        lambda _snap: seen.append((panel.state, panel.message.text(), not panel.message.isHidden()))
    )
    with qtbot.waitSignal(panel.trainingFinished, timeout=60000) as done:
        panel.train_button.click()
    assert done.args == ["completed"]  # said, not stopped
    return seen


def test_a_learning_rate_of_1000_is_said_while_the_run_goes_on(qtbot):
    panel = _panel(qtbot)
    try:
        seen = _train(panel, qtbot, 1000.0, 150)
        during = [text for state, text, shown in seen if state == "running" and shown and "not learning" in text]
        assert during, seen[-3:]
        assert "η = 1000 may be too large" in during[0]
        assert panel.progress_counts()[0] == 150  # the run went on to its last epoch
        # and it is still said when the run is over
        assert "Trained 150 epochs." in panel.message.text() and "not learning" in panel.message.text()
        assert panel.message.property("error")
    finally:
        panel.stop_and_wait()


def test_a_good_learning_rate_says_nothing_of_the_kind(qtbot):
    panel = _panel(qtbot)
    try:
        seen = _train(panel, qtbot, 0.01, 60)
        assert not any("not learning" in text or "growing" in text for _state, text, _shown in seen)
        assert panel.message.text() == "Trained 60 epochs."
    finally:
        panel.stop_and_wait()
