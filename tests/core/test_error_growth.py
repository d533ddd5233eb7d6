"""A learning rate that makes the error grow is said while it happens, on known histories and in ``nnviz train``."""

from __future__ import annotations

import math

from nnviz.cli import main
from nnviz.core.training.error_growth import STRETCH, GrowingError, growing_error
from nnviz.core.training.records import EpochMetrics


def _history(losses: list[float], accs: list[float] | None = None, lr: float = 1000.0) -> list[EpochMetrics]:
    accs = accs if accs is not None else [math.nan] * len(losses)
    return [
        EpochMetrics(epoch=i + 1, updates=10 * (i + 1), train_loss=loss, val_loss=math.nan, train_acc=acc,
                     val_acc=math.nan, penalty=0.0, lr=lr, batch_size=10, elapsed=0.01 * i)
        for i, (loss, acc) in enumerate(zip(losses, accs, strict=True))
    ]


def test_an_error_above_its_start_for_a_stretch_is_reported():
    # epoch 1 at 0.7, then 20 epochs all above it: growing
    history = _history([0.7] + [0.8 + 0.1 * i for i in range(STRETCH)], lr=5.0)
    warning = growing_error(history)
    assert isinstance(warning, GrowingError)
    assert str(warning) == (
        "The error is growing: it has stayed above its starting value (0.7) for 20 epochs; "
        "the learning rate η = 5 may be too large."
    )
    # one epoch fewer is not yet a sustained stretch
    assert growing_error(history[:-1]) is None
    # a single epoch back below the start inside the stretch breaks it
    dipped = _history([0.7] + [0.8] * 10 + [0.69] + [0.8] * 9)
    assert growing_error(dipped) is None


def test_a_falling_error_is_not_reported():
    losses = [0.7 * 0.97**i for i in range(200)]
    accs = [min(0.5 + 0.005 * i, 1.0) for i in range(200)]
    assert all(growing_error(_history(losses[:n], accs[:n], lr=0.03), 2) is None for n in range(1, 201))


def test_accuracy_at_chance_without_a_new_best_error_is_reported():
    # two classes: 50% is chance; the error jumps about below its start but never beats epoch 3's
    losses = [145.0, 108.0, 1.5] + [60.0 + (i % 7) for i in range(STRETCH)]
    accs = [0.49, 0.51, 0.51] + [0.49 + 0.02 * (i % 2) for i in range(STRETCH)]
    warning = growing_error(_history(losses, accs), n_classes=2)
    assert str(warning) == (
        "The network is not learning: its accuracy has stayed at chance (50%) for 20 epochs while the "
        "error does not fall; the learning rate η = 1000 may be too large."
    )
    assert warning.template.startswith("The network is not learning")  # a template to translate
    assert warning.arguments == (50.0, 20, 1000.0)
    # three classes: chance is 33%, so 50% is learning something
    assert growing_error(_history(losses, accs), n_classes=3) is None
    # a regression has no accuracy to judge
    assert growing_error(_history(losses, accs), n_classes=0) is None


def test_a_plateau_at_chance_that_still_improves_is_not_reported():
    # XOR's slow start: accuracy at chance for long, but the error keeps reaching new lows
    losses = [0.26 - 0.0005 * i for i in range(100)]
    accs = [0.5] * 100
    assert growing_error(_history(losses, accs, lr=0.5), n_classes=2) is None


def test_train_warns_once_on_stderr_and_exits_0(tmp_path, capsys):
    code = main(["train", "--preset", "spiral", "--lr", "1000", "--epochs", "80", "--engine", "numpy",
                 "--out", str(tmp_path), "--quiet"])
    assert code == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "warning" in line]
    assert len(lines) == 1, err
    assert lines[0].startswith("nnviz: warning: The network is not learning") and "η = 1000" in lines[0]
    # a good η says nothing
    assert main(["train", "--preset", "spiral", "--epochs", "80", "--engine", "numpy",
                 "--out", str(tmp_path), "--quiet"]) == 0
    assert "warning" not in capsys.readouterr().err
