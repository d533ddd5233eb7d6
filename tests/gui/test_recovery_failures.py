"""A recovery that fails, or an autosave that cannot be read, never makes a crash loop.

The window says why once, keeps the file aside (renamed, not deleted),
starts on the default lesson, and the next start is a normal one.
"""

import json
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from nnviz.core.data import datasets
from nnviz.core.data.origin import DataSource
from nnviz.core.data.table import CsvFormat
from nnviz.core.lessons import DEFAULT_LESSON, Lesson, lesson_for_data, load_lesson
from nnviz.core.model.network import Network
from nnviz.core.session.record import Session, save_session
from tests.gui.conftest import open_window


def _autosave_path() -> Path:
    folder = Path(os.environ["NNVIZ_CACHE_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "autosave.nnviz"


def _failing_session(kind: str) -> Session:
    """A readable autosave whose restore fails: a softmax network in the
    stepper (its backprop cannot walk a softmax hidden layer), or data whose table is gone."""
    if kind == "softmax-in-the-stepper":
        net = Network.initialised([784, 16, 10], ["softmax", "softmax"], seed=3)
        lesson = Lesson("file:x", "mlp", {}, {}, net, {"kind": "points", "x": [[0.0] * 784], "y": [0]})
        return Session(lesson, net, epochs=4)
    ds = datasets.make({"kind": "moons", "n": 40})
    ds.source = DataSource.csv("/nonexistent/notas.csv", CsvFormat(), 0, [1, 2])
    lesson = lesson_for_data(ds, "notas.csv")
    return Session(lesson, lesson.network)


def _deep(n: int) -> str:
    return "[" * n + "]" * n


BAD_FILES = {
    "not-json": "this is not JSON {",
    "empty": "",
    "a-list": "[1, 2, 3]",
    "wrong-shapes": json.dumps({"layers": [2, 3, 1], "activations": ["tanh", "sigmoid"],
                                "weights": [[[1.0, 2.0]], [[1.0]]], "biases": [[0.0], [0.0]]}),
    "strings-as-weights": json.dumps({"layers": [2, 1], "activations": ["sigmoid"],
                                      "weights": [["a", "b"]], "biases": [["c"]]}),
    "deeply-nested": '{"layers": ' + _deep(5000) + "}",
    "binary": bytes(range(256)).decode("latin-1"),
}


@pytest.fixture
def start(qtbot, monkeypatch):
    """Start a window as ``nnviz`` does (recovery offered after it is shown),
    answering ``answer`` to the recovery question; the questions asked are counted."""
    monkeypatch.delenv("NNVIZ_NO_AUTOSAVE_PROMPT", raising=False)
    asked = []
    opened = []

    def run(answer=QMessageBox.StandardButton.Yes):
        def question(*args, **kwargs):
            asked.append(args)
            return answer

        monkeypatch.setattr(QMessageBox, "question", question)
        win = open_window(qtbot)
        win.persist_state = False
        opened.append(win)
        win.offer_recovery()
        return win

    yield run, asked
    for win in opened:
        win.shutdown(save_state=False)
        win.close()


def _kept_files() -> list[Path]:
    return sorted(_autosave_path().parent.glob("autosave.nnviz.failed-*"))


@pytest.mark.parametrize("kind, why", [("softmax-in-the-stepper", "softmax"), ("table-gone", "notas.csv")])
def test_a_failed_recovery_is_said_once_kept_aside_and_not_offered_again(kind, why, start, monkeypatch):
    run, asked = start
    path = _autosave_path()
    with monkeypatch.context() as m:  # a table too big to keep: the session says where it lives
        m.setattr("nnviz.core.session.record.storable", lambda ds: False)
        save_session(_failing_session(kind), path)
    original = path.read_bytes()
    win = run()
    assert len(asked) == 1
    assert win.lesson.name == DEFAULT_LESSON
    message = win.statusBar().currentMessage()
    assert message.startswith("The autosaved network could not be restored: ")
    assert why in message  # why, in the words of the refusal
    kept = _kept_files()
    assert len(kept) == 1 and kept[0].name in message
    assert kept[0].read_bytes() == original  # nothing lost
    assert not path.exists()
    # the next start is a normal one
    second = run()
    assert len(asked) == 1
    assert second.lesson.name == DEFAULT_LESSON
    assert "could not be restored" not in second.statusBar().currentMessage()
    assert _kept_files() == kept


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_corrupted_autosave_is_kept_aside_without_a_question_or_a_traceback(kind, start):
    run, asked = start
    path = _autosave_path()
    path.write_text(BAD_FILES[kind], encoding="latin-1")
    original = path.read_bytes()
    win = run()
    assert asked == []  # nothing to offer
    assert win.lesson.name == DEFAULT_LESSON
    assert win.statusBar().currentMessage().startswith("The autosaved network could not be restored: ")
    kept = _kept_files()
    assert len(kept) == 1 and kept[0].read_bytes() == original
    second = run()
    assert asked == [] and "could not be restored" not in second.statusBar().currentMessage()


def test_a_good_autosave_answered_no_is_dropped_as_before(start):
    run, asked = start
    lesson = load_lesson(DEFAULT_LESSON)
    save_session(Session(lesson, lesson.network), _autosave_path())
    win = run(QMessageBox.StandardButton.No)
    assert len(asked) == 1 and win.lesson.name == DEFAULT_LESSON
    assert not _autosave_path().exists() and _kept_files() == []
