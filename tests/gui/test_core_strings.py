"""Every fixed sentence the core shows in the window is collected for translation."""

from nnviz.core.training import compiled
from nnviz.gui import i18n
from nnviz.gui.core_strings import ENGINE_REASONS, translate_core


def test_every_engine_reason_is_listed_for_translation():
    assert set(compiled.REASONS) <= set(ENGINE_REASONS)


def test_engine_reasons_are_translated_in_spanish(qapp):
    i18n.set_language("es")
    try:
        spanish = translate_core(compiled.REASON_DROPOUT)
        assert spanish != compiled.REASON_DROPOUT and "dropout" in spanish
    finally:
        i18n.set_language("en")
    assert translate_core(compiled.REASON_DROPOUT) == compiled.REASON_DROPOUT


def test_activation_names_follow_the_language(qapp):
    from nnviz.core.model.activations import NAMES
    from nnviz.gui.core_strings import ACTIVATION_NAMES, activation_name

    assert set(NAMES) == set(ACTIVATION_NAMES)
    i18n.set_language("es")
    try:
        assert activation_name("sigmoid") == "sigmoide"
        assert activation_name("step") == "escalón"
    finally:
        i18n.set_language("en")
    assert activation_name("sigmoid") == "sigmoid"


# ------------------------------------------------------------ error templates
def _i18n_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "i18n.py"
    spec = importlib.util.spec_from_file_location("i18n_script", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_core_messages_module_lists_every_core_error_template():
    """nnviz/gui/core_messages.py is what ``scripts/i18n.py update`` writes from the core now."""
    script = _i18n_script()
    templates, _built = script.core_templates()
    assert "Field '{0}' names an unknown activation {1!r} (known: {2})." in templates
    fresh = script.core_messages_source(templates)
    assert script.CORE_MESSAGES.read_text(encoding="utf-8") == fresh, (
        "nnviz/gui/core_messages.py is out of date: run python scripts/i18n.py update"
    )
    from nnviz.gui.core_messages import TEMPLATES

    assert list(TEMPLATES) == templates


def test_no_core_error_sentence_is_built_at_run_time():
    """An f-string given to UserError cannot be translated: pass a template and its arguments."""
    _templates, built = _i18n_script().core_templates()
    assert not built, f"UserError sentences built at run time (use a template): {built}"


def test_user_message_looks_the_template_up_in_core_text(qapp):
    import pytest
    from PySide6.QtCore import QCoreApplication

    from nnviz.core.errors import UserError
    from nnviz.core.training.config import TrainingConfig
    from nnviz.gui.core_strings import user_message

    with pytest.raises(UserError) as info:
        TrainingConfig(lr=-1.0).validate()
    err = info.value
    assert str(err) == "Setting 'lr' must be a positive number, not -1.0."
    assert user_message(err) == str(err)
    i18n.set_language("es")
    try:
        expected = QCoreApplication.translate("CoreText", err.template).format(*err.arguments)
        assert user_message(err) == expected
    finally:
        i18n.set_language("en")
