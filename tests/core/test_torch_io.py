"""PyTorch weights in and out (nnviz.core.model.torch_io): every number checked
against torch's own forward pass or the file it wrote."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from nnviz.core.errors import UserError
from nnviz.core.model import torch_io
from nnviz.core.model.network import Network


def _net(layers, acts, seed=0) -> Network:
    net = Network.initialised(layers, acts, seed=seed)
    rng = np.random.default_rng(seed + 1)
    net.biases = [rng.normal(0, 0.5, size=b.shape) for b in net.biases]
    return net


def _same(a: Network, b: Network) -> bool:
    return a.layers == b.layers and a.activations == b.activations and all(
        np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases, strict=True)
    )


def _f32(net: Network) -> Network:
    """``net`` with every number rounded to float32, as a float32 torch model holds it."""
    out = net.copy()
    out.weights = [w.astype(np.float32).astype(np.float64) for w in net.weights]
    out.biases = [b.astype(np.float32).astype(np.float64) for b in net.biases]
    return out


# ------------------------------------------------------------- round trips
def test_network_to_torch_to_pt_file_and_back_is_the_same_network(tmp_path):
    net = _net([3, 5, 4, 2], ["tanh", "relu", "softmax"])
    path = tmp_path / "model.pt"
    torch.save(net.to_torch().state_dict(), path)
    state = torch_io.read_weights_file(path)
    assert list(state) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"]
    back = torch_io.network_from_state_dict(state, ["tanh", "relu", "softmax"])
    # to_torch holds float32, so the numbers come back rounded to float32, exactly
    assert _same(back, _f32(net))


def test_to_torch_computes_what_network_forward_does():
    net = _net([4, 6, 5, 3], ["sigmoid", "tanh", "softmax"], seed=3)
    x = np.random.default_rng(0).normal(size=(9, 4))
    seq = net.to_torch()
    assert [type(m) for m in seq] == [nn.Linear, nn.Sigmoid, nn.Linear, nn.Tanh, nn.Linear, nn.Softmax]
    with torch.no_grad():
        out32 = seq(torch.tensor(x, dtype=torch.float32)).numpy()
        out64 = seq.double()(torch.from_numpy(x)).numpy()
        one = seq(torch.from_numpy(x[0])).numpy()  # one sample, no batch dimension
    np.testing.assert_allclose(out32, net.predict(x), rtol=0, atol=1e-6)
    # in float64 the only difference left is the weights' rounding to float32
    np.testing.assert_allclose(out64, _f32(net).predict(x), rtol=0, atol=1e-12)
    np.testing.assert_allclose(one, _f32(net).predict(x[0]), rtol=0, atol=1e-12)
    np.testing.assert_allclose(out64.sum(axis=1), 1.0, atol=1e-12)


def test_identity_layers_keep_the_module_numbering():
    net = _net([2, 3, 1], ["identity", "identity"])
    assert list(net.to_torch().state_dict()) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert list(torch_io.state_dict_of(net)) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert torch_io.state_dict_of(net)["0.weight"].shape == (3, 2)  # torch's (out, in)


def test_a_sequential_trained_in_torch_gives_torch_s_outputs_in_nnviz(tmp_path):
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Linear(4, 8), nn.Tanh(), nn.Dropout(0.2), nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 3)
    )
    x, y = torch.randn(32, 4), torch.randint(0, 3, (32,))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    opt.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    opt.step()
    model.eval()
    path = tmp_path / "trained.pth"
    torch.save(model.state_dict(), path)

    from_file = torch_io.network_from_state_dict(
        torch_io.read_weights_file(path), ["tanh", "relu", "identity"]
    )
    from_module = Network.from_torch(model)
    assert from_module.activations == ["tanh", "relu", "identity"]
    assert _same(from_file, from_module)
    with torch.no_grad():
        expected = model(x).double().numpy()
        expected64 = model.double()(x.double()).numpy()
    np.testing.assert_allclose(from_file.predict(x.double().numpy()), expected, rtol=0, atol=1e-6)
    np.testing.assert_allclose(from_file.predict(x.double().numpy()), expected64, rtol=0, atol=1e-12)


class _Named(nn.Module):
    """A student's module: named layers, activations in forward."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(2, 7)
        self.fc2 = nn.Linear(7, 7)
        self.fc10 = nn.Linear(7, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc10(torch.relu(self.fc2(torch.tanh(self.fc1(x))))))


