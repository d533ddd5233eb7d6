"""View → PyTorch structure: the lecture's structure of the network on show, the line of what the
stepper or the training is doing lit; the same lines as the exported script."""

from __future__ import annotations

from nnviz.core.lessons import load_lesson
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.pytorch_script import script_structure
from nnviz.gui.lecture.pytorch_structure import PytorchStructurePanel

#: the stepper's phase -> the start of the line lit (independent of the panel's table)
LIT = {
    "forward": "output = model(x_train[batch])",
    "error": "error = criterion(output, d_train[batch])",
    "backward": "loss.backward()",
    "update": "optimizer.step()",
}


def _show_dock(window):
    dock = window._docks["pytorch"]
    dock.show()
    dock.raise_()
    return window.pytorch_structure


def test_the_lit_line_follows_the_steppers_stages(window, qtbot):
    assert window.load_lesson("backprop-2-2-2")
    panel = _show_dock(window)
    qtbot.waitUntil(lambda: panel.structure() is not None)
    # before the first step of an update: the gradients are zeroed
    assert panel.highlighted_text().startswith("optimizer.zero_grad()")
    step = window.stepper.action("step")
    seen = set()
    walk = window.stepper.walk()
    while True:
        step.trigger()
        phase = walk.step().phase
        seen.add(phase)
        lit = panel.highlighted_text()
        assert len(lit.split("\n")) == 1 and lit.startswith(LIT[phase]), (phase, lit)
        if walk.at_end():
            break
    assert seen == set(LIT)
    window.stepper.action("back").trigger()
    assert panel.highlighted_text().startswith(LIT[walk.step().phase])
    window.stepper.action("reset").trigger()
    assert panel.highlighted_text().startswith("optimizer.zero_grad()")


def test_the_panel_is_the_end_of_the_exported_script(window, qtbot, tmp_path):
    panel = _show_dock(window)
    for name in ("backprop-2-2-2", "spiral"):
        assert window.load_lesson(name)
        target = tmp_path / f"{name}.py"
        assert window.export_pytorch_script(str(target))
        script = target.read_text(encoding="utf-8")
        # the text is written once the lesson is all shown (the next turn of the event loop)
        qtbot.waitUntil(lambda script=script: bool(panel.text()) and script.endswith(panel.text()))
        assert "class Net(nn.Module):" in panel.text() and "loss.backward()" in panel.text()
    assert "torch.relu" in panel.text()  # spiral's network, not the stepper lesson's before it


def test_spanish_comments_in_spanish(qtbot):
    from nnviz.gui.window.app import build_window

    _app, win = build_window(preset="mlp-xor", lang="es")
    qtbot.addWidget(win)
    win.show()
    try:
        panel = _show_dock(win)
        qtbot.waitUntil(lambda: panel.structure() is not None)
        assert "# 1. poner a cero los gradientes" in panel.text()
        assert "la clase que define la red" in panel.text()
    finally:
        win.persist_state = False
        win.close()


def test_a_perceptron_lesson_has_no_structure_and_says_why(window, qtbot):
    assert window.load_lesson("perceptron-and")
    panel = _show_dock(window)
    qtbot.waitUntil(lambda: panel.structure() is None and not panel.message.isHidden())
    assert "multilayer perceptron" in panel.message.text()
    assert panel.code.isHidden()


def test_training_lights_the_loop(window, qtbot):
    assert window.load_lesson("spiral")
    panel = _show_dock(window)
    training = window.training
    training.set_pace(0)  # full speed: the whole loop stays lit while it runs
    # torch: no compiler thread left working after the run (numba's warm-up)
    training.form.engine.setCurrentIndex(training.form.engine.findData("torch"))
    training.form.epochs.setValue(100000)
    with qtbot.waitSignal(training.trainingStarted, timeout=10000):
        training.start()
    try:
        qtbot.waitUntil(lambda: panel.stage() == "loop", timeout=10000)
        lit = panel.highlighted_text().split("\n")
        assert lit[0].startswith("for epoch in range(") and lit[-1].startswith("optimizer.step()")
    finally:
        with qtbot.waitSignal(training.trainingFinished, timeout=60000):
            training.stop()
    assert panel.stage() is None and panel.highlighted_text() == ""


def test_at_a_slow_pace_each_epoch_walks_the_loops_lines(qtbot):
    lesson = load_lesson("spiral")
    panel = PytorchStructurePanel()
    qtbot.addWidget(panel)
    panel.set_structure(script_structure(lesson.network, TrainingConfig.from_dict(lesson.training)))
    seen = []
    panel.training_epoch(3.0)  # 3 epochs/s: each of the five lines lit for 1/15 s
    qtbot.waitUntil(lambda: seen.append(panel.highlighted_text()) or panel.stage() == "step", timeout=3000)
    walked = [s for i, s in enumerate(seen) if i == 0 or s != seen[i - 1]]
    assert [w.split("(")[0] for w in walked] == [
        "optimizer.zero_grad", "output = model", "error = criterion", "loss.backward", "optimizer.step"]
    panel.training_epoch(30.0)  # faster than a person reads: the whole loop
    assert panel.stage() == "loop"
    panel.training_stopped()
    assert panel.highlighted_lines() == []


def test_a_setting_changed_on_the_form_rewrites_the_structure(window, qtbot):
    assert window.load_lesson("spiral")
    panel = _show_dock(window)
    qtbot.waitUntil(lambda: panel.structure() is not None and "optimizer = " in panel.text())
    assert "weight_decay" not in panel.text()
    window.training.form.l2.setValue(0.01)  # L2 is the optimizer's weight_decay
    qtbot.waitUntil(lambda: "weight_decay" in panel.text())


def test_switching_the_language_rewrites_the_comments(window, qtbot):
    assert window.load_lesson("mlp-xor")
    panel = _show_dock(window)
    qtbot.waitUntil(lambda: "# 1. zero the gradients" in panel.text())
    window.set_language("es")
    try:
        qtbot.waitUntil(lambda: "# 1. poner a cero los gradientes" in panel.text())
        assert panel.highlighted_text().startswith("optimizer.zero_grad()")  # still lit after the rewrite
    finally:
        window.set_language("en")


def test_a_softmax_lesson_shows_the_cross_entropy_and_the_steppers_dropout(window, qtbot):
    assert window.load_lesson("softmax-2-3-3")  # the lesson opens this view itself
    panel = window.pytorch_structure
    # the stepper's E = −Σ d log y, not ½‖d − y‖² (written on the event loop's next turn)
    qtbot.waitUntil(lambda: "criterion = nn.CrossEntropyLoss()" in panel.text(), timeout=5000)
    text = panel.text()
    assert "dropout(h, DROPOUT[0]" not in text
    window.stepper.set_dropout(0.5)  # the stepper's switch: the model drops its hidden neurons too
    qtbot.waitUntil(lambda: "dropout(h, DROPOUT[0]" in panel.text(), timeout=5000)
