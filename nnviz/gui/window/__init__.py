"""The application and its main window: what holds the rooms together.

- ``app``: the QApplication, the language, the window's start.
- ``main_window``: menus, docks, lessons, files, undo; it places the panels of
  :mod:`nnviz.gui.network`, :mod:`nnviz.gui.lecture`, :mod:`nnviz.gui.training`
  and :mod:`nnviz.gui.data`. Its mixins: ``_chrome`` (docks, actions, menus,
  toolbar, their texts), ``_files`` (open, save, export, unsaved weights),
  ``_data_menu`` (Data → Get MNIST…, File → Open data folder…) and
  ``_state`` (geometry, crash recovery, close), ``_session`` (session files:
  Save session, Open, Open recent) and ``_script_export`` (File → Export →
  PyTorch script…).
- ``_torch_files``: the mixin ``WindowTorch`` (File → Import PyTorch weights…,
  Export weights…) and ``torch_import``, its dialog (the Linear layers found,
  one activation each).
- ``settings``: the stored settings (versioned); ``autosave``: crash recovery
  (a session file in the cache folder).
- ``for_script``: the window ``nnviz.show`` opens from a script or notebook.
- ``presentation``: F11, the scale, the high-contrast switch.

May import: every other package of :mod:`nnviz.gui`, and :mod:`nnviz.core`.
"""
