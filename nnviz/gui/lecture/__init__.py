"""The lecture mode: one formula at a time, with the live numbers, the graph lit.

- ``stepper``: :class:`~nnviz.gui.lecture.stepper.StepperPanel`, the dock that
  holds it all, with its mixins ``_stepper_controls`` (actions, keys, buttons,
  their texts), ``_stepper_walking`` (moving through an update, play, keeping
  in step with the model; hand edits in ``_edits``) and ``_stepper_display``
  (what a step shows: formula, lit graph, PyTorch, data, status).
- ``formula_view``: a formula drawn sharp at any scale, numbers in colour.
- ``side_panels``: the outline of the seven steps, the error plot, PyTorch's
  one ``backward()``.
- ``perceptron``: the perceptron lessons.
- ``truth_table``: the truth-table editor of the perceptron and XOR lessons
  (AND, OR, NAND, NOR, XOR or typed, 2 or 3 inputs; its grid in ``_truth_grid``).
- ``preview``: the stepper alone beside a graph and a data view.

May import: :mod:`nnviz.gui.network`, :mod:`nnviz.gui.data`, the shared
modules of :mod:`nnviz.gui`, and :mod:`nnviz.core`; never training or window.
"""
