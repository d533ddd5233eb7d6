"""PyTorch weights in and out: state_dicts, safetensors files and ``nn.Sequential``.

Reading (files from users are hostile):

- :func:`read_weights_file` reads a ``.pt``/``.pth`` state_dict written by
  ``torch.save`` (only ever with ``torch.load(..., map_location="cpu",
  weights_only=True)``: a pickle with code or a whole pickled model is refused,
  nothing in it runs) or a ``.safetensors`` file. The file is read whole first,
  with a size limit, so that a FIFO or a device is never opened for long and a
  zip whose members would unpack to more than the limit is refused before
  torch sees it. A checkpoint that nests its state_dict (``{"epoch": 3,
  "model_state_dict": {...}, "optimizer_state_dict": {...}}``) is read when
  exactly one of its values is a dict of tensors.
- :func:`linear_layers` finds the Linear layers in a state_dict: each
  ``<prefix>.weight`` with two dimensions and its ``<prefix>.bias``, in the
  order of the state_dict (torch keeps the order the layers were registered
  in; a safetensors file keeps no order, so its keys are sorted naturally:
  ``fc2`` before ``fc10``, ``0`` before ``2``).
- :func:`network_from_layers` / :func:`network_from_state_dict` build a
  :class:`~nnviz.core.model.network.Network` with one activation per layer;
  :func:`from_torch` reads a live ``nn.Module``.

Writing: :func:`to_torch` builds an ``nn.Sequential`` (a Linear and an
activation module per layer, so layer ``l`` is module ``2 l``),
:func:`state_dict_of` gives its state_dict as numpy arrays and
:func:`save_weights` writes it as ``.safetensors`` or ``.pt``. The saved
numbers are float64, nnviz's own precision: a float32 model loads them with
``load_state_dict`` (which converts), and nothing is rounded on the way out.

torch is imported inside the functions, so that ``import nnviz.core.model``
stays light.
"""

from __future__ import annotations

import io
import os
import re
import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.core.errors import UserError, template
from nnviz.core.model.activations import ACTIVATIONS
from nnviz.core.model.atomic_files import atomic_write_bytes
from nnviz.core.model.network import (
    MAX_LAYER_NEURONS,
    MAX_LAYERS,
    MAX_PARAMETERS,
    Network,
    read_user_bytes,
)

#: file name endings read as PyTorch weights
PT_SUFFIXES = (".pt", ".pth")
SAFETENSORS_SUFFIX = ".safetensors"
WEIGHT_SUFFIXES = (*PT_SUFFIXES, SAFETENSORS_SUFFIX)
#: the largest weights file read: MAX_PARAMETERS numbers as float64, plus room
#: for the names and torch's bookkeeping
MAX_WEIGHTS_FILE_BYTES = 8 * MAX_PARAMETERS + 16 * 2**20
#: the activations a torch module can carry both ways
TORCH_ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu", "softmax")


def is_weights_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path``'s name says PyTorch weights (``.pt``, ``.pth``, ``.safetensors``)."""
    return str(path).lower().endswith(WEIGHT_SUFFIXES)


@dataclass(frozen=True, eq=False)
class LinearLayer:
    """One ``nn.Linear`` of a state_dict: ``weight`` as torch holds it, (out, in)."""

    #: the key prefix, "0" or "fc1" or "hidden.0" ("" for a lone nn.Linear)
    name: str
    weight: np.ndarray
    bias: np.ndarray | None = None

    @property
    def n_in(self) -> int:
        return int(self.weight.shape[1])

    @property
    def n_out(self) -> int:
        return int(self.weight.shape[0])

    @property
    def n_parameters(self) -> int:
        return self.n_in * self.n_out + (self.n_out if self.bias is not None else 0)

    @property
    def label(self) -> str:
        """How messages name the layer: its prefix, or "weight" for a lone Linear."""
        return self.name or "weight"


