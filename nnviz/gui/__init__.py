"""Qt widgets and views of nnviz; they display and drive :mod:`nnviz.core`.

Its rooms, lowest first (a package imports only from lower ones and never from
a package of its own rank; ``tests/test_layering.py`` checks it):

- shared modules: ``i18n`` (language), ``core_strings`` and ``core_messages``
  (the core's sentences translated), ``theme`` (high contrast),
  ``locale_axis`` (plot axes with a decimal comma);
- ``network`` (the graph and the model it shows) and ``data`` (the data plot);
- ``lecture`` (the stepper) and ``training`` (controls, worker, plots);
- ``window`` (the application and its main window).

No math lives here: widgets call :mod:`nnviz.core`.
"""
