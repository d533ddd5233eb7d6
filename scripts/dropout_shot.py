"""Render the window while a lesson trains with dropout in slow motion: the network
graph crosses out the neurons dropped in the latest batch (offscreen).

Usage: ``python scripts/dropout_shot.py OUT.png [--preset regularization] [--lang en|es]
[--scale 2] [--size 1280x800] [--dropout 0.5] [--epochs 30]``. It opens the lesson,
types the dropout p into the settings, sets the speed to 10 epochs/s, trains until
``--epochs`` epochs are shown with a mask, pauses (the mask stays) and grabs the
window. ``docs/dropout-training.png`` is ``python scripts/dropout_shot.py
docs/dropout-training.png --scale 2``. Run from the repository root with the
project installed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--preset", default="regularization")
    parser.add_argument("--lang", choices=("en", "es"), default="en")
    parser.add_argument("--scale", type=float, default=2.0)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--dropout", default="0.5")
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args(argv)
    from pathlib import Path

    from PySide6.QtCore import QThread

    from nnviz.commands.shot import parse_size, save_png, show_at
    from nnviz.gui.window.app import build_window

    size = parse_size(args.size)
    app, window = build_window(file=None, preset=args.preset, lang=args.lang, offscreen=True,
                               activations=None)
    show_at(app, window, size, args.scale)
    panel = window.training
    panel.form.dropout.setText(args.dropout)
    panel.form.epochs.setValue(100000)
    panel.set_pace(10.0)

    def wait(seconds: float, done=lambda: False) -> None:  # noqa: ANN001
        end = time.time() + seconds
        while time.time() < end and not done():
            app.processEvents()
            QThread.msleep(20)

    if not panel.start():
        print(panel.message.text(), file=sys.stderr)
        return 1

    def shown() -> bool:
        snap = panel.controller.last_snapshot
        return snap is not None and snap.epoch >= args.epochs and panel.dropout_shown() is not None

    wait(120.0, shown)
    panel.pause()
    wait(1.0)  # the last snapshot's frame
    mask = panel.dropout_shown()
    image = window.grab()
    panel.stop_and_wait()
    window.persist_state = False
    window.close()
    app.processEvents()
    if mask is None:
        print("no dropout mask was shown (dropout 0?)", file=sys.stderr)
        return 1
    save_png(image, Path(args.out))
    print(f"{args.out}: {mask.count} neurons dropped in the batch on show")
    return 0


if __name__ == "__main__":
    sys.exit(main())
