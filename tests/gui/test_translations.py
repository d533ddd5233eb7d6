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
