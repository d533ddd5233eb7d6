"""The main window: the network in the middle, the other panels docked around it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nnviz import __version__
from nnviz.core import lessons
from nnviz.core.errors import UserError
from nnviz.core.lessons import Lesson
from nnviz.core.model.network import atomic_write_text, load_network, save_network
from nnviz.gui import i18n
from nnviz.gui.core_strings import user_message
from nnviz.gui.data.view import DataView
from nnviz.gui.lecture.stepper import StepperPanel
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView
from nnviz.gui.training.panel import TrainingPanel
from nnviz.gui.window.autosave import Autosave
from nnviz.gui.window.presentation import Presentation
from nnviz.gui.window.settings import as_bytes, geometry_fits_screens, open_settings

DEFAULT_SIZE = (1600, 1000)


class MainWindow(QMainWindow):
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
        first = lessons.load_lesson(lessons.DEFAULT_LESSON)
        self.model = NetworkModel(first.network, self)

        self.network_view = NetworkView(self.model)
        self._banner = QLabel()
        self._banner.setObjectName("lessonBanner")
        self._banner.setWordWrap(True)
        self._banner.setTextFormat(Qt.TextFormat.RichText)
        self._banner.setContentsMargins(12, 8, 12, 4)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self._banner)
        lay.addWidget(self.network_view, 1)
        self.setCentralWidget(central)

        self.data_view = DataView()
        self.stepper = StepperPanel(self.model, self.network_view, self.data_view)
        self.training = TrainingPanel(self.model)
        # The window's toolbar carries the stepper's buttons; one row is enough.
        self.stepper.controls.hide()
        self._docks: dict[str, QDockWidget] = {}
        self._add_dock("formulas", self.stepper, Qt.DockWidgetArea.RightDockWidgetArea, scroll=True)
        # The Data dock shows the points (stepper lessons) or the decision
        # regions / confusion matrix of the training panel (training lessons).
        self._data_stack = QStackedWidget()
        self._data_stack.addWidget(self.data_view)
        self._data_stack.addWidget(self.training.regions_widget())
        self._add_dock("data", self._data_stack, Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("training", self.training, Qt.DockWidgetArea.LeftDockWidgetArea, scroll=True)
        self._add_dock("plots", self.training.plots_widget(), Qt.DockWidgetArea.BottomDockWidgetArea)

        self.presentation = Presentation(self)
        self.autosave = Autosave(self.model, self)
        self.autosave.extra = self._autosave_extra
        self.autosave.source = self.stepper.network_to_keep
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.statusBar()
        self._restore_window()
        self.retranslate()
        self.training.trainingStarted.connect(self.stepper.pause)
        self.training.trainingFinished.connect(self._on_training_finished)

    # ------------------------------------------------------------- building
    def _add_dock(self, key: str, widget: QWidget, area: Qt.DockWidgetArea, scroll: bool = False) -> None:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{key}")
        if scroll:
            # Tall panels scroll rather than push the window past a laptop's 768 px.
            area_widget = QScrollArea()
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QFrame.Shape.NoFrame)
            area_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area_widget.setWidget(widget)
            widget = area_widget
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self._docks[key] = dock

    def _build_actions(self) -> None:
        self.act_open = QAction(self, shortcut=QKeySequence.StandardKey.Open, triggered=self._open_dialog)
        self.act_save = QAction(self, shortcut=QKeySequence.StandardKey.SaveAs, triggered=self._save_dialog)
        self.act_export = QAction(self, shortcut="Ctrl+E", triggered=self._export_dialog)
        self.act_handout = QAction(self, shortcut="Ctrl+Shift+E", triggered=self._handout_dialog)
        self.act_quit = QAction(self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        self.act_undo = self.model.undo_stack.createUndoAction(self)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.model.undo_stack.createRedoAction(self)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.act_about = QAction(self, triggered=self._about)
        self.act_keys = QAction(self, shortcut="F1", triggered=self._show_keys)
        self.act_lesson_text = QAction(self, checkable=True, checked=True, shortcut="Ctrl+L")
        self.act_lesson_text.toggled.connect(self._update_banner)
        self.lang_group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code in i18n.LANGUAGES:
            act = QAction(self, checkable=True)
            act.setData(code)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.lang_group.addAction(act)
            self.lang_actions[code] = act
        self.lesson_group = QActionGroup(self)
        self.lesson_actions: dict[str, QAction] = {}
        # read once: the menu is retranslated on every language switch
        self._menu_lessons: dict[str, Lesson | None] = {}
        for index, name in enumerate(lessons.lesson_names()):
            try:
                self._menu_lessons[name] = lessons.load_lesson(name)
            except UserError:
                self._menu_lessons[name] = None
            act = QAction(self, checkable=True)
            if index < 9:
                act.setShortcut(f"Ctrl+{index + 1}")
            act.triggered.connect(lambda _=False, n=name: self._choose_lesson(n))
            self.lesson_group.addAction(act)
            self.lesson_actions[name] = act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        for act in (self.act_open, self.act_save, self.act_export, self.act_handout):
            self.menu_file.addAction(act)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_lesson = bar.addMenu("")
        for act in self.lesson_actions.values():
            self.menu_lesson.addAction(act)
        self.menu_view = bar.addMenu("")
        for dock in self._docks.values():
            self.menu_view.addAction(dock.toggleViewAction())
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_lesson_text)
        self.presentation.add_actions(self.menu_view)
        self.menu_language = bar.addMenu("")
        for act in self.lang_actions.values():
            self.menu_language.addAction(act)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_keys)
        self.menu_help.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in [*self.stepper.toolbar_actions(), self.stepper.action("train")]:
            self.toolbar.addAction(act)
            # shortcuts work wherever the focus is in the window
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if act not in self.actions():
                self.addAction(act)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    # ------------------------------------------------------------ language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("nnviz — neural networks, step by step"))
        self.act_open.setText(self.tr("&Open network…"))
        self.act_open.setToolTip(self.tr("Open a network file (*.nnviz.json)"))
        self.act_save.setText(self.tr("&Save network as…"))
        self.act_save.setToolTip(self.tr("Save the current network and its weights as a *.nnviz.json file"))
        self.act_export.setText(self.tr("&Export network view as image…"))
        self.act_handout.setText(self.tr("Export the &worked example…"))
        self.act_handout.setToolTip(
            self.tr("The update on show, every formula with its numbers, as Markdown or LaTeX for a handout")
        )
        self.act_quit.setText(self.tr("&Quit"))
        self.act_undo.setText(self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo"))
        self.act_about.setText(self.tr("&About nnviz"))
        self.act_keys.setText(self.tr("&Keyboard shortcuts"))
        self.act_lesson_text.setText(self.tr("Lesson &text"))
        self.act_lesson_text.setToolTip(self.tr("Show the lesson's slide text above the network"))
        self.lang_actions["es"].setText("Español")
        self.lang_actions["en"].setText("English")
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_lesson.setTitle(self.tr("&Lesson"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_language.setTitle(self.tr("L&anguage"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Stepper"))
        titles = {
            "formulas": self.tr("Formulas and stepper"),
            "data": self.tr("Data"),
            "training": self.tr("Training"),
            "plots": self.tr("Plots"),
        }
        for key, dock in self._docks.items():
            dock.setWindowTitle(titles[key])
        lang = i18n.current_language()
        for name, act in self.lesson_actions.items():
            lesson = self._menu_lessons.get(name)
            act.setText(lesson.title_in(lang) if lesson else name)
        self.lang_actions[lang].setChecked(True)
        self._update_banner()

    def set_language(self, lang: str) -> None:
        """Switch the interface language now; every window retranslates itself."""
        if lang == i18n.current_language() and self.lang_actions[lang].isChecked():
            return
        i18n.set_language(lang)
        self._settings.setValue("ui/language", lang)
        self.retranslate()

    def _update_banner(self) -> None:
        if self.lesson is None:
            self._banner.setText("")
            return
        lang = i18n.current_language()
        html = f"<b>{_escape(self.lesson.title_in(lang))}</b>"
        if self.act_lesson_text.isChecked():
            html += f"<br>{_escape(self.lesson.text_in(lang))}"
        self._banner.setText(html)
        self.statusBar().showMessage(self.lesson.title_in(lang))

    # ------------------------------------------------------------- lessons
    def initial_lesson(self) -> str:
        saved = self._settings.value("ui/lesson")
        return str(saved) if saved in self.lesson_actions else lessons.DEFAULT_LESSON

    def _choose_lesson(self, name: str) -> None:
        """The Lesson menu: another lesson, once trained weights are saved or given up."""
        if self._may_discard(self.tr("Save them before opening another lesson?")):
            self.load_lesson(name)

    def load_lesson(self, name: str, raise_errors: bool = False) -> bool:
        """Open the bundled lesson ``name``; on error the current one stays."""
        if not self._open(lambda: lessons.load_lesson(name), raise_errors):
            return False
        self._settings.setValue("ui/lesson", name)
        self.autosave.lesson_name = name
        return True

    def _apply_mode_layout(self) -> None:
        """Show the panels a lesson's mode needs, sized for the projector.

        Stepper lessons: the network, the formulas and the data. Training
        lessons: controls on the left, curves below, regions on the right.
        The View menu can show any panel again.
        """
        train = self.lesson is not None and self.lesson.mode == "train"
        d = self._docks
        d["formulas"].setVisible(not train)
        d["training"].setVisible(train)
        d["plots"].setVisible(train)
        d["data"].setVisible(True)
        self._data_stack.setCurrentIndex(1 if train else 0)
        # the toolbar drives the stepper, which a training lesson does not use
        self.toolbar.setVisible(not train)
        w, h = max(self.width(), 800), max(self.height(), 600)
        if train:
            controls = min(max(int(w * 0.2), self.training.sizeHint().width() + 24), int(w * 0.26))
            self.resizeDocks([d["training"], d["data"]], [controls, int(w * 0.3)], Qt.Orientation.Horizontal)
            self.resizeDocks([d["plots"]], [int(h * 0.36)], Qt.Orientation.Vertical)
        else:
            self.resizeDocks([d["formulas"]], [int(w * 0.45)], Qt.Orientation.Horizontal)
            self.resizeDocks([d["formulas"], d["data"]], [int(h * 0.58), int(h * 0.34)], Qt.Orientation.Vertical)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._laid_out:
            self._laid_out = True
            self._apply_mode_layout()

    def _show_lesson(self, lesson: Lesson, dataset) -> None:
        self.training.stop_and_wait()
        self._unsaved_training = False
        self.lesson = lesson
        self.model.set_network(lesson.network)
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

    def open_file(self, path: str, raise_errors: bool = False) -> bool:
        """Open a network file; it replaces the network of a stepper lesson."""
        return self._open(
            lambda: lessons.lesson_for_network(load_network(path), Path(path).name), raise_errors
        )

    def _open(self, make_lesson, raise_errors: bool) -> bool:
        """Build a lesson and its data, then show it; on error nothing changes."""
        try:
            lesson = make_lesson()
            dataset = lesson.dataset()
        except UserError as exc:
            if raise_errors:
                raise
            self._error(user_message(exc))
            return False
        self._show_lesson(lesson, dataset)
        return True

    # -------------------------------------------------------------- dialogs
    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open network"), "", self.tr("nnviz networks (*.nnviz.json *.json)")
        )
        if path and self._may_discard(self.tr("Save them before opening another network?")):
            self.open_file(path)

    def _save_dialog(self) -> bool:
        """Ask where and save the network on show; True once it is saved."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save network"), "network.nnviz.json", self.tr("nnviz networks (*.nnviz.json)")
        )
        if not path:
            return False
        try:
            save_network(self.model.network, path)
        except UserError as exc:
            self._error(user_message(exc))
            return False
        self._unsaved_training = False
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)
        return True

    def _on_training_finished(self, status: str) -> None:
        if status in ("completed", "early_stopping", "stopped", "diverged"):
            self._unsaved_training = True

    def _may_close(self) -> bool:
        return self._may_discard(self.tr("Save them before closing?"))

    def _may_discard(self, question: str) -> bool:
        """With trained weights not saved: Save, Discard or Cancel; True to go on."""
        trained = self._unsaved_training or self.training.state != "idle"
        if not (self.ask_to_save and trained):
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Trained network not saved"))
        box.setText(self.tr("The network was trained and its weights are not saved.") + " " + question)
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self._save_dialog()
        return answer == QMessageBox.StandardButton.Discard

    def worked_example(self, kind: str) -> str:
        """The stepper's current update as a handout: ``kind`` "markdown" or "latex"."""
        from nnviz.core.lecture.handout import latex_handout, markdown_handout

        walk = self.stepper.walk()
        if walk is None or self.lesson is None or self.lesson.mode != "mlp":
            raise UserError(
                self.tr("The worked example is the update of a backpropagation lesson in lecture mode: "
                        "open one from the Lesson menu first.")
            )
        render = latex_handout if kind == "latex" else markdown_handout
        return render(walk.trace, i18n.current_language())

    def _handout_dialog(self) -> None:
        markdown, latex = self.tr("Markdown (*.md)"), self.tr("LaTeX (*.tex)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the worked example"), "worked-example.md", f"{markdown};;{latex}"
        )
        if not path:
            return
        kind = "latex" if path.endswith(".tex") or (chosen == latex and not path.endswith(".md")) else "markdown"
        try:
            atomic_write_text(path, self.worked_example(kind))
        except UserError as exc:
            self._error(user_message(exc))
            return
        except OSError as exc:
            self._error(self.tr("Could not write %1: %2").replace("%1", path).replace("%2", exc.strerror or ""))
            return
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)

    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export network view"), "network.png", self.tr("PNG images (*.png)")
        )
        if path:
            if self.network_view.grab().save(path, "PNG"):
                self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)
            else:
                self._error(self.tr("Could not write the image %1.").replace("%1", path))

    def _error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            QMessageBox.warning(self, self.tr("nnviz"), message)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About nnviz"),
            self.tr(
                "<h3>nnviz %1</h3><p>Neural networks taught the way a good lecture does: the network "
                "graph with every weight as a colour, backpropagation one formula at a time, and "
                "training you can watch.</p><p>Built on the course «Introducción práctica a la IA y "
                "al Deep Learning — Introducción a las Redes neuronales» (Universidad de Málaga).</p>"
            ).replace("%1", __version__),
        )

    def _show_keys(self) -> None:
        rows = [
            (self.tr("Space / →"), self.tr("next formula")),
            (self.tr("←"), self.tr("previous formula (restores the weights exactly)")),
            ("R", self.tr("reset the update")),
            ("F11", self.tr("presentation mode (full screen, large fonts)")),
            ("Ctrl++ / Ctrl+-", self.tr("larger / smaller presentation scale")),
            ("Ctrl+Z / Ctrl+Shift+Z", self.tr("undo / redo a weight edit")),
            ("Ctrl+1 … Ctrl+9", self.tr("open a lesson")),
            ("F5 / F6 / Shift+F5", self.tr("train / pause or resume / stop (training lessons)")),
        ]
        html = "<table>" + "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), html + "</table>")

    # ------------------------------------------------------- window state
    def _restore_window(self) -> None:
        geometry = as_bytes(self._settings.value("window/geometry"))
        restored = False
        if geometry is not None:
            before = self.geometry()
            if self.restoreGeometry(geometry) and geometry_fits_screens(self.frameGeometry()):
                restored = True
            else:
                self.setGeometry(before)
        if not restored:
            self.resize(*DEFAULT_SIZE)

    def save_window_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.sync()

    def offer_recovery(self) -> None:
        """After a crash, offer the network that was autosaved, in its lesson."""
        net = self.autosave.recoverable()
        if net is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Recover network"),
            self.tr("nnviz did not close normally last time. Restore the network you were working on?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_autosaved(net)
        self.autosave.discard()

    def _autosave_extra(self) -> dict[str, object]:
        """Saved with the autosave: how far a training lesson's weights were trained."""
        if self.lesson is None or self.lesson.mode != "train":
            return {}
        epochs, updates = self.training.progress_counts()
        return {"nnviz_epochs": int(epochs), "nnviz_updates": int(updates)}

    def restore_autosaved(self, net) -> None:
        """Reopen the autosaved network's lesson with its weights, or as a file.

        In a training lesson every view shows the restored weights (graph,
        regions, hidden-neuron maps or confusion matrix, the epoch counter);
        only the curves start empty, as their history is not saved."""
        lesson_name = str(net.extra.pop("nnviz_lesson", ""))
        epochs = _count(net.extra.pop("nnviz_epochs", 0))
        updates = _count(net.extra.pop("nnviz_updates", 0))
        if lesson_name in self.lesson_actions and self.load_lesson(lesson_name):
            if net.same_architecture(self.model.network):
                if self.lesson is not None and self.lesson.mode == "train":
                    self.training.show_parameters(net.weights, net.biases, epochs, updates)
                else:
                    self.model.set_parameters(net.weights, net.biases)
                return
        lesson = lessons.lesson_for_network(net, self.tr("recovered network"))
        self._show_lesson(lesson, lesson.dataset())

    def shutdown(self, save_state: bool = True) -> None:
        """Stop training and playback, remember the window, drop the autosave."""
        self.training.stop_and_wait()
        self.stepper.pause()
        if save_state:
            self.save_window_state()
        self.autosave.discard()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        self.shutdown(save_state=self.persist_state)
        super().closeEvent(event)


def _count(value: object) -> int:
    """A non-negative whole number from a file, 0 when it is not one."""
    try:
        return max(0, int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return 0


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

