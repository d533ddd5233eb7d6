"""The main window: the network in the middle, the other panels docked around it.

``MainWindow`` creates the model and the panels and shows lessons (this
module); its mixins do the rest, each in its own module:

- ``_chrome.WindowChrome``: banner, docks, actions, menus, toolbar, their
  texts and the language, the Help menu;
- ``_files.WindowFiles``: open, save and export dialogs, the worked-example
  handout, the question before trained weights are lost;
- ``_data_menu.WindowData``: Data → Get MNIST / Fashion-MNIST… (download with
  progress and Cancel), File → Open data folder…, class names in the language;
- ``_state.WindowState``: geometry, crash recovery, shutdown and close;
- ``_session.WindowSession``: session files (``*.nnviz``), Open recent;
- ``_torch_files.WindowTorch``: PyTorch weights in and out;
- ``_script_export.WindowScriptExport``: File → Export → PyTorch script.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow

from nnviz.core import lessons
from nnviz.core.errors import UserError
from nnviz.core.lessons import Lesson
from nnviz.core.model.network import load_network
from nnviz.gui.core_strings import user_message
from nnviz.gui.data.loader import DataLoader
from nnviz.gui.data.view import DataView
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView
from nnviz.gui.training.draw_digit import DrawDigitPanel
from nnviz.gui.training.panel import TrainingPanel
from nnviz.gui.window._activation_views import WindowActivationViews
from nnviz.gui.window._chrome import WindowChrome
from nnviz.gui.window._data_menu import WindowData
from nnviz.gui.window._descent_views import WindowDescent
from nnviz.gui.window._files import WindowFiles
from nnviz.gui.window._pytorch_views import WindowPytorchViews
from nnviz.gui.window._script_export import WindowScriptExport
from nnviz.gui.window._session import SESSION_SUFFIX, WindowSession
from nnviz.gui.window._state import WindowState
from nnviz.gui.window._torch_files import WindowTorch
from nnviz.gui.window.autosave import Autosave
from nnviz.gui.window.presentation import Presentation
from nnviz.gui.window.projector_layout import ProjectorLayout
from nnviz.gui.window.settings import open_settings, read_choice

log = logging.getLogger(__name__)

#: file name endings of PyTorch weights (File → Import PyTorch weights…)
TORCH_SUFFIXES = (".pt", ".pth", ".safetensors")
#: the smallest window (px): below the lesson's text the network graph keeps
#: its own minimum (320x240) beside the formulas, and the window still fits an
#: 800x600 screen; the panels may ask for more (training: about 840x570)
MIN_WINDOW_SIZE = (760, 560)


class MainWindow(
    WindowChrome, WindowFiles, WindowSession, WindowTorch, WindowScriptExport, WindowData, WindowState,
    WindowActivationViews, WindowPytorchViews, WindowDescent, QMainWindow
):
    """The network, the lesson's panels around it, and the lesson on show."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self._settings = settings or open_settings()
        self.lesson: Lesson | None = None
        self._laid_out = False
        #: remember geometry and language on close (off for ``nnviz shot``)
        self.persist_state = True
        #: ask to save trained weights before closing: the interactive app turns
        #: it on (``nnviz.gui.window.app``); tests and ``nnviz shot`` leave it off
        self.ask_to_save = False
        #: a training run changed the weights since the lesson opened or was saved
        self._unsaved_training = False
        #: the session file on show (File → Save session writes there), or None
        self._session_path: str | None = None
        first = lessons.load_lesson(lessons.DEFAULT_LESSON)
        self.model = NetworkModel(first.network, self)

        self.network_view = NetworkView(self.model)
        self._build_central()

        self.data_view = DataView()
        self.stepper = StepperPanel(self.model, self.network_view, self.data_view)
        self.training = TrainingPanel(self.model)
        #: a digit drawn for an image network to read (the "Draw a digit" dock)
        self.draw_digit = DrawDigitPanel(self.model)
        #: reads imported tables in the background (File -> Import data…)
        self.data_loader = DataLoader(self)
        # The window's toolbar carries the stepper's buttons; one row is enough.
        self.stepper.controls.hide()
        self._build_docks()

        self.presentation = Presentation(self)
        #: fits the docks to the window's size and scale (a projector's 1024x768 to 1920x1080)
        self.projector_layout = ProjectorLayout(self)
        self.setMinimumSize(*MIN_WINDOW_SIZE)
        self.autosave = Autosave(self.model, self)
        self.autosave.source = self._autosave_session
        self._build_actions()
        self._build_menus()
        self._build_descent_views()
        self._build_activation_views()
        self._build_pytorch_views()
        self._build_toolbar()
        self.statusBar()
        self._restore_window()
        self.retranslate()
        self.training.trainingStarted.connect(self.stepper.pause)
        self.training.trainingFinished.connect(self._on_training_finished)
        self.stepper.lessonRequested.connect(self._show_requested_lesson)

    # ------------------------------------------------------------- lessons
    def initial_lesson(self) -> str:
        saved = read_choice(self._settings, "ui/lesson", self.lesson_actions)
        if saved is not None and not self._files_missing(saved):  # MNIST deleted since
            return saved
        return lessons.DEFAULT_LESSON

    def _choose_lesson(self, name: str) -> None:
        """The Lesson menu: another lesson, once trained weights are saved or given up."""
        if self._may_drop_imported() and self._may_discard(self.tr("Save them before opening another lesson?")):
            self.load_lesson(name)

    def load_lesson(self, name: str, raise_errors: bool = False) -> bool:
        """Open the bundled lesson ``name``; on error the current one stays."""
        if not self._open(lambda: lessons.load_lesson(name), raise_errors):
            return False
        self._settings.setValue("ui/lesson", name)
        return True

    def _apply_mode_layout(self) -> None:
        """Show the panels a lesson's mode needs, sized for the projector.

        Stepper lessons: the network, the formulas and the data. Training
        lessons: controls on the left, curves below, regions on the right.
        The View menu can show any panel again. Their sizes follow the
        window's size and scale (:mod:`~nnviz.gui.window.projector_layout`).
        """
        train = self.lesson is not None and self.lesson.mode == "train"
        d = self._docks
        d["formulas"].setVisible(not train)
        d["training"].setVisible(train)
        d["plots"].setVisible(train)
        d["data"].setVisible(True)
        self._data_stack.setCurrentIndex(1 if train else 0)
        # image lessons: their mistakes and a pad to draw a digit on, tabs beside the Data dock
        data = self.training.dataset()
        images = train and data is not None and data.image_shape is not None
        d["mistakes"].setVisible(images)
        d["draw"].setVisible(images and self.draw_digit.supported())
        if images:
            d["data"].raise_()
        # the toolbar drives the stepper, which a training lesson does not use
        self.toolbar.setVisible(not train)
        self.projector_layout.fit()
        self.projector_layout.fit_soon()  # again once the panels shown above are laid out

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._laid_out:
            self._laid_out = True
            self._apply_mode_layout()
            if self.lesson is not None:  # a dock's raise_() before the first show does not hold
                self._show_lesson_views(self.lesson)

    def _show_lesson(self, lesson: Lesson, dataset) -> None:
        self.training.stop_and_wait()
        self._unsaved_training = False
        self.lesson = lesson
        self.model.set_network(lesson.network)
        self._localise_data(dataset)  # Fashion-MNIST's class names in the interface language
        names = getattr(dataset, "class_names", None)
        self.model.set_output_names(list(names) if names and len(names) == lesson.network.layers[-1] else None)
        self.data_view.set_dataset(dataset)
        if lesson.mode == "train":
            self.stepper.unload()  # no walk follows the training's weights
            self.training.load_lesson(lesson)
            self._docks["plots"].raise_()
        else:
            self.stepper.load_lesson(lesson)
            self._docks["formulas"].raise_()
        act = self.lesson_actions.get(lesson.name)
        if act is not None:
            act.setChecked(True)
        self._update_banner()
        if self._laid_out:
            self._apply_mode_layout()
        self._show_lesson_views(lesson)

    def _show_lesson_views(self, lesson: Lesson) -> None:
        """The lecture views the lesson asks for (its ``views``), shown and in front.

        Each view is a dock keyed by its name in :data:`nnviz.core.lessons.VIEWS`;
        the first one named ends up in front of its tab group."""
        for key in reversed(lesson.views):
            dock = self._docks.get(key)
            if dock is not None:
                dock.show()
                dock.lower()  # raise_() picks the dock's tab only when it changes the z-order
                dock.raise_()
        self.projector_layout.place_views()  # a short screen: tabs behind the formulas

    def _show_requested_lesson(self, lesson: Lesson) -> None:
        """A lesson a panel made from the one on show (a truth table chosen): shown as any lesson."""
        self._open(lambda: lesson, raise_errors=False)

    def open_file(self, path: str, raise_errors: bool = False, activations: list[str] | None = None) -> bool:
        """Open a session (``*.nnviz``), PyTorch weights (``*.pt``, ``*.pth``,
        ``*.safetensors``: ``activations`` per layer, else a dialog asks) or a
        network file, which opens as a stepper lesson; on error nothing changes."""
        suffix = Path(path).suffix.lower()
        if suffix == SESSION_SUFFIX:
            return self.open_session(path, raise_errors)
        if suffix in TORCH_SUFFIXES:
            return self.import_torch_weights(path, activations, raise_errors=raise_errors)
        opened = self._open(
            lambda: lessons.lesson_for_network(load_network(path), Path(path).name), raise_errors
        )
        if opened:
            self._session_path = None
        return opened

    def _open(self, make_lesson, raise_errors: bool) -> bool:
        """Build a lesson and its data, then show it; on error nothing changes:
        a lesson that fails half-way through being shown gives way to the one before."""
        try:
            lesson = make_lesson()
            dataset = lesson.dataset()
        except UserError as exc:
            if raise_errors:
                raise
            self._error(user_message(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - a file's data no check foresaw: said, nothing changes
            log.exception("Building the lesson failed")
            message = self.tr("This cannot be shown ({0}).").format(type(exc).__name__)
            if raise_errors:
                raise UserError(message) from None
            self._error(message)
            return False
        previous = self.lesson
        try:
            self._show_lesson(lesson, dataset)
        except Exception as exc:  # noqa: BLE001 - the window must not stay half switched
            if isinstance(exc, UserError):
                message = user_message(exc)
            else:
                log.exception("Showing the lesson %s failed", lesson.name)
                message = self.tr("This cannot be shown ({0}).").format(type(exc).__name__)
            if previous is not None and previous is not lesson:
                try:
                    self._show_lesson(previous, previous.dataset())
                except Exception:  # noqa: BLE001 - then the default lesson, which always shows
                    log.exception("Showing the previous lesson again failed")
                    default = lessons.load_lesson(lessons.DEFAULT_LESSON)
                    self._show_lesson(default, default.dataset())
            if raise_errors:
                raise UserError(message) from None
            self._error(message)
            return False
        self._session_path = None
        return True
