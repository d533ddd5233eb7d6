"""PyTorch weights on the command line: ``nnviz trace FILE.safetensors --activations …``
works as a network file does; without --activations, one line and exit 2."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from nnviz.cli import main
from nnviz.core.model import torch_io
from nnviz.core.model.network import parse_network

#: Mazur's worked example (also tests/core/test_trace_cli.py), whose numbers are published
MAZUR = {
    "layers": [2, 2, 2],
    "activations": ["sigmoid", "sigmoid"],
    "weights": [[[0.15, 0.25], [0.20, 0.30]], [[0.40, 0.50], [0.45, 0.55]]],
    "biases": [[0.35, 0.35], [0.60, 0.60]],
}
SAMPLE = ["--input", "0.05", "0.10", "--target", "0.01", "0.99"]


@pytest.fixture(params=["mazur.safetensors", "mazur.pt"])
def weights_file(request, tmp_path):
    path = tmp_path / request.param
    torch_io.save_weights(parse_network(MAZUR), path)
    return path


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_trace_of_weights_file_prints_mazur_s_numbers_as_json(capsys, weights_file, tmp_path):
    code, out, err = _run(capsys, "trace", weights_file, "--activations", "sigmoid,sigmoid", *SAMPLE,
                          "--freeze-biases", "--format", "json", "--lang", "en")
    assert code == 0 and err == ""
    obj = json.loads(out)
    assert round(obj["error_before"], 9) == 0.298371109
    assert round(obj["error_after"], 9) == 0.291027774
    # the same as the trace of the network file
    net_file = tmp_path / "mazur.nnviz.json"
    net_file.write_text(json.dumps(MAZUR), encoding="utf-8")
    _code, out_json, _ = _run(capsys, "trace", net_file, *SAMPLE, "--freeze-biases", "--format", "json",
                              "--lang", "en")
    assert obj == json.loads(out_json)


def test_trace_of_a_torch_trained_state_dict_matches_torch_s_error(capsys, tmp_path):
    torch.manual_seed(2)
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2), torch.nn.Sigmoid())
    path = tmp_path / "student.pth"
    torch.save(model.state_dict(), path)
    code, out, err = _run(capsys, "trace", path, "--activations", "tanh, sigmoid", "--input", 0.1, 0.2, 0.3,
                          "--target", 0, 1, "--format", "json", "--lang", "en")
    assert code == 0 and err == ""
    with torch.no_grad():
        y = model.double()(torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64)).numpy()
    # the slides' error E = ½ Σ (d − y)²
    assert json.loads(out)["error_before"] == pytest.approx(0.5 * np.sum((np.array([0.0, 1.0]) - y) ** 2), abs=1e-12)


def test_trace_without_activations_is_one_line_and_exit_2(capsys, weights_file):
    code, out, err = _run(capsys, "trace", weights_file, *SAMPLE)
    assert code == 2 and out == ""
    assert err == (
        "nnviz: PyTorch weights do not say their activations: give --activations, one per Linear layer "
        "(for example --activations relu,sigmoid).\n"
    )


@pytest.mark.parametrize(
    "acts, message",
    [
        ("sigmoid", "Give one activation per Linear layer: the network has 2 Linear layers, but 1 activations"),
        ("sigmoid,swish", "Layer 2's activation 'swish' is unknown"),
        ("sigmoid,", "--activations takes names separated by commas"),
    ],
)
def test_trace_with_wrong_activations_is_one_line_and_exit_2(capsys, weights_file, acts, message):
    code, out, err = _run(capsys, "trace", weights_file, "--activations", acts, *SAMPLE)
    assert code == 2 and out == ""
    assert err.startswith("nnviz: " + message) and err.count("\n") == 1


def test_trace_of_a_hostile_weights_file_is_one_line(capsys, tmp_path):
    path = tmp_path / "model.pt"
    torch.save(torch.nn.Linear(2, 2), path)  # a whole pickled module
    code, out, err = _run(capsys, "trace", path, "--activations", "sigmoid", *SAMPLE)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "holds Python objects, not only tensors" in err


def test_activations_with_a_network_file_are_refused(capsys, tmp_path):
    net_file = tmp_path / "mazur.nnviz.json"
    net_file.write_text(json.dumps(MAZUR), encoding="utf-8")
    code, _out, err = _run(capsys, "trace", net_file, "--activations", "relu,relu", *SAMPLE)
    assert code == 2
    assert err == "nnviz: --activations goes with a PyTorch weights file (.pt, .pth or .safetensors).\n"


def test_the_window_s_activations_need_a_weights_file(capsys, tmp_path):
    # refused before any window opens
    code, out, err = _run(capsys, "--activations", "relu")
    assert code == 2 and out == ""
    assert err == "nnviz: --activations goes with a PyTorch weights file (.pt, .pth or .safetensors).\n"
    code, _out, err = _run(capsys, str(tmp_path / "x.pt"), "--activations", "relu,,relu")
    assert code == 2 and "--activations takes names separated by commas" in err

