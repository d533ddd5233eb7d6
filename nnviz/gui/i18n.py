"""Language of the interface: Qt translators for nnviz and Qt's own dialogs.

Switching installs new translators; every widget retranslates itself on
``QEvent.LanguageChange`` (``changeEvent``), so no restart is needed.

Qt's dialogs (file dialogs, message boxes, button boxes, the context menus of
text fields) are translated by Qt's own catalogue ``qtbase_<lang>.qm``, which
PySide6-Essentials ships. Qt 6 renamed a few of those strings (it added
keyboard accelerators to the file dialog's labels, moved the icon provider's
names to another context) and the Spanish catalogue still has only the old
ones, so the open dialog said "Look in:" and "Files of type:" in the Spanish
interface; :class:`QtGapsTranslator` answers for those few.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("es", "en")
_installed: list[QTranslator] = []

#: Qt 6 strings (context, source) that Qt's own Spanish catalogue lacks, in the
#: words that catalogue uses elsewhere ("fichero", "Ver en:").
QT_GAPS: dict[str, dict[tuple[str, str], str]] = {
    "es": {
        ("QFileDialog", "&Look in:"): "&Ver en:",
        ("QFileDialog", "Files of &type:"): "Ficheros de &tipo:",
        ("QAbstractFileIconProvider", "Folder"): "Carpeta",
        ("QAbstractFileIconProvider", "File Folder"): "Carpeta",
        ("QAbstractFileIconProvider", "Drive"): "Unidad",
        ("QAbstractFileIconProvider", "File"): "Fichero",
        ("QAbstractFileIconProvider", "%1 File"): "Fichero %1",
        ("QAbstractFileIconProvider", "Alias"): "Alias",
        ("QAbstractFileIconProvider", "Shortcut"): "Acceso directo",
    },
}


class QtGapsTranslator(QTranslator):
    """Qt's own strings that ``qtbase_<lang>.qm`` does not translate.

    Installed before Qt's catalogue, so Qt asks it only for what that
    catalogue lacks. It answers ``None`` (a null string, "not mine") for the
    rest: an empty string would replace the text with nothing.
    """

    def __init__(self, lang: str, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._entries = QT_GAPS.get(lang, {})

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self._entries.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802
        return not self._entries


def i18n_dir() -> Path:
    return Path(str(resources.files("nnviz") / "resources" / "i18n"))


def qt_translations_dir() -> str:
    """Where Qt's own catalogues (``qtbase_es.qm``) are: inside PySide6."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def system_language() -> str:
    """'es' when the system locale is Spanish, else 'en'."""
    return "es" if QLocale.system().language() == QLocale.Language.Spanish else "en"


def current_language() -> str:
    return "es" if QLocale().language() == QLocale.Language.Spanish else "en"


def installed_translators() -> list[QTranslator]:
    """The translators nnviz installed, lowest priority first (for tests)."""
    return list(_installed)


def set_language(lang: str) -> None:
    """Install the translators for ``lang`` ('es' or 'en') on the running app.

    Spanish: Qt's gaps, then Qt's own catalogue, then nnviz's (Qt asks the
    last installed first). English: none of them (an empty translator still
    sends the ``LanguageChange`` that makes widgets retranslate).
    """
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
    gaps = QtGapsTranslator(lang, app)
    qt_own = QTranslator(app)
    ours = QTranslator(app)
    for tr, loaded in (
        (gaps, not gaps.isEmpty()),
        (qt_own, qt_own.load(f"qtbase_{lang}", qt_translations_dir())),
        (ours, ours.load(str(i18n_dir() / f"nnviz_{lang}.qm"))),
    ):
        if loaded:
            app.installTranslator(tr)
            _installed.append(tr)
