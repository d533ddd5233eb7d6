"""The network file format: load, save, validate, and one clear sentence per mistake."""

import json

import numpy as np
import pytest

from nnviz.core.model.network import (
    Network,
    NetworkFormatError,
    load_network,
    loads_network,
    parse_network,
    save_network,
)

EXAMPLE = {
    "format": "nnviz-network",
    "version": 1,
    "layers": [2, 2, 2],
    "activations": ["sigmoid", "sigmoid"],
    "weights": [[[0.15, 0.25], [0.20, 0.30]], [[0.40, 0.50], [0.45, 0.55]]],
    "biases": [[0.35, 0.35], [0.60, 0.60]],
}


def test_example_loads_in_slide_index_order():
    net = parse_network(EXAMPLE)
    assert net.layers == [2, 2, 2]
    # weights[l][j][k] is ω_jk from neuron j of layer l to neuron k of layer l+1
    assert net.weights[0][1, 0] == 0.20
    assert net.weights[1][0, 1] == 0.50
    assert net.biases[1].tolist() == [0.60, 0.60]


def test_forward_matches_hand_computation():
    net = parse_network(EXAMPLE)
    x = np.array([0.05, 0.10])
    h = 1 / (1 + np.exp(-(x @ np.array([[0.15, 0.25], [0.20, 0.30]]) + 0.35)))
    assert np.allclose(net.forward(x)[1], h)
    # Mazur's worked example: out_h1 = 0.593269992, out_o1 = 0.75136507
    assert net.forward(x)[1][0] == pytest.approx(0.593269992, abs=1e-9)
    assert net.forward(x)[2][0] == pytest.approx(0.75136507, abs=1e-8)


def test_round_trip_is_exact(tmp_path):
    net = Network.initialised([3, 5, 2], ["tanh", "sigmoid"], seed=7)
    path = tmp_path / "n.nnviz.json"
    save_network(net, path)
    back = load_network(path)
    assert back.layers == net.layers and back.activations == net.activations
    for a, b in zip(back.weights + back.biases, net.weights + net.biases):
        assert np.array_equal(a, b)
    assert not list(tmp_path.glob(".*.tmp"))  # atomic save leaves no temp file


def test_single_activation_string_applies_to_all_layers():
    obj = dict(EXAMPLE, activations="tanh")
    assert parse_network(obj).activations == ["tanh", "tanh"]


def test_missing_weights_initialise_from_seed():
    obj = {"format": "nnviz-network", "version": 1, "layers": [2, 3, 1], "activations": "sigmoid", "seed": 4}
    a, b = parse_network(obj), parse_network(obj)
    assert np.array_equal(a.weights[0], b.weights[0])
    assert a.weights[0].shape == (2, 3)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"version": 2}, "version"),
        ({"format": "keras"}, "format"),
        ({"layers": [2]}, "layers"),
        ({"layers": [2, 0, 2]}, "layers[1]"),
        ({"activations": ["sigmoid", "swish"]}, "activations[1]"),
        ({"activations": ["sigmoid"]}, "activations"),
        ({"weights": [[[0.15, 0.25]], [[0.40, 0.50], [0.45, 0.55]]]}, "weights[0]"),
        ({"biases": [[0.35], [0.60, 0.60]]}, "biases[0]"),
        ({"weights": [[[0.15, float("nan")], [0.20, 0.30]], [[0.40, 0.50], [0.45, 0.55]]]}, "weights[0]"),
        ({"biases": [[0.35, float("inf")], [0.60, 0.60]]}, "biases[0]"),
        ({"weights": [[["a", 0.25], [0.20, 0.30]], [[0.40, 0.50], [0.45, 0.55]]]}, "weights[0]"),
        ({"activations": ["softmax", "sigmoid"]}, "activations[0]"),
        ({"seed": -1}, "seed"),
    ],
)
def test_malformed_field_is_named_in_one_sentence(change, field):
    obj = dict(EXAMPLE, **change)
    with pytest.raises(NetworkFormatError) as info:
        parse_network(obj)
    msg = str(info.value)
    assert f"'{field}'" in msg
    assert "\n" not in msg and msg.endswith(".")


def test_missing_biases_is_refused():
    obj = {k: v for k, v in EXAMPLE.items() if k != "biases"}
    with pytest.raises(NetworkFormatError, match="'biases'"):
        parse_network(obj)


def test_bad_json_names_the_position():
    with pytest.raises(NetworkFormatError, match="not valid JSON .line 1"):
        loads_network('{"layers": [2, 2,', "net.json")


def test_not_an_object_is_refused():
    with pytest.raises(NetworkFormatError, match="one JSON object"):
        loads_network("[1, 2, 3]")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(NetworkFormatError, match="no such file"):
        load_network(tmp_path / "nope.json")
    with pytest.raises(NetworkFormatError, match="folder"):
        load_network(tmp_path)


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "x.nnviz.json"
    p.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(NetworkFormatError, match="not a text file"):
        load_network(p)


def test_extra_fields_survive_a_round_trip():
    obj = dict(EXAMPLE, comment="Mazur's worked example")
    net = parse_network(obj)
    assert json.loads(json.dumps(net.to_dict()))["comment"] == "Mazur's worked example"
