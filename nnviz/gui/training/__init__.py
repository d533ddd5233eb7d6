"""Training in the window: controls, the worker thread and every live view of a run.

- ``panel``: :class:`~nnviz.gui.training.panel.TrainingPanel`, with its mixins
  ``_controls`` (buttons, keys, counters, speed, their texts), ``_drawn_data``
  (points drawn on the data plot as the data, also while it trains),
  ``_run_control`` (start, pause, stop, reset, how a run ended) and ``_frames``
  (snapshots to views, a stage a frame).
- ``settings_form``: every setting of a run as a form, with its mixins
  ``_settings_sections`` (the fields), ``_settings_reading`` (the form as a
  network, data and config, or a refusal) and ``_settings_loading`` (a lesson
  into the form); ``number_field``: numbers as people write them.
- ``worker``: the QThread that runs :class:`nnviz.core.training.trainer.Trainer`.
- ``plots``: loss and accuracy, training vs validation, with ``live_curves``
  (the current run), ``_range_following``, ``_epoch_markers``, ``_run_overlay``
  (earlier runs), ``_plot_export`` and ``plot_style`` (colours, theme).
- ``regions``: decision regions over the data and a map per hidden neuron.
- ``image_views``: the confusion matrix and first-layer weights as images.
- ``mistakes_gallery``: the misclassified images, click one to feed it
  through the graph.
- ``draw_digit``: the "Draw a digit" panel, with ``drawing_pad`` (the pad)
  and ``probability_bars`` (the network's answer per class); both follow the
  network model through ``_links`` (signal links cut when a panel closes).
- ``test_set_view``: "Evaluate on the test set" and its figures, for data
  with a test part kept apart (MNIST).
- ``descent_view``: gradient descent you can see (E along one weight with
  its slope and step, the map of two weights with the paths of full batch,
  mini-batch and batch 1), with ``_descent_jobs`` (off the GUI thread),
  ``_descent_plots`` and ``_descent_layout``.

May import: :mod:`nnviz.gui.network`, :mod:`nnviz.gui.data`, the shared
modules of :mod:`nnviz.gui`, and :mod:`nnviz.core`; never lecture or window.
"""
