"""The main window's PyTorch side (a mixin of ``MainWindow``): import the
weights of a state_dict (``.pt``/``.pth``) or a ``.safetensors`` file as a
network, asking one activation per Linear layer, and export the network on
show as such a file.

It reads ``model`` of the window and uses its ``_open`` (show a lesson, or
nothing changes), ``_error`` (a sentence in the status bar), ``_may_drop_imported``
and ``_may_discard`` (questions before work is lost).
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QFileDialog

from nnviz.core import lessons
from nnviz.core.errors import UserError
from nnviz.core.model import torch_io
from nnviz.gui.core_strings import user_message


class WindowTorch:
    """File → Import PyTorch weights… and File → Export → Weights…"""

    # ------------------------------------------------------------- import
    def _import_torch_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import PyTorch weights"), "", self.tr("PyTorch weights (*.pt *.pth *.safetensors)")
        )
        if path and self._may_drop_imported() and self._may_discard(
            self.tr("Save them before opening another network?")
        ):
            self.import_torch_weights(path)

    def import_torch_weights(
        self, path: str, activations: list[str] | None = None, choose=None, *, raise_errors: bool = False
    ) -> bool:
        """Open the Linear layers of the weights file ``path`` as a stepper lesson; True once shown.

        Without ``activations`` (one per Linear layer) a dialog lists the
        layers and asks them; ``choose(dialog)`` stands in for the user
        (tests): it sets the dialog's fields and returns True to import. A bad
        file or choice leaves the lesson on show as it was and says why in
        one sentence (raised instead with ``raise_errors``).
        """
        name = os.path.basename(path)
        try:
            layers = torch_io.linear_layers(torch_io.read_weights_file(path))
            network = torch_io.network_from_layers(layers, list(activations)) if activations is not None else None
        except UserError as exc:
            return self._torch_failed(exc, raise_errors)
        if network is None:
            from nnviz.gui.window.torch_import import TorchImportDialog

            dialog = TorchImportDialog(path, layers, self)
            try:
                accepted = choose(dialog) if choose is not None else dialog.exec() == dialog.DialogCode.Accepted
                chosen = dialog.activations()
            finally:
                dialog.deleteLater()
            if not accepted:
                return False
            try:
                network = torch_io.network_from_layers(layers, chosen)
            except UserError as exc:
                return self._torch_failed(exc, raise_errors)
        if not self._open(lambda: lessons.lesson_for_network(network, name), raise_errors):
            return False
        self.statusBar().showMessage(
            self.tr("Imported %1 Linear layers from %2.").replace("%1", str(len(layers))).replace("%2", name),
            8000,
        )
        return True

    def _torch_failed(self, exc: UserError, raise_errors: bool) -> bool:
        if raise_errors:
            raise exc
        self._error(user_message(exc))
        return False

    # ------------------------------------------------------------- export
    def _export_weights_dialog(self) -> None:
        safetensors, pt = self.tr("safetensors (*.safetensors)"), self.tr("PyTorch state_dict (*.pt)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export weights"), "weights.safetensors", f"{safetensors};;{pt}"
        )
        if not path:
            return
        if not torch_io.is_weights_file(path):  # a name typed without its ending: the filter's
            path += ".pt" if chosen == pt else ".safetensors"
        self.export_torch_weights(path)

    def export_torch_weights(self, path: str) -> bool:
        """Write the network on show to ``path`` (``.safetensors``, ``.pt`` or
        ``.pth``) as the state_dict of an ``nn.Sequential``; True once saved."""
        try:
            torch_io.save_weights(self.model.network, path)
        except UserError as exc:
            self._error(user_message(exc))
            return False
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)
        return True
