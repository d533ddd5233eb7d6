"""The network graph: every weight an edge colour, live; and the model it shows.

- ``model``: :class:`~nnviz.gui.network.model.NetworkModel`, the network on
  screen with its undo stack and signals; every view follows it.
- ``view``: :class:`~nnviz.gui.network.view.NetworkView`, the graph. Its parts,
  one mixin each: ``_geometry`` (layout and sizes), ``_following`` (what each
  model signal recomputes), ``_highlight`` (what the stepper lights),
  ``painter`` (edges, captions, the image grid, export), ``neuron_painter``
  (neurons, symbols, class tags), ``_interaction`` (mouse, keys, tooltips),
  with ``editor`` (typing a weight) and ``legend`` (what the colours mean).
- ``receptive_field``: first-layer weights drawn as images.

May import: the shared modules of :mod:`nnviz.gui` (``i18n``, ``core_strings``,
``theme``, ...) and :mod:`nnviz.core`.
"""
