"""The network graph: every weight an edge colour, live; and the model it shows.

- ``model``: :class:`~nnviz.gui.network.model.NetworkModel`, the network on
  screen with its undo stack and signals; every view follows it.
- ``view``: :class:`~nnviz.gui.network.view.NetworkView`, the graph; its
  painting (``painter``), mouse and keys (``_interaction``), value editor
  (``editor``) and legend (``legend``).
- ``receptive_field``: first-layer weights drawn as images.

May import: the shared modules of :mod:`nnviz.gui` (``i18n``, ``core_strings``,
``theme``, ...) and :mod:`nnviz.core`.
"""
