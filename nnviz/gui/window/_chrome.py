"""The main window's chrome (a mixin of ``MainWindow``): the lesson banner,
the docks, the actions, the menus and the toolbar, their texts in the
interface language, and the two boxes of the Help menu.

It builds on what ``MainWindow.__init__`` made first: ``model``,
``network_view``, ``data_view``, ``stepper``, ``training``, ``presentation``
and ``_settings``; the File actions call the dialogs of ``WindowFiles`` and
the Lesson actions ``MainWindow._choose_lesson``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nnviz import __version__
from nnviz.core import lessons
from nnviz.core.errors import UserError
from nnviz.core.lessons import Lesson
from nnviz.gui import i18n


class WindowChrome:
    """Builds and names the window's banner, docks, actions, menus and toolbar."""

    # ------------------------------------------------------------- building
    def _build_central(self) -> None:
        """The lesson banner above the network graph, in the window's middle."""
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

    def _build_docks(self) -> None:
        """The panels around the network; a lesson's mode picks those shown."""
        self._docks: dict[str, QDockWidget] = {}
        self._add_dock("formulas", self.stepper, Qt.DockWidgetArea.RightDockWidgetArea, scroll=True)
        # The Data dock shows the points and their truth table (stepper lessons) or the decision
        # regions / confusion matrix of the training panel (training lessons).
        self._data_stack = QStackedWidget()
        # the stepper's truth tables sit beside the points they make (the
        # formulas' side keeps its room for the outline, the error and PyTorch)
        lecture_data = QSplitter(Qt.Orientation.Horizontal)
        lecture_data.setObjectName("lectureData")
        lecture_data.setChildrenCollapsible(False)
        lecture_data.addWidget(self.data_view)
        lecture_data.addWidget(self.stepper.tables)
        lecture_data.setStretchFactor(0, 3)
        lecture_data.setStretchFactor(1, 1)
        self._data_stack.addWidget(lecture_data)
        self._data_stack.addWidget(self.training.regions_widget())
        self._add_dock("data", self._data_stack, Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("training", self.training, Qt.DockWidgetArea.LeftDockWidgetArea, scroll=True)
        self._add_dock("plots", self.training.plots_widget(), Qt.DockWidgetArea.BottomDockWidgetArea)
        # image lessons: the misclassified images and the drawing pad, tabs beside the Data dock
        self._add_dock("mistakes", self.training.mistakes_widget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("draw", self.draw_digit, Qt.DockWidgetArea.RightDockWidgetArea, scroll=True)
        self._docks["draw"].widget().setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.tabifyDockWidget(self._docks["data"], self._docks["mistakes"])
        self.tabifyDockWidget(self._docks["mistakes"], self._docks["draw"])
        self._docks["mistakes"].hide()
        self._docks["draw"].hide()

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
        self.act_save_session = QAction(self, shortcut=QKeySequence.StandardKey.Save,
                                        triggered=self._save_session_now)
        self.act_save_session_as = QAction(self, shortcut="Ctrl+Shift+S", triggered=self._save_session_dialog)
        self.act_save = QAction(self, triggered=self._save_dialog)
        self.act_import_torch = QAction(self, triggered=self._import_torch_dialog)
        self.act_export_script = QAction(self, triggered=self._export_script_dialog)
        self.act_export_weights = QAction(self, triggered=self._export_weights_dialog)
        self.act_import = QAction(self, shortcut="Ctrl+I", triggered=self._import_data_dialog)
        self.act_export = QAction(self, shortcut="Ctrl+E", triggered=self._export_dialog)
        self.act_handout = QAction(self, shortcut="Ctrl+Shift+E", triggered=self._handout_dialog)
        self.act_quit = QAction(self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        # our own actions, not QUndoStack.createUndoAction: its "Undo %1" prefix is
        # fixed when made and stays in that language; these are named in retranslate
        stack = self.model.undo_stack
        self.act_undo = QAction(self, shortcut=QKeySequence.StandardKey.Undo, triggered=stack.undo,
                                enabled=stack.canUndo())
        self.act_redo = QAction(self, triggered=stack.redo, enabled=stack.canRedo())
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        stack.undoTextChanged.connect(self._name_undo_redo)
        stack.redoTextChanged.connect(self._name_undo_redo)
        self._build_data_actions()  # Data menu and File -> Open data folder… (WindowData)
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
        self.menu_file.addAction(self.act_open)
        self._build_recent_menu(self.menu_file)  # File → Open recent (WindowSession)
        for act in (self.act_save_session, self.act_save_session_as, self.act_save):
            self.menu_file.addAction(act)
        self.menu_file.addSeparator()
        for act in (self.act_import, self.act_open_data_folder, self.act_import_torch):
            self.menu_file.addAction(act)
        self.menu_export = self.menu_file.addMenu("")
        for act in (self.act_export, self.act_handout, self.act_export_script, self.act_export_weights):
            self.menu_export.addAction(act)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_lesson = bar.addMenu("")
        for act in self.lesson_actions.values():
            self.menu_lesson.addAction(act)
        self._build_data_menu(bar)
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

    def _name_undo_redo(self, *_) -> None:
        """Undo/Redo with the name of the edit they would undo or redo, in the
        interface language."""
        stack = self.model.undo_stack
        undo, redo = stack.undoText(), stack.redoText()
        self.act_undo.setText(self.tr("&Undo: {0}").format(undo) if undo else self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo: {0}").format(redo) if redo else self.tr("&Redo"))

    def retranslate(self) -> None:
        """Name every action, menu, dock and lesson in the interface language."""
        self.setWindowTitle(self.tr("nnviz — neural networks, step by step"))
        self.act_open.setText(self.tr("&Open…"))
        self.act_open.setToolTip(self.tr(
            "Open a session (*.nnviz), a network (*.nnviz.json) or PyTorch weights (*.pt, *.safetensors)"))
        self.act_save_session.setText(self.tr("&Save session"))
        self.act_save_session.setToolTip(self.tr(
            "Keep everything on show in one *.nnviz file: network, weights, data, settings, curves, stepper position"))
        self.act_save_session_as.setText(self.tr("Save session &as…"))
        self.menu_recent.setTitle(self.tr("Open &recent"))
        self._fill_recent_menu()
        self.act_import_torch.setText(self.tr("Import &PyTorch weights…"))
        self.act_import_torch.setToolTip(self.tr(
            "The Linear layers of a state_dict (*.pt, *.pth) or a *.safetensors file; you choose the activations"))
        self.menu_export.setTitle(self.tr("E&xport"))
        self.act_export_script.setText(self.tr("PyTorch &script…"))
        self.act_export_script.setToolTip(self.tr(
            "A runnable Python file in the lecture's structure: class Net, the loss, the optimizer and the loop"))
        self.act_export_weights.setText(self.tr("PyTorch &weights…"))
        self.act_export_weights.setToolTip(self.tr(
            "The weights alone, as *.safetensors or as a state_dict *.pt that nn.Sequential loads"))
        self.act_save.setText(self.tr("Save &network as…"))
        self.act_save.setToolTip(self.tr("Save the current network and its weights as a *.nnviz.json file"))
        self.act_import.setText(self.tr("&Import data…"))
        self.act_import.setToolTip(
            self.tr("Train on your own table: a CSV file with one row per sample and a label column")
        )
        self.act_export.setText(self.tr("&Export network view as image…"))
        self.act_handout.setText(self.tr("Export the &worked example…"))
        self.act_handout.setToolTip(
            self.tr("The update on show, every formula with its numbers, as Markdown or LaTeX for a handout")
        )
        self.act_quit.setText(self.tr("&Quit"))
        self._name_undo_redo()
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
        self._retranslate_data()
        self._pytorch_refresh()  # the structure's comments are in the language (its key holds it)
        self.toolbar.setWindowTitle(self.tr("Stepper"))
        titles = {
            "formulas": self.tr("Formulas and stepper"),
            "data": self.tr("Data"),
            "training": self.tr("Training"),
            "plots": self.tr("Plots"),
            "mistakes": self.tr("Mistakes"),
            "draw": self.tr("Draw a digit"),
            "descent": self.tr("Gradient descent"),
            "activations": self.tr("Activation functions"),
            "pytorch": self.tr("PyTorch structure"),
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

    # ---------------------------------------------------------- Help menu
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
            ("Ctrl+O", self.tr("open a session, a network or PyTorch weights")),
            ("Ctrl+S / Ctrl+Shift+S", self.tr("save the session / save it as")),
            ("Ctrl+I", self.tr("import data from a CSV table")),
            ("F5 / F6 / Shift+F5", self.tr("train / pause or resume / stop (training lessons)")),
        ]
        html = "<table>" + "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), html + "</table>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