# ------------------------------------------------------------------ reading
def read_weights_file(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """The tensors of a ``.pt``/``.pth`` state_dict or a ``.safetensors`` file, as numpy arrays.

    Floating-point tensors come as float64, whole numbers as int64; keys in
    the file's order (a safetensors file: natural order). Any problem is one
    :class:`UserError` sentence naming the file.
    """
    p = Path(path)
    name = p.name
    if not is_weights_file(p):
        raise UserError(
            "'{0}' is not a PyTorch weights file: nnviz reads .pt, .pth and .safetensors files.", name
        )
    data = _read_bytes(p)
    if p.suffix.lower() == SAFETENSORS_SUFFIX:
        tensors = _load_safetensors(data, name)
        state = {k: tensors[k] for k in sorted(tensors, key=_natural_key)}
    else:
        state = _state_dict_of(_load_pt(data, name), name)
    _check_sizes(state, name)
    return {key: _to_numpy(value, key, name) for key, value in state.items()}


def _read_bytes(p: Path) -> bytes:
    """The bytes of the regular file ``p``, at most :data:`MAX_WEIGHTS_FILE_BYTES`."""
    data = read_user_bytes(p, MAX_WEIGHTS_FILE_BYTES, chunk=16 * 2**20)
    if not data:
        raise UserError("'{0}' is empty.", p.name)
    return data


def _load_pt(data: bytes, name: str) -> Any:
    import torch

    if data[:4] == b"PK\x03\x04":  # torch's zip format: refuse a zip bomb before torch unpacks it
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                unpacked = sum(info.file_size for info in zf.infolist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise _damaged_pt(name) from None
        if unpacked > MAX_WEIGHTS_FILE_BYTES:
            raise UserError(
                "'{0}' would unpack to {1} MB; nnviz reads weights of at most {2} MB.",
                name, unpacked // 2**20, MAX_WEIGHTS_FILE_BYTES // 2**20,
            )
    try:
        with warnings.catch_warnings():  # torch's advice on weights_only is not for our user
            warnings.simplefilter("ignore")
            return torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except MemoryError:
        raise UserError("'{0}' needs more memory than this computer has free.", name) from None
    except Exception as exc:  # noqa: BLE001 - a hostile file can make torch raise anything
        text = str(exc).lower()
        # a reference to a class or function (torch 2.1: "unsupported class", later
        # "unsupported global"); other refusals of the unpickler are mere bad bytes
        if "weights only load failed" in text and any(
            word in text for word in ("unsupported global", "unsupported class", "allowed global", "reduce")
        ):
            raise UserError(
                "'{0}' holds Python objects, not only tensors (a whole pickled model, or code): "
                "nnviz never runs code from a file, so save the weights with "
                "torch.save(model.state_dict(), path).",
                name,
            ) from None
        raise _damaged_pt(name) from None


def _damaged_pt(name: str) -> UserError:
    return UserError(
        "'{0}' is not a readable PyTorch file (damaged, cut short or another format).", name
    )


def _load_safetensors(data: bytes, name: str) -> dict[str, Any]:
    import safetensors.torch

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return safetensors.torch.load(data)
    except MemoryError:
        raise UserError("'{0}' needs more memory than this computer has free.", name) from None
    except Exception:  # noqa: BLE001 - SafetensorError, and whatever a crafted header causes
        raise UserError(
            "'{0}' is not a readable safetensors file (damaged, cut short or another format).", name
        ) from None


def _state_dict_of(obj: Any, name: str) -> dict[str, Any]:
    """The dict of tensors in what torch.load gave: the object itself, or the one
    dict of tensors inside a checkpoint."""
    import torch

    if not isinstance(obj, dict):
        raise UserError(
            "'{0}' holds a {1}, not a state_dict: save the weights with torch.save(model.state_dict(), path).",
            name, type(obj).__name__,
        )

    def all_tensors(d: dict) -> bool:
        return bool(d) and all(isinstance(v, torch.Tensor) for v in d.values())

    if not all_tensors(obj):
        inner = [v for v in obj.values() if isinstance(v, dict) and all_tensors(v)]
        if len(inner) != 1:
            bad = next((k for k, v in obj.items() if not isinstance(v, torch.Tensor)), None)
            if bad is None:  # an empty dict
                raise UserError("'{0}' holds no tensors.", name)
            raise UserError(
                "'{0}' holds {1!r}, which is not a tensor: nnviz reads a state_dict "
                "(torch.save(model.state_dict(), path)).",
                name, bad,
            )
        obj = inner[0]
    for key in obj:
        if not isinstance(key, str):
            raise UserError("'{0}' names a tensor {1!r}; a state_dict names its tensors with text.", name, key)
    return dict(obj)


def _check_sizes(state: Mapping[str, Any], name: str) -> None:
    """Refuse more numbers than a network may hold before any is converted (a
    tensor with stride 0 claims a billion numbers with one stored)."""
    total = 0
    for value in state.values():
        total += int(value.numel())
    if total > MAX_PARAMETERS:
        raise UserError(
            "'{0}' holds {1} numbers; nnviz handles networks of at most {2} weights and biases.",
            name, total, MAX_PARAMETERS,
        )


def _to_numpy(value: Any, key: str, name: str) -> np.ndarray:
    import torch

    if value.layout != torch.strided or value.is_quantized or value.is_complex() or value.device.type == "meta":
        raise UserError("The tensor '{0}' in '{1}' is not a plain array of real numbers.", key, name)
    t = value.detach()
    if t.is_floating_point():
        t = t.to(device="cpu", dtype=torch.float64)
    else:
        t = t.to(device="cpu", dtype=torch.int64)
    return t.contiguous().numpy().copy()


def _natural_key(key: str) -> tuple:
    """``fc2`` before ``fc10``, ``2.weight`` before ``10.weight``: digit runs compare as numbers."""
    parts = []
    for chunk in re.split(r"(\d+)", key):
        if chunk:
            parts.append((0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk))
    return tuple(parts)


# ------------------------------------------------------------- the layers
def linear_layers(state: Mapping[str, np.ndarray]) -> list[LinearLayer]:
    """The Linear layers of ``state`` (a state_dict as numpy arrays), in its order.

    Every tensor must belong to a Linear layer: ``<prefix>.weight`` with two
    dimensions (out, in) and, optionally, ``<prefix>.bias`` of length out.
    The layers must chain (each one's outputs are the next one's inputs) and
    hold finite numbers.
    """
    weights: dict[str, tuple[str, np.ndarray]] = {}
    biases: dict[str, tuple[str, np.ndarray]] = {}
    for key, value in state.items():
        arr = np.asarray(value)
        prefix, _, leaf = str(key).rpartition(".")
        if leaf == "weight" and arr.ndim == 2:
            weights[prefix] = (key, arr)
        elif leaf == "bias" and arr.ndim == 1:
            biases[prefix] = (key, arr)
        else:
            raise _not_linear(key, arr.shape)
    if not weights:
        raise UserError(
            "No Linear layer found: no tensor is named '….weight' with two dimensions "
            "(nnviz reads networks of nn.Linear layers)."
        )
    for prefix, (key, arr) in biases.items():
        if prefix not in weights:
            raise _not_linear(key, arr.shape)
    layers = [
        LinearLayer(prefix, arr, biases[prefix][1] if prefix in biases else None)
        for prefix, (_key, arr) in weights.items()
    ]
    check_layers(layers)
    return layers


def _not_linear(key: str, shape: tuple[int, ...]) -> UserError:
    return UserError(
        "The tensor '{0}' (shape {1}) is not part of a Linear layer; nnviz reads only "
        "networks of nn.Linear layers.",
        key, list(shape),
    )


def check_layers(layers: list[LinearLayer]) -> None:
    """Refuse, with one sentence, layers nnviz cannot make a network of."""
    if not layers:
        raise UserError("A network needs at least one Linear layer.")
    if len(layers) + 1 > MAX_LAYERS:
        raise UserError(
            "The weights have {0} Linear layers; nnviz handles at most {1}.", len(layers), MAX_LAYERS - 1
        )
    total = 0
    for layer in layers:
        w = np.asarray(layer.weight)
        if w.ndim != 2 or 0 in w.shape:
            raise UserError(
                "The weight of '{0}' has shape {1}; a Linear layer's weight has two dimensions "
                "(outputs, inputs), neither of them empty.", layer.label, list(w.shape),
            )
        for n in w.shape:
            if n > MAX_LAYER_NEURONS:
                raise UserError(
                    "The Linear layer '{0}' has shape {1}; nnviz handles at most {2} neurons per layer.",
                    layer.label, list(w.shape), MAX_LAYER_NEURONS,
                )
        total += w.size + w.shape[0]
        if layer.bias is not None and np.asarray(layer.bias).shape != (w.shape[0],):
            raise UserError(
                "The bias of '{0}' has shape {1}, but the layer has {2} outputs.",
                layer.label, list(np.asarray(layer.bias).shape), w.shape[0],
            )
    if total > MAX_PARAMETERS:
        raise UserError(
            "The Linear layers need {0} weights and biases; nnviz handles at most {1}.", total, MAX_PARAMETERS
        )
    for a, b in zip(layers[:-1], layers[1:]):
        if a.n_out != b.n_in:
            raise UserError(
                "The Linear layers '{0}' ({1} → {2}) and '{3}' ({4} → {5}) do not chain: "
                "the outputs of one must be the inputs of the next.",
                a.label, a.n_in, a.n_out, b.label, b.n_in, b.n_out,
            )
    for layer in layers:
        # whole sentences for the weight and for the bias, so that each translates as one
        for arr, not_real, not_finite in (
            (layer.weight, template("The weight of '{0}' does not hold real numbers."),
             template("The weight of '{0}' contains a number that is not finite.")),
            (layer.bias, template("The bias of '{0}' does not hold real numbers."),
             template("The bias of '{0}' contains a number that is not finite.")),
        ):
            if arr is None:
                continue
            arr = np.asarray(arr)
            if not (np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)):
                raise UserError(not_real, layer.label)
            if not np.all(np.isfinite(arr)):
                raise UserError(not_finite, layer.label)


def layer_sizes(layers: list[LinearLayer]) -> list[int]:
    """The network's layer sizes, input first: [in, out₁, out₂, …]."""
    return [layers[0].n_in, *(layer.n_out for layer in layers)]


def network_from_layers(layers: list[LinearLayer], activations: list[str]) -> Network:
    """A Network of ``layers`` with one activation per layer (a missing bias is zeros).

    Activation names are those of :data:`~nnviz.core.model.activations.ACTIVATIONS`
    (case and spaces ignored); softmax only on the last layer.
    """
    check_layers(layers)
    acts = check_activations(activations, len(layers))
    weights = [np.asarray(layer.weight, dtype=np.float64).T.copy() for layer in layers]
    biases = [
        np.asarray(layer.bias, dtype=np.float64).copy() if layer.bias is not None else np.zeros(layer.n_out)
        for layer in layers
    ]
    return Network(layer_sizes(layers), acts, weights, biases)


def check_activations(activations: Any, n_layers: int) -> list[str]:
    """``activations`` as nnviz's names, one per layer, or one sentence why not."""
    if isinstance(activations, str) or not isinstance(activations, (list, tuple)):
        raise UserError("Give the activations as a list of names, one per Linear layer.")
    if len(activations) != n_layers:
        raise UserError(
            "Give one activation per Linear layer: the network has {0} Linear layers, but {1} "
            "activations were given.",
            n_layers, len(activations),
        )
    acts = []
    for i, name in enumerate(activations):
        norm = name.strip().lower() if isinstance(name, str) else name
        if norm not in ACTIVATIONS:
            raise UserError(
                "Layer {0}'s activation {1!r} is unknown (known: {2}).", i + 1, name, ", ".join(ACTIVATIONS)
            )
        if norm == "softmax" and i != n_layers - 1:
            raise UserError("Softmax can only be the activation of the last layer, not of layer {0}.", i + 1)
        acts.append(norm)
    return acts


def network_from_state_dict(state: Mapping[str, np.ndarray], activations: list[str]) -> Network:
    """:func:`network_from_layers` of :func:`linear_layers` of ``state``."""
    return network_from_layers(linear_layers(state), activations)


# ------------------------------------------------------------ torch modules
def from_torch(module: Any, activations: list[str] | None = None) -> Network:
    """The Network of a torch module.

    An ``nn.Sequential`` of ``nn.Linear`` and activation modules (``nn.ReLU``,
    ``nn.Sigmoid``, ``nn.Tanh``, ``nn.Softmax`` over the last dimension,
    ``nn.Identity``; ``nn.Dropout`` is skipped and an ``nn.Flatten`` may come
    first) says its activations: a Linear with none after it is identity.
    Any other module is read from its state_dict's Linear layers and needs
    ``activations``; given, they also replace what a Sequential says.
    """
    import torch
    from torch import nn

    if not isinstance(module, nn.Module):
        raise UserError("from_torch needs a torch.nn.Module, not a {0}.", type(module).__name__)
    if isinstance(module, nn.Sequential):
        try:
            layers, inferred = _read_sequential(module)
        except UserError:
            if activations is None:
                raise
        else:
            return network_from_layers(layers, inferred if activations is None else list(activations))
    if activations is None:
        raise UserError(
            "nnviz cannot tell the activations of a {0}, which is not an nn.Sequential of Linear and "
            "activation layers: give them, one per Linear layer (activations=[...]).",
            type(module).__name__,
        )
    with torch.no_grad():
        state = module.state_dict()
    _check_sizes(state, type(module).__name__)
    arrays = {k: _to_numpy(v, k, type(module).__name__) for k, v in state.items()}
    return network_from_state_dict(arrays, list(activations))


def _read_sequential(module: Any) -> tuple[list[LinearLayer], list[str]]:
    import torch
    from torch import nn

    simple = {nn.ReLU: "relu", nn.Sigmoid: "sigmoid", nn.Tanh: "tanh", nn.Identity: "identity"}
    layers: list[LinearLayer] = []
    acts: list[str | None] = []
    for index, (name, child) in enumerate(module.named_children()):
        act = next((a for cls, a in simple.items() if type(child) is cls), None)
        if isinstance(child, nn.Softmax) and child.dim in (None, -1, 1):
            act = "softmax"
        if type(child) is nn.Linear:
            with torch.no_grad():
                weight = _to_numpy(child.weight, f"{name}.weight", "nn.Sequential")
                bias = None if child.bias is None else _to_numpy(child.bias, f"{name}.bias", "nn.Sequential")
            layers.append(LinearLayer(name, weight, bias))
            acts.append(None)
        elif isinstance(child, nn.Dropout):
            continue  # off when the network is used, which is all nnviz does with it
        elif isinstance(child, nn.Flatten) and index == 0:
            continue
        elif isinstance(child, nn.Softmax) and act is None:
            raise UserError(
                "Module '{0}' of the nn.Sequential is a softmax over dimension {1}; nnviz reads a softmax "
                "over each sample's outputs (dim=-1 or dim=1).",
                name, child.dim,
            )
        elif act is not None and layers and acts[-1] is None:
            acts[-1] = act
        elif act is not None and layers:
            raise UserError(
                "Module '{0}' of the nn.Sequential is a second activation after the Linear layer '{1}'.",
                name, layers[-1].label,
            )
        elif act is not None:
            raise UserError("Module '{0}' of the nn.Sequential is an activation before any Linear layer.", name)
        else:
            raise UserError(
                "Module '{0}' of the nn.Sequential is a {1}; nnviz reads nn.Linear, nn.ReLU, nn.Sigmoid, "
                "nn.Tanh, nn.Softmax, nn.Identity, nn.Dropout and a first nn.Flatten.",
                name, type(child).__name__,
            )
    if not layers:
        raise UserError("The nn.Sequential holds no nn.Linear layer.")
    return layers, [a or "identity" for a in acts]


def to_torch(network: Network) -> Any:
    """An ``nn.Sequential`` computing ``network``: per layer an ``nn.Linear`` and
    its activation module (``nn.Identity`` for identity, ``nn.Softmax(dim=-1)``
    for a softmax output, so one sample or a batch both work), so that layer
    ``l`` is module ``2 l``. Parameters in torch's default dtype (float32), which
    takes the usual float32 inputs; ``.double()`` gives nnviz's exact numbers."""
    import torch
    from torch import nn

    makers = {"identity": nn.Identity, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU,
              "softmax": lambda: nn.Softmax(dim=-1)}
    modules = []
    for i, (w, b, act) in enumerate(zip(network.weights, network.biases, network.activations)):
        if act not in makers:
            raise UserError(
                "PyTorch has no layer for the {0} activation of layer {1}; nnviz exports {2}.",
                act, i + 1, ", ".join(TORCH_ACTIVATIONS),
            )
        # skip_init: no random initialisation, which would move torch's global random state
        linear = torch.nn.utils.skip_init(nn.Linear, w.shape[0], w.shape[1])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(w.T)))
            linear.bias.copy_(torch.from_numpy(np.ascontiguousarray(b)))
        modules += [linear, makers[act]()]
    return nn.Sequential(*modules)


