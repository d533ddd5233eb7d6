"""Session files (``*.nnviz``): a demo kept whole, reopened exactly.

A session file is a zip archive (:mod:`nnviz.core.session.archive`) holding

- ``manifest.json``: ``{"format": "nnviz-session", "version": 1, ...}``, the
  lesson (mode, texts, layers and activations, the data spec or where the
  data came from, every training and stepper setting, the speed), the
  counters, the view options and the list of runs;
- ``tensors.safetensors``: the weights on show, the weights Reset returns to,
  the optimizer's memory, the stepper's update in progress and, for data the
  user drew or imported (when small), the data itself;
- ``runs/run-N.csv``: each run's per-epoch figures.

:mod:`nnviz.core.session.record` turns a :class:`~nnviz.core.session.record.Session`
into those parts and back, checking everything it reads; nothing in a file
is ever executed or unpickled. Big imported tables and image folders are
stored as where they came from (:class:`~nnviz.core.data.origin.DataSource`
or the lesson's file spec) and read again on opening.
"""
