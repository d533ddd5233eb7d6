"""Hostile session files: a lesson inside a session is as hostile as any file.

Each case is a good session with one field of its manifest made bad; reading
it (core) or opening it (window) gives one sentence, and the window keeps
the lesson it had.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from nnviz.core import lessons
from nnviz.core.errors import UserError
from nnviz.core.session.record import Session, load_session, save_session


def _lesson_change(**fields):
    def change(m):
        m["lesson"].update(fields)
    return change


def _data_change(**fields):
    def change(m):
        m["lesson"]["data"].update(fields)
    return change


CASES = {
    "points-ragged": _data_change(kind="points", x=[[1.0], [1.0, 2.0]], y=[0, 1]),
    "points-words": _data_change(kind="points", x=[[1.0, "a"]], y=[0]),
    "points-negative-label": _data_change(kind="points", x=[[1.0, 2.0]], y=[-1]),
    "points-nan-label": _data_change(kind="points", x=[[1.0, 2.0]], y=[None]),
    "generator-huge": _lesson_change(data={"kind": "spiral", "n": 10**12}),
    "split-seed-negative": _data_change(split_seed=-1),
    "val-fraction-word": _data_change(val_fraction="half"),
    "kind-list": _data_change(kind=["points"]),
    "title-not-text": _lesson_change(title={"en": 5}),
    "text-a-list": _lesson_change(text=["a"]),
    "eta-a-word": _lesson_change(stepper={"eta": "fast"}),
    "eta-negative": _lesson_change(stepper={"eta": -1}),
    "sample-huge": _lesson_change(stepper={"sample": 10**20}),
    "train-epochs-float": _lesson_change(stepper={"train_epochs": 2.5}),
    "granularity-unknown": _lesson_change(stepper={"granularity": "atoms"}),
    "mode-unknown": _lesson_change(mode="dance"),
    "training-lr-word": _lesson_change(mode="train", training={"lr": "fast"}),
    "training-unknown-key": _lesson_change(mode="train", training={"rm -rf": 1}),
    "pace-negative": _lesson_change(pace=-3),
    "files-not-object": _lesson_change(files="mnist"),
}


def _bad_session(tmp_path: Path, name: str) -> Path:
    good = tmp_path / "good.nnviz"
    lesson = lessons.load_lesson("mlp-xor")
    save_session(Session(lesson, lesson.network), good)
    with zipfile.ZipFile(good) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    CASES[name](manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    bad = tmp_path / f"{name}.nnviz"
    with zipfile.ZipFile(bad, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    return bad


def _read_and_build(path: Path) -> None:
    session = load_session(path)
    session.lesson.dataset()


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_session_is_one_sentence(tmp_path, name):
    path = _bad_session(tmp_path, name)
    with pytest.raises(UserError) as err:
        _read_and_build(path)
    assert "\n" not in str(err.value) and len(str(err.value)) < 400


def test_the_window_keeps_its_lesson_for_each_hostile_session(tmp_path, qtbot):
    from tests.gui.conftest import open_window

    win = open_window(qtbot, "spiral")
    win.persist_state = False
    try:
        before = [w.copy() for w in win.model.network.weights]
        for name in sorted(CASES):
            assert not win.open_file(str(_bad_session(tmp_path, name))), name
            message = win.statusBar().currentMessage()
            assert f"{name}.nnviz" in message, (name, message)
            assert win.lesson.name == "spiral", name
            for a, b in zip(before, win.model.network.weights):
                np.testing.assert_array_equal(a, b)
    finally:
        win.shutdown(save_state=False)
        win.close()
