"""Guard against PySide6 6.12.0's lost references on Python 3.11.

A few thousand pyqtgraph setData calls abort the process with "Fatal Python
error: bool_dealloc" there; pyproject.toml pins <6.12 for Python < 3.12. This
test runs the loop in a child process, so a crash is reported, not fatal.
"""

import subprocess
import sys

SCRIPT = r"""
import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication
app = QApplication([])
w = pg.PlotWidget()
w.show()
curve = w.plot()
x = np.arange(50, dtype=float)
for i in range(20000):
    curve.setData(x, np.sin(x + i * 0.01))
    if i % 1000 == 0:
        app.processEvents()
print("ok")
"""


def test_twenty_thousand_setdata_calls_survive():
    env = {"QT_QPA_PLATFORM": "offscreen"}
    import os

    env = {**os.environ, **env}
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=240)
    assert out.returncode == 0, f"exit {out.returncode}: {out.stderr[-500:]}"
    assert out.stdout.strip().endswith("ok")
