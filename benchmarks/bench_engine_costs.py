"""The engines' cost per update on a grid of networks × batch sizes, fitted.

    python benchmarks/bench_engine_costs.py [--reps 5] [--quick]

Measures, for each network and batch size, the CPU time of one update
(forward, backward, step; no evaluation) on the compiled, NumPy and PyTorch
engines (PyTorch: float32 on one thread, as the app runs such work), with the
engines alternated and the median of ``--reps`` repetitions; then fits, per
engine, ``seconds = fixed + per_layer·L + per_madd·B·P`` (L weight layers, B
the batch, P the parameters) by least squares on relative error. Its output
is the table in :mod:`nnviz.core.training.costs`.

It also times PyTorch with one thread against two (wall time: what a user
waits) on updates of growing work (batch × weights), which is where
``costs.SINGLE_THREAD_WORK`` comes from.

Prints one JSON line: ``grid`` (network, batch, engine, seconds per update),
``fit`` (the constants, and the worst relative error of the fit),
``crossover_params_batch32`` (the fitted compiled/torch crossover for 784-h-10
networks), ``torch_threads`` (work, 1-thread and 2-thread seconds per update).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# one BLAS thread for NumPy, as PyTorch gets one: CPU time then measures work,
# not a helper thread spinning on a core another program wants
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from nnviz.core.data.dataset import Dataset  # noqa: E402
from nnviz.core.model.network import Network  # noqa: E402
from nnviz.core.training.config import TrainingConfig  # noqa: E402
from nnviz.core.training.engine import create_engine  # noqa: E402
from nnviz.core.training.problem import prepare_data  # noqa: E402

NETWORKS = [
    ([2, 8, 8, 1], "tanh"),
    ([2, 8, 8, 8, 8, 8, 8, 1], "tanh"),
    ([64, 32, 10], ["relu", "softmax"]),
    ([784, 8, 10], ["relu", "softmax"]),
    ([784, 16, 10], ["relu", "softmax"]),
    ([784, 32, 10], ["relu", "softmax"]),
    ([784, 128, 64, 10], ["relu", "relu", "softmax"]),
]
BATCHES = [10, 32, 128]
ENGINES = ["compiled", "numpy", "torch"]


def _job(layers: list[int], acts, batch: int) -> tuple[Network, Dataset, TrainingConfig]:
    rng = np.random.default_rng(0)
    n = max(20 * batch, 640)
    classes = max(2, layers[-1])
    ds = Dataset(rng.normal(size=(n, layers[0])), np.arange(n) % classes, n_classes=classes)
    net = Network.initialised(layers, acts, seed=0)
    loss = "mse" if layers[-1] == 1 else "cross_entropy"
    cfg = TrainingConfig(loss=loss, lr=0.01, batch_size=batch, val_fraction=0.0, device="cpu")
    return net, ds, cfg


def _engine(name: str, net: Network, ds: Dataset, cfg: TrainingConfig):
    single = name == "torch"
    cfg = cfg.replace(engine=name, dtype="float32" if single else "float64")
    data = prepare_data(net, ds, np.float32 if single else np.float64)
    return create_engine(name, net.copy(), data, cfg, "cpu")


def _seconds_per_update(engine, n: int, batch: int, budget_s: float) -> float:
    """CPU seconds of one update, from as many updates as fit in ``budget_s``."""
    order = np.random.default_rng(1).permutation(n)
    engine.set_order(order)
    engine.run_batches(0, 2, batch)  # warm
    done, pos, t0 = 0, 0, time.process_time()
    while True:
        if pos >= n:
            engine.set_order(order)
            pos = 0
        pos = engine.run_batches(pos, 4, batch)
        done += 4
        spent = time.process_time() - t0
        if spent >= budget_s:
            return spent / done


def measure_grid(reps: int, budget_s: float) -> list[dict]:
    import torch

    torch.set_num_threads(1)
    rows = []
    for layers, acts in NETWORKS:
        for batch in BATCHES:
            net, ds, cfg = _job(layers, acts, batch)
            engines = {e: _engine(e, net, ds, cfg) for e in ENGINES}
            times: dict[str, list[float]] = {e: [] for e in ENGINES}
            for r in range(reps):
                for e in ENGINES if r % 2 == 0 else ENGINES[::-1]:
                    times[e].append(_seconds_per_update(engines[e], len(ds.x), batch, budget_s))
            for e, eng in engines.items():
                eng.close()
                rows.append(
                    dict(layers=layers, batch=batch, engine=e, seconds=statistics.median(times[e]))
                )
            print(f"# {layers} batch {batch}: " + ", ".join(
                f"{e} {1e6 * statistics.median(times[e]):.1f} µs" for e in ENGINES
            ), file=sys.stderr, flush=True)  # fmt: skip
    return rows


def fit(rows: list[dict]) -> dict:
    out = {}
    for e in ENGINES:
        mine = [r for r in rows if r["engine"] == e]
        n_params = [sum(a * b + b for a, b in zip(r["layers"][:-1], r["layers"][1:])) for r in mine]
        a = np.array([[1.0, len(r["layers"]) - 1, r["batch"] * p] for r, p in zip(mine, n_params)])
        t = np.array([r["seconds"] for r in mine])
        w = 1.0 / t  # relative error
        coef = np.linalg.lstsq(a * w[:, None], t * w, rcond=None)[0]
        coef = np.maximum(coef, 0.0)
        pred = a @ coef
        out[e] = dict(
            fixed=float(coef[0]), per_layer=float(coef[1]), per_madd=float(coef[2]),
            worst_relative_error=float(np.max(np.abs(pred - t) / t)),
        )  # fmt: skip
    return out


def crossover(constants: dict, batch: int = 32) -> int | None:
    def cost(e: str, hidden: int) -> float:
        c = constants[e]
        p = 785 * hidden + (hidden + 1) * 10
        return c["fixed"] + 2 * c["per_layer"] + c["per_madd"] * batch * p

    for hidden in range(1, 400):
        if cost("torch", hidden) < cost("compiled", hidden):
            return 785 * hidden + (hidden + 1) * 10
    return None


def _wall_per_update(engine, n: int, batch: int, updates: int) -> float:
    """Wall seconds of one update, over ``updates`` updates (threads count as a user waits)."""
    order = np.random.default_rng(1).permutation(n)
    engine.set_order(order)
    engine.run_batches(0, 2, batch)  # warm
    pos, done, t0 = 0, 0, time.perf_counter()
    while done < updates:
        if pos >= n:
            engine.set_order(order)
            pos = 0
        pos = engine.run_batches(pos, 1, batch)
        done += 1
    return (time.perf_counter() - t0) / done


def torch_threads(reps: int, budget_s: float) -> list[dict]:
    """Wall seconds per update with 1 and 2 torch threads, for growing work.

    (OMP_NUM_THREADS=1 above only sets torch's default; ``set_num_threads`` overrides it.)
    """
    import torch

    before = torch.get_num_threads()
    out = []
    for layers, batch in (
        ([64, 32, 10], 32), ([784, 32, 10], 32), ([784, 128, 64, 10], 32),
        ([784, 128, 64, 10], 128), ([784, 256, 128, 10], 256), ([784, 512, 256, 10], 512),
    ):  # fmt: skip
        acts = ["relu"] * (len(layers) - 2) + ["softmax"]
        net, ds, cfg = _job(layers, acts, batch)
        work = batch * net.n_edges
        engines = {}
        for threads in (1, 2):
            torch.set_num_threads(threads)
            engines[threads] = _engine("torch", net, ds, cfg)
        torch.set_num_threads(1)
        probe = _wall_per_update(engines[1], len(ds.x), batch, 5)
        updates = max(5, int(budget_s / max(probe, 1e-6)))
        times: dict[int, list[float]] = {1: [], 2: []}
        for r in range(reps):
            for threads in (1, 2) if r % 2 == 0 else (2, 1):
                torch.set_num_threads(threads)  # the engine may have lowered it
                times[threads].append(_wall_per_update(engines[threads], len(ds.x), batch, updates))
        for eng in engines.values():
            eng.close()
        one, two = statistics.median(times[1]), statistics.median(times[2])
        out.append(dict(layers=layers, batch=batch, work=work, one_thread_s=one, two_threads_s=two))
        print(f"# threads {layers} batch {batch} work {work:,}: 1: {1e6 * one:.0f} µs, "
              f"2: {1e6 * two:.0f} µs per update", file=sys.stderr, flush=True)  # fmt: skip
    torch.set_num_threads(before)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="short measurements")
    args = parser.parse_args()
    budget = 0.03 if args.quick else 0.12
    from nnviz.core.training import compiled

    compiled.warm_up()
    rows = measure_grid(args.reps, budget)
    constants = fit(rows)
    result = dict(
        grid=rows,
        fit=constants,
        crossover_params_batch32=crossover(constants),
        crossover_params_batch128=crossover(constants, 128),
        torch_threads=torch_threads(max(3, args.reps), budget * 2),
        load_avg=round(os.getloadavg()[0], 2),
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
