"""Training you can watch: the loop, its settings and the engines that run it.

- ``config``: :class:`~nnviz.core.training.config.TrainingConfig`, every
  setting the slides talk about, checked.
- ``trainer``: the training loop as a plain object a thread can run; its
  mixins ``_controls`` (stop, pause, pace, live settings, new data),
  ``_data_swap`` (new data at the next epoch), ``_progress``
  (best epoch, early stopping, divergence) and ``_snapshots`` (what a live
  view draws).
- ``records``: what a run reports (epoch metrics, snapshots, the result).
- ``engine``: the exact math, the :class:`~nnviz.core.training.engine.Engine`
  protocol every engine follows, and the choice of engine and device, by the
  cost model in ``costs`` (which also sets torch's CPU threads).
- ``problem``: whether a network can learn a data set, and the arrays an
  engine trains on.
- ``torch_engine``: PyTorch on the CPU or a GPU; ``compiled``: small networks
  on the CPU through one numba kernel (``_kernels``); ``numpy_engine``:
  vectorised NumPy on the CPU (no compiler); ``handover``: NumPy while numba
  compiles, then the compiled engine.
- ``smoothing``: the loss curves' smoothing and envelopes.
- ``landscape``: the error surface around the weights (E along one weight,
  over two on a grid, in blocks) and the paths of gradient descent on it.
- ``test_set``: a network measured on a test part kept apart (MNIST's test images).

May import: :mod:`nnviz.core.errors`, :mod:`nnviz.core.model`, :mod:`nnviz.core.data`.
"""
