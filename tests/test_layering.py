"""The house's rooms stay apart: a walk over every ``import`` in ``nnviz``.

Rules (the package docstrings say the same in words):

1. ``nnviz.core`` never imports Qt, pyqtgraph, ``nnviz.gui``, ``nnviz.commands``
   or ``nnviz.cli``; ``nnviz.gui`` never imports ``nnviz.commands`` or ``nnviz.cli``.
2. Inside ``nnviz.core`` and inside ``nnviz.gui`` the packages are ranked; a
   module imports only from its own package and from lower ranks:

   - core: ``errors`` < ``model`` < ``data`` < ``lecture``, ``training`` < ``lessons``
   - gui: shared modules (``i18n``, ``core_strings``, ...) < ``network``, ``data``
     < ``lecture``, ``training`` < ``window``

   Two packages of the same rank never import each other, and every package
   of the core or the gui has a rank here (a new room is placed on purpose).
3. A private module or package (``_name``) is imported only from within the
   package that holds it.
4. No import circle between modules. Imports under ``if __name__ ==
   "__main__":`` are entry points, not part of the module, so they do not count
   for circles (they do for the other rules).

Imports inside functions count like those at the top: they run too. Imports
under ``if TYPE_CHECKING:`` count as well: a type is a dependency. What no walk
over ``import`` statements sees: ``importlib.import_module`` and names in
strings (``nnviz.core.training.engine.ENGINES`` loads the engines that way, so
that torch is imported only when it trains).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "nnviz"

QT_TOPS = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")
CORE_FORBIDDEN = ("nnviz.gui", "nnviz.commands", "nnviz.cli")
GUI_FORBIDDEN = ("nnviz.commands", "nnviz.cli")
RANKS = {
    "nnviz.core": {"errors": 0, "model": 1, "data": 2, "lecture": 3, "training": 3, "lessons": 4, "session": 5},
    # the shared modules of nnviz.gui (i18n, core_strings, ...) are rank 0
    "nnviz.gui": {"network": 1, "data": 1, "lecture": 2, "training": 2, "window": 3},
}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module (or a name in it), dotted
    line: int
    entry_point: bool  # under `if __name__ == "__main__":`


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_main_guard(node: ast.AST) -> bool:
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    names = [node.test.left, *node.test.comparators]
    return any(isinstance(n, ast.Name) and n.id == "__name__" for n in names) and any(
        isinstance(n, ast.Constant) and n.value == "__main__" for n in names
    )


def imports_of(path: Path, root: Path, modules: set[str]) -> list[Import]:
    """Every import in ``path``, resolved to a module of ``modules`` where it names one."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[Import] = []

    def visit(node: ast.AST, entry: bool) -> None:
        for child in ast.iter_child_nodes(node):
            child_entry = entry or _is_main_guard(child)
            if isinstance(child, ast.Import):
                for alias in child.names:
                    out.append(Import(name, alias.name, child.lineno, entry))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join([*up, base] if base else up)
                for alias in child.names:
                    full = f"{base}.{alias.name}"
                    out.append(Import(name, full if full in modules else base, child.lineno, entry))
            visit(child, child_entry)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return out


def _room(module: str, packages: set[str]) -> tuple[str, str] | None:
    """(layer, package) of a module of nnviz.core or nnviz.gui: ("nnviz.core", "model");
    the package is "" for a shared module at the layer's top (rank 0)."""
    for layer in RANKS:
        if module == layer:
            return layer, ""
        if module.startswith(layer + "."):
            first = module[len(layer) + 1 :].split(".")[0]
            # a package, or a module with a rank of its own (core's ``lessons``)
            ranked = f"{layer}.{first}" in packages or first in RANKS[layer]
            return layer, first if ranked else ""
    return None


def _private_owner(module: str) -> str | None:
    """The package that may import ``module``: the parent of its first private
    part (``a._b.c`` -> ``a``), or None when no part is private."""
    parts = module.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:i])
    return None


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


