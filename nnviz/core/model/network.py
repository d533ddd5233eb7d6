"""The network description and its file format (``*.nnviz.json``).

``weights[l][j, k]`` is ω_jk, the weight from neuron j of layer l to neuron k
of layer l+1 (the slides' index order); ``biases[l][k]`` is the bias of
neuron k of layer l+1. Layer 0 is the input.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.model.activations import ACTIVATIONS, get
from nnviz.core.model.atomic_files import atomic_write_text  # noqa: F401 - imported from here by others

FORMAT = "nnviz-network"
VERSION = 1

# The size budget of a network file, checked before anything is allocated
# (a file naming a layer of 10^9 neurons would otherwise ask for gigabytes).
#: neurons in one layer: a 64x64 image's pixels; the digits lessons use 784
MAX_LAYER_NEURONS = 4096
#: layers, input and output included
MAX_LAYERS = 100
#: weights and biases together: 400 MB of float64, far beyond any lesson
MAX_PARAMETERS = 50_000_000
#: bytes of a file: 50 M numbers written by nnviz take about 1 GB, but any
#: network worth drawing fits well within this
MAX_FILE_BYTES = 200 * 1024 * 1024


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

    # --------------------------------------------------------------- torch
    @classmethod
    def from_torch(cls, module: Any, activations: list[str] | None = None) -> Network:
        """The network of a torch ``nn.Sequential`` or MLP (:func:`nnviz.core.model.torch_io.from_torch`)."""
        return _torch_io().from_torch(module, activations)

    def to_torch(self) -> Any:
        """This network as a torch ``nn.Sequential`` (:func:`nnviz.core.model.torch_io.to_torch`)."""
        return _torch_io().to_torch(self)

    # -------------------------------------------------------------- compute
    def forward(self, x: np.ndarray) -> list[np.ndarray]:
        """Outputs of every layer for input ``x`` (one sample or a batch).

        Element 0 is the input itself; the last is the network's output.
        """
        return self.forward_with_nets(x)[1]

    def forward_with_nets(self, x: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(net inputs, outputs) of every layer for input ``x``, in one pass: the net
        inputs of layers 1 … L (the cross-entropy's log and the slopes need them),
        and the outputs as :meth:`forward` gives them (element 0 the input)."""
        h = np.asarray(x, dtype=np.float64)
        nets: list[np.ndarray] = []
        outs = [h]
        for w, b, act in zip(self.weights, self.biases, self.activations):
            a = h @ w + b
            h = get(act).f(a)
            nets.append(a)
            outs.append(h)
        return nets, outs

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


def _torch_io() -> Any:
    # looked up by name: torch_io builds Networks (a plain import would be a
    # circle) and imports torch, which `import network` should not pay for
    return importlib.import_module("nnviz.core.model.torch_io")


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


