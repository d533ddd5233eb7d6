"""Persistent settings (QSettings) with a version and a tested migration.

Tests and portable runs set ``NNVIZ_SETTINGS_DIR``: the settings then live in
an INI file there and never touch the user's real ones.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication

SETTINGS_VERSION = 2
ORGANIZATION = "nnviz"
APPLICATION = "nnviz"


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
    version = int(s.value("settings_version", 0) or 0)
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
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None
