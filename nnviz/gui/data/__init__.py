"""The data on screen: the 2-D data plot with its decision regions and lines.

- ``view``: :class:`~nnviz.gui.data.view.DataView`, points by class, rings,
  target labels, legend, tooltips and clicks; the decision regions and lines
  over them are its mixin ``_decision_overlays``.
- ``drawing``: :class:`~nnviz.gui.data.drawing.DrawingTools`, the plot's draw
  mode (classes, strokes, removal, undo, Clear, save as CSV).

Both the lecture mode and training show it. May import: the shared modules of
:mod:`nnviz.gui` and :mod:`nnviz.core`.
"""
