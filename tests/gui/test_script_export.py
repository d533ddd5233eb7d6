"""File → Export → PyTorch script from the window: the script and the weights beside it
are written from what is on show, the script runs, and what cannot be exported is said."""

from __future__ import annotations

import re
import subprocess
import sys

from safetensors.numpy import load_file


def test_a_training_lesson_exports_a_script_that_runs(window, tmp_path):
    assert window.load_lesson("spiral")
    window.training.form.lr.setValue(0.02)  # a setting changed on the form goes into the script
    target = tmp_path / "net.py"
    assert window.export_pytorch_script(str(target))
    assert window.statusBar().currentMessage() == f"Saved {target}"
    weights = load_file(str(tmp_path / "net.safetensors"))
    assert sorted(weights) == ["fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight", "fc3.bias", "fc3.weight"]
    text = target.read_text(encoding="utf-8")
    assert "LEARNING_RATE = 0.02" in text and "LOAD_WEIGHTS = True" in text
    assert "class Net(nn.Module)" in text and "optimizer.step()" in text
    done = subprocess.run(
        [sys.executable, str(target), "--epochs", "1"], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"epoch 1: train loss [0-9.e+-]+, train accuracy .*validation loss .*\n", done.stdout)


def test_a_backprop_lesson_exports_the_steppers_rule(window, tmp_path):
    assert window.load_lesson("backprop-2-2-2")
    target = tmp_path / "stepper.py"
    assert window.export_pytorch_script(str(target), with_weights=False)
    assert not (tmp_path / "stepper.safetensors").exists()
    text = target.read_text(encoding="utf-8")
    compile(text, str(target), "exec")
    eta = window.stepper.walk().eta
    for line in (f"LEARNING_RATE = {eta!r}", "BATCH_SIZE = 1", "SHUFFLE = False", "DTYPE = torch.float64"):
        assert line in text, line
    assert "[0.01, 0.99]" in text  # the lesson's own desired outputs d


def test_the_perceptron_lesson_is_refused_with_a_sentence(window, tmp_path):
    assert window.load_lesson("perceptron-and")
    assert not window.export_pytorch_script(str(tmp_path / "p.py"))
    assert "multilayer perceptron" in window.statusBar().currentMessage()
    assert not (tmp_path / "p.py").exists()


def test_the_script_splits_the_data_as_the_lesson_on_show(window, tmp_path):
    """The overfitting lesson draws its moons with seed 3 and splits them with seed 0
    (the form names one seed for both): the script keeps the lesson's split."""
    assert window.load_lesson("overfitting")
    target = tmp_path / "over.py"
    assert window.export_pytorch_script(str(target), with_weights=False)
    text = target.read_text(encoding="utf-8")
    assert "rng = np.random.default_rng(3)" in text
    assert "train_idx, val_idx = split(len(x), 0.5, seed=0)" in text
