"""Hostile PyTorch weights files: each refused with one sentence, nothing in them run,
nothing big allocated (nnviz.core.model.torch_io)."""

from __future__ import annotations

import os
import pathlib
import pickle
import zipfile

import numpy as np
import pytest
import torch
from torch import nn

from nnviz.core.errors import UserError
from nnviz.core.model import torch_io


class _Touch:
    """Unpickled, it creates the file ``marker``: the code a hostile pickle runs."""

    def __init__(self, marker: pathlib.Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (pathlib.Path.touch, (self.marker,))


def _refused(path, match: str) -> str:
    with pytest.raises(UserError, match=match) as info:
        torch_io.read_weights_file(path)
    sentence = str(info.value)
    assert "\n" not in sentence and len(sentence) < 400
    return sentence


def test_a_pickle_that_runs_code_is_refused_and_the_code_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pt"
    torch.save({"0.weight": torch.ones(2, 2), "payload": _Touch(marker)}, path)
    # the file really is dangerous: torch's unsafe load runs the payload
    probe = tmp_path / "probe"
    torch.save({"x": _Touch(probe)}, tmp_path / "probe.pt")
    torch.load(tmp_path / "probe.pt", weights_only=False)
    assert probe.exists()

    sentence = _refused(path, r"^'evil\.pt' holds Python objects, not only tensors .*never runs code")
    assert "torch.save(model.state_dict(), path)" in sentence
    assert not marker.exists()


def test_a_plain_pickle_with_code_is_refused_too(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pth"
    path.write_bytes(pickle.dumps({"w": _Touch(marker)}, protocol=2))
    with pytest.raises(UserError):
        torch_io.read_weights_file(path)
    assert not marker.exists()


def test_a_whole_pickled_model_is_refused(tmp_path):
    path = tmp_path / "model.pt"
    torch.save(nn.Sequential(nn.Linear(2, 2)), path)
    _refused(path, r"^'model\.pt' holds Python objects, not only tensors \(a whole pickled model, or code\)")


@pytest.mark.parametrize(
    "obj, match",
    [
        (torch.ones(3), r"^'x\.pt' holds a Tensor, not a state_dict"),
        ([torch.ones(3)], r"^'x\.pt' holds a list, not a state_dict"),
        ({"lr": 0.1, "name": "net"}, r"^'x\.pt' holds 'lr', which is not a tensor"),
        ({}, r"^'x\.pt' holds no tensors\.$"),
        ({1: torch.ones(2, 2)}, r"^'x\.pt' names a tensor 1; a state_dict names its tensors with text\.$"),
    ],
)
def test_what_is_not_a_state_dict_is_one_sentence(tmp_path, obj, match):
    path = tmp_path / "x.pt"
    torch.save(obj, path)
    _refused(path, match)


@pytest.mark.parametrize(
    "data, name",
    [
        (np.random.default_rng(0).bytes(5000), "random.pt"),
        (b"", "empty.pt"),
        (b"PK\x03\x04" + np.random.default_rng(1).bytes(200), "broken-zip.pt"),
        (np.random.default_rng(2).bytes(5000), "random.safetensors"),
        (b"\x08\x00\x00\x00\x00\x00\x00\x00{\"a\":1}", "bad-header.safetensors"),
    ],
)
def test_bytes_that_are_no_weights_file_are_one_sentence(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    _refused(path, "^'" + name.replace(".", r"\.") + "' (is empty|is not a readable)")


def test_a_cut_short_file_is_one_sentence(tmp_path):
    import safetensors.numpy

    state = {"0.weight": np.ones((3, 2)), "0.bias": np.zeros(3)}
    torch.save({k: torch.from_numpy(v) for k, v in state.items()}, tmp_path / "whole.pt")
    safetensors.numpy.save_file(state, str(tmp_path / "whole.safetensors"))
    for suffix in (".pt", ".safetensors"):
        data = (tmp_path / f"whole{suffix}").read_bytes()
        for cut_at in (len(data) * 2 // 3, 12):
            cut = tmp_path / f"cut{suffix}"
            cut.write_bytes(data[:cut_at])
            _refused(cut, r"^'cut\.(pt|safetensors)' is not a readable (PyTorch|safetensors) file \(damaged, cut short")


def test_not_a_file_is_refused_without_waiting(tmp_path):
    _refused(tmp_path / "missing.pt", r"^Cannot open '.*missing\.pt': no such file\.$")
    folder = tmp_path / "folder.pt"
    folder.mkdir()
    _refused(folder, r"it is a folder, not a file\.$")
    fifo = tmp_path / "pipe.safetensors"
    os.mkfifo(fifo)
    _refused(fifo, r"it is not a regular file\.$")
    other = tmp_path / "net.nnviz.json"
    other.write_text("{}")
    _refused(other, r"^'net\.nnviz\.json' is not a PyTorch weights file: nnviz reads \.pt, \.pth and \.safetensors")


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(torch_io, "MAX_WEIGHTS_FILE_BYTES", 2**20)
    path = tmp_path / "big.safetensors"
    with open(path, "wb") as fh:
        fh.truncate(2**20 + 1)
    _refused(path, r"^'.*big\.safetensors' is 1 MB; nnviz reads files of at most 1 MB\.$")


def test_a_zip_that_would_unpack_beyond_the_limit_is_refused_before_torch(tmp_path, monkeypatch):
    monkeypatch.setattr(torch_io, "MAX_WEIGHTS_FILE_BYTES", 2**20)
    path = tmp_path / "bomb.pt"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb/data/0", b"\0" * (8 * 2**20))
    assert path.stat().st_size < 2**20
    _refused(path, r"^'bomb\.pt' would unpack to 8 MB; nnviz reads weights of at most 1 MB\.$")


def test_a_tensor_claiming_more_numbers_than_allowed_is_refused_before_conversion(tmp_path):
    # one stored number seen as 60 million through a stride of 0: a tiny file
    path = tmp_path / "huge-view.pt"
    torch.save({"0.weight": torch.ones(1).expand(60_000_000)}, path)
    assert path.stat().st_size < 10_000
    _refused(path, r"^'huge-view\.pt' holds 60000000 numbers; nnviz handles networks of at most 50000000")


def test_too_many_neurons_in_a_layer_is_one_sentence():
    state = {"fc.weight": np.zeros((5000, 2)), "fc.bias": np.zeros(5000)}
    with pytest.raises(UserError, match=r"^The Linear layer 'fc' has shape \[5000, 2\]; nnviz handles at most 4096"):
        torch_io.linear_layers(state)


def test_too_many_layers_is_one_sentence():
    state = {f"{i}.weight": np.ones((2, 2)) for i in range(120)}
    with pytest.raises(UserError, match=r"^The weights have 120 Linear layers; nnviz handles at most 99\.$"):
        torch_io.linear_layers(state)


@pytest.mark.parametrize(
    "state, match",
    [
        ({"0.weight": np.ones((4, 2)), "0.bias": np.ones(4), "2.weight": np.ones((3, 5))},
         r"^The Linear layers '0' \(2 → 4\) and '2' \(5 → 3\) do not chain"),
        ({"fc1.weight": np.ones((4, 2)), "fc1.bias": np.ones(3)},
         r"^The bias of 'fc1' has shape \[3\], but the layer has 4 outputs\.$"),
        ({"fc1.weight": np.array([[1.0, np.nan]])}, r"^The weight of 'fc1' contains a number that is not finite\.$"),
        ({"fc1.weight": np.ones((1, 2)), "fc1.bias": np.array([np.inf])},
         r"^The bias of 'fc1' contains a number that is not finite\.$"),
        ({"a.bias": np.ones(3)}, r"^No Linear layer found"),
        ({"fc1.weight": np.ones((1, 2)), "fc2.bias": np.ones(1)}, r"^The tensor 'fc2\.bias' \(shape \[1\]\) is not part of"),
    ],
)
def test_layers_that_make_no_network_are_one_sentence(state, match):
    with pytest.raises(UserError, match=match):
        torch_io.linear_layers(state)


def test_batchnorm_and_conv_weights_are_named_as_not_linear(tmp_path):
    for model, key in (
        (nn.Sequential(nn.Linear(2, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1)), "1.weight"),
        (nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten(), nn.Linear(8, 1)), "0.weight"),
    ):
        path = tmp_path / "m.pt"
        torch.save(model.state_dict(), path)
        state = torch_io.read_weights_file(path)
        with pytest.raises(UserError, match=rf"^The tensor '{key}' \(shape .*nnviz reads only networks of nn\.Linear"):
            torch_io.linear_layers(state)


def test_nan_weights_in_a_file_are_refused(tmp_path):
    model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
    with torch.no_grad():
        model[2].weight[0, 1] = float("nan")
    path = tmp_path / "nan.safetensors"
    import safetensors.torch

    safetensors.torch.save_file(model.state_dict(), str(path))
    with pytest.raises(UserError, match=r"^The weight of '2' contains a number that is not finite\.$"):
        torch_io.network_from_state_dict(torch_io.read_weights_file(path), ["relu", "sigmoid"])
