"""``nnviz train``: train a lesson or a CSV table headless, with a progress bar on stderr.

``--preset NAME`` trains a lesson; ``--data PATH.csv --label COLUMN`` trains
the table as the window's File -> Import data does (same reader, same
sentences for bad files, same network unless ``--hidden``, ``--activation``
or ``--output`` say otherwise). Writes ``DIR/metrics.csv`` (epoch, train_loss, val_loss, train_acc, val_acc),
the trained network ``DIR/network.nnviz.json`` and ``DIR/session.nnviz``, a
session file that the window opens (``nnviz DIR/session.nnviz``) on the same
data, settings, curve and weights, ready to train on. Bad arguments exit with
status 2, a diverged training with status 3, each with one line on stderr.
A run that does not learn (the error growing, the accuracy at chance, the
weights run away: :class:`~nnviz.core.training.error_growth.GrowthWatch`) gets
one warning line on stderr while it goes on; the exit status stays 0.
SIGTERM stops the run as Ctrl-C does: the files are written with what was
trained, one line says so, and the exit status is 130.

The image lessons (``--preset mnist``, ``--preset fashion-mnist``) read their
IDX files from ``--data-dir DIR`` or from the download folder; ``--download``
fetches missing files there first (the bar shows the download too). Their
10,000 test images are kept apart from training and validation and measured
once, after the last epoch: ``DIR/test.csv`` (epoch, test_loss, test_acc,
n_test), a file of its own so that ``metrics.csv`` stays one row per epoch.
"""

from __future__ import annotations

import argparse
import math
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from nnviz.commands.output import out_dir as _out_dir
from nnviz.commands.output import write as _write
from nnviz.core.errors import UserError
from nnviz.core.training.config import DEVICES, ENGINE_CHOICES, TrainingConfig
from nnviz.core.training.error_growth import GrowthWatch
from nnviz.core.training.records import EpochMetrics, Snapshot
from nnviz.core.training.trainer import Trainer

METRICS_FILE = "metrics.csv"
NETWORK_FILE = "network.nnviz.json"
SESSION_FILE = "session.nnviz"
TEST_FILE = "test.csv"
COLUMNS = ("epoch", "train_loss", "val_loss", "train_acc", "val_acc")
#: what the run keeps of every epoch (the columns of a session's run record)
TABLE_COLUMNS = ("epoch", "updates", "train_loss", "val_loss", "train_acc", "val_acc", "penalty", "lr", "batch_size",
                 "elapsed")
#: the exit status of a run stopped by SIGTERM: Ctrl-C's
TERMINATED_EXIT = 130
#: the cap of ``--epochs``, the same as ``nnviz shot``'s (which imports this
#: module, so the number is repeated here; a test keeps the two equal): the
#: longest lesson trains 1000 epochs, and more than ten times that is a typo
#: that would run for hours
MAX_EPOCHS = 10000


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--preset", metavar="NAME", help="the lesson to train")
    p.add_argument("--data", metavar="PATH", help="a CSV table to train on instead of a lesson")
    p.add_argument("--label", metavar="COLUMN", help="--data: the label column (its name or number from 1)")
    p.add_argument(
        "--features", metavar="A,B,...", help="--data: the input columns (default: every numeric one)"
    )
    p.add_argument(
        "--task", choices=("auto", "classification", "regression"), default="auto",
        help="--data: is the label a class or a number to predict (default: decided from its values)",
    )
    p.add_argument("--hidden", metavar="N,N", help="--data: hidden layer sizes (default: 16,16)")
    p.add_argument("--activation", default="relu", metavar="NAME", help="--data: hidden activation")
    p.add_argument(
        "--output", default="auto", choices=("auto", "sigmoid", "softmax", "identity"),
        help="--data: output layer (default: from the label)",
    )
    p.add_argument(
        "--data-dir", metavar="DIR",
        help="--preset mnist / fashion-mnist: the folder with the four IDX files (default: the download folder)",
    )
    p.add_argument(
        "--download", action="store_true",
        help="--preset mnist / fashion-mnist: download the files first if they are missing",
    )
    p.add_argument("--epochs", type=int, metavar="N",
                   help=f"epochs to train, 1 to {MAX_EPOCHS} (default: the lesson's)")
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


