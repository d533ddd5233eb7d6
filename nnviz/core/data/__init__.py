"""Where the examples come from: data sets, generators, images, the user's own tables.

- ``dataset``: :class:`~nnviz.core.data.dataset.Dataset` (inputs, labels or
  regression targets, train/validation split, class and feature names, the
  scaling applied, the source) and how labels become targets.
- ``datasets``: the 2-D generators and image sets by name, and a lesson's data.
- ``digits``: the bundled 8×8 digits and MNIST-style IDX files.
- ``image_sets``: MNIST and Fashion-MNIST as lessons train them (the test
  images kept apart, Fashion-MNIST's class names); ``download``: their four
  files fetched from public mirrors (MD5 checked, resumed, never twice) into
  the cache folder; ``synthetic_idx``: made-up files of their size and format
  (tests, benchmarks).
- ``table``: CSV files the user wrote or exported: the format guessed
  (``sniff``), the first rows (``preview``), the chosen columns read in
  chunks with progress and cancel (``read_table``); bad files refused with one
  sentence naming the row and the column. ``_table_chunks`` parses a chunk,
  ``_table_sniff`` guesses the format.
- ``tabular``: a table becomes a data set (classes or a regression, split,
  standardised on the training rows); ``scaling`` holds that standardisation.
- ``origin``: :class:`~nnviz.core.data.origin.DataSource`, where a data set
  came from (a generator spec, drawn points, a CSV file and its settings);
  ``source``: the data seam, ``DataSource`` and ``build`` (make the data set
  again from it, as a session file does).
- ``drawn``: points drawn with the mouse.
- ``arrays``: data a script hands over (numpy arrays, torch tensors, lists:
  ``nnviz.show(model, X, y)``), checked against the network.
- ``digit_pad``: a digit drawn on a pad, preprocessed as MNIST's or the UCI
  digits' images were (the input a drawing gives an image network).

May import: :mod:`nnviz.core.errors`, :mod:`nnviz.core.model`.
"""