def state_dict_of(network: Network) -> dict[str, np.ndarray]:
    """The state_dict of :func:`to_torch`'s Sequential as float64 numpy arrays:
    ``"0.weight"`` (out, in), ``"0.bias"``, ``"2.weight"``, …"""
    out: dict[str, np.ndarray] = {}
    for l, (w, b) in enumerate(zip(network.weights, network.biases)):
        out[f"{2 * l}.weight"] = np.ascontiguousarray(np.asarray(w, dtype=np.float64).T)
        out[f"{2 * l}.bias"] = np.ascontiguousarray(np.asarray(b, dtype=np.float64))
    return out


def save_weights(network: Network, path: str | os.PathLike[str]) -> None:
    """Write :func:`state_dict_of` ``network`` to ``path``, whole or not at all:
    ``.safetensors`` (safetensors' own format) or ``.pt``/``.pth`` (``torch.save``
    of a dict of float64 tensors, which ``torch.load(weights_only=True)`` and
    ``to_torch(network).load_state_dict`` accept)."""
    p = Path(path)
    suffix = p.suffix.lower()
    state = state_dict_of(network)
    if suffix == SAFETENSORS_SUFFIX:
        import safetensors.numpy

        data = safetensors.numpy.save(state)
    elif suffix in PT_SUFFIXES:
        import torch

        buffer = io.BytesIO()
        torch.save({k: torch.from_numpy(v) for k, v in state.items()}, buffer)
        data = buffer.getvalue()
    else:
        raise UserError("Weights are saved as .safetensors, .pt or .pth files, not '{0}'.", p.name)
    try:
        atomic_write_bytes(p, data)
    except OSError as exc:
        raise UserError("Cannot save '{0}': {1}.", path, exc.strerror) from None


def load_network_weights(path: str | os.PathLike[str], activations: list[str]) -> Network:
    """The Network of the weights file ``path`` with ``activations``, one per Linear layer."""
    return network_from_state_dict(read_weights_file(path), activations)


def split_activations(text: str) -> list[str]:
    """``"relu, relu,softmax"`` (the command line's ``--activations``) as a list of names."""
    names = [part.strip() for part in text.split(",")]
    if not any(names) or "" in names:
        raise UserError(
            "--activations takes names separated by commas, one per Linear layer (for example relu,sigmoid)."
        )
    return names
