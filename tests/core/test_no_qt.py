"""nnviz.core must import without Qt: a process where Qt imports fail loads it all."""

import subprocess
import sys

SCRIPT = r"""
import importlib, pkgutil, sys

class _BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6'):
            raise ImportError('Qt is blocked in this test: ' + name)
        return None

sys.meta_path.insert(0, _BlockQt())
import nnviz.core
names = [m.name for m in pkgutil.walk_packages(nnviz.core.__path__, 'nnviz.core.')]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_every_core_module_imports_without_qt():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 5  # network, activations, datasets, lessons, errors, ...
