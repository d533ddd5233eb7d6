"""The training panel's controls and their layout (a mixin of ``TrainingPanel``).

The buttons (with their keys F5, F6, Shift+F5), the progress bar, the
counters, the speed box, the engine line, the settings form in a scroll area
and the message under it; where the buttons go at a presentation scale; and
every text of the panel in the interface language (:meth:`retranslate`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nnviz.gui.training._best_last import BestLastToggle
from nnviz.gui.training.settings_form import SettingsForm
from nnviz.gui.wrapping_label import WrappingLabel

#: the speeds offered, in epochs a second (0: full speed)
_PACES = (0.0, 30.0, 10.0, 3.0, 1.0)


class PanelControls:
    """Builds and words the panel's controls (mixin of TrainingPanel)."""

    def _build_controls(self) -> None:
        """Every control, wired to its slot, and the panel's layout (called once by ``__init__``)."""
        self.train_button = QPushButton()
        self.pause_button = QPushButton()
        self.resume_button = QPushButton()
        self.stop_button = QPushButton()
        self.reset_button = QPushButton()
        self.train_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset)
        # Keys (only while the panel is on screen): F5 train, F6 pause/resume, Shift+F5 stop.
        for keys, slot in (("F5", self._key_train), ("F6", self._key_pause), ("Shift+F5", self.stop)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        # Pause and Resume share a place (only one is shown); two rows at a
        # presentation scale, and as many as the dock's width needs: a button
        # is never cut ("Reinicia…" at 1280x800)
        self._button_box = _ButtonBox(self._fit_buttons)
        self._buttons = self._button_box.grid
        self._buttons_two_rows = False
        self._button_columns = 0
        self._arrange_buttons(two_rows=False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.counters = WrappingLabel(follow_text=False)  # no height-for-width: see its module
        # the counters change ~4 times a second: their width must not move the
        # layout (a new width relaid out the window and repainted every view)
        self.counters.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # slow motion, for a class to watch the learning epoch by epoch
        self.speed = QComboBox()
        for pace in _PACES:
            self.speed.addItem("", pace)
        # full speed at each start (a forgotten slow motion must not look like a
        # slow computer); a lesson may ask for another (Lesson.pace)
        self.speed.currentIndexChanged.connect(self._on_speed)
        self.speed_label = QLabel()
        self.speed_label.setBuddy(self.speed)
        self.engine_label = QLabel()
        self.engine_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        # after early stopping: flip between the best (restored) and the last weights
        self.best_last = BestLastToggle()
        self.best_last.chosen.connect(self._show_chosen_weights)

        self.form = SettingsForm()
        self.form.liveChanged.connect(self._on_live_setting)
        self.form.inputRefused.connect(lambda why: self._show_message(why, error=True))
        self.form.structureChanged.connect(self._on_structure_changed)
        scroll = _FormScroll(self.form)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._button_box)
        # the counters under the bar, on two lines of a fixed height: beside it
        # they were cut in a narrow dock, and a height that followed the text
        # would relayout the window 4 times a second
        self.counters.setWordWrap(True)
        self.counters.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._fit_counters()
        self._status = QVBoxLayout()
        self._status.addWidget(self.progress)
        self._status.addWidget(self.counters)
        speed_row = QHBoxLayout()
        speed_row.addWidget(self.speed_label)
        speed_row.addWidget(self.speed, 1)
        self._status.addLayout(speed_row)
        layout.addLayout(self._status)
        layout.addWidget(self.engine_label)
        layout.addWidget(self.best_last)  # hidden unless early stopping restored the best weights
        layout.addWidget(self.test_set)  # hidden unless the data keep a test part apart
        layout.addWidget(scroll, 1)
        # under the form: a message that comes and goes never moves the fields
        # under the pointer
        layout.addWidget(self.message)

    def _arrange_buttons(self, two_rows: bool) -> None:
        """Two rows at most two abreast (a presentation scale), else one row
        when the width allows; fewer columns whenever the width needs them."""
        self._buttons_two_rows = two_rows
        self._button_columns = 0
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        groups = ((self.train_button,), (self.pause_button, self.resume_button),
                  (self.stop_button,), (self.reset_button,))
        width = self._button_box.width() if self._button_box.width() > 1 else self.sizeHint().width()
        widest = max(b.sizeHint().width() for group in groups for b in group)
        spacing = max(0, self._buttons.horizontalSpacing())
        columns = 2 if self._buttons_two_rows else 4
        while columns > 1 and columns * widest + (columns - 1) * spacing > width:
            columns //= 2
        if columns == self._button_columns:
            return
        self._button_columns = columns
        for index, group in enumerate(groups):
            for b in group:
                self._buttons.removeWidget(b)
                self._buttons.addWidget(b, index // columns, index % columns)

    def _fit_counters(self) -> None:
        self.counters.setFixedHeight(2 * self.counters.fontMetrics().lineSpacing() + 4)

    # ------------------------------------------------------------------ UI
    def _show_message(self, text: str, error: bool = False, remake: Callable[[], str] | None = None) -> None:
        """Say ``text`` on the message line (red when ``error``). ``remake``
        says it again in the interface language: a switch of language while
        the message is on show calls it (a text without it stays as it is)."""
        self._message_remake = remake if text else None
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setProperty("error", error and bool(text))
        self.message.setStyleSheet(
            "QLabel { color: white; background: #b3261e; padding: 6px; border-radius: 4px; font-weight: bold; }"
            if error else "QLabel { padding: 4px; }"
        )

    def _on_speed(self) -> None:
        self.controller.set_pace(float(self.speed.currentData()))  # a running training follows at once

    def _key_train(self) -> None:
        if self.train_button.isEnabled():
            self.start()

    def _key_pause(self) -> None:
        if self._state == "running":
            self.pause()
        elif self._state == "paused":
            self.resume()

    def retranslate(self) -> None:
        self.train_button.setText(self.tr("Train"))
        self.train_button.setToolTip(
            self.tr("Train from the current weights for the chosen number of epochs") + " (F5)"
        )
        self.pause_button.setText(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause training; the views keep the last state") + " (F6)")
        self.resume_button.setText(self.tr("Resume"))
        self.resume_button.setToolTip(self.tr("Continue a paused training") + " (F6)")
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(
            self.tr("End the run after the current batch; Train continues from there") + " (Shift+F5)"
        )
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(
            self.tr("Stop and go back to the initial weights; the curves stay faint for comparison")
        )
        self.progress.setToolTip(self.tr("Epochs done of the epochs asked for"))
        self.speed_label.setText(self.tr("&Speed:"))
        for i in range(self.speed.count()):
            pace = self.speed.itemData(i)
            if pace == 0:
                text = self.tr("full speed")
            elif pace == 1:
                text = self.tr("1 epoch/s")
            else:
                text = self.tr("{0} epochs/s").format(int(pace))
            self.speed.setItemText(i, text)
        self.speed.setToolTip(
            self.tr(
                "Slow motion: at most this many epochs a second, each one shown, so that a class "
                "can watch the weights and the regions change. It applies at once, also while training."
            )
        )
        self._counter_text = self.tr("epoch {0} · {1} updates")
        self._acc_text = self.tr("accuracy {0}%")
        self._loss_text = self.tr("error E {0}")
        self._rate_text = self.tr("{0:.0f} epochs/s")
        self._device_text = self.tr("Device: {0}.")
        self._engine_tip = self.tr(
            "Which engine trains and why: the compiled engine (numba) for small networks on the "
            "CPU, PyTorch for the rest. Change it under Hardware."
        )
        self._probe_text = self.tr("the point shown in the network")
        self._diverged_hint = self.tr("Press Reset, set η to a tenth and train again.")
        # what the run said (its end, the engine) in the new language at once
        if getattr(self, "_message_remake", None) is not None:
            self._show_message(self._message_remake(), bool(self.message.property("error")), self._message_remake)
        if getattr(self, "_engine_shown", None) is not None:
            self._on_engine(*self._engine_shown)
        if getattr(self, "_plots", None) is not None:
            self._plots.refresh()  # the best epoch's label is written when the curves are drawn
        if self._last_snapshot is not None:
            self._show_counters(self._last_snapshot)
        else:
            self.counters.setText(self._counter_text.format(self._epoch_offset, self._update_offset))


class _ButtonBox(QWidget):
    """The run buttons' grid; on a new width it asks for another arrangement.

    Its minimum width is one button's, so a narrow dock stacks the buttons
    instead of cutting them."""

    def __init__(self, on_resize) -> None:  # noqa: ANN001 - a callable
        super().__init__()
        self._on_resize = on_resize
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        buttons = [self.grid.itemAt(i).widget() for i in range(self.grid.count())]
        widest = max((b.minimumSizeHint().width() for b in buttons if b is not None), default=0)
        return QSize(widest, self.grid.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._on_resize()


class _FormScroll(QScrollArea):
    """The settings form, scrolled up and down only: it is never narrower than
    the form's fields (a field taking the focus must not scroll it sideways),
    and the form's rows put their field under the label when the room is short."""

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        for rows in form.findChildren(QFormLayout):
            rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # the lecturer's fields keep the normal size at a presentation scale (the
        # class reads the buttons, the curves and the regions): at scale 2 the
        # controls then still fit beside the graph on a 1024-pixel projector
        font = QFont(form.font())
        font.setPointSizeF(QApplication.font().pointSizeF())
        form.setFont(font)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(form)
        form.installEventFilter(self)
        self._fit_width()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self.widget() and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange):
            self._fit_width()
        return False

    def _fit_width(self) -> None:
        form = self.widget()
        if form is None:
            return
        bar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(form.minimumSizeHint().width() + bar + 2 * self.frameWidth())
