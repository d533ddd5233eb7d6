"""The engine seam: the exact math of training, and the engines that do it.

The loop (:class:`nnviz.core.training.trainer.Trainer`) owns the epochs, batch
order, early stopping, divergence, live setting changes and reporting. The
arithmetic on arrays is done by an *engine* (:class:`Engine`):
:class:`nnviz.core.training.torch_engine.TorchEngine` runs everything (CPU or
GPU); the compiled engine (``nnviz/core/training/compiled.py``, numba) and
the NumPy engine (``numpy_engine.py``) train on the CPU without dropout, and
``handover.py`` runs NumPy while numba compiles, then the compiled engine.
:func:`select_engine` decides which one runs and says why, from a cost model
(:mod:`nnviz.core.training.costs`); :data:`ENGINES` says where each engine
class lives, and :func:`create_engine` builds it. The arrays an engine trains
on (:class:`EngineData`) come from :func:`nnviz.core.training.problem.prepare_data`.

The math, stated exactly so that every engine computes the same numbers
-----------------------------------------------------------------------
Notation: a batch B of |B| training samples; d_b the target vector of
sample b (:func:`nnviz.core.data.dataset.targets_for` of its label: 0/1 or one-hot,
±1 for tanh outputs); y_b the network's output; a_b the output layer's net
input (before its activation); ω the weights (``weights[l][j, k]``), *not* the
biases.

* Error ``"mse"`` (the slides' E(ω) = ½‖d − y‖², averaged over the batch)::

      E_B = (1/|B|) Σ_b ½ Σ_k (d_bk − y_bk)²

* Error ``"cross_entropy"``; needs a softmax or a sigmoid output layer:

  - softmax output (≥ 2 neurons), label c_b:
    ``E_B = −(1/|B|) Σ_b log softmax(a_b)[c_b]``
  - sigmoid output (any number of neurons), targets d_bk ∈ {0, 1}:
    ``E_B = −(1/|B|) Σ_b Σ_k [d_bk log y_bk + (1 − d_bk) log(1 − y_bk)]``

  Both are computed from the net input a (log-softmax, log-sigmoid), never by
  taking the log of a rounded output.

* Penalty (the slides' loss = error + λΨ), weights only, never biases::

      Ψ = l2 · ½ Σ ω²  +  l1 · Σ |ω|        (d|ω|/dω = sign(ω), 0 at ω = 0)

  so the objective of one update is ``J_B = E_B + Ψ`` and its gradient adds
  ``l2 · ω + l1 · sign(ω)`` to ∂E_B/∂ω. (``l2`` is exactly PyTorch's
  ``weight_decay``.)

* Dropout (hidden layers only, training only): each hidden output h is
  replaced by ``h · m / (1 − p)`` with m ~ Bernoulli(1 − p) drawn afresh for
  every sample and update (inverted dropout, as ``torch.nn.Dropout``). Never
  applied when evaluating. Only when asked (``set_dropout_recording(True)``,
  which the trainer calls for a view in slow motion) the engines that train
  with dropout keep the last batch's masks m, per sample, for
  ``dropout_masks()``; otherwise they keep nothing.

* Optimizers, with g = ∇J_B and PyTorch's exact update rules:

  - ``"sgd"``: ``v ← μ v + g`` (v starts at 0), ``ω ← ω − η v``; μ = 0 is plain
    SGD. No dampening, no Nesterov.
  - ``"adam"``: ``m ← β1 m + (1−β1) g``, ``s ← β2 s + (1−β2) g²``,
    ``ω ← ω − η · (m / (1−β1^t)) / (sqrt(s / (1−β2^t)) + ε)``, t = update count
    since the optimizer state was reset.

* Batches: at the start of every epoch the trainer draws one permutation of
  the training set (``numpy.random.default_rng(seed)``, one ``permutation``
  call per epoch, in epoch order; the identity order if ``shuffle`` is off).
  Batches are consecutive slices of that order of ``batch_size`` samples; the
  last one of an epoch may be smaller and is still one update. A batch size of
  0 or at least the training set's size means full batch.

* Metrics, evaluated after every epoch with dropout off: ``train_loss`` and
  ``val_loss`` are the mean *error* E over the whole training / validation set
  (no penalty; ``penalty`` reports Ψ separately); accuracy is the share of
  samples whose predicted class is the label: argmax of the outputs, or for
  one output ``y > 0.5`` (``y > 0`` when the targets are ±1).
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from nnviz.core.data.dataset import Dataset
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig


# ------------------------------------------------------------------ the math
def penalty(weights: list[np.ndarray], l2: float, l1: float) -> float:
    """Ψ = l2·½Σω² + l1·Σ|ω| over all weight matrices (biases excluded)."""
    total = 0.0
    for w in weights:
        if l2:
            total += 0.5 * l2 * float(np.sum(w * w))
        if l1:
            total += l1 * float(np.sum(np.abs(w)))
    return total


# ------------------------------------------------------------------ engines
@dataclass
class EngineData:
    """The arrays an engine trains on (C order; float64, or float32 for a float32 torch run)."""

    x_train: np.ndarray  # (n_train, n_inputs)
    t_train: np.ndarray  # (n_train, n_outputs) targets d
    y_train: np.ndarray  # (n_train,) int64 labels
    x_val: np.ndarray
    t_val: np.ndarray
    y_val: np.ndarray
    #: accuracy threshold for a single output (0.5, or 0 for ±1 targets)
    threshold: float = 0.5


class Engine(Protocol):
    """The part that does the arithmetic; the trainer drives it.

    An engine class is built as ``Engine(network, data, config, device)`` and
    must reproduce the module docstring's math exactly (same loss, penalty,
    batch mean and optimizer rules), so that from the same weights and batch
    order every engine gives the same weights (to 1e-9 in float64).
    """

    #: "torch", "compiled", ...
    name: str
    #: where it computes: "cpu", "cuda:0", "mps"
    device: str
    #: batches the trainer hands over per :meth:`run_batches` call; the trainer
    #: checks stop, pause and new settings between calls, so keep one call
    #: short (a few milliseconds); torch uses 1
    batches_per_call: int

    def set_order(self, order: np.ndarray) -> None:
        """The sample order of the coming epoch: positions in the training set."""
        ...

    def run_batches(self, start: int, n_batches: int, batch_size: int) -> int:
        """Do up to ``n_batches`` updates on consecutive batches of the order.

        Batch i covers ``order[start + i*batch_size : start + (i+1)*batch_size]``
        (clipped at the end of the order). Returns the position after the last
        sample used: the trainer's next ``start``.
        """
        ...

    def evaluate(self, part: str) -> tuple[float, float]:
        """(mean error, accuracy) on the whole ``"train"`` or ``"val"`` part, dropout off."""
        ...

    def epoch_error(self) -> float:
        """Mean of the batch errors E_B of the epoch so far (for ``eval_train`` off)."""
        ...

    def predictions(self, part: str) -> np.ndarray | None:
        """The classes predicted for each sample of ``part`` by the last :meth:`evaluate`
        of it (int64), or None when the engine does not keep them."""
        ...

    def get_parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies (float64 numpy) of weights[l][j, k] and biases[l][k]."""
        ...

    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        """Replace the weights and biases (the optimizer state is kept)."""
        ...

    def set_hyper(self, *, lr: float, momentum: float, l2: float, l1: float) -> None:
        """New learning rate, momentum and penalties, used from the next update on."""
        ...

    def reset_optimizer(self) -> None:
        """Forget momentum / Adam moments and restart Adam's step count t."""
        ...

    def optimizer_state(self) -> tuple[np.ndarray, np.ndarray, int]:
        """(momentum buffer or Adam's first moment, Adam's second moment, Adam's
        step count t): float64 copies in the packed layout of
        :func:`nnviz.core.training.compiled.packed_layout` (zeros where unused)."""
        ...

    def set_optimizer_state(self, first: np.ndarray, second: np.ndarray, steps: int) -> None:
        """Take over an optimizer state in the layout of :meth:`optimizer_state`
        (a run that continues another one, a session file reopened)."""
        ...

    def close(self) -> None:
        """Release memory (device tensors, buffers)."""
        ...


