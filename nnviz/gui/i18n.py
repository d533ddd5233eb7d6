"""Language of the interface: Qt translators for nnviz and Qt's own dialogs.

Switching installs new translators; every widget retranslates itself on
``QEvent.LanguageChange`` (``changeEvent``), so no restart is needed.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("es", "en")
_installed: list[QTranslator] = []


def i18n_dir() -> Path:
    return Path(str(resources.files("nnviz") / "resources" / "i18n"))


def system_language() -> str:
    """'es' when the system locale is Spanish, else 'en'."""
    return "es" if QLocale.system().language() == QLocale.Language.Spanish else "en"


def current_language() -> str:
    return "es" if QLocale().language() == QLocale.Language.Spanish else "en"


def set_language(lang: str) -> None:
    """Install the translators for ``lang`` ('es' or 'en') on the running app."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    app = QCoreApplication.instance()
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Spanish if lang == "es" else QLocale.Language.English,
                               QLocale.Country.Spain if lang == "es" else QLocale.Country.UnitedKingdom))
    if lang == "en":
        # English is the source language; an event still tells widgets to retranslate.
        app.installTranslator(_empty := QTranslator(app))
        _installed.append(_empty)
        return
    ours = QTranslator(app)
    if ours.load(str(i18n_dir() / f"nnviz_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
