"""Collect and compile nnviz's translations.

    python scripts/i18n.py update    # core messages, then pyside6-lupdate: sources -> nnviz_es.ts
                                     # (a sentence that moved to another class keeps its Spanish)
    python scripts/i18n.py release   # pyside6-lrelease: nnviz_es.ts -> nnviz_es.qm
    python scripts/i18n.py status    # list Spanish entries still unfinished

Translate the entries of ``nnviz/resources/i18n/nnviz_es.ts`` with Qt
Linguist (``pyside6-linguist``) or any editor, then ``release``; commit both.

``nnviz.core`` has no Qt, so lupdate cannot see the sentences of its
``UserError``s; ``update`` first collects their templates (see
:mod:`nnviz.core.errors`) into ``nnviz/gui/core_messages.py`` as
``QT_TRANSLATE_NOOP("CoreText", ...)`` entries, which lupdate then reads.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "nnviz" / "resources" / "i18n"
TS = I18N / "nnviz_es.ts"
QM = I18N / "nnviz_es.qm"
CORE = ROOT / "nnviz" / "core"
CORE_MESSAGES = ROOT / "nnviz" / "gui" / "core_messages.py"


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "nnviz").rglob("*.py"))


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def lupdate(ts: Path) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete", "-silent",
         "-target-language", "es_ES", "-ts", str(ts)],
        cwd=ROOT, check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            out[(name, msg.findtext("source"))] = msg.find("translation")
    return out


def translations_by_source(ts: Path) -> dict[str, set[str]]:
    """Every finished translation of each source sentence, whatever its context."""
    out: dict[str, set[str]] = {}
    for (_ctx, src), tr in messages(ts).items():
        if tr is not None and tr.get("type") is None and (tr.text or "").strip():
            out.setdefault(src, set()).add(tr.text)
    return out


def carry_translations(ts: Path, known: dict[str, set[str]]) -> int:
    """Fill the unfinished entries of ``ts`` whose sentence had one translation
    in ``known`` (under another context: the code moved to another class, and
    Qt's context is the class name). Returns how many were filled. Plural
    forms and disambiguation comments are not told apart (nnviz uses none)."""
    tree = ET.parse(ts)
    filled = 0
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        options = known.get(msg.findtext("source") or "", set())
        if tr is not None and tr.get("type") == "unfinished" and len(options) == 1:
            tr.text = next(iter(options))
            del tr.attrib["type"]
            filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def unfinished(ts: Path) -> list[tuple[str, str]]:
    bad = []
    for key, tr in messages(ts).items():
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip():
            bad.append(key)
    return bad


# ------------------------------------------------------------ core messages
def _error_classes(trees: list[ast.Module]) -> set[str]:
    """``UserError`` and the names of the classes derived from it in ``trees``."""
    names = {"UserError"}
    classes = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for cls in classes:
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", None) for b in cls.bases}
            if cls.name not in names and bases & names:
                names.add(cls.name)
                grew = True
    return names


def _literals(node: ast.expr) -> list[str] | None:
    """The strings a template argument can be: a literal, or either branch of
    ``a if c else b``; None when it is built at run time (an f-string, ``+``,
    ``.format``): such a sentence cannot be translated."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
        return []  # a template marked where it is written (errors.template)
    return None


def core_templates(folder: Path = CORE) -> tuple[list[str], list[str]]:
    """The message templates of ``folder``'s errors, sorted, and the places
    ("file:line") whose sentence is built at run time instead.

    A template is the first argument of a call of ``UserError`` (or a class
    derived from it) or of ``template`` (:func:`nnviz.core.errors.template`).
    """
    files = sorted(folder.rglob("*.py"))
    trees = [ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in files]
    callees = _error_classes(trees) | {"template"}
    found: set[str] = set()
    built: list[str] = []
    for path, tree in zip(files, trees, strict=True):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in callees:
                continue
            strings = _literals(node.args[0])
            if strings is None:
                built.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            else:
                found.update(strings)
    return sorted(found), built


def core_messages_source(templates: list[str]) -> str:
    """The text of ``nnviz/gui/core_messages.py`` for ``templates``."""
    lines = [
        "# ruff: noqa: E501",
        '"""The sentences of nnviz.core\'s errors, for lupdate (context "CoreText").',
        "",
        "Generated by ``python scripts/i18n.py update`` from the ``UserError(...)``",
        "templates in nnviz/core; do not edit. :func:`nnviz.gui.core_strings.user_message`",
        "translates them when the window shows an error.",
        '"""',
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "TEMPLATES = (",
    ]
    for text in templates:
        lines.append(f'    QT_TRANSLATE_NOOP("CoreText", {json.dumps(text, ensure_ascii=False)}),')
    lines.append(")")
    return "\n".join(lines) + "\n"


def write_core_messages(path: Path = CORE_MESSAGES) -> None:
    """Regenerate ``nnviz/gui/core_messages.py`` from the core's error templates."""
    templates, _built = core_templates()
    path.write_text(core_messages_source(templates), encoding="utf-8")


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "status"
    if cmd == "update":
        write_core_messages()
        known = translations_by_source(TS)
        lupdate(TS)
        if carry_translations(TS, known):
            lupdate(TS)  # back to lupdate's own layout
    elif cmd == "release":
        lrelease(TS, QM)
    elif cmd == "status":
        todo = unfinished(TS)
        for ctx, src in todo:
            print(f"{ctx}\t{src}")
        print(f"{len(todo)} unfinished", file=sys.stderr)
        return 1 if todo else 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
