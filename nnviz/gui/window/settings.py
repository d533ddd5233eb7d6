"""Persistent settings (QSettings) with a version and a tested migration.

Tests and portable runs set ``NNVIZ_SETTINGS_DIR``: the settings then live in
an INI file there and never touch the user's real ones.

A settings file is hand-editable and may hold anything: every key is read
through :func:`read_choice` (or checked like it), so that garbage in a key
falls back to that key's default with a one-line note in the log, and never
stops the app from starting.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Container
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication

SETTINGS_VERSION = 2
ORGANIZATION = "nnviz"
APPLICATION = "nnviz"

log = logging.getLogger(__name__)


def note_unusable(key: str, value: object) -> None:
    """Log, in one line, that the saved ``key`` holds ``value`` and is ignored."""
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    log.warning("Setting %s holds %s, which nnviz cannot use; the default is used instead.", key, shown)


def read_choice(s: QSettings, key: str, choices: Container[str]) -> str | None:
    """The text saved under ``key`` when it is one of ``choices``, else None.

    Anything else saved there (a list, a number, a word nnviz does not know)
    is noted in the log; a missing key is not.
    """
    value = s.value(key)
    if value is None:
        return None
    if isinstance(value, str) and value in choices:
        return value
    note_unusable(key, value)
    return None


def saved_version(s: QSettings) -> int:
    """The layout version the settings were written with; 0 when none or garbage."""
    value = s.value("settings_version")
    if value is None or value == "":
        return 0
    # an INI file gives text; a hand-edited "2.5", "abc" or "1, 2" (a list) is garbage
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if re.fullmatch(r"[0-9]{1,6}", text):
        return int(text)
    note_unusable("settings_version", value)
    return 0


def open_settings() -> QSettings:
    """The application's settings, migrated to :data:`SETTINGS_VERSION`."""
    folder = os.environ.get("NNVIZ_SETTINGS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        s = QSettings(str(Path(folder) / "nnviz.ini"), QSettings.Format.IniFormat)
    else:
        s = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
    migrate_settings(s)
    return s


def migrate_settings(s: QSettings) -> None:
    """Bring settings written by an older nnviz up to the current version.

    Version 1 is the flat layout first planned (``lang``, ``geometry``,
    ``state``); version 2 groups the keys under ``ui/`` and ``window/``. No
    release wrote version 1: the step is here, tested, as the pattern every
    later change of the settings layout follows.
    """
    version = saved_version(s)
    if version == 0 and not s.allKeys():
        s.setValue("settings_version", SETTINGS_VERSION)
        return
    if version < 2:
        if s.contains("lang"):
            s.setValue("ui/language", s.value("lang"))
            s.remove("lang")
        if s.contains("geometry"):
            s.setValue("window/geometry", s.value("geometry"))
            s.remove("geometry")
        if s.contains("state"):
            s.setValue("window/state", s.value("state"))
            s.remove("state")
    s.setValue("settings_version", SETTINGS_VERSION)
    s.sync()


def geometry_fits_screens(rect: QRect) -> bool:
    """Whether a restored window rectangle is mostly on a screen that exists.

    A window saved on a second monitor that is gone now must not open off
    screen: at least a 100x50 corner of its title area has to be visible.
    """
    if rect.width() < 100 or rect.height() < 50:
        return False
    title = QRect(rect.left(), rect.top(), rect.width(), 50)
    for screen in QGuiApplication.screens():
        inter = screen.availableGeometry().intersected(title)
        if inter.width() >= 100 and inter.height() >= 20:
            return True
    return False


def as_bytes(value: object) -> QByteArray | None:
    """Saved bytes (a window geometry) as a QByteArray; None when empty or not bytes."""
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None