class EpochTable:
    """Every epoch of the run as float64 columns (:data:`TABLE_COLUMNS`, ~80 bytes
    an epoch), filled from the snapshots: the trainer itself keeps only recent
    epochs (:data:`~nnviz.core.training.trainer.HISTORY_KEEP`)."""

    def __init__(self) -> None:
        self._data = np.full((len(TABLE_COLUMNS), 256), np.nan)
        self.n = 0

    @property
    def last_epoch(self) -> int:
        return int(self._data[0, self.n - 1]) if self.n else 0

    def add(self, epochs: Iterable[EpochMetrics]) -> None:
        """Append the epochs after :attr:`last_epoch` (one seen twice is kept once)."""
        rows = [[float(getattr(m, c)) for c in TABLE_COLUMNS] for m in epochs if m.epoch > self.last_epoch]
        if not rows:
            return
        if self.n + len(rows) > self._data.shape[1]:
            grown = np.full((len(TABLE_COLUMNS), 2 * (self.n + len(rows))), np.nan)
            grown[:, : self.n] = self._data[:, : self.n]
            self._data = grown
        self._data[:, self.n : self.n + len(rows)] = np.array(rows).T
        self.n += len(rows)

    def column(self, name: str) -> np.ndarray:
        return self._data[TABLE_COLUMNS.index(name), : self.n]


def metrics_csv(table: EpochTable) -> str:
    lines = [",".join(COLUMNS)]
    cols = [table.column(c) for c in COLUMNS]
    for epoch, train_loss, val_loss, train_acc, val_acc in zip(*cols, strict=True):
        lines.append(
            ",".join([str(int(epoch)), _fmt(train_loss), _fmt(val_loss), _fmt(train_acc, True), _fmt(val_acc, True)])
        )
    return "\n".join(lines) + "\n"


def _on_sigterm(handler: Callable[[], None]) -> Callable[[], None]:
    """Call ``handler`` on SIGTERM (a ``kill``, a batch system's time limit) instead
    of dying; returns what puts the previous handler back. Off the main thread,
    where Python allows no handler, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, lambda _signum, _frame: handler())
    # None: a handler set outside Python; the default is the nearest to it
    return lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


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
            text += f" val {m.val_loss:.4f}"
            if not math.isnan(m.val_acc):
                text += f" val acc {100 * m.val_acc:5.1f}%"
        elif not math.isnan(m.train_acc):
            text += f" acc {100 * m.train_acc:5.1f}%"
        return text

    def note(self, text: str) -> None:
        """One line of its own on the stream (a warning), off the bar's line."""
        if self.enabled and self.tty and self._drawn:
            self.stream.write("\n")
        self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def _column(names: list[str], text: str, option: str) -> int:
    """The column ``text`` names: a header name, else a number counted from 1."""
    if text in names:
        return names.index(text)
    if text.isdigit() and 1 <= int(text) <= len(names):
        return int(text) - 1
    shown = ", ".join(names[:20]) + (", …" if len(names) > 20 else "")
    raise UserError("{0}: there is no column '{1}' (columns: {2}).", option, text[:80], shown)


