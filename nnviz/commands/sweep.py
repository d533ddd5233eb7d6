"""``nnviz sweep``: one setting over a few values, everything else equal.

    nnviz sweep --preset NAME --param SETTING --values A,B,C --out DIR
        [--epochs N] [--seeds K] [--quiet]

Trains the lesson once per value (and per seed with ``--seeds K``: seeds 0 …
K−1, the initial weights and the batch order of each), writes
``DIR/<label>.csv`` per run (epoch, updates, train_loss, val_loss, train_acc,
val_acc, seconds), ``DIR/summary.csv`` (one row per value: the mean and the
standard deviation over the seeds of the final and best validation loss,
the final validation accuracy, the epoch of the best, updates and seconds)
and ``DIR/curves.png`` (the validation loss of every value, labelled). A bad
setting name or value is one line naming the valid ones, exit 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path
from typing import Any

from nnviz.commands.output import out_dir as _out_dir
from nnviz.commands.output import write as _write
from nnviz.core.errors import UserError
from nnviz.core.training.sweep import PARAMETERS, SUMMARY_COLUMNS

RUN_COLUMNS = ("epoch", "updates", "train_loss", "val_loss", "train_acc", "val_acc", "seconds")
MAX_EPOCHS = 10000


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--preset", required=True, metavar="NAME", help="the training lesson to sweep")
    p.add_argument("--param", required=True, metavar="SETTING",
                   help="the setting to change: " + ", ".join(PARAMETERS))
    p.add_argument("--values", required=True, metavar="A,B,...", help="its values, separated by commas")
    p.add_argument("--epochs", type=int, metavar="N", help=f"epochs of each run, 1 to {MAX_EPOCHS} (default: the lesson's)")
    p.add_argument("--seeds", type=int, metavar="K", help="runs per value, with seeds 0 to K-1 (default: 1, the lesson's)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the runs' CSV, summary.csv and curves.png")
    p.add_argument("--quiet", action="store_true", help="no progress line")


def run(args: argparse.Namespace) -> int:
    from nnviz.core.lessons import load_lesson
    from nnviz.core.training.config import TrainingConfig
    from nnviz.core.training.sweep import Sweep, parse_values, run_sweep, summary_rows, sweep_runs

    values = parse_values(args.param, args.values)
    if args.epochs is not None and not 1 <= args.epochs <= MAX_EPOCHS:
        raise UserError("--epochs must be a whole number from 1 to {0}, not {1}.", MAX_EPOCHS, args.epochs)
    if args.seeds is not None and not 1 <= args.seeds <= 20:
        raise UserError("--seeds must be a whole number from 1 to 20, not {0}.", args.seeds)
    lesson = load_lesson(args.preset)
    if lesson.mode != "train":
        raise UserError("'{0}' is a lecture-mode lesson; a sweep compares training runs (try spiral, "
                        "overfitting or batch-size).", args.preset)
    config = TrainingConfig.from_dict(lesson.training)
    if args.epochs is not None:
        config = config.replace(epochs=args.epochs)
    out = _out_dir(args.out)
    seeds = tuple(range(args.seeds)) if args.seeds else None
    runs = sweep_runs(lesson.network, config, Sweep(args.param, values, seeds))
    dataset = lesson.dataset()
    total = sum(r.config.epochs for r in runs)
    done = [0]

    def progress(i: int, r: Any, m: Any) -> None:
        done[0] += 1
        if not args.quiet:
            width = 30
            filled = int(width * done[0] / max(total, 1))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] run {i + 1}/{len(runs)} "
                             f"({r.label}) epoch {m.epoch}/{r.config.epochs}   ")
            sys.stderr.flush()

    try:
        run_sweep(runs, dataset, progress)
    finally:
        if not args.quiet:
            sys.stderr.write("\n")
        names = _file_names([r.label for r in runs])
        for r, name in zip(runs, names, strict=True):
            if r.history:
                _write(out / f"{name}.csv", _run_csv(r))
    rows = summary_rows(runs)
    _write(out / "summary.csv", _summary_csv(rows))
    _curves_png(runs, out / "curves.png", f"{args.preset}: {args.param} sweep")
    print(f"{args.preset}: {len(runs)} runs of '{args.param}' ({', '.join(str(v) for v in values)}); "
          f"wrote {len(runs)} run files, {out / 'summary.csv'} and {out / 'curves.png'}")
    for row in rows:
        print(f"  {row['label']}: final val loss {row['final_val_loss']:.4g}, best {row['best_val_loss']:.4g} "
              f"(epoch {row['best_epoch']:.0f}), {row['updates']:.0f} updates, {row['seconds']:.2f} s")
    return 0


def _file_names(labels: list[str]) -> list[str]:
    """A file name per run label: letters, digits and hyphens, unique."""
    seen: dict[str, int] = {}
    names = []
    for text in labels:
        base = re.sub(r"[^A-Za-z0-9]+", "-", text.replace("η", "lr").replace("λ", "lambda")).strip("-").lower()
        base = base or "run"
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return names


def _run_csv(r: Any) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(RUN_COLUMNS)
    for m in r.history:
        w.writerow([m.epoch, m.updates, repr(m.train_loss), repr(m.val_loss), repr(m.train_acc),
                    repr(m.val_acc), repr(m.elapsed)])
    return buf.getvalue()


def _summary_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SUMMARY_COLUMNS)
    for row in rows:
        w.writerow([row[c] if not isinstance(row[c], float) else repr(row[c]) for c in SUMMARY_COLUMNS])
    return buf.getvalue()


def _curves_png(runs: list[Any], path: Path, title: str) -> None:
    """The validation loss of each value (mean over its seeds), labelled; the
    training loss dashed behind it."""
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    from matplotlib.figure import Figure

    from nnviz.core.training.sweep import label_of

    fig = Figure(figsize=(8, 4.5), dpi=120)
    ax = fig.add_subplot()
    colours = matplotlib.colormaps["tab10"]
    groups: dict[str, list[Any]] = {}
    for r in runs:
        if r.history:
            groups.setdefault(label_of(r), []).append(r)
    for i, (name, group) in enumerate(groups.items()):
        n = min(len(g.history) for g in group)
        epochs = np.arange(1, n + 1)
        val = np.nanmean([[m.val_loss for m in g.history[:n]] for g in group], axis=0)
        train = np.nanmean([[m.train_loss for m in g.history[:n]] for g in group], axis=0)
        c = colours(i % 10)
        if np.isfinite(val).any():
            ax.plot(epochs, val, color=c, lw=2, label=f"{name} (validation)")
        ax.plot(epochs, train, color=c, lw=1, ls="--", alpha=0.7, label=f"{name} (training)")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss E")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    try:
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        from nnviz.core.model.atomic_files import atomic_write_bytes

        atomic_write_bytes(path, buf.getvalue())
    except OSError as exc:
        raise UserError("Cannot write '{0}': {1}.", path, exc.strerror or exc) from None
