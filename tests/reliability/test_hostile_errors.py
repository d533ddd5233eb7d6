"""An error sentence never echoes megabytes of user text (issue 19, item 6)."""

from __future__ import annotations

from nnviz.core.errors import MAX_SHOWN, MAX_TEXT, UserError


def test_a_5_mb_field_name_is_cut_with_an_ellipsis():
    name = "f" * 5_000_000
    err = UserError("Field '{0}' is unknown.", name)
    assert str(err) == "Field '" + "f" * (MAX_TEXT - 1) + "…' is unknown."
    err = UserError("Field {0!r} is unknown.", name)
    assert str(err) == "Field '" + "f" * (MAX_SHOWN - 2) + "… is unknown."


def test_a_list_of_known_names_is_shown_whole():
    known = ", ".join(f"lesson-number-{i}" for i in range(20))
    assert str(UserError("No lesson {0!r} (known: {1}).", "x", known)) == f"No lesson 'x' (known: {known})."


def test_a_repr_is_cut_too():
    err = UserError("Got {0!r}.", "g" * 1000)
    assert str(err) == "Got " + ("'" + "g" * 1000)[: MAX_SHOWN - 1] + "…."
    assert len(str(err)) == len("Got .") + MAX_SHOWN


def test_a_long_list_is_cut():
    err = UserError("Layers {0}.", list(range(10_000)))
    assert str(err).startswith("Layers [0, 1, 2, ")
    assert str(err).endswith("….")
    assert len(str(err)) == len("Layers .") + MAX_SHOWN


def test_short_text_and_numbers_are_shown_as_they_are():
    err = UserError("Field '{0}' is {1!r}, {2:.2f} and {3}.", "seed", "abc", 3.14159, 10**30)
    assert str(err) == f"Field 'seed' is 'abc', 3.14 and {10**30}."


def test_a_whole_number_too_long_to_print_is_described():
    assert str(UserError("Got {0}.", 10**5000)) == "Got a whole number of about 5001 digits."
    assert str(UserError("Got {0!r}.", -(10**5000))) == "Got a negative whole number of about 5001 digits."


def test_values_that_cannot_be_printed_still_give_a_sentence():
    deep: list = []
    inner = deep
    for _ in range(5000):
        inner.append([])
        inner = inner[0]
    assert str(UserError("Got {0!r}.", deep)) == "Got a value too large to show."
    assert str(UserError("Got {0}.", [10**5000])) == "Got a value too large to show."
    assert str(UserError("Got {0}.", tuple(range(10**6)))).startswith("Got [0, 1, 2, ")
