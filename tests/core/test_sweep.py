"""Sweeps: the values parsed and labelled, each run the same as training it alone, the CLI's files."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from nnviz.cli import main
from nnviz.core import lessons
from nnviz.core.errors import UserError
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.sweep import (
    Sweep,
    label,
    parse_values,
    run_sweep,
    summary_rows,
    sweep_runs,
)
from nnviz.core.training.trainer import Trainer


def test_values_and_labels():
    assert parse_values("batch_size", "1, 32,0") == (1, 32, 0)
    assert [label("batch_size", v) for v in (1, 32, 0)] == ["batch 1", "batch 32", "batch = full set"]
    assert parse_values("optimizer", "SGD,adam") == ("sgd", "adam")
    assert parse_values("early_stopping", "on,off") == (True, False)
    assert label("hidden_neurons", 16) == "16 neurons" and label("l2", 0.001) == "L2 λ = 0.001"
    assert label("dropout", 0.5) == "dropout p = 0.5" and label("lr", 0.1) == "η = 0.1"


@pytest.mark.parametrize(
    "param, values, words",
    [
        ("batchsize", "1", "Unknown setting 'batchsize' to sweep; choose one of: batch_size,"),
        ("batch_size", "1,a", "'a' is not a value of 'batch_size'"),
        ("batch_size", "-1", "'-1' is not a value of 'batch_size'"),
        ("lr", "0", "'0' is not a value of 'lr'"),
        ("lr", "nan", "'nan' is not a value of 'lr'"),
        ("dropout", "1", "'1' is not a value of 'dropout'"),
        ("optimizer", "rmsprop", "sgd or adam"),
        ("hidden_neurons", "99999", "'99999' is not a value"),
        ("batch_size", "1,,2", "separated by commas"),
        ("batch_size", ",".join(["1"] * 13), "at most 12 values"),
    ],
)
def test_bad_values_are_one_sentence(param, values, words):
    with pytest.raises(UserError, match=None) as err:
        parse_values(param, values)
    assert words in str(err.value)


def test_each_run_is_the_run_trained_alone():
    lesson = lessons.load_lesson("circles")
    config = TrainingConfig.from_dict(lesson.training).replace(epochs=4)
    runs = sweep_runs(lesson.network, config, Sweep("batch_size", (1, 0)))
    assert [r.label for r in runs] == ["batch 1", "batch = full set"]
    ds = lesson.dataset()
    run_sweep(runs, ds)
    for run, batch in zip(runs, (1, 0)):
        alone = Trainer(lesson.network, ds, config.replace(batch_size=batch))
        for _ in range(4):
            alone.step_epoch()
        assert [m.val_loss for m in run.history] == pytest.approx([m.val_loss for m in alone.history], abs=1e-12)
        assert run.history[-1].updates == alone.updates
        alone.close()
    # full batch: one update an epoch; batch 1: one per training sample
    assert runs[1].history[-1].updates == 4 and runs[0].history[-1].updates == 4 * len(ds.train_idx)


def test_hidden_sizes_and_seeds_change_the_network_and_the_summary_averages_the_seeds():
    lesson = lessons.load_lesson("overfitting")
    config = TrainingConfig.from_dict(lesson.training).replace(epochs=3, early_stopping=False)
    runs = sweep_runs(lesson.network, config, Sweep("hidden_neurons", (2, 8), seeds=(0, 1)))
    assert [r.network.layers[1] for r in runs] == [2, 2, 8, 8]
    assert [r.config.seed for r in runs] == [0, 1, 0, 1]
    assert not np.array_equal(runs[0].network.weights[0], runs[1].network.weights[0])
    run_sweep(runs, lesson.dataset())
    rows = summary_rows(runs)
    assert [r["label"] for r in rows] == ["2 neurons", "8 neurons"] and rows[0]["seeds"] == 2
    finals = [r.history[-1].val_loss for r in runs[:2]]
    assert rows[0]["final_val_loss"] == pytest.approx(np.mean(finals))
    assert rows[0]["final_val_loss_sd"] == pytest.approx(np.std(finals))


def test_the_command_writes_a_csv_per_run_a_summary_and_the_curves(tmp_path, capsys):
    out = tmp_path / "sweep"
    assert main(["sweep", "--preset", "spiral", "--param", "batch_size", "--values", "1,32,0",
                 "--epochs", "3", "--out", str(out), "--quiet"]) == 0
    assert "3 runs of 'batch_size'" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "batch-1.csv", "batch-32.csv", "batch-full-set.csv", "curves.png", "summary.csv"]
    with open(out / "summary.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["label"] for r in rows] == ["batch 1", "batch 32", "batch = full set"]
    with open(out / "batch-32.csv", newline="") as fh:
        runs = list(csv.DictReader(fh))
    assert [int(r["epoch"]) for r in runs] == [1, 2, 3]
    assert float(rows[1]["final_val_loss"]) == pytest.approx(float(runs[-1]["val_loss"]))
    assert (out / "curves.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not math.isnan(float(rows[2]["updates"]))


@pytest.mark.parametrize(
    "args, words",
    [
        (["--param", "speed", "--values", "1"], "choose one of: batch_size, hidden_neurons"),
        (["--param", "lr", "--values", "fast"], "'fast' is not a value of 'lr'"),
        (["--param", "lr", "--values", "0.1", "--epochs", "0"], "--epochs must be"),
        (["--param", "lr", "--values", "0.1", "--seeds", "99"], "--seeds must be"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, args, words):
    code = main(["sweep", "--preset", "spiral", "--out", str(tmp_path / "o"), *args])
    err = capsys.readouterr().err
    assert code == 2 and words in err and err.count("\n") == 1


def test_a_lecture_lesson_is_refused(tmp_path, capsys):
    assert main(["sweep", "--preset", "mlp-xor", "--param", "lr", "--values", "0.1", "--out", str(tmp_path)]) == 2
    assert "lecture-mode" in capsys.readouterr().err