def _check_budget(layers: list[int]) -> None:
    """Refuse sizes nnviz cannot hold before any array is made (``layers`` already checked)."""
    if len(layers) > MAX_LAYERS:
        raise NetworkFormatError(
            "Field 'layers' lists {0} layers; nnviz handles at most {1}.", len(layers), MAX_LAYERS
        )
    for i, n in enumerate(layers):
        if n > MAX_LAYER_NEURONS:
            raise NetworkFormatError(
                "Field 'layers[{0}]' has {1} neurons; nnviz handles at most {2} per layer.",
                i, n, MAX_LAYER_NEURONS,
            )
    total = sum(a * b + b for a, b in zip(layers[:-1], layers[1:]))
    if total > MAX_PARAMETERS:
        raise NetworkFormatError(
            "The layers {0} need {1} weights and biases; nnviz handles at most {2}.",
            layers, total, MAX_PARAMETERS,
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
    except OverflowError:  # a whole number with hundreds of digits
        raise NetworkFormatError("Field '{0}' contains a number too large to use.", where) from None
    except (TypeError, ValueError, RecursionError):
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


def network_from_arrays(
    layers: Any, activations: Any, weights: list[Any], biases: list[Any], where: str = "network"
) -> Network:
    """A Network from arrays read elsewhere (a session file's tensors), checked
    as a network file is: sizes within the budget, known activations, every
    array in its shape and finite. ``where`` names the part in the sentences."""
    try:
        _check_layers(layers)
        _check_budget(layers)
        acts = _expand_activations(activations, len(layers) - 1, "activations")
        for i, name in enumerate(acts):
            _check_activation(name, f"activations[{i}]")
    except NetworkFormatError as exc:
        raise NetworkFormatError("{0}: {1}", where, exc) from None
    if len(weights) != len(layers) - 1 or len(biases) != len(layers) - 1:
        raise NetworkFormatError("{0}: {1} weight layers were expected.", where, len(layers) - 1)
    ws, bs = [], []
    for i, (n_in, n_out) in enumerate(zip(layers[:-1], layers[1:])):
        for arrays, out, shape, name in ((weights, ws, (n_in, n_out), "weights"), (biases, bs, (n_out,), "biases")):
            a = arrays[i]
            if not isinstance(a, np.ndarray) or a.shape != shape or a.dtype.kind not in "fiu":
                got = list(a.shape) if isinstance(a, np.ndarray) else type(a).__name__
                raise NetworkFormatError(
                    "{0}: {1}[{2}] has shape {3} but the layers need {4}.", where, name, i, got, list(shape)
                )
            if not np.all(np.isfinite(a)):
                raise NetworkFormatError("{0}: {1}[{2}] contains a number that is not finite.", where, name, i)
            out.append(a)
    return Network(list(layers), acts, ws, bs)


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
    _check_budget(layers)
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
    except RecursionError:  # lists or objects nested thousands of levels deep
        raise _too_deep(source) from None
    except json.JSONDecodeError as exc:
        if source is None:
            raise NetworkFormatError(
                "The network is not valid JSON (line {0}, column {1}: {2}).",
                exc.lineno, exc.colno, exc.msg,
            ) from None
        raise NetworkFormatError(
            "{0} is not valid JSON (line {1}, column {2}: {3}).", source, exc.lineno, exc.colno, exc.msg
        ) from None
    except ValueError:  # a whole number of more than 4300 digits
        if source is None:
            raise NetworkFormatError("The network holds a number too long to read.") from None
        raise NetworkFormatError("{0} holds a number too long to read.", source) from None
    try:
        return parse_network(obj)
    except RecursionError:
        raise _too_deep(source) from None


def _too_deep(source: str | None) -> NetworkFormatError:
    if source is None:
        return NetworkFormatError("The network nests lists or objects too deeply to be a network.")
    return NetworkFormatError("{0} nests lists or objects too deeply to be a network.", source)


def read_user_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES, chunk: int = 2**20) -> bytes:
    """The bytes of the regular file ``path``, read with a byte limit in chunks of
    ``chunk``; a FIFO, a device or a folder is refused at once, never read."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UserError("Cannot open '{0}': no such file.", path) from None
    except OSError as exc:
        raise UserError("Cannot read '{0}': {1}.", path, exc.strerror) from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError("Cannot open '{0}': it is a folder, not a file.", path)
    if not stat.S_ISREG(info.st_mode):
        raise UserError("Cannot open '{0}': it is not a regular file.", path)
    if info.st_size > max_bytes:
        raise UserError(
            "'{0}' is {1} MB; nnviz reads files of at most {2} MB.",
            path, info.st_size // 2**20, max_bytes // 2**20,
        )
    try:
        # non-blocking: should the path become a FIFO after the check, open
        # and read return at once instead of waiting for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise UserError("Cannot open '{0}': it is not a regular file.", path)
            # in chunks: read(max_bytes) would reserve the whole limit at once
            chunks, size = [], 0
            while size <= max_bytes:
                piece = fh.read(min(chunk, max_bytes + 1 - size))
                if not piece:
                    break
                chunks.append(piece)
                size += len(piece)
            data = b"".join(chunks)
    except OSError as exc:
        raise UserError("Cannot read '{0}': {1}.", path, exc.strerror) from None
    if len(data) > max_bytes:
        raise UserError(
            "'{0}' is larger than {1} MB, the most nnviz reads.", path, max_bytes // 2**20
        )
    return data


def read_user_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The text of the regular file ``path`` (UTF-8, a leading BOM dropped), read
    as :func:`read_user_bytes` reads it."""
    data = read_user_bytes(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("'{0}' is not a text file.", path) from None


def load_network(path: str | os.PathLike[str]) -> Network:
    """Read and validate a ``*.nnviz.json`` file (see :func:`read_user_text`)."""
    p = Path(path)
    try:
        text = read_user_text(p)
    except NetworkFormatError:
        raise
    except UserError as exc:
        raise NetworkFormatError(exc.template, *exc.arguments) from None
    return loads_network(text, f"'{p.name}'")


def dumps_network(net: Network) -> str:
    return json.dumps(net.to_dict(), indent=2) + "\n"


def save_network(net: Network, path: str | os.PathLike[str]) -> None:
    """Write ``net`` to ``path`` atomically (write then rename)."""
    try:
        atomic_write_text(path, dumps_network(net))
    except OSError as exc:
        raise UserError("Cannot save '{0}': {1}.", path, exc.strerror) from None
