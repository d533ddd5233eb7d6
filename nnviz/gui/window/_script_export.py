"""File → Export → PyTorch script… (a mixin of ``MainWindow``).

:meth:`WindowScriptExport.export_pytorch_script` writes the network on show
and its training as a runnable, commented PyTorch script
(:func:`nnviz.core.training.pytorch_script.pytorch_script`), in the
interface's language, and beside it ``<stem>.safetensors`` with the weights
on show (:func:`~nnviz.core.training.pytorch_script.save_script_weights`),
which the script loads while its ``LOAD_WEIGHTS = True`` line says so: the
script then starts where the window is and prints the losses nnviz would.

What is exported:

- a training lesson: the settings on the training form, and the data on
  show: the generator spec that makes them (the form's, or the lesson's when
  the form's split seed differs), or the data the panel was given (an
  imported table, image files, drawn points, each described by its ``source``);
- a stepper lesson ("mlp"): the stepper's rule written as training: SGD
  with the stepper's η, one sample per update in the samples' order, the
  slides' error ½‖d − y‖², float64, no validation part, for the lesson's
  ``train_epochs`` (100 when it names none); the desired outputs d are the
  lesson's own ``targets`` when it has them; "freeze biases" keeps the
  biases as they are. From the same weights the script's losses are the
  stepper's mean error after each pass (:meth:`BackpropWalk.train_epochs`
  first finishes the update in progress, which the script does not).

It reads ``lesson``, ``model``, ``training`` and ``stepper`` of the window.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from nnviz.core.data.source import DataSource
from nnviz.core.errors import UserError
from nnviz.core.lecture.losses import loss_for
from nnviz.core.model.atomic_files import atomic_write_text
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.pytorch_script import pytorch_script, save_script_weights
from nnviz.gui import i18n
from nnviz.gui.core_strings import user_message

#: the name the save dialog proposes
DEFAULT_NAME = "nnviz_net.py"
#: epochs of a stepper lesson's script when the lesson names no ``train_epochs``
STEPPER_EPOCHS = 100


class WindowScriptExport:
    """Export the network on show and its training as a PyTorch script."""

    def _export_script_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export a PyTorch script"), DEFAULT_NAME, self.tr("Python scripts (*.py)")
        )
        if not path:
            return
        if not path.endswith(".py"):
            path += ".py"
        self.export_pytorch_script(path)

    def export_pytorch_script(self, path: str, with_weights: bool = True) -> bool:
        """Write the script to ``path`` (and the weights to ``<stem>.safetensors`` beside it
        when ``with_weights``); True once written, else the window says why."""
        target = Path(path)
        weights = target.with_suffix(".safetensors")
        try:
            network, config, source, dataset, freeze = self._script_problem()
            text = pytorch_script(
                network, config, source, weights.name if with_weights else None,
                lang=i18n.current_language(), dataset=dataset, freeze_biases=freeze,
            )
            atomic_write_text(target, text)  # first: a folder that is not there is said with its name
            if with_weights:
                save_script_weights(network, weights, config.dtype)
        except UserError as exc:
            self._error(user_message(exc))
            return False
        except OSError as exc:
            self._error(self.tr("Could not write %1: %2").replace("%1", str(target)).replace("%2", exc.strerror or ""))
            return False
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(target)), 5000)
        return True

    # ------------------------------------------------------------ gathering
    def _script_problem(self):
        """(network, config, data source, data set, freeze biases) of what is on show;
        UserError when nothing fits."""
        lesson = self.lesson
        if lesson is None or lesson.mode == "perceptron":
            raise UserError(self.tr(
                "A PyTorch script trains a multilayer perceptron: open a training or "
                "backpropagation lesson first."
            ))
        network = self.model.network.copy()
        if lesson.mode == "train":
            return (network, *self._training_problem(), False)
        return (network, *self._stepper_problem(lesson))

    def _training_problem(self):
        panel = self.training
        config = panel.config()
        dataset = panel.dataset()
        if dataset is None:
            raise UserError(self.tr("There is no data on show to train on."))
        if panel.uses_given_data() or self.lesson.files is not None:
            source = dataset.source
            if source is None:
                raise UserError(self.tr("These data cannot be written into a script: nnviz does not know "
                                        "where they came from."))
            if source.kind == "csv" and not Path(source.path).is_file():
                raise UserError(self.tr("The script would read the table from %1, which is not there any more: "
                                        "put the file back (or import it again) and export again.")
                                .replace("%1", source.path))
        else:
            spec = panel.spec_on_show(self.lesson.data)
            source = DataSource.from_spec(spec if spec is not None else panel.form.data_spec())
        return config, source, dataset

    def _stepper_problem(self, lesson):
        walk = self.stepper.walk()
        settings = lesson.stepper
        eta = walk.eta if walk is not None else float(settings.get("eta", 0.5))
        # the stepper's error: cross-entropy on a softmax output, else ½‖d − y‖²;
        # its dropout switch drops the hidden neurons as nn.Dropout does
        dropout = walk.dropout if walk is not None else None
        hidden = len(lesson.network.layers) - 2
        config = TrainingConfig(
            loss="cross_entropy" if loss_for(lesson.network) == "cross_entropy" else "mse", optimizer="sgd", lr=float(eta), momentum=0.0, batch_size=1,
            epochs=int(settings.get("train_epochs", STEPPER_EPOCHS)), val_fraction=0.0,
            shuffle=False, dtype="float64", seed=0,
            dropout=[float(dropout)] * hidden if dropout and hidden > 0 else [],
        ).validate()
        dataset = lesson.dataset()
        targets = getattr(dataset, "targets", None)
        if targets is not None:  # the lesson's own desired outputs: numbers to learn
            dataset = dataclasses.replace(dataset, values=targets)
        freeze = walk.freeze_biases if walk is not None else bool(settings.get("freeze_biases", False))
        return config, DataSource.from_spec(lesson.data), dataset, freeze
