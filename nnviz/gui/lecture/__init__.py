"""The lecture mode: one formula at a time, with the live numbers, the graph lit.

- ``stepper``: :class:`~nnviz.gui.lecture.stepper.StepperPanel`, the keys and
  the walk through an update (hand edits in ``_edits``).
- ``formula_view``: a formula drawn sharp at any scale, numbers in colour.
- ``side_panels``: the outline of the seven steps, the error plot, PyTorch's
  one ``backward()``.
- ``perceptron``: the perceptron lessons.
- ``preview``: the stepper alone beside a graph and a data view.

May import: :mod:`nnviz.gui.network`, :mod:`nnviz.gui.data`, the shared
modules of :mod:`nnviz.gui`, and :mod:`nnviz.core`; never training or window.
"""
