"""Training in the window: controls, the worker thread and every live view of a run.

- ``panel``: :class:`~nnviz.gui.training.panel.TrainingPanel`, Train / Pause /
  Stop, the counters, and what it feeds the views.
- ``settings_form``: every setting of a run as a form.
- ``worker``: the QThread that runs :class:`nnviz.core.training.trainer.Trainer`.
- ``plots``: loss and accuracy, training vs validation.
- ``regions``: decision regions over the data and a map per hidden neuron.
- ``image_views``: the confusion matrix and first-layer weights as images.

May import: :mod:`nnviz.gui.network`, :mod:`nnviz.gui.data`, the shared
modules of :mod:`nnviz.gui`, and :mod:`nnviz.core`; never lecture or window.
"""
