"""Qt-free core of nnviz: the math, the data and the file formats.

Nothing under this package may import PySide6, shiboken6 or pyqtgraph;
``tests/core/test_no_qt.py`` proves it.
"""
