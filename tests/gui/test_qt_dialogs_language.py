"""Qt's own dialogs (open/save, message boxes, button boxes) speak the interface's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
)

from nnviz.gui import i18n


@pytest.fixture
def spanish(qapp):
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def open_dialog(qtbot, folder: Path) -> QFileDialog:
    # the same widget dialog QFileDialog.getOpenFileName shows where there is no native one
    dialog = QFileDialog(None, "Open", str(folder), "nnviz networks (*.nnviz.json *.json)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def labels(dialog: QFileDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.text()]


def test_qt_ships_its_spanish_catalogue():
    assert (Path(i18n.qt_translations_dir()) / "qtbase_es.qm").is_file()


def test_open_dialog_is_spanish_and_back_to_english(qtbot, spanish, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "net.nnviz.json").write_text("{}")
    dialog = open_dialog(qtbot, tmp_path)
    shown = labels(dialog)
    assert "&Ver en:" in shown and "Ficheros de &tipo:" in shown and "&Nombre de fichero:" in shown
    assert not any("Look in" in t or "Files of" in t for t in shown)
    buttons = {b.text() for b in dialog.findChildren(QPushButton)}
    assert {"&Abrir", "Cancelar"} <= buttons
    # the type column of the folder list
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 2, timeout=3000)
    types = {model.index(r, 2, view.rootIndex()).data(Qt.ItemDataRole.DisplayRole)
             for r in range(model.rowCount(view.rootIndex()))}
    assert "Carpeta" in types and "Folder" not in types
    # the dialog follows a language switch while it is open
    i18n.set_language("en")
    qtbot.waitUntil(lambda: "&Look in:" in labels(dialog), timeout=2000)
    assert "Files of &type:" in labels(dialog)


def test_message_box_and_button_box_buttons(qtbot, spanish):
    box = QMessageBox(QMessageBox.Icon.Question, "t", "¿Guardar?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["&No", "&Sí"]
    bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(bb)
    assert sorted(b.text() for b in bb.buttons()) == ["Aceptar", "Cancelar"]
    i18n.set_language("en")
    box_en = QMessageBox(QMessageBox.Icon.Question, "t", "Save?",
                         QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box_en)
    assert sorted(b.text() for b in box_en.buttons()) == ["&No", "&Yes"]


def test_the_gaps_translator_leaves_every_other_string_alone(qtbot, spanish):
    # "not mine" must be a null answer: an empty one would blank the text
    assert QCoreApplication.translate("SomeWidget", "An untranslated sentence") == "An untranslated sentence"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Ver en:"
    i18n.set_language("en")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
    assert all(not isinstance(t, i18n.QtGapsTranslator) for t in i18n.installed_translators())
