"""MNIST at its real size, offline: reading the files, one epoch in the window, the draw pad.

    python benchmarks/bench_mnist.py [--repeats N] [--quick] [--device cpu|cuda|auto]

Prints ONE JSON line:

- ``read_vs_frombuffer``: reading the 60,000-image training part (IDX, gzip)
  into float32 pixels in [0, 1] as the lessons do
  (:func:`nnviz.core.data.digits.load_mnist`: images and labels, checked),
  divided by the least any reader must do: ``gzip.decompress`` of the image
  file plus ``numpy.frombuffer``. Best of ``--repeats`` each, alternated.
  Target ≤ 1.5.
- ``gui_vs_bare``: epochs a second of the ``mnist`` lesson trained from the
  window's training panel (worker thread, live plots, confusion matrix,
  weight images, network view: ``bench_training.LiveApp``) divided by a bare
  PyTorch loop (the slides' zero_grad/backward/step) on the same network,
  data, batch size (64) and Adam, in the same run; both do one epoch plus
  the training and validation figures. Best over best of ``--repeats``
  alternated runs. Target ≥ 0.90.
- ``draw_p95_ms``: :func:`draw_pad_latency.draw_p95_ms` (the draw pad's
  latency, written with the pad); null, with ``draw_note``, if that module
  is missing. Target ≤ 33.

The files are made up by :mod:`nnviz.core.data.synthetic_idx` (MNIST's
sizes, format and about its compression) in a temporary folder, so that it
runs without the internet. ``details`` holds the seconds behind each ratio,
an epoch's seconds on each side, the engine, the device and the load.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402

from nnviz.core.data.digits import load_mnist  # noqa: E402
from nnviz.core.data.synthetic_idx import write_synthetic_set  # noqa: E402
from nnviz.core.lessons import load_lesson  # noqa: E402
from nnviz.core.training.config import TrainingConfig  # noqa: E402
from nnviz.core.training.engine import resolve_device  # noqa: E402


def read_ratio(folder: Path, repeats: int) -> dict:
    """Seconds of the lessons' reader and of gzip + frombuffer alone, best of ``repeats``."""
    images = folder / "train-images-idx3-ubyte.gz"
    ours, floor = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        ds = load_mnist(str(folder), "train")
        ours.append(time.perf_counter() - t0)
        assert ds.x.dtype == np.float32 and ds.x.shape == (60000, 784)
        del ds
        t0 = time.perf_counter()
        raw = gzip.decompress(images.read_bytes())
        pixels = np.frombuffer(raw, dtype=np.uint8, offset=16)
        floor.append(time.perf_counter() - t0)
        assert pixels.size == 60000 * 784
        del raw, pixels
    return {"ratio": round(min(ours) / min(floor), 3), "reader_s": round(min(ours), 4),
            "gzip_frombuffer_s": round(min(floor), 4)}


def epoch_ratio(folder: Path, repeats: int, device: str, epochs: int) -> dict:
    """One epoch of the mnist lesson: the window's panel vs a bare torch loop."""
    import bench_training as bt
    import torch

    bt._TORCH_THREADS[0] = torch.get_num_threads()
    lesson = load_lesson("mnist")
    lesson.data["path"] = str(folder)
    ds = lesson.dataset()  # 50,000 to train, 10,000 to validate; the test images apart
    net = lesson.network
    cfg = TrainingConfig.from_dict(lesson.training)
    live = bt.LiveApp()
    try:
        bt.bare_rate(net, ds, cfg, 1, device)  # warm up torch and the views
        live.train(net, ds, cfg, 1, device, engine="auto")
        bare, gui = [], []
        for _ in range(repeats):
            bare.append(bt.bare_rate(net, ds, cfg, epochs, device))
            gui.append(live.train(net, ds, cfg, epochs, device, engine="auto")[0])
        engine = live.engine
    finally:
        live.close()
    return {
        "ratio": round(max(gui) / max(bare), 3),
        "epoch_s_bare": round(1.0 / max(bare), 3),
        "epoch_s_gui": round(1.0 / max(gui), 3),
        "paired_median": round(float(np.median([g / b for g, b in zip(gui, bare)])), 3),
        "engine": engine,
        "torch_threads": bt.app_threads(net, ds, cfg, device),
        "n_train": int(len(ds.train_idx)),
        "n_val": int(len(ds.val_idx)),
    }


def draw_latency() -> tuple[float | None, str]:
    try:
        from draw_pad_latency import draw_p95_ms
    except ImportError as exc:
        return None, f"benchmarks/draw_pad_latency.py is not there ({exc})"
    return round(float(draw_p95_ms()), 2), ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
    parser.add_argument("--repeats", type=int, default=3, help="alternated measurements per side")
    parser.add_argument("--quick", action="store_true", help="one measurement per side (a smoke test)")
    args = parser.parse_args()
    repeats = 1 if args.quick else max(1, args.repeats)
    device = resolve_device(args.device)
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="nnviz-mnist-") as tmp:
        folder = Path(tmp) / "mnist"
        write_synthetic_set(folder)  # 60,000 + 10,000 images, gzipped as MNIST's
        read = read_ratio(folder, max(3, repeats))
        epoch = epoch_ratio(folder, repeats, device, epochs=1)
    draw, note = draw_latency()
    out["read_vs_frombuffer"] = read.pop("ratio")
    out["gui_vs_bare"] = epoch.pop("ratio")
    out["draw_p95_ms"] = draw
    if note:
        out["draw_note"] = note
    out["details"] = {"read": read, "epoch": epoch, "device": device,
                      "load_avg": round(os.getloadavg()[0], 2)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
