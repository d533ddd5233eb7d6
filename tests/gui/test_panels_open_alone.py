"""Every panel module opens alone (``python -m nnviz.gui.<room>.<panel>``), as Orange's
WidgetPreview does: a panel that crashes on its own is a panel with hidden
dependencies on the main window."""

import os
import subprocess
import sys
import time
from pathlib import Path

import nnviz.gui

GUI = Path(nnviz.gui.__file__).parent
PANELS = sorted(
    "nnviz.gui." + ".".join(p.relative_to(GUI).with_suffix("").parts)
    for p in GUI.rglob("*.py")
    if 'if __name__ == "__main__":' in p.read_text()
)
SETTLE_S = 25.0


def test_every_panel_module_opens_alone(tmp_path):
    assert len(PANELS) >= 8
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NNVIZ_CACHE_DIR=str(tmp_path / "cache"))
    procs = {
        m: subprocess.Popen(
            [sys.executable, "-m", m], env=env, cwd=tmp_path,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        for m in PANELS
    }
    deadline = time.monotonic() + SETTLE_S
    while time.monotonic() < deadline and any(p.poll() is None for p in procs.values()):
        time.sleep(0.25)
    failed = {}
    for module, proc in procs.items():
        if proc.poll() is None:
            proc.kill()  # still showing its window after the settle time: it opened
            proc.communicate()
        elif proc.returncode != 0:
            failed[module] = proc.communicate()[1][-400:]
    assert not failed, f"panels that failed to open alone: {failed}"
