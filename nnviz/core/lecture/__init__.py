"""The lecture mode's math: one update, step by step, in the slides' notation.

- ``steps``: the seven steps of the slides' backprop summary, a step's record.
- ``backprop``: one forward/backward update in float64, as steps (and
  ``_trace_arrays``, the numbers it shares with its renderer).
- ``formulas``: the slides' formulas as LaTeX with the live numbers;
  ``latex_numbers``: how a number is written (decimal comma, parentheses);
  ``lecture_renderer``: the steps the summary leaves implicit (the chain
  rule before δ, softmax with cross-entropy, dropout); ``slide_forms``: the
  grey "On the slide" line, with the slide's literal form where it differs.
- ``losses``: the squared error, or the cross-entropy for a softmax output;
  ``dropout``: the seeded masks of one update's hidden neurons.
- ``stepping``: walking through updates one step at a time (forward, back, edits).
- ``perceptron`` and ``perceptron_walk``: the perceptron rule, stepped the same way.
- ``truth_tables``: AND, OR, NAND, NOR, XOR and typed tables, and the lesson
  a table makes of a perceptron or MLP lesson.
- ``torch_check``: the same update by PyTorch's one ``backward()``.
- ``handout``: an update as a Markdown or LaTeX worked example.

May import: :mod:`nnviz.core.errors`, :mod:`nnviz.core.model`, :mod:`nnviz.core.data`.
"""
