"""The autosave cleans the temporaries that killed saves left in the cache folder."""

import os
import stat
import time

from nnviz.core.lessons import load_lesson
from nnviz.core.model.atomic_files import ORPHAN_AGE_S
from nnviz.core.model.network import Network
from nnviz.core.session.record import Session, load_session
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.window.autosave import Autosave


def test_an_autosave_removes_old_orphans_and_keeps_the_umask(qtbot):
    model = NetworkModel(Network.initialised([2, 3, 1], ["tanh", "sigmoid"], seed=2))
    saver = Autosave(model)
    saver.path.parent.mkdir(parents=True, exist_ok=True)
    orphan = saver.path.parent / f".{saver.path.name}.nnviz-q1w2e3r4.tmp"  # a save killed by kill -9
    orphan.write_text('{"layers": [2,')
    t = time.time() - ORPHAN_AGE_S - 30
    os.utime(orphan, (t, t))
    mask = os.umask(0o022)
    os.umask(mask)
    lesson = load_lesson("spiral")
    saver.source = lambda: Session(lesson, model.network.copy())
    saver.save_now()
    assert not orphan.exists()
    assert load_session(saver.path).lesson.name == "spiral"
    assert stat.S_IMODE(saver.path.stat().st_mode) == 0o666 & ~mask
    saver.discard()
    assert not saver.path.exists()
