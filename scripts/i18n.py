"""Collect and compile nnviz's translations.

    python scripts/i18n.py update    # pyside6-lupdate: sources -> nnviz_es.ts
    python scripts/i18n.py release   # pyside6-lrelease: nnviz_es.ts -> nnviz_es.qm
    python scripts/i18n.py status    # list Spanish entries still unfinished

Translate the entries of ``nnviz/resources/i18n/nnviz_es.ts`` with Qt
Linguist (``pyside6-linguist``) or any editor, then ``release``; commit both.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "nnviz" / "resources" / "i18n"
TS = I18N / "nnviz_es.ts"
QM = I18N / "nnviz_es.qm"


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


def unfinished(ts: Path) -> list[tuple[str, str]]:
    bad = []
    for key, tr in messages(ts).items():
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip():
            bad.append(key)
    return bad


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "status"
    if cmd == "update":
        lupdate(TS)
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
