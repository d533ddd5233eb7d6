"""Spanish as one voice: every finished translation of ``nnviz_es.ts`` and
every lesson's Spanish text follows the glossary (``docs/glossary.md``): the
one Spanish term for each English one, none of the words it sets aside, and
tú, never usted.

The glossary is read from the document itself, so a row added there is
checked here at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from nnviz.core.lessons import lesson_names, load_lesson
from tests.gui.ts_catalogue import entries, plain

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"

#: (context, English source) whose translation may break a rule, and why
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("DrawingTools", "Write the points to a CSV table: x1, x2, label"):
        "the CSV file's header is written literally: x1, x2, label",
}


@dataclass(frozen=True)
class Term:
    english: str
    forms: tuple[str, ...]
    banned: tuple[str, ...]


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _alternatives(cell: str) -> tuple[str, ...]:
    cell = re.sub(r"\(.*?\)", "", cell)  # "(except …)" is said for people; the test knows it
    return tuple(w.strip().lower() for w in cell.split(" / ") if w.strip() and w.strip() != "—")


def glossary_terms() -> list[Term]:
    """The rows of the glossary's table of terms."""
    rows = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    terms = []
    for line in rows[1:]:  # the first is the header
        english, _spanish, forms, banned = _cells(line)
        terms.append(Term(english.lower(), _alternatives(forms), _alternatives(banned)))
    return terms


def usted_imperatives() -> tuple[str, ...]:
    """The usted forms the glossary lists (its section on voice)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    listed = re.search(r"usted imperatives \*(.+?)\*\.", text, re.DOTALL)
    assert listed, "the glossary lists the usted imperatives"
    return tuple(w.strip() for w in listed.group(1).replace("\n", " ").split(",") if w.strip())


def _without_code(text: str) -> str:
    """``text`` without what is code, not language: quoted names, placeholders,
    options, identifiers, file patterns."""
    text = plain(text)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\{[^{}]*\}|%\d+", " ", text)
    text = re.sub(r"--[\w-]+|\*\.[\w.]+|\b\w+(?:[._]\w+)+\b", " ", text)
    return text


def _word(term: str) -> re.Pattern[str]:
    """``term`` as whole words, singular or plural."""
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?:e?s)?(?!\w)", re.IGNORECASE)


_CLAUSE_START = r"(?:^|[.:;!?¿¡(«—]\s*|,\s+|\b(?:y|o|e)\s+)"


def problems(spanish: str, english: str | None, terms: list[Term], usted: tuple[str, ...]) -> list[str]:
    """What breaks the glossary in ``spanish`` (the translation of ``english``)."""
    found = []
    es = _without_code(spanish)
    # "lote (batch)" names the English word once, on purpose
    es_words = re.sub(r"(lotes?)\s*\((?:batch|batches|mini-?batch)\)", r"\1", es, flags=re.IGNORECASE)
    en = _without_code(english) if english is not None else None
    for term in terms:
        banned = next((b for b in term.banned if _word(b).search(es_words)), None)
        if banned is not None:
            found.append(f"uses '{banned}' (glossary: {term.english} → {term.forms[0]})")
        if en is not None and _word(term.english).search(en) and not any(
            _word(f).search(es) for f in term.forms
        ):
            found.append(f"says '{term.english}' without '{term.forms[0]}'")
    if re.search(r"(?<!\w)(?:usted|ustedes|ud\.|uds\.)(?!\w)", es, re.IGNORECASE):
        found.append("says usted")
    for verb in usted:
        if re.search(_CLAUSE_START + re.escape(verb) + r"(?!\w)", es, re.IGNORECASE):
            found.append(f"usted form '{verb}' (tú: see the glossary)")
    return found


@pytest.fixture(scope="module")
def rules():
    return glossary_terms(), usted_imperatives()


def test_the_glossary_is_read_whole(rules):
    terms, usted = rules
    by_english = {t.english: t for t in terms}
    assert {"batch", "accuracy", "feature", "label", "epoch", "test set", "weight", "bias",
            "learning rate", "file", "session"} <= set(by_english)
    assert by_english["file"].forms == ("fichero", "ficheros")
    assert "archivo" in by_english["file"].banned and "precisión" in by_english["accuracy"].banned
    assert {"pulse", "escriba", "seleccione", "haga"} <= set(usted)


def test_the_check_finds_what_the_glossary_bans(rules):
    terms, usted = rules
    assert problems("Pulsa Entrenar; la red aprende.", "Press Train; the network learns.", terms, usted) == []
    assert problems("Haz clic en «Entrenar».", "Click Train.", terms, usted) == []
    assert problems("Escriba un número y pulse Intro.", "Type a number and press Enter.", terms, usted) == [
        "usted form 'pulse' (tú: see the glossary)", "usted form 'escriba' (tú: see the glossary)"]
    assert problems("el tamaño del batch", "the batch size", terms, usted) == [
        "uses 'batch' (glossary: batch → lote)", "says 'batch' without 'lote'"]
    assert problems("el tamaño de lote (batch)", "the batch size", terms, usted) == []
    assert problems("Abrir un archivo", "Open a file", terms, usted) == [
        "uses 'archivo' (glossary: file → fichero)", "says 'file' without 'fichero'"]
    assert problems("La columna 'label' falta.", "The column 'label' is missing.", terms, usted) == []
    # a subjunctive inside a clause is not an order: "para que la clase vea"
    assert problems("para que la clase mire las curvas", None, terms, usted) == []


def test_every_spanish_translation_follows_the_glossary(rules):
    terms, usted = rules
    bad = []
    for e in entries():
        if (e.context, plain(e.source)) in EXCEPTIONS:
            continue
        for why in problems(e.translation, e.source, terms, usted):
            bad.append(f"{e.context} | {plain(e.source)} | {plain(e.translation)} | {why}")
    assert bad == [], "\n" + "\n".join(bad)


@pytest.mark.parametrize("name", lesson_names())
def test_every_lesson_text_follows_the_glossary(rules, name):
    terms, usted = rules
    lesson = load_lesson(name)
    bad = []
    for part, es, en in (("title", lesson.title_in("es"), lesson.title_in("en")),
                         ("text", lesson.text_in("es"), lesson.text_in("en"))):
        bad += [f"{name} {part}: {why}" for why in problems(es, en, terms, usted)]
    assert bad == [], "\n" + "\n".join(bad)
