"""A hand-edited or damaged settings file never stops the window from starting.

Each kind of garbage is written into the INI file itself, as a user or a
broken disk would leave it; the window starts on the default lesson and the
log says, in one line, which key was ignored.
"""

import logging
import os
from pathlib import Path

import pytest

from nnviz.core.lessons import DEFAULT_LESSON
from nnviz.gui.window.app import build_window
from nnviz.gui.window.settings import SETTINGS_VERSION, open_settings

GARBAGE = {
    "version-word": ("[General]\nsettings_version=abc\n", "settings_version"),
    "version-fraction": ("[General]\nsettings_version=2.5\n", "settings_version"),
    "version-list": ("[General]\nsettings_version=1, 2\n", "settings_version"),
    "version-huge": ("[General]\nsettings_version=" + "9" * 5000 + "\n", "settings_version"),
    "lesson-list": ("[General]\nsettings_version=2\n[ui]\nlesson=spiral, xor\n", "ui/lesson"),
    "lesson-number": ("[General]\nsettings_version=2\n[ui]\nlesson=42\n", "ui/lesson"),
    "lesson-bytes": ("[General]\nsettings_version=2\n[ui]\nlesson=@ByteArray(spiral)\n", "ui/lesson"),
    "lesson-path": ("[General]\nsettings_version=2\n[ui]\nlesson=../../etc/passwd\n", "ui/lesson"),
    "lesson-rect": ("[General]\nsettings_version=2\n[ui]\nlesson=@Rect(1 2 3 4)\n", "ui/lesson"),
    "language-list": ("[General]\nsettings_version=2\n[ui]\nlanguage=es, en\n", "ui/language"),
    "language-unknown": ("[General]\nsettings_version=2\n[ui]\nlanguage=tlh\n", "ui/language"),
    "geometry-text": ("[General]\nsettings_version=2\n[window]\ngeometry=abc, def\n", "window/geometry"),
    "geometry-bytes": ("[General]\nsettings_version=2\n[window]\ngeometry=@ByteArray(\\x1\\x2garbage)\n", None),
    "old-keys-garbage": ("[General]\nsettings_version=1\nlang=1, 2\ngeometry=7\n", "ui/language"),
}


def _write(text: str) -> Path:
    ini = Path(os.environ["NNVIZ_SETTINGS_DIR"]) / "nnviz.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(text, encoding="utf-8")
    return ini


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_garbage_in_a_key_starts_the_default_lesson_with_a_note(kind, qtbot, caplog):
    text, key = GARBAGE[kind]
    _write(text)
    with caplog.at_level(logging.WARNING, logger="nnviz.gui.window.settings"):
        _app, win = build_window(lang=None)
    qtbot.addWidget(win)
    win.persist_state = False
    win.show()
    qtbot.waitExposed(win)
    assert win.lesson is not None and win.lesson.name == DEFAULT_LESSON
    if key is not None:
        notes = [r.getMessage() for r in caplog.records if key in r.getMessage()]
        assert len(notes) == 1 and "\n" not in notes[0] and len(notes[0]) < 200
    # the version is whole again for the next start
    assert int(open_settings().value("settings_version")) == SETTINGS_VERSION
    win.close()


def test_binary_garbage_as_the_whole_file_starts_the_default_lesson(qtbot):
    ini = Path(os.environ["NNVIZ_SETTINGS_DIR"]) / "nnviz.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_bytes(bytes(range(256)) * 8)
    _app, win = build_window(lang="en")
    qtbot.addWidget(win)
    win.persist_state = False
    assert win.lesson.name == DEFAULT_LESSON
    win.close()


def test_a_good_saved_lesson_is_still_opened_and_not_noted(qtbot, caplog):
    _write("[General]\nsettings_version=2\n[ui]\nlesson=spiral\nlanguage=en\n")
    with caplog.at_level(logging.WARNING, logger="nnviz.gui.window.settings"):
        _app, win = build_window(lang=None)
    qtbot.addWidget(win)
    win.persist_state = False
    assert win.lesson.name == "spiral"
    assert not caplog.records
    win.close()
