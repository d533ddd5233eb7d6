"""Errors meant for the user: one clear sentence, no traceback.

A message is an English *template* with ``{0}``, ``{1}`` placeholders plus its
arguments, so that each front end can say it in its own language without the
core knowing about Qt::

    raise UserError("Field 'seed' must be a whole number, not {0!r}.", seed)

``str(err)`` is the English sentence (what the command line prints);
``err.message(translate)`` formats ``translate(template)`` instead (the window
passes a Qt lookup). A template without arguments is used as it is, never
formatted, so it may hold any text.

An argument echoed from the user is cut with "…" before it is formatted, so a
file with a 5 MB field name gives a sentence, not 5 MB of text: a value quoted
with ``{0!r}`` (how a template echoes what the user wrote) or a long list to
:data:`MAX_SHOWN` characters, text put in with ``{0}`` (a list of known names,
a field) to :data:`MAX_TEXT`.

``scripts/i18n.py update`` collects the templates for the translators: the
string literal written as the first argument of ``UserError(...)`` (or of a
subclass) or of :func:`template`. So write the template there as a literal,
never an f-string.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: how a front end turns an English template into its own language
Translate = Callable[[str], str]

#: the most characters of one value an error sentence quotes (``{0!r}``, lists)
MAX_SHOWN = 80
#: the most characters of one text an error sentence shows (``{0}``): room
#: for the list of known lessons, never megabytes
MAX_TEXT = 400


def _cut(text: str, limit: int = MAX_SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Shown:
    """An argument shown cut: ``{0}`` gives its cut ``str``, ``{0!r}`` its cut ``repr``."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __str__(self) -> str:
        return _cut(_safe(str, self.value), MAX_TEXT if isinstance(self.value, str) else MAX_SHOWN)

    def __repr__(self) -> str:
        return _cut(_safe(repr, self.value))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _safe(show: Callable[[Any], str], value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 256:
        # str() of an int with more than 4300 digits raises ValueError
        digits = int(value.bit_length() * 0.30103) + 1
        sign = "a negative" if value < 0 else "a"
        return f"{sign} whole number of about {digits} digits"
    if isinstance(value, str) and len(value) > 4 * MAX_TEXT:
        value = value[: 4 * MAX_TEXT]  # repr of megabytes of text only to cut it
    if isinstance(value, (list, tuple)) and len(value) > MAX_SHOWN:
        value = [*value[:MAX_SHOWN], "…"]  # the first items are all that is shown
    try:
        return show(value)
    except (RecursionError, ValueError):  # nested thousands deep; a huge number inside
        return "a value too large to show"


def _shown(value: Any) -> Any:
    """``value`` ready to format: numbers and short text as they are, the rest cut."""
    if isinstance(value, bool) or isinstance(value, float):
        return value
    if isinstance(value, int):
        return value if value.bit_length() <= 256 else _Shown(value)
    if isinstance(value, str) and len(value) <= MAX_SHOWN:
        return value
    if isinstance(value, (str, list, tuple, dict, set, bytes)):
        return _Shown(value)
    return value


def template(text: str) -> str:
    """Mark ``text`` as a message template kept apart from its ``UserError`` (in a
    table, say) so that the translators get it too; returns ``text`` unchanged."""
    return text


def _english(text: str) -> str:
    return text


class UserError(Exception):
    """A problem the user can fix; ``str(err)`` is the English sentence to show.

    ``exit_code`` is what the command line exits with (2 for bad input).
    An argument that is itself a :class:`UserError` (the cause, quoted inside
    the sentence) is translated with the sentence.
    """

    exit_code = 2

    def __init__(self, template: str, *args: Any, exit_code: int | None = None) -> None:
        self.template = template
        self.arguments = args
        super().__init__(self.message())
        if exit_code is not None:
            self.exit_code = exit_code

    def message(self, translate: Translate = _english) -> str:
        """The sentence with ``translate(template)``; English if that does not fit the arguments."""
        if not self.arguments:
            return translate(self.template)
        shown = [a.message(translate) if isinstance(a, UserError) else _shown(a) for a in self.arguments]
        try:
            return translate(self.template).format(*shown)
        except (IndexError, KeyError, ValueError):  # a translation that lost or broke a placeholder
            return self.template.format(*shown)
