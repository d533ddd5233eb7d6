"""The core's error sentences reach the user in the interface language.

A small stand-in catalogue (a QTranslator answering for the "CoreText"
context) plays the Spanish translation, so these tests hold whatever the
committed .qm holds; tests/gui/test_i18n_core_errors.py checks the real one.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from nnviz.core.data import datasets
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.gui.core_strings import user_message
from nnviz.gui.training.worker import RunFailed, TrainingController

SPANISH = {
    "Field '{0}' names an unknown activation {1!r} (known: {2}).":
        "El campo '{0}' nombra una función de activación desconocida {1!r} (conocidas: {2}).",
    "Cannot save '{0}': {1}.": "No se puede guardar '{0}': {1}.",
    "The device 'cuda' was asked for, but PyTorch sees no CUDA GPU here.":
        "Se ha pedido el dispositivo 'cuda', pero PyTorch no ve ninguna GPU CUDA en este equipo.",
}
for _loss in ("infinite or NaN", "infinite", "NaN"):
    SPANISH[
        f"Training diverged in epoch {{0}}: the loss became {_loss}; try a smaller learning rate "
        "than {1:g}. The last finite weights were kept."
    ] = "El entrenamiento divergió en la época {0}; prueba con una tasa de aprendizaje menor que {1:g}."


class Catalogue(QTranslator):
    """A translator that knows a few "CoreText" sentences (thread-safe: read only)."""

    def __init__(self, entries: dict[str, str]) -> None:
        super().__init__()
        self.entries = entries

    def translate(self, context, source, disambiguation=None, n=-1):
        # None: "not mine" (an empty string would blank every other text while installed)
        return self.entries.get(source) if context == "CoreText" else None

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def spanish(qapp):
    catalogue = Catalogue(SPANISH)
    qapp.installTranslator(catalogue)
    yield catalogue
    qapp.removeTranslator(catalogue)


@pytest.fixture
def controller(qtbot):
    c = TrainingController()
    yield c
    c.stop_and_wait(5000)


def bad_network_file(tmp_path):
    bad = tmp_path / "bad.nnviz.json"
    bad.write_text(json.dumps({"format": "nnviz-network", "layers": [2, 2], "activations": "swish"}))
    return bad


def test_a_malformed_network_file_is_reported_in_the_interface_language(window, spanish, tmp_path):
    assert not window.open_file(str(bad_network_file(tmp_path)))
    shown = window.statusBar().currentMessage()
    assert shown.startswith("El campo 'activations[0]' nombra una función de activación desconocida 'swish'")
    assert "(conocidas: " in shown and "sigmoid" in shown


def test_a_malformed_network_file_is_reported_in_english_without_a_translation(window, tmp_path):
    assert not window.open_file(str(bad_network_file(tmp_path)))
    assert window.statusBar().currentMessage().startswith(
        "Field 'activations[0]' names an unknown activation 'swish' (known: "
    )


def test_a_failed_save_is_reported_in_the_interface_language(window, spanish, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "no such folder" / "net.nnviz.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window._save_dialog()
    assert window.statusBar().currentMessage().startswith(f"No se puede guardar '{target}': ")


def test_user_message_is_the_translated_template_with_the_arguments(spanish):
    from nnviz.core.errors import UserError
    from nnviz.core.model.network import parse_network

    with pytest.raises(UserError) as info:
        parse_network({"layers": [2, 1], "activations": "swish"})
    err = info.value
    expected = QCoreApplication.translate("CoreText", err.template).format(*err.arguments)
    assert user_message(err) == expected != str(err)


def test_a_divergence_is_said_in_the_interface_language(qtbot, controller, spanish):
    ds = datasets.blobs(n=100, noise=0.3, seed=0)
    net = Network.initialised([2, 8, 1], ["relu", "identity"], seed=0)
    cfg = TrainingConfig(loss="mse", lr=50.0, batch_size=10, epochs=50, engine="torch")
    signals = [(controller.diverged, "diverged"), (controller.finished, "finished")]
    with qtbot.waitSignals(signals, order="strict", timeout=20000) as b:
        controller.start(net, ds, cfg)
    message = b.all_signals_and_args[0].args[0]
    result = b.all_signals_and_args[1].args[0]
    assert message.startswith("El entrenamiento divergió en la época ")
    assert message.endswith("menor que 50.")
    assert result.status == "diverged" and "smaller learning rate" in result.message  # the core's English
    assert all(np.all(np.isfinite(w)) for w in result.snapshot.weights)


def test_a_run_that_cannot_start_says_why_in_the_interface_language(qtbot, controller, spanish):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has the GPU the test asks for in vain")
    ds = datasets.blobs(n=40, noise=0.3, seed=0)
    net = Network.initialised([2, 4, 1], ["tanh", "sigmoid"], seed=0)
    with qtbot.waitSignal(controller.finished, timeout=20000) as blocker:
        controller.start(net, ds, TrainingConfig(epochs=2, engine="torch", device="cuda"))
    result = blocker.args[0]
    assert isinstance(result, RunFailed)
    assert result.message == SPANISH["The device 'cuda' was asked for, but PyTorch sees no CUDA GPU here."]
