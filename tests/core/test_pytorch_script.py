"""File → Export → PyTorch script: the exported script runs on its own and prints the
losses nnviz's PyTorch engine computes (same data, split, batches, loss, optimizer).

Each case writes the script and its weights into a temporary folder, runs it with
``--epochs 3`` in a fresh Python (only numpy, torch and safetensors), and compares
its printed losses and accuracies with :class:`~nnviz.core.training.trainer.Trainer`
on the torch engine, epoch by epoch.
"""

from __future__ import annotations

import dataclasses
import math
import re
import subprocess
import sys

import numpy as np
import pytest
from safetensors.numpy import load_file

from nnviz.core.data import datasets
from nnviz.core.data.source import DataSource, build
from nnviz.core.data.table import CsvFormat
from nnviz.core.errors import UserError
from nnviz.core.lecture.backprop import backprop_update
from nnviz.core.lecture.stepping import lesson_targets
from nnviz.core.lessons import load_lesson
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.pytorch_script import pytorch_script, save_script_weights, script_weights
from nnviz.core.training.trainer import Trainer

EPOCHS = 3
LINE = re.compile(r"^epoch (\d+): (.*)$")


def run_script(tmp_path, network, config, source, name="net.py", lang="en"):
    """Write the script and its weights, run it for EPOCHS epochs; one dict of figures per epoch."""
    text = pytorch_script(network, config, source, weights_file="net.safetensors", lang=lang)
    script = tmp_path / name
    script.write_text(text, encoding="utf-8")
    save_script_weights(network, tmp_path / "net.safetensors", config.dtype)
    done = subprocess.run(
        [sys.executable, str(script), "--epochs", str(EPOCHS)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    rows = []
    for line in done.stdout.splitlines():
        m = LINE.match(line)
        assert m, line
        figures = dict(
            (name.strip(), float(value))
            for name, value in (part.rsplit(" ", 1) for part in m.group(2).split(", "))
        )
        rows.append(figures)
    assert len(rows) == EPOCHS
    return text, rows


def app_epochs(network, dataset, config):
    trainer = Trainer(network, dataset, config.replace(engine="torch", device="cpu", epochs=EPOCHS))
    try:
        return [trainer.step_epoch() for _ in range(EPOCHS)]
    finally:
        trainer.close()


def assert_same(rows, metrics, accuracy=True):
    for row, m in zip(rows, metrics, strict=True):
        assert row["train loss"] == pytest.approx(m.train_loss, abs=1e-6)
        if math.isnan(m.val_loss):
            assert "validation loss" not in row
        else:
            assert row["validation loss"] == pytest.approx(m.val_loss, abs=1e-6)
        if accuracy:
            assert row["validation accuracy"] == pytest.approx(m.val_acc, abs=1e-6)


def assert_basic_structure(text):
    compile(text, "net.py", "exec")
    for piece in ("class Net(nn.Module)", "def __init__(self)", "def forward(self, x)", "model = Net()",
                  "optimizer.zero_grad()", "loss.backward()", "optimizer.step()", "for epoch in range(",
                  "EPOCHS = "):
        assert piece in text, piece


# ------------------------------------------------------------------ the cases
def test_spiral_lesson_with_sgd_and_momentum(tmp_path):
    lesson = load_lesson("spiral")
    source = DataSource.from_spec(lesson.data)
    config = TrainingConfig.from_dict(lesson.training).replace(
        optimizer="sgd", lr=0.1, momentum=0.9, loss="mse", batch_size=16
    )
    text, rows = run_script(tmp_path, lesson.network, config, source)
    assert_basic_structure(text)
    assert "def load_data()" in text and "rng.uniform(0.0, 1.0, size=m)" in text  # the generator itself
    assert "torch.optim.SGD(" in text and "momentum=MOMENTUM" in text
    metrics = app_epochs(lesson.network, datasets.make(lesson.data), config)
    assert_same(rows, metrics)
    assert rows[-1]["train accuracy"] == pytest.approx(metrics[-1].train_acc, abs=1e-6)


def write_table(tmp_path, n=60):
    """A Spanish-style table: ';' between fields, decimal commas, text labels, a header."""
    rng = np.random.default_rng(5)
    x = rng.normal(loc=[5.0, -3.0, 100.0], scale=[2.0, 0.5, 30.0], size=(n, 3))
    labels = rng.choice(["rojo", "Azul", "verde"], size=n)
    lines = ["alto;ancho;peso;color"]
    lines += [";".join(f"{v:.5f}".replace(".", ",") for v in row) + f";{lab}" for row, lab in zip(x, labels)]
    path = tmp_path / "tabla.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_csv_table_with_adam_and_l2(tmp_path):
    path = write_table(tmp_path)
    source = DataSource.csv(path, CsvFormat(delimiter=";", decimal=","), 3, [0, 1, 2], val_fraction=0.25, seed=1)
    network = Network.initialised([3, 6, 3], ["tanh", "softmax"], seed=2)
    config = TrainingConfig(loss="cross_entropy", optimizer="adam", lr=0.02, l2=0.01, batch_size=8, seed=3)
    text, rows = run_script(tmp_path, network, config, source)
    assert_basic_structure(text)
    assert "tabla.csv" in text and "weight_decay" in text and "nn.CrossEntropyLoss()" in text
    assert_same(rows, app_epochs(network, build(source), config))


def test_points_with_dropout_l1_and_tanh_targets_in_float64(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(14, 2)).round(3)
    spec = {"kind": "points", "x": x.tolist(), "y": [int(a * b > 0) for a, b in x]}
    source = DataSource.from_spec(spec)
    network = Network.initialised([2, 5, 1], ["sigmoid", "tanh"], seed=1)
    config = TrainingConfig(
        loss="mse", optimizer="sgd", lr=0.3, momentum=0.5, l1=0.001, dropout=[0.3], batch_size=4,
        dtype="float64", eval_train=False, val_fraction=0.25, seed=4,
    )
    text, rows = run_script(tmp_path, network, config, source)
    assert "torch.rand(h.shape, generator=generator" in text and "DTYPE = torch.float64" in text
    assert "train accuracy" not in rows[0]  # eval_train off: the mean of the batches' errors
    dataset = datasets.make(spec)
    assert_same(rows, app_epochs(network, dataset, config))


def test_a_stepper_lesson_as_a_script_repeats_the_steppers_updates(tmp_path):
    """The stepper's rule (one sample at a time, in order, η, frozen biases, the lesson's
    own targets d) against backprop_update, the lecture's own arithmetic."""
    lesson = load_lesson("backprop-2-2-2")
    st = lesson.stepper
    data = lesson.dataset()
    config = TrainingConfig(
        loss="mse", optimizer="sgd", lr=st["eta"], batch_size=1, val_fraction=0.0, shuffle=False, dtype="float64"
    )
    source = DataSource.from_spec(lesson.data)
    text = pytorch_script(
        lesson.network, config, source, "net.safetensors",
        dataset=dataclasses.replace(data, values=data.targets), freeze_biases=st["freeze_biases"],
    )
    assert "layer.bias.requires_grad_(False)" in text
    script = tmp_path / "net.py"
    script.write_text(text, encoding="utf-8")
    save_script_weights(lesson.network, tmp_path / "net.safetensors", "float64")
    done = subprocess.run([sys.executable, str(script), "--epochs", str(EPOCHS)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    printed = [float(line.rsplit(" ", 1)[1]) for line in done.stdout.splitlines()]
    d = lesson_targets(lesson.network, data.y, st["targets"])
    net, expected = lesson.network, []
    for _ in range(EPOCHS):
        for i in range(len(data.x)):
            net = backprop_update(net, data.x[i], d[i], st["eta"], True, "layer", "en").network_after
        y = net.predict(data.x)
        expected.append(float(np.mean(0.5 * np.sum((d - y) ** 2, axis=1))))
    assert printed == pytest.approx(expected, abs=1e-9)  # printed with 10 digits


# ------------------------------------------------------------------ without running
def test_spanish_comments_and_the_weights_file(tmp_path):
    lesson = load_lesson("digits")
    config = TrainingConfig.from_dict(lesson.training)
    text = pytorch_script(lesson.network, config, DataSource.from_spec(lesson.data), "net.safetensors", lang="es")
    assert_basic_structure(text)
    for word in ("época", "lote", "tasa de aprendizaje η", "poner a cero los gradientes", "DIGITS_FILE"):
        assert word in text, word
    assert 'f"época {epoch}: pérdida de entrenamiento' in text and "train loss" not in text
    tensors = script_weights(lesson.network)
    assert list(tensors) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    save_script_weights(lesson.network, tmp_path / "w.safetensors")
    back = load_file(str(tmp_path / "w.safetensors"))
    assert back["fc1.weight"].shape == (32, 64) and back["fc1.weight"].dtype == np.float32
    np.testing.assert_array_equal(back["fc2.weight"], lesson.network.weights[1].T.astype(np.float32))
    np.testing.assert_array_equal(back["fc2.bias"], lesson.network.biases[1].astype(np.float32))


def test_without_weights_the_script_starts_from_pytorch_weights():
    lesson = load_lesson("circles")
    text = pytorch_script(lesson.network, TrainingConfig.from_dict(lesson.training), DataSource.from_spec(lesson.data))
    compile(text, "net.py", "exec")
    assert "load_file" not in text and "torch.manual_seed(SEED)" in text


def test_a_network_nnviz_cannot_train_is_refused():
    lesson = load_lesson("perceptron-and")
    with pytest.raises(UserError, match="no useful derivative"):
        pytorch_script(lesson.network, TrainingConfig(), DataSource.from_spec(lesson.data))
