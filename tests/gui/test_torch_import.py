"""File → Import PyTorch weights and Export weights, as a user does them: a
state_dict trained in torch opens through the dialog and the stepper walks it;
a bad file leaves the lesson on show with one sentence."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from torch import nn

from nnviz.core.lessons import DEFAULT_LESSON
from nnviz.core.model import torch_io
from nnviz.gui.window.torch_import import TorchImportDialog
from tests.gui.conftest import open_window


@pytest.fixture
def win(qtbot):
    w = open_window(qtbot)
    yield w
    w.persist_state = False
    w.close()


def _trained(tmp_path, name="student.pt"):
    """What a student brings from a notebook: a 2-4-3-1 MLP after a few steps of SGD."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 1), nn.Sigmoid())
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    for _ in range(3):
        opt.zero_grad()
        nn.functional.binary_cross_entropy(model(x), y).backward()
        opt.step()
    path = tmp_path / name
    torch.save(model.state_dict(), path)
    return model, path


def test_a_state_dict_opens_through_the_dialog_and_the_stepper_walks_it(win, qtbot, tmp_path):
    model, path = _trained(tmp_path)
    seen = {}

    def choose(dialog: TorchImportDialog) -> bool:
        # what the user sees: one row per Linear layer, the defaults, the summary
        table = dialog.table
        seen["rows"] = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
        seen["defaults"] = dialog.activations()
        seen["last_offers"] = [dialog.combo(2).itemData(i) for i in range(dialog.combo(2).count())]
        seen["hidden_offers"] = [dialog.combo(0).itemData(i) for i in range(dialog.combo(0).count())]
        # the user picks tanh for both hidden layers in their combo boxes
        for row in (0, 1):
            combo = table.cellWidget(row, 3)
            assert isinstance(combo, QComboBox)
            combo.setCurrentIndex(combo.findData("tanh"))
        seen["summary"] = dialog.summary.text()
        return True

    assert win.import_torch_weights(str(path), choose=choose)
    assert seen["rows"] == [["0", "2 → 4", "12"], ["2", "4 → 3", "15"], ["4", "3 → 1", "4"]]
    assert seen["defaults"] == ["relu", "relu", "sigmoid"]
    assert "softmax" in seen["last_offers"] and "softmax" not in seen["hidden_offers"]
    assert seen["summary"].startswith("The network will be 2-4-3-1 (activations tanh, tanh, sigmoid), with 31 weights")
    # the graph shows the imported layers and weights
    net = win.model.network
    assert net.layers == [2, 4, 3, 1] and net.activations == ["tanh", "tanh", "sigmoid"]
    np.testing.assert_array_equal(net.weights[1], model[2].weight.detach().double().numpy().T)
    assert win.lesson.name == "file:student.pt" and win.lesson.mode == "mlp"
    assert "Imported 3 Linear layers from student.pt." in win.statusBar().currentMessage()
    x = np.array([[0.0, 1.0], [1.0, 1.0]])
    with torch.no_grad():
        expected = model.double()(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(net.predict(x), expected, rtol=0, atol=1e-12)
    # the stepper walks it: Space steps to the first formula, on to the end of the update
    walk = win.stepper.walk()
    assert walk is not None and walk.pos == -1
    win.stepper.setFocus()
    qtbot.keyClick(win.stepper, Qt.Key.Key_Space)
    assert win.stepper.walk().pos == 0 and win.stepper.walk().step().formula_id == "net"
    before = [w.copy() for w in win.model.network.weights]
    win.stepper.finish_update()
    assert win.stepper.walk().at_end()
    assert not all(np.array_equal(a, b) for a, b in zip(before, win.model.network.weights))


def test_activations_given_skip_the_dialog(win, tmp_path):
    _model, path = _trained(tmp_path, "given.safetensors")
    import safetensors.torch

    safetensors.torch.save_file(_model.state_dict(), str(path))

    def choose(dialog):
        raise AssertionError("no dialog when the activations are given")

    assert win.import_torch_weights(str(path), ["relu", "relu", "sigmoid"], choose=choose)
    assert win.model.network.activations == ["relu", "relu", "sigmoid"]
    assert win.open_file(str(path), activations=["tanh", "tanh", "identity"])
    assert win.model.network.activations == ["tanh", "tanh", "identity"]


def test_cancel_changes_nothing(win, tmp_path):
    _model, path = _trained(tmp_path)
    before = [w.copy() for w in win.model.network.weights]
    assert not win.import_torch_weights(str(path), choose=lambda dialog: False)
    assert win.lesson.name == DEFAULT_LESSON
    assert all(np.array_equal(a, b) for a, b in zip(before, win.model.network.weights, strict=True))


@pytest.mark.parametrize(
    "write, sentence",
    [
        (lambda p: torch.save(nn.Sequential(nn.Linear(2, 2)), p), "holds Python objects, not only tensors"),
        (lambda p: p.write_bytes(b"\x00garbage" * 100), "is not a readable PyTorch file"),
        (lambda p: torch.save({"0.weight": torch.ones(4, 2), "1.weight": torch.ones(1, 3)}, p),
         "The Linear layers '0' (2 → 4) and '1' (3 → 1) do not chain"),
    ],
)
def test_a_bad_file_keeps_the_lesson_and_says_why(win, tmp_path, write, sentence):
    path = tmp_path / "bad.pt"
    write(path)
    before = [w.copy() for w in win.model.network.weights]
    called = []
    assert not win.import_torch_weights(str(path), choose=lambda d: called.append(d) or True)
    assert not called  # refused before any dialog
    assert sentence in win.statusBar().currentMessage()
    assert "\n" not in win.statusBar().currentMessage()
    assert win.lesson.name == DEFAULT_LESSON
    assert all(np.array_equal(a, b) for a, b in zip(before, win.model.network.weights, strict=True))


def test_wrong_activations_keep_the_lesson(win, tmp_path):
    _model, path = _trained(tmp_path)
    assert not win.import_torch_weights(str(path), ["relu", "softmax", "sigmoid"])
    assert win.statusBar().currentMessage() == "Softmax can only be the activation of the last layer, not of layer 2."
    assert win.lesson.name == DEFAULT_LESSON


def test_export_writes_weights_that_torch_loads(win, tmp_path):
    net = win.model.network
    for name in ("out.safetensors", "out.pt"):
        path = tmp_path / name
        assert win.export_torch_weights(str(path))
        assert win.statusBar().currentMessage() == f"Saved {path}"
        back = torch_io.network_from_state_dict(torch_io.read_weights_file(path), net.activations)
        assert all(np.array_equal(a, b) for a, b in zip(back.weights + back.biases, net.weights + net.biases))
    seq = net.to_torch()
    seq.load_state_dict(torch.load(tmp_path / "out.pt", weights_only=True))
    assert not win.export_torch_weights(str(tmp_path / "no-folder" / "out.pt"))
    assert win.statusBar().currentMessage().startswith("Cannot save")


def test_the_dialog_offers_softmax_for_many_outputs_and_names_the_network(qtbot):
    layers = torch_io.linear_layers(
        {"fc1.weight": np.ones((16, 2)), "fc1.bias": np.zeros(16), "fc2.weight": np.ones((16, 16)),
         "out.weight": np.ones((3, 16))}
    )
    dialog = TorchImportDialog("/somewhere/net.safetensors", layers)
    qtbot.addWidget(dialog)
    assert dialog.activations() == ["relu", "relu", "softmax"]
    assert "2-16-16-3" in dialog.summary.text()
    assert dialog.summary.text().endswith("with 352 weights and biases.")  # fc2 and out have no bias
    assert "net.safetensors" in dialog.file_label.text()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Import"
    dialog.set_activations(["sigmoid", "identity", "tanh"])
    assert "activations sigmoid, identity, tanh" in dialog.summary.text()
    with pytest.raises(ValueError):
        dialog.set_activations(["softmax", "relu", "softmax"])


def test_the_command_line_opens_weights_with_their_activations(qtbot, monkeypatch, tmp_path):
    from nnviz.cli import main
    from nnviz.gui.window import app

    _model, path = _trained(tmp_path)
    seen = {}

    def run_gui(**kwargs):  # what `nnviz FILE --activations …` builds, without app.exec()
        seen.update(kwargs)
        _app, window = app.build_window(kwargs["file"], kwargs["preset"], kwargs["lang"],
                                        activations=kwargs["activations"])
        qtbot.addWidget(window)
        seen["window"] = window
        return 0

    monkeypatch.setattr(app, "run_gui", run_gui)
    assert main([str(path), "--activations", "tanh,ReLU,sigmoid", "--lang", "en"]) == 0
    assert seen["activations"] == ["tanh", "ReLU", "sigmoid"]
    window = seen["window"]
    assert window.model.network.layers == [2, 4, 3, 1]
    assert window.model.network.activations == ["tanh", "relu", "sigmoid"]
    window.persist_state = False


def test_a_softmax_classifier_opens_with_the_dialog_s_defaults(win, tmp_path):
    torch.manual_seed(3)
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))
    path = tmp_path / "classifier.safetensors"
    import safetensors.torch

    safetensors.torch.save_file(model.state_dict(), str(path))
    assert win.import_torch_weights(str(path), choose=lambda dialog: True)
    net = win.model.network
    assert net.layers == [2, 16, 16, 3] and net.activations == ["relu", "relu", "softmax"]
    x = np.random.default_rng(0).normal(size=(5, 2))
    with torch.no_grad():
        expected = torch.softmax(model.double()(torch.from_numpy(x)), dim=1).numpy()
    np.testing.assert_allclose(net.predict(x), expected, rtol=0, atol=1e-12)
