"""Training throughput with the app live vs a bare PyTorch loop, and GUI timer lag.

Prints ONE JSON line:

- ``gui_vs_bare``: for each job, epochs per second trained from the training
  panel (worker thread, signals, plots, decision regions / confusion matrix,
  network view, all live and on screen offscreen) divided by a bare PyTorch
  loop on the same model, data, batch size and optimizer, in the same run.
  Both do the same work per epoch: the updates, then loss and accuracy on the
  training and validation parts (what the app plots). A GUI run is timed
  from Train until its last snapshot reaches the GUI thread (the bare loop's
  time ends with its last figures); the final full repaint is not timed.
  Target ≥ 0.90.
  Jobs: ``digits`` (64-32-10 ReLU/softmax, the bundled 8×8 digits, batch 32)
  and ``mlp784`` (784-128-64-10 on 60,000 synthetic 28×28 samples, batch 128).
- ``lag_p99_ms``: the 99th percentile overshoot of a 10 ms GUI timer while
  the app trains at full speed (the worst of the jobs; measured in a run of
  its own, as the timer's callback competes for the GIL). Target ≤ 50.

The app is told to use the torch engine for these two jobs, so that both sides
run the same arithmetic and the ratio is the cost of the live app; a third job,
``digits_app_engine``, lets the app choose as it does for a user (the compiled
engine for this small network) and reports ``gui_vs_bare_digits_app_engine``.
``--device`` picks cpu/cuda.
Each rate is the best of several alternating measurements (bare, trainer, app,
bare, …: 7 of digits' short runs, 3 of mlp784's), since on a shared machine a
run is only ever slowed down, by as much as 30 %; ``--repeats N`` sets both
counts. Usage: ``python benchmarks/bench_training.py [--quick] [--repeats N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from nnviz.core.data import dataset, datasets  # noqa: E402
from nnviz.core.data.dataset import Dataset  # noqa: E402
from nnviz.core.model.network import Network  # noqa: E402
from nnviz.core.training.config import TrainingConfig  # noqa: E402
from nnviz.core.training.engine import resolve_device  # noqa: E402


# ---------------------------------------------------------------- the jobs
def digits_job() -> tuple[Network, Dataset, TrainingConfig]:
    ds = datasets.make({"kind": "digits", "val_fraction": 0.2, "split_seed": 0})
    net = Network.initialised([64, 32, 10], ["relu", "softmax"], seed=0)
    cfg = TrainingConfig(loss="cross_entropy", optimizer="adam", lr=0.005, batch_size=32)
    return net, ds, cfg


def mlp784_job(n: int = 60000) -> tuple[Network, Dataset, TrainingConfig]:
    """10 classes of noisy 28×28 prototypes: MNIST's shape without its download."""
    rng = np.random.default_rng(0)
    protos = rng.random((10, 784))
    y = rng.integers(0, 10, n)
    x = np.clip(protos[y] + rng.normal(0.0, 0.6, size=(n, 784)), 0.0, 1.0).astype(np.float64)
    ds = dataset.split(Dataset(x, y, 10, "synthetic-784", image_shape=(28, 28)), 1 / 6, 0)
    net = Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=0)
    cfg = TrainingConfig(loss="cross_entropy", optimizer="adam", lr=0.001, batch_size=128)
    return net, ds, cfg


#: torch's own thread count, read before the app limits it (see
#: nnviz.gui.training.worker.leave_a_core_for_the_gui)
_TORCH_THREADS = [0]


def app_threads(net: Network, ds: Dataset, cfg: TrainingConfig, device: str) -> int:
    """The torch CPU threads the app trains this job with, so both sides get the same.

    The panel leaves a core for the GUI (``leave_a_core_for_the_gui``) and the
    torch engine takes its threads from the batch's work (``costs.torch_threads``).
    """
    from nnviz.core.training.costs import torch_threads

    threads = max(1, min(_TORCH_THREADS[0] or 1, (os.cpu_count() or 1) - 1))
    if device == "cpu":
        n_train = max(1, len(ds.train_idx))
        batch = cfg.batch_size if 0 < cfg.batch_size < n_train else n_train
        threads = torch_threads(batch * net.n_edges, threads)
    return threads


# ------------------------------------------------------------ bare PyTorch
def bare_rate(net: Network, ds: Dataset, cfg: TrainingConfig, epochs: int, device: str) -> float:
    """:func:`bare_loop` with the app's torch thread count (:func:`app_threads`).

    Run in a thread of its own, as the app's worker trains: torch's intra-op
    threading differs between threads, and on a busy 2-core machine the thread
    count alone changes the speed several times, so both sides use the same.
    """
    import torch

    default = torch.get_num_threads()
    result: list[float] = []

    def job() -> None:
        torch.set_num_threads(app_threads(net, ds, cfg, device))
        try:
            result.append(bare_loop(net, ds, cfg, epochs, device))
        finally:
            torch.set_num_threads(default)

    worker = threading.Thread(target=job)
    worker.start()
    worker.join()
    return result[0]


