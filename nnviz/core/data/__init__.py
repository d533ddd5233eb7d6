"""Where the examples come from: data sets, generators, images.

- ``dataset``: :class:`~nnviz.core.data.dataset.Dataset` (inputs, labels,
  train/validation split) and how labels become targets.
- ``datasets``: the 2-D generators and image sets by name, and a lesson's data.
- ``digits``: the bundled 8×8 digits and MNIST-style IDX files.

May import: :mod:`nnviz.core.errors`, :mod:`nnviz.core.model`.
"""
