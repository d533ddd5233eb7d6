"""Training you can watch: the loop, its settings and the engines that run it.

- ``config``: :class:`~nnviz.core.training.config.TrainingConfig`, every
  setting the slides talk about, checked.
- ``trainer``: the training loop as a plain object a thread can run
  (snapshots, early stopping, divergence, pace), and the choice of engine.
- ``torch_engine``: PyTorch on the CPU or a GPU; ``compiled``: small networks
  on the CPU through numba kernels (``_kernels``).
- ``smoothing``: the loss curves' smoothing and envelopes.

May import: :mod:`nnviz.core.errors`, :mod:`nnviz.core.model`, :mod:`nnviz.core.data`.
"""