def test_a_module_with_named_layers_needs_its_activations_and_then_matches():
    torch.manual_seed(1)
    model = _Named()
    with pytest.raises(UserError, match=r"cannot tell the activations of a _Named.*activations=\[\.\.\.\]"):
        torch_io.from_torch(model)
    net = torch_io.from_torch(model, ["tanh", "relu", "sigmoid"])
    assert net.layers == [2, 7, 7, 1]
    x = torch.rand(20, 2, dtype=torch.float64)
    with torch.no_grad():
        expected = model.double()(x).numpy()
    np.testing.assert_allclose(net.predict(x.numpy()), expected, rtol=0, atol=1e-12)


def test_named_layers_from_a_state_dict_keep_their_registration_order():
    state = {k: v.numpy() for k, v in _Named().state_dict().items()}
    layers = torch_io.linear_layers(state)
    assert [layer.name for layer in layers] == ["fc1", "fc2", "fc10"]
    assert [(layer.n_in, layer.n_out, layer.n_parameters) for layer in layers] == [(2, 7, 21), (7, 7, 56), (7, 1, 8)]


def test_safetensors_round_trip_is_exact_and_in_layer_order(tmp_path):
    # six layers: the keys 10.weight and 8.weight would sort wrongly as text
    net = _net([2, 3, 3, 3, 3, 3, 2], ["tanh"] * 5 + ["softmax"], seed=5)
    path = tmp_path / "w.safetensors"
    torch_io.save_weights(net, path)
    state = torch_io.read_weights_file(path)
    assert [k for k in state if k.endswith("weight")] == [f"{2 * i}.weight" for i in range(6)]
    assert _same(torch_io.network_from_state_dict(state, net.activations), net)
    import safetensors.torch

    seq = net.to_torch().double()
    seq.load_state_dict(safetensors.torch.load_file(str(path)))
    x = np.random.default_rng(2).normal(size=(5, 2))
    with torch.no_grad():
        np.testing.assert_allclose(seq(torch.from_numpy(x)).numpy(), net.predict(x), rtol=0, atol=1e-12)


def test_a_pt_file_saved_by_nnviz_loads_with_weights_only_into_to_torch(tmp_path):
    net = _net([3, 4, 1], ["relu", "sigmoid"], seed=9)
    path = tmp_path / "w.pt"
    torch_io.save_weights(net, path)
    state = torch.load(path, map_location="cpu", weights_only=True)
    assert {k: v.dtype for k, v in state.items()} == dict.fromkeys(state, torch.float64)
    seq = net.to_torch()
    seq.load_state_dict(state)
    x = np.random.default_rng(3).normal(size=(6, 3))
    with torch.no_grad():
        np.testing.assert_allclose(seq(torch.tensor(x, dtype=torch.float32)).numpy(), net.predict(x), atol=1e-6)
    assert _same(torch_io.network_from_state_dict(torch_io.read_weights_file(path), net.activations), net)


