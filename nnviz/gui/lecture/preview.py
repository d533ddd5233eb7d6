"""The lecture mode without the main window: a stepper beside a network and a data view.

``python -m nnviz.gui.lecture.preview [LESSON]`` (also what ``python -m
nnviz.gui.lecture.stepper`` and ``python -m nnviz.gui.lecture.perceptron``
open), for trying a panel alone and for pictures of it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter

from nnviz.core.lessons import load_lesson
from nnviz.gui.data.view import DataView
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView


def main_preview(argv: list[str] | None = None, default_lesson: str = "backprop-2-2-2") -> int:
    """``python -m nnviz.gui.lecture.preview [LESSON] [--steps N] [--scale F] [--lang es|en] [--grab FILE.png]``:
    the stepper beside a network and a data view; with ``--grab`` it renders
    to a PNG and exits (no display needed with QT_QPA_PLATFORM=offscreen)."""
    import argparse
    import sys

    from PySide6.QtWidgets import QApplication

    parser = argparse.ArgumentParser(prog="python -m nnviz.gui.lecture.preview")
    parser.add_argument("lesson", nargs="?", default=default_lesson)
    parser.add_argument("--steps", type=int, default=0)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--lang", choices=("es", "en"), default="es")
    parser.add_argument("--grab", metavar="FILE.png")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    lesson = load_lesson(args.lesson)
    model = NetworkModel(lesson.network)
    window = QSplitter()
    nv = NetworkView(model)
    dv = DataView()
    panel = StepperPanel(model, nv, dv, lang=args.lang)
    for w in (nv, panel, dv):
        window.addWidget(w)
    panel.lessonRequested.connect(panel.load_lesson)  # a truth table chosen: the panel shows it
    panel.load_lesson(lesson)
    for _ in range(args.steps):
        panel.step_forward()
    for w in (panel, nv, dv):
        w.set_scale(args.scale)
    window.resize(1800, 900)
    window.setSizes([560, 760, 480])
    window.show()
    if args.grab:
        app.processEvents()
        return 0 if window.grab().save(args.grab) else 1
    panel.setFocus()
    return app.exec()


if __name__ == "__main__":
    import sys

    sys.exit(main_preview())