def read_data(args: argparse.Namespace) -> Any:
    """The table of ``--data`` with ``--label`` and ``--features``, read as the window reads it."""
    from nnviz.core.data.source import DataSource, build
    from nnviz.core.data.table import preview

    if not args.label:
        raise UserError("--data needs --label: the column to predict.")
    first = preview(args.data)
    names = list(first.names)
    label = _column(names, args.label, "--label")
    if args.features:
        features = [_column(names, f.strip(), "--features") for f in args.features.split(",") if f.strip()]
    else:
        # every other column: one that is not numeric is named in the error, and --features leaves it out
        features = [c for c in range(len(names)) if c != label]
    if label in features:
        raise UserError("--features: the label column '{0}' cannot also be an input.", names[label])
    source = DataSource.csv(
        args.data, first.format, label=label, features=features, task=getattr(args, "task", "auto"),
        val_fraction=0.2, seed=getattr(args, "seed", None) or 0,
        label_name=names[label] if first.format.header else "",
        feature_names=[names[c] for c in features] if first.format.header else (),
    )
    shown = not getattr(args, "quiet", True)

    def progress(fraction: float) -> None:
        if shown:
            sys.stderr.write(f"\rreading {Path(args.data).name}: {100 * fraction:5.1f}%")
            sys.stderr.flush()

    ds = build(source, progress, lambda: False)
    if shown:
        sys.stderr.write("\n")
    return ds


def _data_lesson(args: argparse.Namespace) -> Any:
    """The training lesson of ``--data``: the network the window would make, or the one asked for."""
    from nnviz.core.lessons import DEFAULT_HIDDEN, lesson_for_data

    hidden = list(DEFAULT_HIDDEN)
    if args.hidden is not None:
        try:
            hidden = [int(h) for h in args.hidden.split(",") if h.strip()]
        except ValueError:
            raise UserError("--hidden: give layer sizes as whole numbers, e.g. 16,16.") from None
        if any(not 1 <= h <= 4096 for h in hidden):
            raise UserError("--hidden: every layer needs 1 to 4096 neurons.")
    ds = read_data(args)
    return lesson_for_data(
        ds, Path(args.data).name, hidden=hidden, activation=args.activation, output=args.output,
        seed=args.seed or 0,
    )


def _image_files(lesson: Any, args: argparse.Namespace) -> None:
    """``--data-dir`` and ``--download`` for a lesson that reads image files (MNIST)."""
    data_dir, fetch_first = getattr(args, "data_dir", None), getattr(args, "download", False)
    if not lesson.reads_files:
        if data_dir or fetch_first:
            raise UserError(
                "--data-dir and --download are for the lessons that read image files "
                "(mnist, fashion-mnist), not '{0}'.", lesson.name,
            )
        return
    key = lesson.data["kind"]
    if data_dir:
        lesson.data["path"] = str(Path(data_dir).expanduser())
    if fetch_first:
        from nnviz.commands.data import fetch
        from nnviz.core.data.download import missing_files

        if missing_files(key, data_dir):
            fetch(key, data_dir, args.quiet)


