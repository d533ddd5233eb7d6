"""``nnviz train``: train a lesson headless, with a progress bar on stderr.

Writes ``DIR/metrics.csv`` (epoch, train_loss, val_loss, train_acc, val_acc)
and the trained network ``DIR/network.nnviz.json``. Bad arguments exit with
status 2, a diverged training with status 3, each with one line on stderr.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from nnviz.core.errors import UserError
from nnviz.core.training.config import DEVICES, ENGINE_CHOICES, TrainingConfig
from nnviz.core.training.records import EpochMetrics, Snapshot
from nnviz.core.training.trainer import Trainer

METRICS_FILE = "metrics.csv"
NETWORK_FILE = "network.nnviz.json"
COLUMNS = ("epoch", "train_loss", "val_loss", "train_acc", "val_acc")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--preset", required=True, metavar="NAME", help="the lesson to train")
    p.add_argument("--epochs", type=int, metavar="N", help="epochs to train (default: the lesson's)")
    p.add_argument("--lr", type=float, metavar="X", help="learning rate η")
    p.add_argument("--batch-size", type=int, metavar="B", help="samples per update; 0 = the full set")
    p.add_argument("--device", choices=DEVICES, help="where torch computes (default: auto)")
    p.add_argument(
        "--seed", type=int, metavar="S", help="seed of the initial weights and the batch order"
    )
    p.add_argument("--engine", choices=ENGINE_CHOICES, help="which engine trains (default: auto)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for metrics.csv and the network")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def config_from_args(lesson_training: dict[str, Any], args: argparse.Namespace) -> TrainingConfig:
    base = TrainingConfig.from_dict(lesson_training)
    changes: dict[str, Any] = {}
    for arg, key in (
        ("epochs", "epochs"),
        ("lr", "lr"),
        ("batch_size", "batch_size"),
        ("device", "device"),
        ("seed", "seed"),
        ("engine", "engine"),
    ):
        value = getattr(args, arg)
        if value is not None:
            changes[key] = value
    try:
        return base.replace(**changes)
    except UserError as exc:
        # name the option the user typed rather than the lesson field
        msg = str(exc)
        for arg in ("epochs", "lr", "batch_size", "device", "seed", "engine"):
            msg = msg.replace(f"'training.{arg}'", f"--{arg.replace('_', '-')}")
            msg = msg.replace(f"Setting '{arg}'", f"--{arg.replace('_', '-')}")
        raise UserError(msg) from None


def _fmt(v: float, pct: bool = False) -> str:
    if math.isnan(v):
        return ""
    return f"{v:.6g}" if not pct else f"{v:.6f}"


def metrics_csv(history: list[EpochMetrics]) -> str:
    lines = [",".join(COLUMNS)]
    for m in history:
        lines.append(
            ",".join(
                [str(m.epoch), _fmt(m.train_loss), _fmt(m.val_loss), _fmt(m.train_acc, True), _fmt(m.val_acc, True)]
            )
        )
    return "\n".join(lines) + "\n"


class ProgressBar:
    """A one-line bar redrawn at most 10 times a second (a line per 10% off a terminal)."""

    def __init__(self, total: int, stream: TextIO, enabled: bool = True) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last = -math.inf
        self._last_tenth = -1
        self._last_epoch = -1
        self._drawn = False

    def update(self, snap: Snapshot) -> None:
        if not self.enabled or snap.metrics is None:
            return
        now = time.monotonic()
        tenth = snap.epoch * 10 // max(1, self.total)
        if self.tty:
            if now - self._last < 0.1 and not snap.final:
                return
            self._last = now
            self.stream.write("\r" + self._line(snap))
            self._drawn = True
        elif tenth != self._last_tenth or (snap.final and snap.epoch != self._last_epoch):
            self._last_tenth = tenth
            self.stream.write(self._line(snap) + "\n")
        self._last_epoch = snap.epoch
        self.stream.flush()

    def _line(self, snap: Snapshot) -> str:
        m = snap.metrics
        assert m is not None
        width = 24
        filled = min(width, round(width * snap.epoch / max(1, self.total)))
        bar = "#" * filled + "." * (width - filled)
        text = f"epoch {snap.epoch:>{len(str(self.total))}}/{self.total} [{bar}] loss {m.train_loss:.4f}"
        if not math.isnan(m.val_loss):
            text += f" val {m.val_loss:.4f} val acc {100 * m.val_acc:5.1f}%"
        else:
            text += f" acc {100 * m.train_acc:5.1f}%"
        return text

    def close(self) -> None:
        if self.enabled and self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def _out_dir(path: str) -> Path:
    out = Path(path).expanduser()
    if out.exists() and not out.is_dir():
        raise UserError(f"--out '{out}' is a file; give a folder.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot create the folder '{out}': {exc.strerror}.") from None
    return out


def run(args: argparse.Namespace) -> int:
    from nnviz.core.lessons import load_lesson
    from nnviz.core.model.network import Network, atomic_write_text, save_network

    lesson = load_lesson(args.preset)
    training = dict(lesson.training)
    if lesson.mode != "train":
        # A stepper lesson has a handful of points (XOR has four): all of them
        # train, none is held out, for as many epochs as its Train button runs.
        # The slides' algorithm: SGD on E = ½‖d − y‖², one sample per update, η of the lesson.
        training.setdefault("val_fraction", 0.0)
        training.setdefault("loss", "mse")
        training.setdefault("optimizer", "sgd")
        training.setdefault("batch_size", 1)
        training.setdefault("lr", float(lesson.stepper.get("eta", 0.5)))
        if lesson.stepper.get("train_epochs"):
            training.setdefault("epochs", int(lesson.stepper["train_epochs"]))
    config = config_from_args(training, args)
    out = _out_dir(args.out)
    network = lesson.network
    if args.seed is not None:
        network = Network.initialised(network.layers, network.activations, seed=config.seed)
    trainer = Trainer(network, lesson.dataset(), config)
    bar = ProgressBar(config.epochs, sys.stderr, enabled=not args.quiet)
    try:
        result = trainer.run(bar.update, snapshot_interval=0.0)
    finally:
        bar.close()
        atomic_write_text(out / METRICS_FILE, metrics_csv(trainer.history))
        save_network(trainer.network(), out / NETWORK_FILE)
        trainer.close()
    if result.diverged:
        raise UserError(result.message, exit_code=3)
    last = trainer.history[-1] if trainer.history else None
    summary = f"{args.preset}: {result.message} {result.seconds:.2f} s on {trainer.engine_name} ({trainer.device})"
    if last is not None:
        summary += f"; train acc {100 * last.train_acc:.1f}%"
        if not math.isnan(last.val_acc):
            summary += f", val acc {100 * last.val_acc:.1f}%"
    print(summary + f"; wrote {out / METRICS_FILE} and {out / NETWORK_FILE}")
    return 0
