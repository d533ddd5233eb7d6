"""The Spanish catalogue (``nnviz_es.ts``) read for tests: every finished
entry as (context, English source, Spanish translation), and patterns that
recognise a text of one language on screen, placeholders filled in.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import resources

TS_PATH = resources.files("nnviz.resources.i18n") / "nnviz_es.ts"

#: Qt's ``%1`` and Python's ``{0}`` / ``{0:.0f}`` / ``{name}``: a value filled in at run time
_PLACEHOLDER = re.compile(r"%\d+|\{[^{}]*\}")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    translation: str


def entries() -> list[Entry]:
    """Every finished translation of the catalogue (no unfinished, vanished or obsolete one)."""
    root = ET.parse(str(TS_PATH)).getroot()
    out: list[Entry] = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            text = "".join(tr.itertext())
            if text:
                out.append(Entry(name, msg.findtext("source", ""), text))
    return out


def plain(text: str) -> str:
    """A text as the eye reads it: no accelerator ``&``, no HTML tags, one space."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"), ("&nbsp;", " ")):
        text = text.replace(entity, char)
    return " ".join(text.split())


def literal_part(template: str) -> str:
    """What is left of a template without its placeholders."""
    return _PLACEHOLDER.sub("", plain(template)).strip()


def pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching ``template`` with any values filled in
    (a value: a number, a name, a short phrase; at most 40 characters, so that
    "class {0}" does not take a whole sentence that starts with "class")."""
    parts = _PLACEHOLDER.split(plain(template))
    return re.compile(r".{1,40}?".join(re.escape(p) for p in parts), re.DOTALL)


def foreign_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """Patterns of the texts that belong to the *other* language than ``lang``
    and to no text of ``lang``: with ``lang == "en"`` the Spanish translations
    that differ from every English source, and the other way round.

    Very short texts (under 4 letters once placeholders are out) are left out:
    "Sí", "%1 %", "OK" say nothing about the language.
    """
    all_entries = entries()
    sources = {plain(e.source) for e in all_entries}
    translations = {plain(e.translation) for e in all_entries}
    if lang == "en":
        foreign = {plain(e.translation) for e in all_entries if plain(e.translation) != plain(e.source)} - sources
    else:
        foreign = {plain(e.source) for e in all_entries if plain(e.translation) != plain(e.source)} - translations
    return [(t, pattern(t)) for t in sorted(foreign) if len(re.sub(r"\W", "", literal_part(t))) >= 4]