#: engine name -> "module:Class"; imported only when that engine is built.
#: "numpy-then-compiled" reports itself as "numpy", then "compiled" (its
#: ``name`` and ``reason`` follow the engine running).
ENGINES: dict[str, str] = {
    "torch": "nnviz.core.training.torch_engine:TorchEngine",
    "compiled": "nnviz.core.training.compiled:CompiledEngine",
    "numpy": "nnviz.core.training.numpy_engine:NumpyEngine",
    "numpy-then-compiled": "nnviz.core.training.handover:HandoverEngine",
}


def engine_available(name: str) -> bool:
    module = ENGINES[name].split(":")[0]
    return importlib.util.find_spec(module) is not None


def select_engine(network: Network, dataset: Dataset, config: TrainingConfig) -> tuple[str, str]:
    """Which engine trains ``network`` on ``dataset`` and why (a sentence to show).

    ``config.engine`` is the user's wish and overrides the cost model:
    "torch" is always honoured; "compiled" and "numpy" raise
    :class:`UserError` (one sentence saying what to change) when that engine
    cannot run this job ("compiled" waits for numba's compilation in the
    calling thread). "auto" takes, of the engines that can run the job, the
    one with the cheapest predicted update for this network and batch size
    (:func:`nnviz.core.training.costs.cheapest`): the compiled engine for
    small work, PyTorch for big work or a GPU, and with dropout (which the
    compiled engine lacks) NumPy or PyTorch, whichever is cheaper. When the compiled
    engine is the cheapest but :func:`nnviz.core.training.compiled.warm_up_in_background`
    is still compiling its kernel (the app starts it at launch),
    "numpy-then-compiled" trains on NumPy (or PyTorch, if that is cheaper)
    meanwhile and hands over at an epoch's end; with no compilation under way
    the kernel is compiled (or loaded from the disk cache) on first use.
    Without numba, NumPy or PyTorch, whichever is cheaper. The reasons are the
    fixed sentences :data:`nnviz.core.training.compiled.REASONS`.
    """
    from nnviz.core.training import compiled, costs
    from nnviz.core.training.numpy_engine import numpy_limitation

    if config.engine == "torch":
        return "torch", compiled.REASON_TORCH_CHOSEN
    dropout = config.dropout_for(len(network.layers) - 2)
    if config.engine == "numpy":
        refusal = numpy_limitation(config.device)
        if refusal is not None:
            raise refusal
        return "numpy", compiled.REASON_NUMPY_CHOSEN
    limitation = compiled.compiled_limitation(network, dropout, config.device)
    if config.engine == "compiled":
        if limitation is not None:
            raise limitation[1]
        return "compiled", compiled.REASON_CHOSEN
    batch = _effective_batch(dataset, config)
    if limitation is not None:
        reason = limitation[0]
        instead = {
            compiled.REASON_NO_NUMBA: compiled.REASON_NUMPY_NO_NUMBA,
            compiled.REASON_DROPOUT: compiled.REASON_NUMPY_DROPOUT,
        }.get(reason)
        if instead and numpy_limitation(config.device) is None:
            if costs.cheapest(("numpy", "torch"), network.layers, batch) == "numpy":
                return "numpy", instead
        return "torch", reason
    best = costs.cheapest(("compiled", "torch"), network.layers, batch)
    if best == "torch":
        return "torch", compiled.REASON_BIG
    if not compiled.warming_up():  # ready, or compiled on first use in the calling thread
        return "compiled", compiled.REASON_AUTO
    # the window's first seconds on a fresh machine: do not wait for the compiler
    if costs.cheapest(("numpy", "torch"), network.layers, batch) == "numpy":
        return "numpy-then-compiled", compiled.REASON_NUMPY_COMPILING
    return "torch", compiled.REASON_COMPILING


def _effective_batch(dataset: Dataset, config: TrainingConfig) -> int:
    """Samples per update: the batch size, or the training part's size for full batch."""
    n = int(dataset.train_idx.size)
    if dataset.val_idx.size == 0 and config.val_fraction > 0:
        n = int(round(len(dataset.x) * (1.0 - config.val_fraction)))
    n = max(1, n)
    return n if config.batch_size <= 0 or config.batch_size >= n else int(config.batch_size)


def create_engine(
    name: str, network: Network, data: EngineData, config: TrainingConfig, device: str
) -> Engine:
    module_name, cls_name = ENGINES[name].split(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(network, data, config, device)


def resolve_device(name: str) -> str:
    """The torch device for a setting: "auto" takes cuda, then mps, then cpu."""
    import torch

    if name == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    if name == "cuda" and not torch.cuda.is_available():
        raise UserError("The device 'cuda' was asked for, but PyTorch sees no CUDA GPU here.")
    if name == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise UserError("The device 'mps' was asked for, but this machine has no Apple GPU.")
    return name
