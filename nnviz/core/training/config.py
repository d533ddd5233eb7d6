"""The settings of a training run (a lesson's ``training`` object).

The exact meaning of each setting (loss, penalties, optimizers, batches) is
written down in :mod:`nnviz.core.training.engine`. The checks of single
values (:func:`learning_rate`, :func:`in_range`, :func:`whole`) also guard the
settings a running trainer takes.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from nnviz.core.errors import UserError

LOSSES = ("mse", "cross_entropy")
OPTIMIZERS = ("sgd", "adam")
DEVICES = ("auto", "cpu", "cuda", "mps")
ENGINE_CHOICES = ("auto", "torch", "compiled", "numpy")
DTYPES = ("float32", "float64")

#: activations that training can differentiate through
TRAINABLE_ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu", "softmax")


# ------------------------------------------------------------------ settings
@dataclass
class TrainingConfig:
    """Every setting of a training run; a lesson's ``training`` object in JSON.

    See the module docstring for the exact meaning of ``loss``, ``l2``,
    ``l1``, ``dropout``, the optimizers and the batches.
    """

    #: "mse" (½‖d − y‖², mean over the batch) or "cross_entropy"
    loss: str = "mse"
    #: "sgd" (with ``momentum``) or "adam" (with ``betas`` and ``eps``)
    optimizer: str = "sgd"
    #: learning rate η
    lr: float = 0.1
    momentum: float = 0.0
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8
    #: samples per update; 0 (or ≥ the training set) means the full set
    batch_size: int = 32
    #: epochs a run trains for (counted from the trainer's start)
    epochs: int = 100
    #: λ of the L2 penalty l2·½Σω²
    l2: float = 0.0
    #: λ of the L1 penalty l1·Σ|ω|
    l1: float = 0.0
    #: dropout probability p per hidden layer (empty: none; one number: all)
    dropout: list[float] = field(default_factory=list)
    early_stopping: bool = False
    #: epochs without an improvement of the monitored loss before stopping
    patience: int = 20
    #: an epoch improves when its loss is below best − min_delta
    min_delta: float = 0.0
    #: on an early stop, put back the weights of the best epoch
    restore_best: bool = True
    #: batch order and dropout masks (the initial weights come with the network)
    seed: int = 0
    #: held-out share, used when the data set has no validation part yet
    val_fraction: float = 0.2
    shuffle: bool = True
    #: "auto" (cuda, then mps, then cpu), "cpu", "cuda" or "mps"
    device: str = "auto"
    #: "auto", "torch", "compiled" or "numpy"; see
    #: :func:`nnviz.core.training.engine.select_engine`
    engine: str = "auto"
    #: torch's float type; the compiled and NumPy engines always use float64
    dtype: str = "float32"
    #: evaluate the whole training set after each epoch (False: train_loss is
    #: the mean of the epoch's batch errors, cheaper on big data)
    eval_train: bool = True

    # --------------------------------------------------------- checking
    def validate(self) -> TrainingConfig:
        """Raise :class:`UserError` naming the first impossible setting."""
        _choice(self.loss, LOSSES, "loss")
        _choice(self.optimizer, OPTIMIZERS, "optimizer")
        _choice(self.device, DEVICES, "device")
        _choice(self.engine, ENGINE_CHOICES, "engine")
        _choice(self.dtype, DTYPES, "dtype")
        learning_rate(self.lr)
        in_range(self.momentum, 0.0, 1.0, "momentum", closed_hi=False)
        if len(self.betas) != 2:
            raise UserError("Setting 'betas' must hold two numbers in [0, 1).")
        for i, b in enumerate(self.betas):
            in_range(b, 0.0, 1.0, f"betas[{i}]", closed_hi=False)
        _positive(self.eps, "eps")
        whole(self.batch_size, 0, "batch_size")
        whole(self.epochs, 1, "epochs")
        in_range(self.l2, 0.0, math.inf, "l2")
        in_range(self.l1, 0.0, math.inf, "l1")
        for i, p in enumerate(self.dropout):
            in_range(p, 0.0, 1.0, f"dropout[{i}]", closed_hi=False)
        whole(self.patience, 1, "patience")
        in_range(self.min_delta, 0.0, math.inf, "min_delta")
        whole(self.seed, 0, "seed")
        in_range(self.val_fraction, 0.0, 1.0, "val_fraction", closed_hi=False)
        return self

    def dropout_for(self, n_hidden: int) -> list[float]:
        """One dropout probability per hidden layer."""
        if not self.dropout:
            return [0.0] * n_hidden
        if len(self.dropout) == 1:
            return [float(self.dropout[0])] * n_hidden
        if len(self.dropout) != n_hidden:
            raise UserError(
                "Setting 'dropout' must have one probability per hidden layer ({0}), not {1}.",
                n_hidden, len(self.dropout),
            )
        return [float(p) for p in self.dropout]

    # --------------------------------------------------------- file form
    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["betas"] = list(self.betas)
        d["dropout"] = list(self.dropout)
        return d

    @classmethod
    def from_dict(cls, obj: Any, base: TrainingConfig | None = None) -> TrainingConfig:
        """Settings from a lesson's ``training`` object; unknown keys are refused.

        Keys not given keep the value of ``base`` (or the defaults).
        """
        if obj is None:
            obj = {}
        if not isinstance(obj, dict):
            raise UserError("Field 'training' must be an object of settings.")
        cfg = TrainingConfig(**(base.to_dict() if base else {}))
        known = {f.name: f for f in fields(cls)}
        for key, value in obj.items():
            if key not in known:
                raise UserError(
                    "Field 'training.{0}' is not a training setting (known: {1}).",
                    key, ", ".join(known),
                )
            setattr(cfg, key, _coerce(key, value, getattr(cfg, key)))
        cfg.betas = tuple(cfg.betas)  # type: ignore[assignment]
        return cfg.validate()

    def replace(self, **changes: Any) -> TrainingConfig:
        """A copy with ``changes``, validated."""
        return TrainingConfig.from_dict(changes, base=self)


def _coerce(key: str, value: Any, current: Any) -> Any:
    where = f"training.{key}"
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise UserError("Field '{0}' must be true or false, not {1!r}.", where, value)
        return value
    if isinstance(current, int):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise UserError("Field '{0}' must be a whole number, not {1!r}.", where, value)
        return int(value)
    if isinstance(current, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise UserError("Field '{0}' must be a finite number, not {1!r}.", where, value)
        return float(value)
    if isinstance(current, str):
        if not isinstance(value, str):
            raise UserError("Field '{0}' must be a name, not {1!r}.", where, value)
        return value
    if key == "dropout" and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    ):
        raise UserError("Field '{0}' must be a list of numbers, not {1!r}.", where, value)
    return [float(v) for v in value]


def _choice(value: Any, options: tuple[str, ...], name: str) -> None:
    if value not in options:
        raise UserError(
            "Setting '{0}' must be one of {1}, not {2!r}.", name, ", ".join(options), value
        )


def _positive(value: Any, name: str) -> None:
    if not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise UserError("Setting '{0}' must be a positive number, not {1!r}.", name, value)


#: a learning rate above this is a typing slip, and would overflow float32 in Adam
MAX_LR = 1e4


def learning_rate(value: Any) -> None:
    """Raise :class:`UserError` unless ``value`` is a usable learning rate η (0 < η ≤ MAX_LR)."""
    _positive(value, "lr")
    if value > MAX_LR:
        raise UserError("Setting 'lr' must be at most {0:g}, not {1!r}.", MAX_LR, value)


def in_range(value: Any, lo: float, hi: float, name: str, closed_hi: bool = True) -> None:
    """Raise :class:`UserError` unless setting ``name`` is a number in [lo, hi]
    (in [lo, hi) when not ``closed_hi``)."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and lo <= value
    ok = ok and (value <= hi if closed_hi else value < hi)
    if not ok:
        bracket = "]" if closed_hi else ")"
        raise UserError(
            "Setting '{0}' must be in [{1:g}, {2:g}{3}, not {4!r}.", name, lo, hi, bracket, value
        )


def whole(value: Any, lo: int, name: str) -> None:
    """Raise :class:`UserError` unless setting ``name`` is a whole number of at least ``lo``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < lo:
        raise UserError(
            "Setting '{0}' must be a whole number of at least {1}, not {2!r}.", name, lo, value
        )
