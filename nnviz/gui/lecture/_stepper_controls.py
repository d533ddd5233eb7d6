"""The stepper's buttons and keys (a mixin of
:class:`~nnviz.gui.lecture.stepper.StepperPanel`): its actions with their
shortcuts, the rows of controls (buttons, granularity, speed, the dropout
switch and its p), which of them are enabled, and their texts in the current
language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.core.lecture.dropout import DEFAULT_P
from nnviz.core.lecture.stepping import GRANULARITIES

#: play speeds in steps per second (slider positions)
SPEEDS = (0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0)
ACTION_NAMES = ("back", "step", "play", "pause", "finish", "next_sample", "reset")


class StepperControls:
    """Actions and controls of StepperPanel (a mixin: reads the panel's state)."""

    def _build_actions(self) -> None:
        def make(name: str, keys: list[str], slot) -> QAction:
            act = QAction(self)
            act.setObjectName(f"stepper_{name}")
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self._actions: dict[str, QAction] = {
            "back": make("back", ["Left"], self.step_back),
            "step": make("step", ["Space", "Right"], self.step_forward),
            "play": make("play", ["P"], self.play),
            "pause": make("pause", ["Shift+P"], self.pause),
            "finish": make("finish", ["End"], self.finish_update),
            "next_sample": make("next_sample", ["N"], self.next_sample),
            "reset": make("reset", ["R"], self.reset),
        }
        self._act_train = make("train", ["T"], self.train_epochs)

    def toolbar_actions(self) -> list[QAction]:
        """The stepper's actions in toolbar order (they carry their shortcuts)."""
        return [self._actions[n] for n in ACTION_NAMES]

    def action(self, name: str) -> QAction:
        """One action by name: one of :data:`ACTION_NAMES`, or "train"."""
        return self._act_train if name == "train" else self._actions[name]

    def _build_controls(self) -> None:
        self.controls = QWidget()
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        self._buttons: dict[str, QToolButton] = {}
        for name in ACTION_NAMES:
            b = QToolButton()
            b.setDefaultAction(self._actions[name])
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(b)
            self._buttons[name] = b
        self.train_button = QPushButton()
        self.train_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.train_button.clicked.connect(self.train_epochs)
        row.addWidget(self.train_button)
        row.addStretch(1)
        settings = QWidget()
        rows = QVBoxLayout(settings)
        rows.setContentsMargins(0, 0, 0, 0)
        row2 = QHBoxLayout()
        # dropout on a row of its own: the settings stay as narrow as before
        row3 = QHBoxLayout()
        rows.addLayout(row2)
        rows.addLayout(row3)
        self.granularity = QComboBox()
        self.granularity.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for g in GRANULARITIES:
            self.granularity.addItem("", g)
        self.granularity.currentIndexChanged.connect(self._granularity_chosen)
        self.speed_label = QLabel()
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(SPEEDS.index(2.0))
        self.speed.setFixedWidth(110)
        self.speed.valueChanged.connect(self._speed_changed)
        self.speed.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.gran_label = QLabel()
        # dropout of the hidden neurons in the stepped updates, with its p
        self.dropout_box = QCheckBox()
        self.dropout_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dropout_p = QDoubleSpinBox()
        self.dropout_p.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.dropout_p.setRange(0.05, 0.95)
        self.dropout_p.setSingleStep(0.05)
        self.dropout_p.setDecimals(2)
        # a typed p applies on Enter or leaving the field, not at every key (each change
        # begins the update in progress again)
        self.dropout_p.setKeyboardTracking(False)
        self.dropout_p.setValue(DEFAULT_P)
        self.dropout_box.toggled.connect(self._dropout_changed)
        self.dropout_p.valueChanged.connect(self._dropout_changed)
        for w in (self.gran_label, self.granularity, self.speed_label, self.speed):
            row2.addWidget(w)
        row2.addStretch(1)
        row3.addWidget(self.dropout_box)
        row3.addWidget(self.dropout_p)
        row3.addStretch(1)
        self.settings_row = settings

    # ------------------------------------------------------------- dropout
    def set_dropout(self, p: float | None) -> None:
        """Dropout of the hidden neurons with probability ``p`` (None: off), as
        the switch and its p do; the update in progress begins again."""
        if p is not None:
            self.dropout_p.setValue(float(p))
        self.dropout_box.setChecked(p is not None)
        self._dropout_changed()

    def dropout(self) -> float | None:
        """The stepper's dropout p, None when it is off."""
        return self._walk.dropout if self._walk is not None else None

    def _dropout_changed(self, *_args) -> None:
        walk = self._walk
        p = float(self.dropout_p.value()) if self.dropout_box.isChecked() else None
        self.dropout_p.setEnabled(self.dropout_box.isChecked())
        if walk is None or self._mode == "perceptron" or walk.dropout == p:
            return
        if not self._sync():
            return
        walk.set_dropout(p)
        if self._lesson is not None:  # a saved session keeps it with the lesson's stepper settings
            self._lesson.stepper["dropout"] = p
            self._lesson.stepper["dropout_seed"] = walk.dropout_seed
        self._refresh()

    def _show_dropout_setting(self) -> None:
        """The switch and p as the walk has them (a lesson loaded, a session restored)."""
        walk = self._walk
        can = walk is not None and self._mode != "perceptron" and len(walk.layers()) > 2
        p = walk.dropout if walk is not None else None
        for w in (self.dropout_box, self.dropout_p):
            w.blockSignals(True)
        self.dropout_box.setChecked(can and p is not None)
        if p is not None:
            self.dropout_p.setValue(p)
        for w in (self.dropout_box, self.dropout_p):
            w.blockSignals(False)
        self.dropout_box.setEnabled(can)
        self.dropout_p.setEnabled(can and p is not None)

    def _update_enabled(self) -> None:
        playing = self._timer.isActive()
        self._actions["play"].setEnabled(not playing)
        self._actions["pause"].setEnabled(playing)
        if self._mode == "perceptron":
            can_back = self.perceptron.can_go_back()
        else:
            can_back = self._walk is not None and self._walk.can_go_back()
        self._actions["back"].setEnabled(can_back)
        show_train = self._mode == "perceptron" or self._train_epochs > 0
        self.train_button.setVisible(show_train)
        self._act_train.setEnabled(show_train)
        self._act_train.setVisible(show_train)  # no "Train 0 epochs" in the toolbar
        self._name_train()

    def _name_train(self) -> None:
        """Train's text: what it will do, or Stop while the paced Train runs."""
        if self._mode == "perceptron":
            walk = self.perceptron.walk()
            n = walk.max_epochs if walk is not None else 0
            train = self.tr("Run up to {0} epochs").format(n)
            tip = self.tr("Apply the rule sample after sample until an epoch without mistakes (T)")
        elif self.is_training():
            train = self.tr("Stop training")
            tip = self.tr("Stop here; the epochs trained stay trained (T, or any step)")
        else:
            train = self.tr("Train {0} epochs").format(self._train_epochs)
            tip = self.tr("Run that many passes over all samples, a few each frame, so the class sees the "
                          "lines move (T again stops)")
        self.train_button.setText(train)
        self.train_button.setToolTip(tip)
        self._act_train.setText(train)
        self._act_train.setToolTip(tip)

    def retranslate(self) -> None:
        """The actions' and controls' texts (and the status line) in the current language."""
        a = self._actions
        texts = {
            "back": (self.tr("◀ Back"), self.tr("Previous formula; the state before it comes back exactly (←)")),
            "step": (self.tr("Step ▶"), self.tr("Next formula (Space or →)")),
            "play": (self.tr("Play"), self.tr("Step on by itself at the chosen speed (P)")),
            "pause": (self.tr("Pause"), self.tr("Stop playing (Shift+P)")),
            "finish": (self.tr("Finish update"), self.tr("Go to the end of this update (End)")),
            "next_sample": (self.tr("Next sample"), self.tr("Finish this update and start one on the next sample (N)")),
            "reset": (self.tr("Reset"), self.tr("Back to the lesson's weights, no updates done (R)")),
        }
        for name, (text, tip) in texts.items():
            a[name].setText(text)
            a[name].setToolTip(tip)
        self._name_train()
        self.gran_label.setText(self.tr("One step:"))
        self.dropout_box.setText(self.tr("Dropout"))
        self.dropout_box.setToolTip(self.tr(
            "Drop each hidden neuron with probability p in every update (a seeded draw: the same masks "
            "each time); the others are scaled by 1/(1 − p), and the formulas show the mask"))
        self.dropout_p.setPrefix(self.tr("p = "))
        self.dropout_p.setToolTip(self.tr("The probability that a hidden neuron is dropped in an update"))
        if self._mode == "perceptron":
            names = (self.tr("each formula"), self.tr("each sample"), self.tr("each correction"))
        else:
            names = (self.tr("each value"), self.tr("each layer"), self.tr("whole update"))
        for i, text in enumerate(names):
            self.granularity.setItemText(i, text)
        self.status.setVisible(self._mode != "perceptron" and not self._compact)
        self.bottom.setTabText(0, self.tr("Error"))
        self.bottom.setTabText(1, self.tr("PyTorch"))
        self._speed_changed(self.speed.value())
        if self._walk is not None:
            self._update_status()
