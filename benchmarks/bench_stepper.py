"""How long one press of the space bar takes in the lecture stepper.

Prints one JSON line: for the backprop-2-2-2 lesson walked formula by formula,
the median time of a step forward (engine state, model push, highlight,
formula drawn) on the first walk (each next formula is parsed in the idle
time after the previous press) and on a second walk over the same update
(everything from the cache), and of a step back. Offscreen, this machine's CPU.
"""

from __future__ import annotations

import json
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from nnviz.core.lessons import load_lesson
    from nnviz.gui.data.view import DataView
    from nnviz.gui.lecture.stepper import StepperPanel
    from nnviz.gui.network.model import NetworkModel
    from nnviz.gui.network.view import NetworkView

    app = QApplication.instance() or QApplication([])
    lesson = load_lesson("backprop-2-2-2")
    model = NetworkModel(lesson.network)
    nv, dv = NetworkView(model), DataView()
    panel = StepperPanel(model, nv, dv, lang="es")
    panel.load_lesson(lesson)
    panel.resize(800, 700)
    panel.show()
    app.processEvents()  # the window is on screen before the first press
    n = len(panel.walk().trace) - 1  # stop before the end: no PyTorch comparison in the timing

    def timed(action) -> float:
        t = time.perf_counter()
        action()
        panel.formula.repaint()
        elapsed = time.perf_counter() - t
        # the lecturer talks between presses: idle work (the next formula is
        # parsed in advance) happens here, outside the timing
        app.processEvents()
        return elapsed

    first = [timed(panel.step_forward) for _ in range(n)]
    back = [timed(panel.step_back) for _ in range(n)]
    again = [timed(panel.step_forward) for _ in range(n)]
    print(
        json.dumps(
            {
                "bench": "stepper_space_bar",
                "lesson": "backprop-2-2-2",
                "steps": n,
                "first_walk_median_ms": round(1000 * statistics.median(first), 2),
                "first_walk_max_ms": round(1000 * max(first), 2),
                "cached_walk_median_ms": round(1000 * statistics.median(again), 2),
                "step_back_median_ms": round(1000 * statistics.median(back), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
