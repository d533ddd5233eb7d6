"""User errors: English for the command line, templates a window can translate."""

import pytest

from nnviz.core.errors import UserError
from nnviz.core.lecture.backprop import as_vector
from nnviz.core.lessons import parse_lesson
from nnviz.core.model.network import Network, NetworkFormatError, load_network, parse_network
from nnviz.core.training import compiled
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.records import Diverged


def shout(text: str) -> str:
    """A stand-in translation: every template in capitals, placeholders kept."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "{"
        out.append(ch if depth else ch.upper())
        depth -= ch == "}"
    return "".join(out)


def raised(fn, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as info:
        fn(*args, **kwargs)
    return info.value


def test_str_is_the_english_sentence_with_the_arguments_filled_in():
    err = raised(parse_network, {"layers": [2, 0], "activations": "tanh"})
    assert isinstance(err, NetworkFormatError)
    assert str(err) == "Field 'layers[1]' must be a positive whole number of neurons, not 0."
    assert err.template == "Field 'layers[{0}]' must be a positive whole number of neurons, not {1!r}."
    assert err.arguments == (1, 0)


def test_numbers_keep_their_format_in_english():
    err = raised(TrainingConfig(lr=5e5).validate)
    assert str(err) == "Setting 'lr' must be at most 10000, not 500000.0."
    err = raised(TrainingConfig(momentum=1.5).validate)
    assert str(err) == "Setting 'momentum' must be in [0, 1), not 1.5."
    net = Network.initialised([2, 4, 1], ["relu", "sigmoid"], seed=0)
    reason, error = compiled.compiled_limitation(net, [0.25], "cpu")
    assert reason == compiled.REASON_DROPOUT
    assert str(error) == (
        "The compiled engine cannot train with dropout; set dropout to 0 or choose the engine 'torch' or 'auto'."
    )


def test_message_translates_the_template_and_keeps_the_arguments():
    err = raised(parse_network, {"layers": [2, 1], "activations": "swish"})
    known = err.arguments[2]
    assert "sigmoid" in known
    assert str(err) == f"Field 'activations[0]' names an unknown activation 'swish' (known: {known})."
    assert err.message(shout) == (
        f"FIELD 'activations[0]' NAMES AN UNKNOWN ACTIVATION 'swish' (KNOWN: {known})."
    )
    assert err.message() == str(err)


def test_a_quoted_cause_is_translated_with_the_sentence():
    lesson = {"format": "nnviz-lesson", "network": {"layers": [2, 1]}, "data": {"kind": "xor"}}
    err = raised(parse_lesson, lesson, "mine")
    assert str(err) == "Lesson 'mine', network: Field 'activations' is missing."
    assert err.message(shout) == "LESSON 'mine', NETWORK: FIELD 'ACTIVATIONS' IS MISSING."


def test_a_translation_that_breaks_a_placeholder_falls_back_to_english():
    err = raised(as_vector, [1.0, 2.0, 3.0], 2, "input")
    assert str(err) == "The input has 3 numbers but the network needs 2."
    assert err.message(lambda t: "La entrada tiene {7} números.") == str(err)
    assert str(raised(as_vector, [1.0], 2, "target")) == "The target has 1 number but the network needs 2."


def test_a_template_without_arguments_is_never_formatted():
    err = UserError("Write {braces} as they are.")
    assert str(err) == "Write {braces} as they are." == err.message(lambda t: t)
    assert err.exit_code == 2


def test_exit_codes():
    assert UserError("x", exit_code=5).exit_code == 5
    err = Diverged("Training diverged in epoch {0}: the loss became NaN; try a smaller learning "
                   "rate than {1:g}. The last finite weights were kept.", 3, 0.5)
    assert err.exit_code == 3
    assert str(err) == ("Training diverged in epoch 3: the loss became NaN; try a smaller learning "
                        "rate than 0.5. The last finite weights were kept.")


def test_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "net.nnviz.json"
    bad.write_text('{"layers": [2,')
    err = raised(load_network, bad)
    assert str(err) == "'net.nnviz.json' is not valid JSON (line 1, column 15: Expecting value)."
    assert err.message(shout).startswith("'net.nnviz.json' IS NOT VALID JSON (LINE 1, COLUMN 15: ")
    err = raised(load_network, tmp_path / "missing.json")
    assert str(err) == f"Cannot open '{tmp_path / 'missing.json'}': no such file."
