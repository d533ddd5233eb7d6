"""What an update costs on each engine, and how many threads PyTorch gets.

The engine choice (:func:`nnviz.core.training.engine.select_engine`) takes
the engine with the cheapest predicted update for the job's network and batch
size; a fixed parameter cap cannot be right for every batch size (a bigger
batch favours PyTorch sooner, its cost being mostly a fixed one per update).

The model, per update and per engine, in seconds::

    fixed + per_layer · L + per_madd · B · P

with L weight layers, B samples in the batch and P parameters (so B·P is
about the multiply-adds of the forward pass). The constants are a fixed table
measured on the development machine (2 cores of a Xeon with AVX-512, shared
with other work; CPU time of one update, medians of 3 alternated runs, float32
PyTorch and NumPy on one thread; the compiled engine as it is now, with its
register-blocked products) by::

    python benchmarks/bench_engine_costs.py --reps 3

on a grid of 7 networks (2-8-8-1 … 784-128-64-10) × batches 10, 32, 128, and
fitted by least squares on relative error. The fit is rough (within 45–67 %
of the grid's times), but it orders the engines where it matters: it puts
the compiled/PyTorch crossover at batch 32 at about 11,300 parameters
(measured before: 784-8-10, 6,370 parameters, 2× faster compiled;
784-128-64-10 4× faster on PyTorch; the crossover near 12,700) and at batch
128 near 3,200. The engines share the CPU, so their order moves little
between machines.

The grid also showed NumPy (BLAS, one thread) ahead of the compiled engine
for wide layers at bigger batches (64-32-10 at batch 128: 0.10 vs 0.22 ms;
784-8-10 at batch 32: 0.18 vs 0.25 ms).
Where numba works the choice is still between the compiled engine and
PyTorch: the NumPy engine holds the GIL between its many small calls (the
window's thread competes with it) and its BLAS may start threads of its own;
it trains while numba compiles and where numba is missing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UpdateCost:
    """Seconds per update: ``fixed + per_layer·L + per_madd·B·P``."""

    fixed: float
    per_layer: float
    per_madd: float

    def seconds(self, n_layers: int, batch: int, n_params: int) -> float:
        return self.fixed + self.per_layer * n_layers + self.per_madd * batch * n_params


#: fitted by benchmarks/bench_engine_costs.py (see the module docstring);
#: torch: float32 on one thread, the count the app uses for such work
COSTS: dict[str, UpdateCost] = {
    "compiled": UpdateCost(fixed=4.05e-6, per_layer=6.6e-8, per_madd=8.02e-10),
    "numpy": UpdateCost(fixed=2.79e-5, per_layer=4.21e-6, per_madd=2.48e-10),
    "torch": UpdateCost(fixed=1.85e-4, per_layer=4.22e-5, per_madd=6.87e-11),
}

#: below this many multiply-adds per update (batch × weights) PyTorch runs on
#: one thread on the CPU; see :func:`torch_threads`. Measured by
#: bench_engine_costs.py (wall time per update, 1 vs 2 threads, medians of 3–5
#: alternated runs), work: 1 thread vs 2 threads, µs:
#:
#:   work    machine quiet (load 0.8)   machine busy (load 2.8)
#:   76 k       226 vs 232                 335 vs 3,837
#:   0.8 M      267 vs 309                 422 vs 5,586
#:   3.5 M      534 vs 515               1,495 vs 5,222
#:   14 M     1,071 vs 914               1,580 vs 9,448
#:   60 M     2,976 vs 2,263             2,825 vs 2,167
#:   274 M   11,271 vs 6,293            13,536 vs 10,311
#:
#: A second thread pays from about 10 M multiply-adds on a quiet machine and
#: from about 30 M on a busy one, where below that it costs 3–12×: the line
#: is drawn where it pays on both.
SINGLE_THREAD_WORK = 32_000_000


def update_seconds(engine: str, layers: list[int], batch: int) -> float:
    """Predicted seconds of one update of a ``layers`` network on a batch of ``batch``."""
    n_params = sum(a * b + b for a, b in zip(layers[:-1], layers[1:], strict=True))
    return COSTS[engine].seconds(len(layers) - 1, max(1, batch), n_params)


#: floating-point operations a second one CPU core does on big products (float32)
BIG_FLOPS = 1.0e10
#: networks from this many weights and biases are announced with their cost
BIG_NETWORK_PARAMETERS = 1_000_000


def epoch_estimate(layers: list[int], n_train: int, batch: int) -> tuple[int, float, float]:
    """(weights and biases, megabytes they take in float64, predicted seconds of
    one epoch on ``n_train`` samples on the CPU with the cheaper of the compiled
    and torch engines, its evaluation of the training part included)."""
    n_params = sum(a * b + b for a, b in zip(layers[:-1], layers[1:], strict=True))
    batch = max(1, min(batch if batch > 0 else n_train, n_train))
    updates = -(-n_train // batch)
    engine = cheapest(("compiled", "torch"), layers, batch)
    update = update_seconds(engine, layers, batch)
    if n_params >= BIG_NETWORK_PARAMETERS:
        # the models above were fitted on networks of up to ~100 k weights; a
        # bigger one costs at least its arithmetic: forward and backward are about
        # 3 products of batch × weights, at BIG_FLOPS (2-4096-4096-1 on spiral,
        # batch 16: 4.3 s an epoch measured, 4.3 s predicted)
        update = max(update, 6.0 * batch * n_params / BIG_FLOPS)
    # the evaluation after the epoch: a forward pass, about a third of an update
    seconds = updates * update * (1.0 + 1.0 / 3.0)
    return n_params, 8.0 * n_params / 1e6, seconds


def cheapest(engines: tuple[str, ...], layers: list[int], batch: int) -> str:
    """The engine of ``engines`` with the cheapest predicted update (the first on a tie)."""
    return min(engines, key=lambda e: update_seconds(e, layers, batch))


def torch_threads(work: int, available: int) -> int:
    """PyTorch's CPU threads for updates of ``work`` multiply-adds (batch × weights).

    Below :data:`SINGLE_THREAD_WORK` one thread: the threads' hand-offs at every
    small operation cost more than they save (measured, see there). Above it,
    ``available`` (the caller's limit, e.g. the cores minus one for the GUI).
    """
    if work < SINGLE_THREAD_WORK:
        return 1
    return max(1, available)
