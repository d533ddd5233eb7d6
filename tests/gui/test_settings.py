"""Settings: version and migration, and restored geometry checked against screens."""

from PySide6.QtCore import QRect, QSettings

from nnviz.gui.window.settings import (
    SETTINGS_VERSION,
    geometry_fits_screens,
    migrate_settings,
    open_settings,
)


def test_fresh_settings_get_the_current_version(tmp_path):
    s = QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat)
    migrate_settings(s)
    assert int(s.value("settings_version")) == SETTINGS_VERSION


def test_version_one_keys_are_migrated(tmp_path):
    s = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    s.setValue("settings_version", 1)
    s.setValue("lang", "es")
    s.setValue("geometry", b"abc")
    migrate_settings(s)
    assert s.value("ui/language") == "es"
    assert not s.contains("lang") and not s.contains("geometry")
    assert s.contains("window/geometry")
    assert int(s.value("settings_version")) == SETTINGS_VERSION


def test_tests_never_touch_the_real_settings():
    import os

    s = open_settings()
    assert s.fileName().startswith(os.environ["NNVIZ_SETTINGS_DIR"])


def test_geometry_off_every_screen_is_refused(qapp):
    assert geometry_fits_screens(QRect(10, 10, 800, 600))
    assert not geometry_fits_screens(QRect(20000, 20000, 800, 600))
    assert not geometry_fits_screens(QRect(10, 10, 50, 20))
