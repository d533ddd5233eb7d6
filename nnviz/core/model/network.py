"""The network description and its file format (``*.nnviz.json``).

``weights[l][j, k]`` is ω_jk, the weight from neuron j of layer l to neuron k
of layer l+1 (the slides' index order); ``biases[l][k]`` is the bias of
neuron k of layer l+1. Layer 0 is the input.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.model.activations import ACTIVATIONS, get

FORMAT = "nnviz-network"
VERSION = 1


class NetworkFormatError(UserError):
    """A network file or object that cannot be used; the message names the field."""


@dataclass
class Network:
    layers: list[int]
    activations: list[str]
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    #: seed used to initialise the weights, kept for the file when known
    seed: int | None = None
    #: free-form extras from the file that nnviz keeps but does not interpret
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.weights = [np.array(w, dtype=np.float64) for w in self.weights]
        self.biases = [np.array(b, dtype=np.float64) for b in self.biases]

    # ----------------------------------------------------------------- shape
    @property
    def n_weight_layers(self) -> int:
        return len(self.layers) - 1

    @property
    def n_edges(self) -> int:
        return sum(a * b for a, b in zip(self.layers[:-1], self.layers[1:]))

    @property
    def n_parameters(self) -> int:
        return self.n_edges + sum(self.layers[1:])

    def same_architecture(self, other: Network) -> bool:
        return self.layers == other.layers and self.activations == other.activations

    # ------------------------------------------------------------ construct
    @classmethod
    def initialised(
        cls, layers: list[int], activations: str | list[str], seed: int = 0
    ) -> Network:
        """A network with Glorot-uniform weights (He for ReLU) and zero biases."""
        acts = _expand_activations(activations, len(layers) - 1, "activations")
        _check_layers(layers)
        for i, name in enumerate(acts):
            _check_activation(name, f"activations[{i}]")
        rng = np.random.default_rng(seed)
        weights, biases = [], []
        for l_in, l_out, act in zip(layers[:-1], layers[1:], acts):
            if act == "relu":
                limit = math.sqrt(6.0 / l_in)
            else:
                limit = math.sqrt(6.0 / (l_in + l_out))
            weights.append(rng.uniform(-limit, limit, size=(l_in, l_out)))
            biases.append(np.zeros(l_out))
        return cls(list(layers), acts, weights, biases, seed=seed)

    def copy(self) -> Network:
        return Network(
            list(self.layers),
            list(self.activations),
            [w.copy() for w in self.weights],
            [b.copy() for b in self.biases],
            self.seed,
            dict(self.extra),
        )

    # -------------------------------------------------------------- compute
    def forward(self, x: np.ndarray) -> list[np.ndarray]:
        """Outputs of every layer for input ``x`` (one sample or a batch).

        Element 0 is the input itself; the last is the network's output.
        """
        h = np.asarray(x, dtype=np.float64)
        outs = [h]
        for w, b, act in zip(self.weights, self.biases, self.activations):
            h = get(act).f(h @ w + b)
            outs.append(h)
        return outs

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)[-1]

    # ------------------------------------------------------------ file form
    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "layers": list(self.layers),
            "activations": list(self.activations),
            "weights": [w.tolist() for w in self.weights],
            "biases": [b.tolist() for b in self.biases],
        }
        if self.seed is not None:
            d["seed"] = self.seed
        d.update(self.extra)
        return d

    @classmethod
    def from_dict(cls, obj: Any) -> Network:
        return parse_network(obj)


# --------------------------------------------------------------- validation
_KNOWN_KEYS = {"format", "version", "layers", "activations", "weights", "biases", "seed"}


def _check_layers(layers: Any) -> None:
    if not isinstance(layers, list) or len(layers) < 2:
        raise NetworkFormatError(
            "Field 'layers' must be a list of at least two layer sizes (input first)."
        )
    for i, n in enumerate(layers):
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise NetworkFormatError(
                "Field 'layers[{0}]' must be a positive whole number of neurons, not {1!r}.", i, n
            )


def _check_activation(name: Any, where: str) -> None:
    if name not in ACTIVATIONS:
        known = ", ".join(ACTIVATIONS)
        raise NetworkFormatError(
            "Field '{0}' names an unknown activation {1!r} (known: {2}).", where, name, known
        )


def _expand_activations(acts: Any, n: int, where: str) -> list[str]:
    if isinstance(acts, str):
        return [acts] * n
    if not isinstance(acts, list):
        raise NetworkFormatError(
            "Field '{0}' must be an activation name or a list of {1} names.", where, n
        )
    if len(acts) != n:
        raise NetworkFormatError(
            "Field '{0}' must have {1} entries, one per non-input layer, not {2}.", where, n, len(acts)
        )
    return list(acts)


def _numeric_array(value: Any, shape: tuple[int, ...], where: str) -> np.ndarray:
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise NetworkFormatError(
            "Field '{0}' must hold numbers in the shape {1}.", where, list(shape)
        ) from None
    if isinstance(value, (str, bytes)) or arr.shape != shape:
        raise NetworkFormatError(
            "Field '{0}' has shape {1} but the layers need {2}.", where, list(arr.shape), list(shape)
        )
    _check_numbers(value, where)
    if not np.all(np.isfinite(arr)):
        raise NetworkFormatError("Field '{0}' contains a number that is not finite.", where)
    return arr


def _check_numbers(value: Any, where: str) -> None:
    # np.array happily turns True into 1.0 and "1" into 1.0; a hand-written file
    # with those is almost certainly a mistake.
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, bool) or not isinstance(v, (int, float)):
            raise NetworkFormatError("Field '{0}' contains {1!r}, which is not a number.", where, v)


def parse_network(obj: Any) -> Network:
    """Validate a decoded JSON object and build the Network it describes."""
    if not isinstance(obj, dict):
        raise NetworkFormatError("A network file must hold one JSON object.")
    if obj.get("format", FORMAT) != FORMAT:
        raise NetworkFormatError(
            "Field 'format' must be {0!r}, not {1!r}.", FORMAT, obj.get("format")
        )
    version = obj.get("version", VERSION)
    if version != VERSION:
        raise NetworkFormatError(
            "Field 'version' is {0!r}; this nnviz reads version {1}.", version, VERSION
        )
    if "layers" not in obj:
        raise NetworkFormatError("Field 'layers' is missing.")
    layers = obj["layers"]
    _check_layers(layers)
    n = len(layers) - 1
    if "activations" not in obj:
        raise NetworkFormatError("Field 'activations' is missing.")
    acts = _expand_activations(obj["activations"], n, "activations")
    for i, name in enumerate(acts):
        _check_activation(name, f"activations[{i}]")
    for i, name in enumerate(acts[:-1]):
        if name == "softmax":
            raise NetworkFormatError(
                "Field 'activations[{0}]': softmax can only be the output layer's activation.", i
            )
    seed = obj.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise NetworkFormatError("Field 'seed' must be a non-negative whole number, not {0!r}.", seed)
    has_w, has_b = "weights" in obj, "biases" in obj
    if has_w != has_b:
        missing = "biases" if has_w else "weights"
        raise NetworkFormatError(
            "Field '{0}' is missing; give both 'weights' and 'biases', or neither and a 'seed'.",
            missing,
        )
    extra = {k: v for k, v in obj.items() if k not in _KNOWN_KEYS}
    if not has_w:
        net = Network.initialised(layers, acts, seed=seed if seed is not None else 0)
        net.extra = extra
        return net
    weights_in, biases_in = obj["weights"], obj["biases"]
    if not isinstance(weights_in, list) or len(weights_in) != n:
        raise NetworkFormatError(
            "Field 'weights' must be a list of {0} matrices, one per layer pair.", n
        )
    if not isinstance(biases_in, list) or len(biases_in) != n:
        raise NetworkFormatError(
            "Field 'biases' must be a list of {0} vectors, one per non-input layer.", n
        )
    weights = [
        _numeric_array(weights_in[l], (layers[l], layers[l + 1]), f"weights[{l}]") for l in range(n)
    ]
    biases = [_numeric_array(biases_in[l], (layers[l + 1],), f"biases[{l}]") for l in range(n)]
    return Network(list(layers), acts, weights, biases, seed=seed, extra=extra)


def loads_network(text: str, source: str | None = None) -> Network:
    """Parse and validate a network's JSON text; ``source`` names it in errors."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if source is None:
            raise NetworkFormatError(
                "The network is not valid JSON (line {0}, column {1}: {2}).",
                exc.lineno, exc.colno, exc.msg,
            ) from None
        raise NetworkFormatError(
            "{0} is not valid JSON (line {1}, column {2}: {3}).", source, exc.lineno, exc.colno, exc.msg
        ) from None
    return parse_network(obj)


def load_network(path: str | os.PathLike[str]) -> Network:
    """Read and validate a ``*.nnviz.json`` file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NetworkFormatError("Cannot open '{0}': no such file.", p) from None
    except IsADirectoryError:
        raise NetworkFormatError("Cannot open '{0}': it is a folder, not a file.", p) from None
    except UnicodeDecodeError:
        raise NetworkFormatError("'{0}' is not a text file.", p) from None
    except OSError as exc:
        raise NetworkFormatError("Cannot read '{0}': {1}.", p, exc.strerror) from None
    return loads_network(text, f"'{p.name}'")


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that a crash never leaves half a file."""
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def dumps_network(net: Network) -> str:
    return json.dumps(net.to_dict(), indent=2) + "\n"


def save_network(net: Network, path: str | os.PathLike[str]) -> None:
    """Write ``net`` to ``path`` atomically (write then rename)."""
    try:
        atomic_write_text(path, dumps_network(net))
    except OSError as exc:
        raise UserError("Cannot save '{0}': {1}.", path, exc.strerror) from None
