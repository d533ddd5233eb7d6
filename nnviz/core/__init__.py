"""Qt-free core of nnviz: the math, the data and the file formats.

Its rooms, lowest first (a package imports only from lower ones; the test
``tests/test_layering.py`` checks it):

- ``errors``: :class:`~nnviz.core.errors.UserError`, the one-sentence refusal.
- ``model``: what a network is (file format, activations, layout, regions,
  PyTorch weights in and out).
- ``data``: data sets, generators, images.
- ``lecture``: one update step by step in the slides' notation.
- ``training``: the training loop and its engines, the optimizer state, the
  exported PyTorch script.
- ``lessons``: the lesson files, which name all of the above.
- ``session``: session files (``*.nnviz``), which keep a lesson with its
  weights, data, settings, curves and stepper position.

Nothing under this package may import PySide6, shiboken6 or pyqtgraph;
``tests/core/test_no_qt.py`` proves it.
"""
