"""The Spanish translation is complete and the committed .qm matches the .ts."""

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
i18n_script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n_script)


def test_every_spanish_entry_is_translated():
    todo = i18n_script.unfinished(i18n_script.TS)
    assert not todo, f"{len(todo)} Spanish entries unfinished, e.g. {todo[:5]}"


def test_no_source_string_is_missing_from_the_ts(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(i18n_script.TS, fresh)
    i18n_script.lupdate(fresh)
    missing = set(i18n_script.messages(fresh)) - set(i18n_script.messages(i18n_script.TS))
    assert not missing, f"strings not in nnviz_es.ts (run scripts/i18n.py update): {sorted(missing)[:5]}"
    assert not i18n_script.unfinished(fresh)


def test_committed_qm_is_not_stale(tmp_path):
    rebuilt = tmp_path / "nnviz_es.qm"
    i18n_script.lrelease(i18n_script.TS, rebuilt)
    assert rebuilt.read_bytes() == i18n_script.QM.read_bytes(), "run scripts/i18n.py release"


@pytest.mark.parametrize("placeholder", ["%1", "%2"])
def test_placeholders_survive_translation(placeholder):
    for (_ctx, src), tr in i18n_script.messages(i18n_script.TS).items():
        if placeholder in src:
            assert placeholder in (tr.text or ""), f"{placeholder} lost in the translation of {src!r}"


def test_no_alias_hides_strings_from_lupdate():
    """``t = self.tr`` then ``t("…")`` translates at run time, but lupdate never
    sees those strings, so the Spanish entries silently go missing."""
    import re

    alias = re.compile(r"^\s*\w+\s*=\s*(self\.tr|QCoreApplication\.translate)\s*$", re.M)
    offenders = [p.name for p in (ROOT / "nnviz").rglob("*.py") if alias.search(p.read_text())]
    assert not offenders, f"translation aliases hide strings from lupdate in {offenders}"


def test_a_sentence_moved_to_another_class_keeps_its_translation(tmp_path):
    """Qt's context is the class name: splitting a class moves its sentences to a
    new context, and ``update`` carries their Spanish over instead of losing it."""
    old = tmp_path / "old.ts"
    old.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="es_ES">'
        "<context><name>Panel</name>"
        "<message><source>Train</source><translation>Entrena</translation></message>"
        "<message><source>Stop</source><translation>Detén</translation></message>"
        "</context></TS>"
    )
    new = tmp_path / "new.ts"
    new.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="es_ES">'
        "<context><name>RunControls</name>"
        '<message><source>Train</source><translation type="unfinished"></translation></message>'
        '<message><source>Never seen</source><translation type="unfinished"></translation></message>'
        "</context></TS>"
    )
    assert i18n_script.carry_translations(new, i18n_script.translations_by_source(old)) == 1
    got = i18n_script.messages(new)
    assert got[("RunControls", "Train")].text == "Entrena"
    assert got[("RunControls", "Train")].get("type") is None
    assert i18n_script.unfinished(new) == [("RunControls", "Never seen")]
