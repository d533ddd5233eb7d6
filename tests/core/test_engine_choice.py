"""Which engine trains: the cost model, the user's override, the reasons, torch's threads."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.data import dataset
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training import compiled, costs
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.engine import select_engine


def _choice(net, n=400, **changes):
    rng = np.random.default_rng(0)
    ds = dataset.Dataset(rng.normal(size=(n, net.layers[0])), np.arange(n) % 2, n_classes=2)
    return select_engine(net, ds, TrainingConfig(val_fraction=0.0, **changes))


SMALL = Network.initialised([2, 8, 8, 1], "tanh", seed=0)
#: 6,370 parameters: over the old fixed cap of 5,000, yet the compiled engine's (2× torch)
MNIST_TINY = Network.initialised([784, 8, 10], ["relu", "softmax"], seed=0)
#: 109,386 parameters: torch's (4× the compiled engine at batch 32)
MNIST_MLP = Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=0)


@pytest.fixture
def ready(monkeypatch):
    """The compiled kernel counts as compiled (no compilation under way)."""
    monkeypatch.setattr(compiled, "kernels_ready", lambda: True)
    monkeypatch.setattr(compiled, "warming_up", lambda: False)


@pytest.fixture
def compiling(monkeypatch):
    """A fresh machine: the app started compiling the kernel in the background."""
    monkeypatch.setattr(compiled, "kernels_ready", lambda: False)
    monkeypatch.setattr(compiled, "warming_up", lambda: True)


# ---------------------------------------------------------------- the cost model
def test_auto_takes_the_compiled_engine_for_small_work(ready):
    assert _choice(SMALL, batch_size=10) == ("compiled", compiled.REASON_AUTO)
    assert _choice(SMALL, device="cpu") == ("compiled", compiled.REASON_AUTO)
    assert _choice(MNIST_TINY, batch_size=32) == ("compiled", compiled.REASON_AUTO)


def test_auto_takes_torch_for_big_work_and_says_why(ready):
    assert _choice(MNIST_MLP, batch_size=32) == ("torch", compiled.REASON_BIG)


def test_the_crossover_follows_the_measurements_and_the_batch_size():
    """At batch 32 the compiled engine won up to ~12,700 parameters (784-wide
    inputs, measured here); a bigger batch favours torch sooner."""

    def winner(hidden: int, batch: int) -> str:
        return costs.cheapest(("compiled", "torch"), [784, hidden, 10], batch)

    assert winner(8, 32) == "compiled"  # 6,370 parameters
    assert winner(12, 32) == "compiled"  # 9,550
    assert winner(24, 32) == "torch"  # 19,090
    crossover_32 = next(h for h in range(1, 200) if winner(h, 32) == "torch")
    crossover_128 = next(h for h in range(1, 200) if winner(h, 128) == "torch")
    assert 10_000 <= (784 + 1) * crossover_32 + (crossover_32 + 1) * 10 <= 16_000
    assert crossover_128 <= crossover_32


def test_the_numpy_engine_beats_torch_on_small_networks_only():
    assert costs.cheapest(("numpy", "torch"), [2, 8, 8, 1], 10) == "numpy"
    assert costs.cheapest(("numpy", "torch"), [784, 128, 64, 10], 128) == "torch"
    # on the 2-D lessons the compiled engine is far cheaper than NumPy
    for layers, batch in (([2, 8, 8, 1], 10), ([2, 16, 16, 1], 16), ([2, 8, 8, 8, 8, 8, 8, 1], 10)):
        assert costs.update_seconds("compiled", layers, batch) * 3 < costs.update_seconds(
            "numpy", layers, batch
        )


def test_the_batch_priced_is_the_one_trained():
    from nnviz.core.training.engine import _effective_batch

    rng = np.random.default_rng(0)
    ds = dataset.Dataset(rng.normal(size=(500, 2)), np.arange(500) % 2, n_classes=2)
    assert _effective_batch(ds, TrainingConfig(batch_size=10)) == 10
    # full batch: the training part, after the validation share is held out
    assert _effective_batch(ds, TrainingConfig(batch_size=0, val_fraction=0.2)) == 400
    assert _effective_batch(ds, TrainingConfig(batch_size=9999, val_fraction=0.0)) == 500


# ---------------------------------------------------------------- warm-up and no numba
def test_while_numba_compiles_small_work_trains_on_numpy_then_hands_over(compiling):
    assert _choice(SMALL, batch_size=10) == (
        "numpy-then-compiled",
        compiled.REASON_NUMPY_COMPILING,
    )
    # work that torch does faster than NumPy waits on torch
    mid = Network.initialised([784, 12, 10], ["relu", "softmax"], seed=0)
    if costs.cheapest(("numpy", "torch"), mid.layers, 128) == "torch":
        assert _choice(mid, batch_size=128)[1] in (compiled.REASON_COMPILING, compiled.REASON_BIG)


def test_while_numba_compiles_explicit_compiled_waits(compiling):
    assert _choice(SMALL, engine="compiled") == ("compiled", compiled.REASON_CHOSEN)


def test_with_no_compilation_under_way_the_kernel_compiles_on_first_use(monkeypatch):
    monkeypatch.setattr(compiled, "kernels_ready", lambda: False)
    monkeypatch.setattr(compiled, "warming_up", lambda: False)
    assert _choice(SMALL, batch_size=10) == ("compiled", compiled.REASON_AUTO)


def test_without_numba_small_work_trains_on_numpy_and_big_on_torch(monkeypatch):
    monkeypatch.setattr(compiled, "numba_available", lambda: False)
    assert _choice(SMALL, batch_size=10) == ("numpy", compiled.REASON_NUMPY_NO_NUMBA)
    assert _choice(MNIST_MLP, batch_size=128) == ("torch", compiled.REASON_NO_NUMBA)
    with pytest.raises(UserError, match="numba"):
        _choice(SMALL, engine="compiled")


def test_a_numba_that_failed_to_load_means_numpy(monkeypatch):
    monkeypatch.setattr(compiled, "_load_error", "ImportError: broken")
    assert _choice(SMALL) == ("numpy", compiled.REASON_NUMPY_NO_NUMBA)


# ---------------------------------------------------------------- what only torch can do
@pytest.mark.parametrize(
    "changes,reason",
    [
        (dict(device="cuda"), compiled.REASON_DEVICE),
        (dict(device="mps"), compiled.REASON_DEVICE),
        (dict(device="cuda", dropout=[0.2]), compiled.REASON_DROPOUT),
    ],
)
def test_auto_falls_back_to_torch_and_says_why(ready, changes, reason):
    assert _choice(SMALL, **changes) == ("torch", reason)


def test_dropout_on_a_small_network_trains_on_numpy_and_on_a_big_one_on_torch(ready):
    assert _choice(SMALL, dropout=[0.2]) == ("numpy", compiled.REASON_NUMPY_DROPOUT)
    assert _choice(MNIST_MLP, batch_size=128, dropout=[0.2]) == ("torch", compiled.REASON_DROPOUT)


def test_zero_dropout_does_not_need_torch(ready):
    assert _choice(SMALL, dropout=[0.0, 0.0])[0] == "compiled"


# ---------------------------------------------------------------- the override
def test_torch_chosen_is_always_honoured():
    assert _choice(SMALL, engine="torch") == ("torch", compiled.REASON_TORCH_CHOSEN)
    assert _choice(SMALL, engine="torch", dropout=[0.5]) == ("torch", compiled.REASON_TORCH_CHOSEN)


def test_compiled_and_numpy_chosen_are_honoured_even_for_big_work():
    assert _choice(MNIST_MLP, engine="compiled") == ("compiled", compiled.REASON_CHOSEN)
    assert _choice(MNIST_MLP, engine="numpy") == ("numpy", compiled.REASON_NUMPY_CHOSEN)


@pytest.mark.parametrize(
    "engine,changes,words",
    [
        ("compiled", dict(dropout=[0.2]), "dropout"),
        ("compiled", dict(device="cuda"), "CPU"),
        ("numpy", dict(device="mps"), "CPU, not on 'mps'"),
    ],
)
def test_an_impossible_choice_is_a_clear_user_error(engine, changes, words):
    with pytest.raises(UserError, match=words) as info:
        _choice(SMALL, engine=engine, **changes)
    message = str(info.value)
    assert "\n" not in message and message.endswith(".")


def test_every_reason_is_listed_once_for_translation():
    names = [n for n in dir(compiled) if n.startswith("REASON_")]
    assert sorted(getattr(compiled, n) for n in names) == sorted(compiled.REASONS)
    assert len(set(compiled.REASONS)) == len(compiled.REASONS)
    assert all(r.endswith(".") and "{" not in r for r in compiled.REASONS)


# ---------------------------------------------------------------- torch's threads
def test_torch_gets_one_thread_for_small_work():
    assert costs.torch_threads(32 * 6_000, available=4) == 1
    assert costs.torch_threads(costs.SINGLE_THREAD_WORK - 1, available=4) == 1
    assert costs.torch_threads(512 * 535_000, available=3) == 3
    assert costs.torch_threads(512 * 535_000, available=0) == 1


def test_the_torch_engine_takes_its_threads_from_the_batch_and_gives_them_back():
    import torch

    from nnviz.core.training.problem import prepare_data
    from nnviz.core.training.torch_engine import TorchEngine

    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        rng = np.random.default_rng(0)
        ds = dataset.Dataset(rng.normal(size=(64, 2)), np.arange(64) % 2, n_classes=2)
        engine = TorchEngine(SMALL, prepare_data(SMALL, ds), TrainingConfig(batch_size=16), "cpu")
        assert torch.get_num_threads() == 1
        engine.close()
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
