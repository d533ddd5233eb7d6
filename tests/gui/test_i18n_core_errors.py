"""The Spanish catalogue holds every core error sentence (needs ``scripts/i18n.py update``
and ``release`` after a new template: until then these tests say which are missing)."""

from __future__ import annotations

import json
import string

import pytest
from PySide6.QtCore import QCoreApplication

from nnviz.gui import i18n
from nnviz.gui.core_messages import TEMPLATES
from nnviz.gui.window.app import build_window


@pytest.fixture
def spanish(qapp):
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def _fields(text: str) -> set[tuple[str, str, str]]:
    return {(name, spec, conv or "") for _, name, spec, conv in string.Formatter().parse(text) if name}


def test_every_core_error_template_has_spanish_with_its_placeholders(spanish):
    missing, broken = [], []
    for template in TEMPLATES:
        spanish_text = QCoreApplication.translate("CoreText", template)
        if spanish_text == template:
            missing.append(template)
        elif _fields(spanish_text) != _fields(template):
            broken.append(template)
    assert not missing, f"{len(missing)} core errors without Spanish, e.g. {missing[:3]}"
    assert not broken, f"placeholders changed in the Spanish of {broken[:3]}"


def test_a_malformed_network_file_is_reported_in_spanish(qtbot, tmp_path):
    _app, win = build_window(lang="es")
    qtbot.addWidget(win)
    try:
        bad = tmp_path / "bad.nnviz.json"
        bad.write_text(json.dumps({"format": "nnviz-network", "layers": [2, 2], "activations": "swish"}))
        assert not win.open_file(str(bad))
        shown = win.statusBar().currentMessage()
        assert "nombra una función de activación desconocida 'swish'" in shown, shown
    finally:
        win.persist_state = False
        win.close()
        i18n.set_language("en")
