"""Errors meant for the user: one clear sentence, no traceback.

A message is an English *template* with ``{0}``, ``{1}`` placeholders plus its
arguments, so that each front end can say it in its own language without the
core knowing about Qt::

    raise UserError("Field 'seed' must be a whole number, not {0!r}.", seed)

``str(err)`` is the English sentence (what the command line prints);
``err.message(translate)`` formats ``translate(template)`` instead (the window
passes a Qt lookup). A template without arguments is used as it is, never
formatted, so it may hold any text.

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
        shown = [a.message(translate) if isinstance(a, UserError) else a for a in self.arguments]
        try:
            return translate(self.template).format(*shown)
        except (IndexError, KeyError, ValueError):  # a translation that lost or broke a placeholder
            return self.template.format(*shown)
