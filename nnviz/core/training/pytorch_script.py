"""A network and its training as a runnable PyTorch script (File → Export → PyTorch script).

:func:`pytorch_script` writes a commented ``.py`` in the lecture's "basic
structure of a neural network in PyTorch": the class that defines the network
(``class Net(nn.Module)``: its architecture in ``__init__``, its ``forward``
method), the instance, the loss function, the optimizer, and the loop over
the epochs (zero the gradients, forward pass, loss, ``backward()``,
optimizer step). It needs only numpy, torch, safetensors and the standard
library, and repeats nnviz exactly (the math of
:mod:`nnviz.core.training.engine`, as :mod:`nnviz.core.training.torch_engine`
computes it):

- the same data (generator code, the digits or IDX files, literal points, or
  the CSV file read, split and standardised the same way; see
  :mod:`nnviz.core.training._script_data`; the rest of the script is written
  by :mod:`nnviz.core.training._script_code`), the same train/validation split,
  the same targets d (0/1, ±1 for tanh, one-hot);
- the loss (the slides' ½‖d − y‖² averaged over the batch, or cross-entropy
  on the net input), L2 as ``weight_decay`` on the weights only, L1 added to
  the loss, SGD with momentum or Adam with its betas and eps, dropout with the
  masks drawn from a generator seeded as nnviz seeds it;
- the batch order (``numpy.random.default_rng(SEED).permutation`` per epoch),
  the float type, and the figures nnviz shows after each epoch (errors over
  the whole training and validation parts, without dropout, and accuracies).

So, started from the same weights (``weights_file``, written by
:func:`save_script_weights`), the script prints the losses nnviz's PyTorch
engine computes. Early stopping and changes made during a run are not part
of the script: it trains ``EPOCHS`` epochs (``--epochs N`` changes that).

:func:`script_structure` gives the script's last part alone, the lecture's
structure (class, instance, loss, optimizer, loop) with the line of each loop
stage (:data:`LOOP_STAGES`): the PyTorch structure panel shows it.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from nnviz.core.data import image_sets
from nnviz.core.data.dataset import Dataset
from nnviz.core.data.source import DataSource, build
from nnviz.core.errors import UserError
from nnviz.core.model.atomic_files import atomic_write_bytes
from nnviz.core.model.network import Network
from nnviz.core.training import _script_code as code
from nnviz.core.training._script_code import LOOP_STAGES as LOOP_STAGES
from nnviz.core.training._script_code import ScriptStructure as ScriptStructure
from nnviz.core.training._script_data import Words, data_code
from nnviz.core.training.config import TRAINABLE_ACTIVATIONS, TrainingConfig
from nnviz.core.training.problem import check_problem


# ------------------------------------------------------------------ weights
def script_weights(network: Network, dtype: str = "float32") -> dict[str, np.ndarray]:
    """The network's weights under the names the script's ``Net`` gives them.

    ``fc1.weight``, ``fc1.bias``, ``fc2.weight``, … : layer l+1 is ``nn.Linear``
    ``fc{l+1}``, whose weight is PyTorch's (out, in) matrix, the transpose of
    nnviz's ``weights[l]`` (ω_jk from neuron j to neuron k); ``dtype`` is the
    run's float type ("float32" or "float64").
    """
    kind = np.float64 if dtype == "float64" else np.float32
    tensors: dict[str, np.ndarray] = {}
    for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True), start=1):
        tensors[f"fc{i}.weight"] = np.ascontiguousarray(np.asarray(w).T, dtype=kind)
        tensors[f"fc{i}.bias"] = np.ascontiguousarray(b, dtype=kind)
    return tensors


def save_script_weights(network: Network, path: str | os.PathLike[str], dtype: str = "float32") -> None:
    """Write :func:`script_weights` to ``path`` as a safetensors file, atomically.

    The file the exported script loads (``model.load_state_dict(load_file(...))``).
    """
    from safetensors.numpy import save

    data = save(script_weights(network, dtype), metadata={"format": "pt", "writer": "nnviz"})
    p = Path(path)
    try:
        atomic_write_bytes(p, data)
    except OSError as exc:
        raise UserError("Cannot write '{0}': {1}.", str(p), exc.strerror or str(exc)) from None


# ------------------------------------------------------------------ the script
def pytorch_script(
    network: Network,
    config: TrainingConfig,
    source: DataSource,
    weights_file: str | None = None,
    lang: str = "en",
    *,
    dataset: Dataset | None = None,
    freeze_biases: bool = False,
) -> str:
    """The Python source of a script that trains ``network`` as nnviz does (module docstring).

    ``weights_file``: a safetensors file of :func:`save_script_weights` that the
    script loads before training (a bare name is looked up beside the script);
    None: the script starts from PyTorch's own random weights. ``lang``: "en"
    or "es" for the comments and the printed lines. ``dataset``: the data set
    the window trains on, when at hand (explicit points then keep its
    train/validation split, which drawn points choose class by class); else
    what is needed is built from ``source``. ``freeze_biases``: the biases keep
    their values (the stepper's "freeze biases"). A problem nnviz cannot train
    (an activation without a derivative, the wrong number of inputs, …)
    raises :class:`UserError` with the trainer's sentence.
    """
    config = TrainingConfig.from_dict(config.to_dict())
    dataset = _check(network, config, source, dataset)
    w = Words(lang)
    regression = dataset is not None and dataset.is_regression
    data, imports = data_code(source, config, dataset, w)
    parts = [
        code.header(network, config, source, w),
        code.imports(imports, weights_file is not None),
        code.settings(network, config, weights_file, w),
        data,
        code.tensors(network, config, regression, w),
    ]
    head = code.tidy("\n\n".join(p.strip("\n") for p in parts) + "\n")
    # the lecture's structure, shared with the PyTorch structure panel (script_structure)
    body = code.structure(network, config, regression, weights_file is not None, freeze_biases, w)
    return head.rstrip("\n") + "\n\n\n" + body.text


def script_structure(
    network: Network,
    config: TrainingConfig,
    lang: str = "en",
    *,
    regression: bool = False,
    weights: bool = True,
    freeze_biases: bool = False,
) -> ScriptStructure:
    """The end of :func:`pytorch_script`: the class ``Net``, the instance, the loss,
    the optimizer and the loop, with the line of each loop stage (see
    :class:`~nnviz.core.training._script_code.ScriptStructure`).

    The same text, line for line, as the script exported with the same
    ``network``, ``config`` and ``lang``, a data set that is a regression or
    not (``regression``), a weights file or not (``weights``) and
    ``freeze_biases``. Unlike the script it needs no data and checks nothing.
    """
    config = TrainingConfig.from_dict(config.to_dict())
    return code.structure(network, config, regression, weights, freeze_biases, Words(lang))


def _check(
    network: Network, config: TrainingConfig, source: DataSource, dataset: Dataset | None
) -> Dataset | None:
    """Refuse what nnviz itself would not train, with the trainer's sentence; the data
    set, built from ``source`` when not given (not image files: the script reads those)."""
    images = source.kind == "spec" and (source.spec or {}).get("kind") in image_sets.IMAGE_SETS
    if dataset is None and not images:
        dataset = build(source)
    if dataset is not None:
        check_problem(network, dataset, config)
        return dataset
    for i, act in enumerate(network.activations):  # image files are read by the script, not here
        if act not in TRAINABLE_ACTIVATIONS:
            raise UserError(
                "Layer {0} uses the '{1}' activation, which has no useful derivative; "
                "training needs identity, sigmoid, tanh, relu or softmax.",
                i + 1,
                act,
            )
    return None
