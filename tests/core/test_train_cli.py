"""``nnviz train``: files written, progress on stderr, exit statuses 2 and 3."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from nnviz.cli import main
from nnviz.core import lessons
from nnviz.core.model.network import load_network


def test_train_writes_metrics_and_the_network(tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["train", "--preset", "circles", "--epochs", "12", "--lr", "0.3",
                 "--batch-size", "20", "--seed", "3", "--engine", "torch", "--out", str(out)])
    assert code == 0
    captured = capsys.readouterr()
    assert "epoch 12/12" in captured.err and "[" in captured.err
    assert "circles:" in captured.out and "val acc" in captured.out
    with open(out / "metrics.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["epoch", "train_loss", "val_loss", "train_acc", "val_acc"]
    assert [int(r["epoch"]) for r in rows] == list(range(1, 13))
    for r in rows:
        assert 0 <= float(r["train_acc"]) <= 1 and 0 <= float(r["val_acc"]) <= 1
        assert float(r["train_loss"]) > 0
    net = load_network(out / "network.nnviz.json")
    assert net.layers == [2, 8, 1] and net.activations == ["tanh", "sigmoid"]
    # the file holds the trained weights: its accuracy on the lesson's data is the last row's
    lesson = lessons.load_lesson("circles")
    ds = lesson.dataset()
    pred = net.predict(ds.x_val)[:, 0] > 0.5
    assert np.mean(pred == ds.y_val) == pytest.approx(float(rows[-1]["val_acc"]), abs=1e-6)


def test_train_with_the_lesson_defaults(tmp_path, capsys):
    assert main(["train", "--preset", "digits", "--out", str(tmp_path), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    with open(tmp_path / "metrics.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 30 and float(rows[-1]["val_acc"]) >= 0.95


@pytest.mark.parametrize(
    "args,message",
    [
        (["--preset", "spiral", "--lr", "-1"], "--lr must be a positive number"),
        (["--preset", "spiral", "--batch-size", "-2"], "--batch-size must be a whole number"),
        (["--preset", "spiral", "--epochs", "0"], "--epochs must be a whole number"),
        (["--preset", "spiral", "--epochs", "many"], "invalid int value"),
        (["--preset", "spiral", "--device", "tpu"], "invalid choice"),
        (["--preset", "nope"], "There is no lesson called 'nope'"),
        (["--preset", "spiral"], "the following arguments are required: --out"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys, args, message):
    if "required" not in message:
        args = [*args, "--out", str(tmp_path / "o")]
    assert main(["train", *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.startswith("nnviz: ") and err.count("\n") == 1


def test_out_must_be_a_folder(tmp_path, capsys):
    f = tmp_path / "file.txt"
    f.write_text("x")
    assert main(["train", "--preset", "spiral", "--out", str(f)]) == 2
    assert "is a file" in capsys.readouterr().err


def test_divergence_exits_3_with_one_line(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(lessons.lessons_dir() / "circles.json", folder / "circles.json")
    lesson = {
        "format": "nnviz-lesson", "version": 1, "mode": "train",
        "title": {"en": "Too fast"}, "text": {"en": "A linear output and a large η."},
        "network": {"layers": [2, 8, 1], "activations": ["relu", "identity"], "seed": 0},
        "data": {"kind": "blobs", "n": 100, "noise": 0.3, "val_fraction": 0.2},
        "training": {"loss": "mse", "optimizer": "sgd", "lr": 0.05, "batch_size": 10, "epochs": 30},
    }
    (folder / "too-fast.json").write_text(json.dumps(lesson))
    monkeypatch.setattr(lessons, "lessons_dir", lambda: folder)
    out = tmp_path / "run"
    assert main(["train", "--preset", "too-fast", "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    code = main(["train", "--preset", "too-fast", "--lr", "50", "--engine", "torch", "--out", str(out), "--quiet"])
    assert code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "diverged" in err and "smaller learning rate" in err
    # what was learned before the divergence is still written, with finite weights
    net = load_network(out / "network.nnviz.json")
    assert all(np.all(np.isfinite(w)) for w in net.weights)
    assert (out / "metrics.csv").read_text().startswith("epoch,train_loss")


def test_the_command_runs_as_a_program(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "nnviz", "train", "--preset", "batch-size", "--epochs", "3",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "epoch 3/3" in proc.stderr
    assert (tmp_path / "metrics.csv").read_text().count("\n") == 4


def test_a_missing_gpu_is_a_bad_argument(tmp_path, capsys):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA GPU")
    assert main(["train", "--preset", "spiral", "--device", "cuda", "--out", str(tmp_path)]) == 2
    assert "no CUDA GPU" in capsys.readouterr().err


def test_a_stepper_lesson_trains_on_all_its_points(tmp_path, capsys):
    from nnviz.cli import main

    assert main(["train", "--preset", "mlp-xor", "--out", str(tmp_path), "--quiet"]) == 0
    rows = (tmp_path / "metrics.csv").read_text().strip().splitlines()
    assert len(rows) - 1 == 300  # the lesson's "Train 300 epochs"
    last = rows[-1].split(",")
    assert last[2] in ("", "nan")  # no validation loss: none of the four points is held out
    assert float(last[3]) == 1.0  # the slides' SGD with the lesson's η solves XOR
