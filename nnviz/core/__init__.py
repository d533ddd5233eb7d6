"""Qt-free core of nnviz: the math, the data and the file formats.

Its rooms, lowest first (a package imports only from lower ones; the test
``tests/test_layering.py`` checks it):

- ``errors``: :class:`~nnviz.core.errors.UserError`, the one-sentence refusal.
- ``model``: what a network is (file format, activations, layout, regions).
- ``data``: data sets, generators, images.
- ``lecture``: one update step by step in the slides' notation.
- ``training``: the training loop and its engines.
- ``lessons``: the lesson files, which name all of the above.

Nothing under this package may import PySide6, shiboken6 or pyqtgraph;
``tests/core/test_no_qt.py`` proves it.
"""