def bare_loop(net: Network, ds: Dataset, cfg: TrainingConfig, epochs: int, device: str) -> float:
    """Epochs/s of the slides' PyTorch structure: model, loss, zero_grad, backward, step."""
    import torch
    from torch import nn

    dev = torch.device(device)
    t0 = time.perf_counter()
    layers: list[nn.Module] = []
    for i, (n_in, n_out) in enumerate(zip(net.layers[:-1], net.layers[1:], strict=True)):
        lin = nn.Linear(n_in, n_out)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(net.weights[i].T))
            lin.bias.copy_(torch.tensor(net.biases[i]))
        layers.append(lin)
        if i < len(net.layers) - 2:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers).to(dev)
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    x_tr = torch.tensor(ds.x_train, dtype=torch.float32, device=dev)
    y_tr = torch.tensor(ds.y_train, dtype=torch.long, device=dev)
    x_va = torch.tensor(ds.x_val, dtype=torch.float32, device=dev)
    y_va = torch.tensor(ds.y_val, dtype=torch.long, device=dev)
    gen = np.random.default_rng(0)
    n = len(x_tr)
    for _ in range(epochs):
        order = torch.as_tensor(gen.permutation(n)).to(dev)
        for s in range(0, n, cfg.batch_size):
            idx = order[s : s + cfg.batch_size]
            loss = loss_fn(model(x_tr.index_select(0, idx)), y_tr.index_select(0, idx))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        with torch.no_grad():  # the figures the app plots after every epoch
            figures = []
            for x, y in ((x_tr, y_tr), (x_va, y_va)):
                out = model(x)
                figures += [loss_fn(out, y), (out.argmax(1) == y).float().mean()]
            torch.stack(figures).tolist()
    return epochs / (time.perf_counter() - t0)


def trainer_rate(
    net: Network, ds: Dataset, cfg: TrainingConfig, epochs: int, device: str, engine: str = "torch"
) -> float:
    """Epochs/s of nnviz's own Trainer, headless, in a thread."""
    from nnviz.core.training.trainer import Trainer

    result: list[float] = []

    def job() -> None:
        import torch

        torch.set_num_threads(app_threads(net, ds, cfg, device))
        t0 = time.perf_counter()
        trainer = Trainer(net, ds, cfg.replace(epochs=epochs, engine=engine, device=device))
        try:
            trainer.run(None)
        finally:
            trainer.close()
        result.append(epochs / (time.perf_counter() - t0))

    worker = threading.Thread(target=job)
    worker.start()
    worker.join()
    return result[0]


