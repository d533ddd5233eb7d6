"""Points drawn on the data plot as the panel's data (a mixin of ``TrainingPanel``).

The regions' data plot gets a draw mode (:class:`~nnviz.gui.data.drawing.DrawingTools`,
:attr:`PanelDrawnData.drawing`). Once the user draws (a point, a stroke, a
removal, Clear), the drawn points are the panel's data: the form's data set
says "your data (imported or drawn)" with the validation share they really have
(held out only with :data:`~nnviz.core.data.drawn.MIN_PER_CLASS_FOR_VALIDATION`
points of each class; the bar says which), the network keeps its two inputs,
and the regions follow every change.

Idle, a change of the number of classes gives the output layer as many
neurons (new weights); the same classes keep the weights on show. While a run
trains, each change goes to the trainer, which takes it at its next epoch
(:meth:`~nnviz.gui.training.worker.TrainingController.set_dataset`); a class
the running network has no output for waits, with a sentence, until the run
ends, and Clear leaves the run on the points it had. Another lesson, problem
or data set on the form ends draw mode.
"""

from __future__ import annotations

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.gui.core_strings import user_message
from nnviz.gui.data.drawing import DrawingTools


class PanelDrawnData:
    """The drawn points as the training data (mixin of TrainingPanel)."""

    def _init_drawn_data(self) -> None:
        """The draw mode on the regions' data plot (called once by ``__init__``)."""
        self.drawing = DrawingTools(self._regions.data_view, shows_points=False)
        self.drawing.drawModeChanged.connect(self._on_draw_mode)
        self.drawing.pointsEdited.connect(self._on_points_drawn)
        # after the panel's own slot: a data set chosen on the form ends the drawing
        self.form.structureChanged.connect(self._on_form_data)
        self.trainingFinished.connect(self._after_run_on_drawn)
        #: the panel's data are the drawn points
        self._drawn = False
        #: the validation share asked for (the form's, when drawing began)
        self._drawn_share = 0.0

    def drawn_points_in_use(self) -> bool:
        """True once the user drew: the panel trains on the drawn points."""
        return self._drawn

    def start(self) -> bool:
        if self._drawn and self.drawing.dataset() is None:
            self._show_message(
                self.tr("There are no points to train on: draw some points first."), error=True
            )
            return False
        return super().start()  # type: ignore[misc]

    # ------------------------------------------------------------- drawing
    def _forget_drawing(self) -> None:
        """Other data arrive (a lesson, a problem): draw mode ends, the points go."""
        self._drawn = False
        self.drawing.set_active(False)

    def _on_draw_mode(self, on: bool) -> None:
        if on and not self._drawn:
            self._drawn_share = self.form.val_fraction.value()
        self.drawing.set_validation_share(self._drawn_share)

    def _on_points_drawn(self) -> None:
        self._drawn = True
        try:
            ds = self.drawing.dataset()
        except UserError as exc:  # not expected: the points are checked as drawn
            self._show_message(user_message(exc), error=True)
            return
        share = len(ds.val_idx) / len(ds.x) if ds is not None else 0.0
        self.form.show_given_data(share)
        self._custom_dataset = ds
        if self._state != "idle":
            self._send_to_run(ds)
        else:
            self._use_drawn(ds)

    def _send_to_run(self, ds: Dataset | None) -> None:
        if ds is None:
            self._regions.set_dataset(None)
            self._show_message(
                self.tr("No points left: the training goes on with the points it had.")
            )
            return
        try:
            self.controller.set_dataset(ds)
        except UserError as exc:
            # the views show what was drawn; the run keeps its data until it ends
            self._regions.set_dataset(ds)
            self._show_message(
                user_message(exc) + " " + self.tr("The new class trains once the run has ended."),
                error=True,
            )
            return
        if self.message.property("error"):
            self._show_message("")
        self._set_dataset(ds)

    def _use_drawn(self, ds: Dataset | None) -> None:
        """Idle: the drawn points become the data; new classes get output neurons."""
        if ds is None:
            self._dataset = None
            self._regions.set_dataset(None)
            return
        try:
            net = self.form.network(ds, self._model.network)
        except UserError as exc:
            self._show_message(user_message(exc), error=True)
            self._regions.set_dataset(ds)
            return
        if net.same_architecture(self._model.network):
            if self.message.property("error"):
                self._show_message("")
            self._set_dataset(ds)  # the weights on show stay; the regions redraw
        else:
            self._rebuild_from_form(keep_network=True)

    def _after_run_on_drawn(self, _status: str) -> None:
        """A run ended: drawn points it could not take become the data now."""
        if self._drawn and self._dataset is not self._custom_dataset:
            self._use_drawn(self._custom_dataset)

    def _on_form_data(self) -> None:
        if not self._drawn:
            return
        if self.form.data_kind.currentData() != "custom":
            self._forget_drawing()
        elif self._custom_dataset is None:  # the layers changed while no point is drawn
            self._show_message(self.tr("There are no points to train on: draw some points first."))
