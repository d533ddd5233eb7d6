"""Every fixed sentence the core shows in the window is collected for translation."""

from nnviz.core import compiled
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
    from nnviz.core.activations import NAMES
    from nnviz.gui.core_strings import ACTIVATION_NAMES, activation_name

    assert set(NAMES) == set(ACTIVATION_NAMES)
    i18n.set_language("es")
    try:
        assert activation_name("sigmoid") == "sigmoide"
        assert activation_name("step") == "escalón"
    finally:
        i18n.set_language("en")
    assert activation_name("sigmoid") == "sigmoid"