def layering_problems(root: Path = ROOT) -> list[str]:
    """One sentence per broken rule, empty when the layering holds."""
    files = sorted(root.rglob("*.py"))
    modules = {module_name(p, root) for p in files}
    packages = {module_name(p, root) for p in files if p.name == "__init__.py"}
    problems: list[str] = []
    for layer, ranks in RANKS.items():
        for pkg in sorted(packages):
            if pkg.startswith(layer + ".") and pkg.count(".") == layer.count(".") + 1:
                if pkg.rpartition(".")[2] not in ranks:
                    problems.append(f"{pkg} has no rank: place it in RANKS in tests/test_layering.py")
    edges: dict[str, set[str]] = {}
    for path in files:
        for imp in imports_of(path, root, modules):
            src, tgt = imp.source, imp.target
            where = f"{path.relative_to(root.parent)}:{imp.line}"
            if src.startswith("nnviz.core"):
                if tgt.split(".")[0] in QT_TOPS or any(
                    tgt == f or tgt.startswith(f + ".") for f in CORE_FORBIDDEN
                ):
                    problems.append(f"{where}: the core imports {tgt}")
            if src.startswith("nnviz.gui") and any(
                tgt == f or tgt.startswith(f + ".") for f in GUI_FORBIDDEN
            ):
                problems.append(f"{where}: the gui imports {tgt}")
            if tgt not in modules:
                continue
            owner = _private_owner(tgt)
            if owner is not None and src != owner and not src.startswith(owner + "."):
                problems.append(f"{where}: {src} imports the private module {tgt}")
            a, b = _room(src, packages), _room(tgt, packages)
            if a and b and a[0] == b[0] and a[1] != b[1]:
                rank = RANKS[a[0]]
                ra, rb = rank.get(a[1], 0), rank.get(b[1], 0)
                if rb >= ra:
                    problems.append(
                        f"{where}: {src} ({a[1] or 'shared'}) imports {tgt} "
                        f"({b[1] or 'shared'}), which is not below it"
                    )
            if not imp.entry_point and tgt != src:
                edges.setdefault(src, set()).add(tgt)
    for comp in _cycles(edges):
        problems.append("import circle: " + " <-> ".join(comp))
    return problems


def test_nnviz_keeps_its_layers():
    problems = layering_problems()
    assert not problems, "\n".join(problems)


# ------------------------------------------------ the checker itself catches each kind
def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "nnviz"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for d in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        (d / "__init__.py").touch()
    return root


GOOD = {
    "core/errors.py": "",
    "core/model/network.py": "from nnviz.core.errors import UserError\n",
    "core/data/datasets.py": "from nnviz.core.model import network\n",
    "core/training/_kernels.py": "",
    "core/training/_sub/mod.py": "from nnviz.core.training import _kernels\n",
    "core/training/engine.py": "from nnviz.core.training import _kernels\n",
    "gui/i18n.py": "",
    "gui/network/view.py": "import PySide6\nfrom nnviz.gui import i18n\n",
    "gui/lecture/stepper.py": (
        "from nnviz.gui.network.view import View\n"
        'if __name__ == "__main__":\n    from nnviz.gui.lecture import preview\n'
    ),
    "gui/lecture/preview.py": "from nnviz.gui.lecture import stepper\n",
    "gui/window/main.py": "from nnviz.gui.lecture.stepper import S\nfrom nnviz.core.data import datasets\n",
}


def test_the_real_layout_of_a_small_tree_passes(tmp_path):
    assert layering_problems(_tree(tmp_path, GOOD)) == []


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        ("core/model/network.py", "from PySide6.QtCore import QObject\n", "the core imports PySide6.QtCore"),
        ("core/data/datasets.py", "def f():\n    import pyqtgraph\n", "the core imports pyqtgraph"),
        ("core/lessons.py", "from nnviz.gui.network import view\n", "the core imports nnviz.gui.network.view"),
        ("gui/window/main.py", "from nnviz.core.training import _kernels\n", "private module"),
        ("gui/network/view.py", "from nnviz.gui.lecture import stepper\n", "not below it"),
        ("gui/lecture/stepper.py", "from nnviz.gui.window.main import W\n", "not below it"),
        ("core/model/network.py", "from nnviz.core.data import datasets\n", "not below it"),
        ("core/training/engine.py", "from nnviz.core.lecture import steps\n", "not below it"),
        ("core/lecture/steps.py", "from nnviz.core.lecture.backprop import x\n", "import circle"),
        ("gui/network/view.py", "from nnviz.commands import train\n", "the gui imports nnviz.commands"),
        ("gui/newroom/thing.py", "", "nnviz.gui.newroom has no rank"),
        ("gui/window/main.py", "from nnviz.core.training._sub import mod\n", "private module"),
        ("core/lecture/steps.py", "from . import backprop\n", "import circle"),
    ],
)
def test_a_wrong_import_is_caught(tmp_path, rel, text, expected):
    files = dict(GOOD, **{"core/lecture/backprop.py": "from nnviz.core.lecture import steps\n"})
    files[rel] = files.get(rel, "") + text
    problems = layering_problems(_tree(tmp_path, files))
    assert any(expected in p for p in problems), problems