def run(args: argparse.Namespace) -> int:
    from nnviz.core.lessons import load_lesson
    from nnviz.core.model.network import Network, save_network

    if (args.preset is None) == (args.data is None):
        raise UserError("Give either --preset NAME (a lesson) or --data PATH.csv --label COLUMN.")
    if args.epochs is not None and args.epochs > MAX_EPOCHS:
        raise UserError(
            "--epochs {0} is too many: at most {1} (the longest lesson trains 1000).", args.epochs, MAX_EPOCHS
        )
    lesson = load_lesson(args.preset) if args.preset else _data_lesson(args)
    _image_files(lesson, args)
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
    if args.seed is not None and args.preset:
        network = Network.initialised(network.layers, network.activations, seed=config.seed)
    data = lesson.dataset()
    trainer = Trainer(network, data, config)
    bar = ProgressBar(config.epochs, sys.stderr, enabled=not args.quiet)
    tested = None
    table = EpochTable()
    watch = GrowthWatch(data.n_classes)
    terminated = False

    def on_snapshot(snap: Snapshot) -> None:
        # a run that does not learn is said once, on stderr, and goes on (exit status unchanged)
        table.add(snap.history)
        bar.update(snap)
        if (warning := watch.add(snap.history, snap.weights)) is not None:
            bar.note(f"nnviz: warning: {warning}")

    def on_sigterm() -> None:
        # as Ctrl-C: the run stops at the next batch and what it trained is written
        nonlocal terminated
        terminated = True
        trainer.request_stop()

    restore_sigterm = _on_sigterm(on_sigterm)
    try:
        result = trainer.run(on_snapshot, snapshot_interval=0.0)
    finally:
        bar.close()
        trained = trainer.network()
        # epochs that no snapshot carried yet (Ctrl-C mid-run) are still in the trainer's recent history
        table.add(trainer.history)
        try:
            _write(out / METRICS_FILE, metrics_csv(table))
        finally:
            try:  # the network is kept even when the metrics could not be written
                save_network(trained, out / NETWORK_FILE)
                _save_session(out / SESSION_FILE, lesson, network, trained, config, trainer, table)
            finally:
                trainer.close()
                restore_sigterm()
    if terminated:
        raise UserError(
            "Stopped by SIGTERM after epoch {0}; the run so far is in {1}.", trainer.epoch, out,
            exit_code=TERMINATED_EXIT,
        )
    if result.diverged:
        raise UserError(result.message, exit_code=3)
    if getattr(data, "test", None) is not None:
        from nnviz.core.training.test_set import evaluate, test_csv

        # once, after the last epoch: the test images chose nothing
        tested = evaluate(trained, data.test, config.loss, epoch=trainer.epoch)
        _write(out / TEST_FILE, test_csv(tested))
    last = trainer.history[-1] if trainer.history else None
    summary = f"{args.preset or Path(args.data).name}: {result.message} {result.seconds:.2f} s on {trainer.engine_name} ({trainer.device})"
    if last is not None and math.isnan(last.train_acc):  # regression: the error is the measure
        summary += f"; train loss {last.train_loss:.4g}"
        if not math.isnan(last.val_loss):
            summary += f", val loss {last.val_loss:.4g}"
    elif last is not None:
        summary += f"; train acc {100 * last.train_acc:.1f}%"
        if not math.isnan(last.val_acc):
            summary += f", val acc {100 * last.val_acc:.1f}%"
    if tested is not None:
        summary += f"; test acc {100 * tested.accuracy:.1f}% on {tested.n} images kept apart"
        print(summary + f"; wrote {out / METRICS_FILE}, {out / TEST_FILE}, {out / NETWORK_FILE} and {out / SESSION_FILE}")
        return 0
    print(summary + f"; wrote {out / METRICS_FILE}, {out / NETWORK_FILE} and {out / SESSION_FILE}")
    return 0


def _save_session(
    path: Path, lesson: Any, start: Any, trained: Any, config: Any, trainer: Any, table: EpochTable
) -> None:
    """``session.nnviz``: the lesson as trained here, to open in the window and go on training.

    A training lesson keeps its start weights (what Reset gives back), the run's
    curve, counters and optimizer memory; a lecture-mode lesson opens in its
    stepper on the trained weights."""
    import dataclasses

    import numpy as np

    from nnviz.core.session.record import RUN_COLUMNS, RunRecord, Session, save_session

    if not all(np.all(np.isfinite(a)) for a in (*trained.weights, *trained.biases)):
        return  # a diverged run: its weights are no place to go on from
    if lesson.mode == "train":
        opened = dataclasses.replace(lesson, network=start.copy(), training=config.to_dict())
        # the run's every epoch (accuracies in %, as the plots keep them)
        run = {c: table.column(c).copy() for c in RUN_COLUMNS}
        run["train_acc"] *= 100.0
        run["val_acc"] *= 100.0
        state = trainer.optimizer_state() if table.n else None
        session = Session(opened, trained, trainer.epoch, trainer.updates, state,
                          [RunRecord(run, int(trainer.best_epoch))] if table.n else [])
    else:
        opened = dataclasses.replace(lesson, network=trained.copy())
        session = Session(opened, trained)
    save_session(session, path)
