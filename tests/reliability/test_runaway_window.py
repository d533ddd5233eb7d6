"""η = 10000 on the spiral: the training panel says, while the run goes on, that the weights ran away."""

from __future__ import annotations

from nnviz.core.lessons import load_lesson
from nnviz.core.training import error_growth
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.training.panel import TrainingPanel


def test_weights_grown_huge_at_chance_are_said_in_the_panel(qtbot, monkeypatch):
    # the spiral's weights reach ~1e5 in 200 epochs at η = 1e4 (1e20 takes a much longer
    # run); a lower limit keeps the test short, the sentence and the wiring are the same
    monkeypatch.setattr(error_growth, "HUGE_WEIGHT", 1e4)
    lesson = load_lesson("spiral")
    panel = TrainingPanel(NetworkModel(lesson.network))
    qtbot.addWidget(panel)
    panel.load_lesson(lesson)
    panel.resize(420, 700)
    panel.show()
    try:
        panel.set_pace(0)
        panel.form.lr.setValue(10000.0)
        panel.form.epochs.setValue(200)
        seen: list[tuple[str, str]] = []
        panel.controller.snapshot.connect(lambda _snap: seen.append((panel.state, panel.message.text())))
        with qtbot.waitSignal(panel.trainingFinished, timeout=60000) as done:
            panel.train_button.click()
        assert done.args == ["completed"]  # said, not stopped
        during = [text for state, text in seen if state == "running" and "grown huge" in text]
        assert during, seen[-3:]
        assert during[0].startswith("The weights have grown huge (the largest |ω| is ")
        assert during[0].endswith("the learning rate η = 10000 may be too large.")
        # said once: the line turns to the sentence once (a later "not learning" may follow it)
        texts = [text for _state, text in seen]
        turns = [b for a, b in zip(["", *texts], texts, strict=False) if "grown huge" in b and a != b]
        assert len(turns) == 1
        # the end of the run is said with the last warning beside it
        assert panel.message.text().startswith("Trained 200 epochs. ")
        assert "may be too large" in panel.message.text() and panel.message.property("error")
    finally:
        panel.stop_and_wait()