# ------------------------------------------------------------------ the app
class LiveApp:
    """The training panel, its plots and data views, and the network view, on screen."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

        from nnviz.core.lessons import load_lesson
        from nnviz.gui.network.model import NetworkModel
        from nnviz.gui.training.panel import TrainingPanel

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        first = load_lesson("digits")
        self.model = NetworkModel(first.network)
        self.panel = TrainingPanel(self.model)
        self.panel.speed.setCurrentIndex(self.panel.speed.findData(0.0))  # full speed
        self.window = QWidget()
        row = QHBoxLayout(self.window)
        row.addWidget(self.panel)
        self.has_network_view = False
        self.engine = ""  # the engine of the last run
        try:
            from nnviz.gui.network.view import NetworkView

            row.addWidget(NetworkView(self.model), 2)
            self.has_network_view = True
        except ImportError:
            pass
        row.addWidget(self.panel.regions_widget(), 1)
        row.addWidget(self.panel.plots_widget(), 1)
        self.window.resize(1800, 900)
        self.window.show()
        self.app.processEvents()

    def train(
        self,
        net: Network,
        ds: Dataset,
        cfg: TrainingConfig,
        epochs: int,
        device: str,
        probe: bool = False,
        engine: str = "torch",
    ) -> tuple[float, list[float]]:
        """(epochs/s, timer overshoots in ms) of one run of ``epochs`` from the panel.

        ``probe``: run the 10 ms timer whose overshoots are returned (its Python
        callback takes the GIL 100 times a second, so throughput runs go without).
        """
        from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

        training = cfg.to_dict() | {"epochs": epochs, "engine": engine, "device": device}
        self.panel.load_problem(net, ds, training)
        self.app.processEvents()
        lags: list[float] = []
        clock = QElapsedTimer()
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(10)
        timer.timeout.connect(lambda: lags.append(max(0.0, clock.restart() - 10.0)))
        loop = QEventLoop()
        status: list[str] = []
        # the run's time ends when its last snapshot reaches the GUI thread (the
        # bare loop's ends with its last figures): the final full repaint of
        # every view and the thread's shutdown that follow are not training
        ended: list[float] = []

        def on_snapshot(snap: object) -> None:
            self.engine = getattr(snap, "engine", "")
            if getattr(snap, "final", False) and not ended:
                ended.append(time.perf_counter())

        self.panel.controller.snapshot.connect(on_snapshot)
        self.panel.trainingFinished.connect(status.append)
        self.panel.trainingFinished.connect(loop.quit)
        QTimer.singleShot(300_000, loop.quit)
        t0 = time.perf_counter()
        if not self.panel.start():
            raise RuntimeError(f"the panel did not start: {self.panel.message.text()}")
        clock.start()
        if probe:
            timer.start()
        loop.exec()
        wall = (ended[0] if ended else time.perf_counter()) - t0
        timer.stop()
        self.panel.controller.snapshot.disconnect(on_snapshot)
        self.panel.trainingFinished.disconnect(loop.quit)
        self.panel.trainingFinished.disconnect(status.append)
        if status != ["completed"]:
            raise RuntimeError(f"training ended with {status}: {self.panel.message.text()}")
        return epochs / wall, lags[1:]

    def close(self) -> None:
        self.panel.stop_and_wait()
        self.window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
    parser.add_argument("--repeats", type=int, default=0, help="measurements per side (default 7 / 3)")
    parser.add_argument("--quick", action="store_true", help="fewer epochs (a smoke test)")
    args = parser.parse_args()
    device = resolve_device(args.device)
    import torch

    torch.manual_seed(0)
    _TORCH_THREADS[0] = torch.get_num_threads()
    digits = digits_job()
    # name: (job, epochs, measurements per side, engine the app is told to use)
    jobs = {
        "digits": (digits, 4 if args.quick else 50, 7, "torch"),
        "mlp784": (mlp784_job(12000 if args.quick else 60000), 1 if args.quick else 4, 3, "torch"),
        # what a user gets: the app's own choice of engine (the compiled one here)
        "digits_app_engine": (digits, 4 if args.quick else 50, 3, "auto"),
    }
    live = LiveApp()
    out: dict = {"gui_vs_bare": {}, "device": device, "network_view": live.has_network_view}
    worst_lag: list[float] = []
    rates: dict = {}
    try:
        for name, ((net, ds, cfg), epochs, repeats, engine) in jobs.items():
            bare_rate(net, ds, cfg, 1, device)  # warm up torch's kernels and the views
            live.train(net, ds, cfg, 1, device, engine=engine)
            bare, gui, headless, paired = [], [], [], []
            for _ in range(args.repeats or (1 if args.quick else repeats)):
                bare.append(bare_rate(net, ds, cfg, epochs, device))
                headless.append(trainer_rate(net, ds, cfg, epochs, device, engine))
                gui.append(live.train(net, ds, cfg, epochs, device, engine=engine)[0])
                paired.append(gui[-1] / bare[-1])
            lags = live.train(net, ds, cfg, epochs, device, probe=True, engine=engine)[1]
            ratio = round(max(gui) / max(bare), 3)
            if engine == "torch":
                out["gui_vs_bare"][name] = ratio
            else:
                out[f"gui_vs_bare_{name}"] = ratio
            rates[name] = {
                "engine": live.engine,
                "bare_epochs_per_s": round(max(bare), 2),
                # the core Trainer alone, in a thread, with the app's thread policy:
                # what is left of gui_vs_bare is the cost of the live views
                "trainer_vs_bare": round(max(headless) / max(bare), 3),
                "gui_epochs_per_s": round(max(gui), 2),
                # the median of the ratios of runs made one after the other: less
                # sensitive to a lucky bare run than best over best
                "gui_vs_bare_paired_median": round(float(np.median(paired)), 3),
                # torch CPU threads of both sides (the app's: cores − 1, one for small jobs)
                "torch_threads": app_threads(net, ds, cfg, device),
                "lag_p99_ms": round(float(np.percentile(lags, 99)), 1) if lags else None,
            }
            worst_lag.append(rates[name]["lag_p99_ms"] or 0.0)
    finally:
        live.close()
    out["gui_vs_bare_min"] = min(out["gui_vs_bare"].values())
    out["lag_p99_ms"] = max(worst_lag)
    out["jobs"] = rates
    out["load_avg"] = round(os.getloadavg()[0], 2)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