def test_save_replaces_the_file_whole_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "w.safetensors"
    path.write_bytes(b"old")
    torch_io.save_weights(_net([2, 2], ["identity"]), path)
    assert torch_io.read_weights_file(path)["0.weight"].shape == (2, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.safetensors"]
    with pytest.raises(UserError, match=r"saved as \.safetensors, \.pt or \.pth files, not 'w\.json'"):
        torch_io.save_weights(_net([2, 2], ["identity"]), tmp_path / "w.json")
    with pytest.raises(UserError, match="Cannot save"):
        torch_io.save_weights(_net([2, 2], ["identity"]), tmp_path / "missing" / "w.pt")


def test_a_checkpoint_with_its_state_dict_inside_is_read(tmp_path):
    model = nn.Sequential(nn.Linear(2, 3), nn.Sigmoid(), nn.Linear(3, 1))
    opt = torch.optim.Adam(model.parameters())
    model(torch.ones(1, 2)).sum().backward()
    opt.step()
    path = tmp_path / "checkpoint.pt"
    torch.save({"epoch": 4, "model_state_dict": model.state_dict(), "optimizer_state_dict": opt.state_dict(),
                "loss": 0.25}, path)
    net = torch_io.network_from_state_dict(torch_io.read_weights_file(path), ["sigmoid", "identity"])
    assert _same(net, Network.from_torch(model))


def test_a_lone_linear_and_half_precision_are_read(tmp_path):
    lin = nn.Linear(3, 2).to(torch.bfloat16)
    path = tmp_path / "lin.pt"
    torch.save(lin.state_dict(), path)
    layers = torch_io.linear_layers(torch_io.read_weights_file(path))
    assert [(layer.label, layer.n_in, layer.n_out) for layer in layers] == [("weight", 3, 2)]
    np.testing.assert_array_equal(layers[0].weight, lin.weight.double().detach().numpy())


def test_a_missing_bias_is_zero():
    model = nn.Sequential(nn.Linear(2, 3, bias=False), nn.ReLU(), nn.Linear(3, 1))
    net = Network.from_torch(model)
    assert np.array_equal(net.biases[0], np.zeros(3))
    x = torch.rand(4, 2, dtype=torch.float64)
    with torch.no_grad():
        np.testing.assert_allclose(net.predict(x.numpy()), model.double()(x).numpy(), atol=1e-12)


def test_flatten_first_and_softmax_over_dim_1_are_read():
    model = nn.Sequential(nn.Flatten(), nn.Linear(4, 3), nn.Identity(), nn.Linear(3, 3), nn.Softmax(dim=1))
    net = Network.from_torch(model)
    assert net.layers == [4, 3, 3] and net.activations == ["identity", "softmax"]
    x = torch.rand(5, 2, 2, dtype=torch.float64)
    with torch.no_grad():
        np.testing.assert_allclose(net.predict(x.reshape(5, 4).numpy()), model.double()(x).numpy(), atol=1e-12)


# ------------------------------------------------------------ refusals
@pytest.mark.parametrize(
    "model, match",
    [
        (nn.Sequential(nn.Linear(2, 2), nn.LeakyReLU(), nn.Linear(2, 1)),
         r"^Module '1' of the nn\.Sequential is a LeakyReLU; nnviz reads nn\.Linear"),
        (nn.Sequential(nn.ReLU(), nn.Linear(2, 1)), r"^Module '0' .* activation before any Linear layer\.$"),
        (nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Tanh()), r"^Module '2' .* second activation after .*'0'\.$"),
        (nn.Sequential(nn.Linear(2, 2), nn.Softmax(dim=0)), r"softmax over dimension 0"),
        (nn.Sequential(nn.Dropout()), r"^The nn\.Sequential holds no nn\.Linear layer\.$"),
    ],
)
def test_a_sequential_nnviz_cannot_read_is_one_sentence(model, match):
    with pytest.raises(UserError, match=match):
        Network.from_torch(model)


def test_given_activations_read_any_sequential_by_its_linear_layers():
    model = nn.Sequential(nn.Linear(2, 2), nn.LeakyReLU(), nn.Linear(2, 1))
    assert Network.from_torch(model, ["relu", "sigmoid"]).activations == ["relu", "sigmoid"]
    with pytest.raises(UserError, match="needs a torch.nn.Module, not a dict"):
        Network.from_torch({"0.weight": torch.ones(2, 2)})


@pytest.mark.parametrize(
    "acts, match",
    [
        (["relu"], r"^Give one activation per Linear layer: the network has 2 Linear layers, but 1 activations"),
        (["relu", "swish"], r"^Layer 2's activation 'swish' is unknown \(known: identity, step"),
        (["softmax", "sigmoid"], r"^Softmax can only be the activation of the last layer, not of layer 1\.$"),
        ("relu", r"^Give the activations as a list of names"),
    ],
)
def test_activations_are_checked(acts, match):
    layers = torch_io.linear_layers({"a.weight": np.ones((3, 2)), "b.weight": np.ones((1, 3))})
    with pytest.raises(UserError, match=match):
        torch_io.network_from_layers(layers, acts)


def test_activation_names_ignore_case_and_spaces():
    layers = torch_io.linear_layers({"a.weight": np.ones((3, 2)), "b.weight": np.ones((1, 3))})
    assert torch_io.network_from_layers(layers, [" ReLU", "Sigmoid "]).activations == ["relu", "sigmoid"]
    assert torch_io.split_activations("relu, Tanh,softmax") == ["relu", "Tanh", "softmax"]
    with pytest.raises(UserError, match="names separated by commas"):
        torch_io.split_activations("relu,,sigmoid")


def test_to_torch_refuses_an_activation_torch_has_no_layer_for():
    with pytest.raises(UserError, match=r"^PyTorch has no layer for the step activation of layer 1; nnviz exports"):
        Network.initialised([2, 1], "step").to_torch()
