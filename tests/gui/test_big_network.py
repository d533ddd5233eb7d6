"""The biggest network nnviz accepts (2-4096-4096-1) is announced, drawn without
holding the window, and saved in the background.

Timings are measured in ``benchmarks/bench_big_network.py``; here the
behaviour: the cost said in the panel, the region picture computed in a
background thread (the window answers meanwhile), the graph drawn from the
strongest edges only, and the autosave written by another thread.
"""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import QCoreApplication

from nnviz.core.session.record import load_session
from tests.gui.conftest import open_window


def test_a_4096_by_4096_network_is_announced_and_drawn_in_the_background(qtbot, tmp_path, monkeypatch):
    win = open_window(qtbot, "spiral")
    win.persist_state = False
    try:
        form = win.training.form
        form.hidden.setText("4096, 4096")
        form.hidden.editingFinished.emit()
        assert win.model.network.layers == [2, 4096, 4096, 1]
        message = win.training.message.text()
        assert "16.8 million weights" in message and "134 MB" in message and "an epoch" in message
        regions = win.training.regions_view()
        # the picture is being computed in a background thread: the event loop runs meanwhile
        assert regions.is_computing()
        ticks = []
        for _ in range(5):
            QCoreApplication.processEvents()
            ticks.append(1)
        assert len(ticks) == 5
        qtbot.waitUntil(lambda: not regions.is_computing(), timeout=120_000)
        qtbot.wait(50)
        image = regions.data_view.region_image()
        assert image is not None and np.ptp(image) > 0
        # the graph draws a few thousand of the 16.8 M edges
        view = win.network_view
        view.flush()
        assert 0 < len(view._shown) < 20_000
        # the autosave is written by another thread, and it reads back
        writers = []
        original = win.autosave._write

        def spy(session):
            writers.append(threading.current_thread() is not threading.main_thread())
            original(session)

        monkeypatch.setattr(win.autosave, "_write", spy)
        win.autosave._save_in_background()
        qtbot.waitUntil(lambda: bool(writers) and not win.autosave._writer.is_alive(), timeout=60_000)
        assert writers == [True]
        back = load_session(win.autosave.path)
        assert back.network.layers == [2, 4096, 4096, 1]
        np.testing.assert_array_equal(back.network.weights[1][:3, :3], win.model.network.weights[1][:3, :3])
    finally:
        win.shutdown(save_state=False)
        win.close()
