"""Render a lesson after its Compare… ran: the window with the runs' labelled curves and,
floating over it as on a screen, the Compare dialog with every run's picture (offscreen).

Usage: ``python scripts/compare_shot.py PRESET OUT.png [--lang es|en] [--x-axis epochs|updates|seconds]
[--size WxH] [--epochs N]``. The lesson's own suggested setting and values are compared
(its ``compare`` field), with its own epochs unless ``--epochs`` says otherwise.
Run from the repository root with the project installed.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("preset")
    parser.add_argument("out")
    parser.add_argument("--lang", choices=("es", "en"), default="es")
    parser.add_argument("--x-axis", choices=("epochs", "updates", "seconds"), default="epochs")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--epochs", type=int, default=0)
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))

    from PySide6.QtCore import QEventLoop, QPoint, QTimer
    from PySide6.QtGui import QColor, QPainter, QPen

    from nnviz.core.training import compiled
    from nnviz.gui.window.app import build_window

    compiled.warm_up()
    app, win = build_window(preset=args.preset, lang=args.lang)
    win.persist_state = False
    win.resize(width, height)
    win.show()
    app.processEvents()
    panel = win.training
    if args.epochs:
        panel.form.epochs.setValue(args.epochs)
    dialog = panel.show_compare()
    if not dialog.start():
        print(dialog.message.text(), file=sys.stderr)
        return 1
    loop = QEventLoop()
    poll = QTimer(interval=20)
    poll.timeout.connect(lambda: None if dialog.running() else loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    plots = panel.plots_widget()
    plots.set_x_axis(args.x_axis)
    plots.follow_data()
    dialog.draw_pending_pictures()
    dialog.adjustSize()
    app.processEvents()
    shot = win.grab()
    box = dialog.grab()
    # the dialog where a lecturer would put it: top right, clear of the plots below
    plots_top = plots.mapTo(win, QPoint(0, 0)).y()
    x = width - box.width() - 8
    y = max(8, min(30, plots_top - box.height() - 4))
    painter = QPainter(shot)
    painter.drawPixmap(x, y, box)
    painter.setPen(QPen(QColor(90, 90, 90), 2))
    painter.drawRect(x, y, box.width(), box.height())
    painter.end()
    ok = shot.save(args.out, "PNG")
    win.shutdown(save_state=False)
    win.close()
    print(args.out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
