"""The slides' backpropagation: one SGD update for one sample, step by step.

:func:`backprop_update` computes the update once, in numpy float64, in the
slides' order (see :mod:`nnviz.core.lecture.steps` for the seven steps), and returns
an :class:`UpdateTrace`: the network before and after, the ordered
:class:`~nnviz.core.lecture.steps.Step` list, and :meth:`UpdateTrace.state_after` to
rebuild, bit for bit, everything known after any step. Both granularities
("scalar": one step per neuron or weight; "layer": one step per layer in
vector form) read the same computed arrays, so their numbers are identical.

The error is E = ½‖d − y‖² (for a softmax output the cross-entropy
E = −Σ d_k log y_k, see :mod:`nnviz.core.lecture.losses`) and the update is
plain SGD on it, exactly what
``torch.optim.SGD(lr=η)`` does after ``loss.backward()`` (see
:mod:`nnviz.core.lecture.torch_check`):

- output deltas δ_k = (d_k − y_k) f′(net_k) (softmax with cross-entropy:
  δ_k = d_k − y_k), always δ_k = −∂E/∂net_k; a "chain_rule" step before them
  derives ∂E/∂ω_jk = ∂E/∂y_k · ∂y_k/∂net_k · ∂net_k/∂ω_jk = −δ_k h_j;
- hidden deltas δ_j = f′(net_j) Σ_k δ_k ω_jk, with the weights from before
  the update (the slides write step 6 as Σ_{j=1}^{m} δ_j ω_ij; in their own
  convention, ω_jk from j to k, that sum is Σ_k δ_k ω_jk);
- Δω_jk = η δ_k h_j, ω_jk ← ω_jk + Δω_jk; Δb_k = η δ_k unless biases are frozen;
- with dropout (:mod:`nnviz.core.lecture.dropout`), a "dropout" step after each
  hidden output writes h̃_j = m_j h_j / (1 − p), which the next layer uses, and
  δ_j gets the factor m_j / (1 − p).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from nnviz.core.errors import UserError, template
from nnviz.core.lecture._trace_arrays import TraceArrays
from nnviz.core.lecture.dropout import DropoutMasks
from nnviz.core.lecture.lecture_renderer import LectureRenderer
from nnviz.core.lecture.losses import check_target, error_value, loss_for
from nnviz.core.lecture.steps import (
    Step,
    StepRenderer,
    StepState,
    apply_step,
    nan_like,
)
from nnviz.core.model.activations import get
from nnviz.core.model.network import Network

__all__ = [
    "GRANULARITIES",
    "Step",
    "StepState",
    "UpdateTrace",
    "as_vector",
    "backprop_update",
    "check_backprop_network",
    "check_eta",
    "error_of",
    "repeat_updates",
]

GRANULARITIES: tuple[str, ...] = ("scalar", "layer")
LANGS: tuple[str, ...] = ("es", "en")


@dataclass(frozen=True, eq=False)
class UpdateTrace:
    """One update of the weights for one sample, as the slides write it.

    ``steps`` are in the order the slides apply them. The arrays hold the
    complete results (per network layer, index 0 = input; increments per
    weight layer): ``net_inputs[0]`` is NaN, ``outputs[0]`` is x,
    ``deltas[0]`` is NaN; with frozen biases ``bias_increments`` are zeros and
    no step sets them. Nothing here is ever modified: the arrays, those of
    ``network_before`` and ``network_after`` included, are read-only (use
    ``network_after.copy()`` for a network to edit).
    """

    network_before: Network
    network_after: Network
    x: np.ndarray
    d: np.ndarray
    eta: float
    freeze_biases: bool
    granularity: str
    lang: str
    steps: tuple[Step, ...]
    net_inputs: tuple[np.ndarray, ...]
    outputs: tuple[np.ndarray, ...]
    deltas: tuple[np.ndarray, ...]
    weight_increments: tuple[np.ndarray, ...]
    bias_increments: tuple[np.ndarray, ...]
    #: E on the sample before the update
    error: float
    #: "squared" or "cross_entropy"
    loss: str = "squared"
    #: the update's dropout masks, None without dropout
    dropout: DropoutMasks | None = None
    #: the computed numbers the steps were made from
    data: TraceArrays | None = None

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def error_before(self) -> float:
        return self.error

    def error_after(self) -> float:
        """E on the same sample with the updated network (a fresh forward pass)."""
        return error_of(self.network_after, self.x, self.d)

    def state_after(self, i: int) -> StepState:
        """What is known after step ``i`` (-1: before the first step).

        A node's value, a delta or an edge's weight changes exactly at the step
        whose formula computes it; stepping back rebuilds the earlier state
        bit for bit. Costs O(i) small writes.
        """
        if not -1 <= i < len(self.steps):
            raise IndexError(f"step {i} is outside 0..{len(self.steps) - 1}")
        net = self.network_before.copy()
        arrays: dict[str, Any] = {
            "net": nan_like(list(self.net_inputs)),
            "out": nan_like(list(self.outputs)),
            "delta": nan_like(list(self.deltas)),
            "dw": nan_like(list(self.weight_increments)),
            "db": nan_like(list(self.bias_increments)),
            "w": net.weights,
            "b": net.biases,
            "error": math.nan,
        }
        arrays["out"][0] = self.x.copy()
        for step in self.steps[: i + 1]:
            apply_step(arrays, step)
        return StepState(
            index=i,
            network=net,
            net_inputs=arrays["net"],
            outputs=arrays["out"],
            error=arrays["error"],
            deltas=arrays["delta"],
            weight_increments=arrays["dw"],
            bias_increments=arrays["db"],
        )

    def steps_of_slide(self, slide_step: int) -> list[Step]:
        """The steps that belong to one of the slides' seven steps."""
        return [s for s in self.steps if s.slide_step == slide_step]

    def with_granularity(self, granularity: str) -> UpdateTrace:
        """The same update with the other granularity (numbers identical)."""
        if granularity == self.granularity:
            return self
        if self.steps and self.steps[0].formula_id.startswith("perceptron"):
            raise UserError("The perceptron rule is shown one formula at a time (granularity 'scalar').")
        return backprop_update(
            self.network_before, self.x, self.d, self.eta, self.freeze_biases, granularity, self.lang,
            self.dropout,
        )


# ------------------------------------------------------------------ checks
def check_backprop_network(network: Network) -> None:
    """Refuse, with one sentence, a network the slides' backprop cannot update."""
    for i, name in enumerate(network.activations):
        act = get(name)
        output = i == len(network.activations) - 1
        if name == "softmax" and output:
            continue  # with the cross-entropy: δ_k = d_k − y_k
        if not act.differentiable:
            if name == "softmax":
                message = _NO_SOFTMAX[0] if output else _NO_SOFTMAX[1]
            else:
                message = _NOT_DIFFERENTIABLE[0] if output else _NOT_DIFFERENTIABLE[1]
            raise UserError(message, name, i + 1)


# (output layer, hidden layer {1}) sentences for check_backprop_network
_NO_SOFTMAX = (
    template(
        "Backpropagation cannot use the {0} activation of the output layer: its derivative is not "
        "one number per neuron, which the slides' deltas need (use identity, sigmoid, tanh or relu; "
        "the step function is for the perceptron rule)."
    ),
    template(
        "Backpropagation cannot use the {0} activation of the layer {1}: its derivative is not "
        "one number per neuron, which the slides' deltas need (use identity, sigmoid, tanh or relu; "
        "the step function is for the perceptron rule)."
    ),
)
_NOT_DIFFERENTIABLE = (
    template(
        "Backpropagation cannot use the {0} activation of the output layer: it is not "
        "differentiable, so it has no derivative f' for the deltas (use identity, sigmoid, tanh "
        "or relu; the step function is for the perceptron rule)."
    ),
    template(
        "Backpropagation cannot use the {0} activation of the layer {1}: it is not "
        "differentiable, so it has no derivative f' for the deltas (use identity, sigmoid, tanh "
        "or relu; the step function is for the perceptron rule)."
    ),
)

# what as_vector says about the input x and the target d: (not numbers, 1 number,
# {0} numbers, not finite); {1} is the size the network needs
_VECTOR_ERRORS = {
    "input": (
        template("The input must be numbers."),
        template("The input has 1 number but the network needs {1}."),
        template("The input has {0} numbers but the network needs {1}."),
        template("The input contains a number that is not finite."),
    ),
    "target": (
        template("The target must be numbers."),
        template("The target has 1 number but the network needs {1}."),
        template("The target has {0} numbers but the network needs {1}."),
        template("The target contains a number that is not finite."),
    ),
}


def as_vector(values: Any, size: int, what: str) -> np.ndarray:
    """``values`` as a finite float64 vector of ``size`` numbers, or a UserError;
    ``what`` is "input" or "target"."""
    not_numbers, one, many, not_finite = _VECTOR_ERRORS[what]
    try:
        arr = np.array(values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise UserError(not_numbers) from None
    if arr.size != size:
        raise UserError(one if arr.size == 1 else many, arr.size, size)
    if not np.all(np.isfinite(arr)):
        raise UserError(not_finite)
    return arr


def check_eta(eta: Any) -> float:
    """η as a float, or a UserError if it is not a positive finite number."""
    try:
        value = float(eta)
    except (TypeError, ValueError):
        raise UserError("The learning rate η must be a number, not {0!r}.", eta) from None
    if isinstance(eta, bool) or not math.isfinite(value) or value <= 0:
        raise UserError("The learning rate η must be a positive finite number, not {0!r}.", eta)
    return value


def _check_network_numbers(network: Network) -> None:
    for li, (w, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
            raise UserError(
                "The weights or biases of layer {0} contain a number that is not finite.", li + 1
            )


def error_of(network: Network, x: np.ndarray, d: np.ndarray) -> float:
    """E of ``network`` on one sample: ½‖d − y‖², or −Σ d log y for a softmax output."""
    nets, outs = network.forward_with_nets(x)
    return error_value(loss_for(network), np.asarray(d, dtype=np.float64), outs[-1], nets[-1])


# ------------------------------------------------------------------ engine
def backprop_update(
    network: Network,
    x: Sequence[float] | np.ndarray,
    d: Sequence[float] | np.ndarray,
    eta: float,
    freeze_biases: bool = False,
    granularity: str = "scalar",
    lang: str = "es",
    dropout: DropoutMasks | None = None,
) -> UpdateTrace:
    """One SGD update of ``network`` (left untouched) on the sample (x, d).

    ``dropout``: the masks of the hidden neurons for this update (see
    :func:`nnviz.core.lecture.dropout.dropout_masks`), None for none.

    Raises :class:`UserError` for a non-differentiable activation (step, sign,
    softmax in a hidden layer), an input or target of the wrong length, a
    non-finite number, a softmax target that is not probabilities, or η that
    is not a positive finite number.
    """
    if granularity not in GRANULARITIES:
        raise UserError("The granularity must be 'scalar' or 'layer', not {0!r}.", granularity)
    if lang not in LANGS:
        raise UserError("The language must be 'es' or 'en', not {0!r}.", lang)
    check_backprop_network(network)
    _check_network_numbers(network)
    xv = as_vector(x, network.layers[0], "input")
    dv = as_vector(d, network.layers[-1], "target")
    check_target(network, dv)
    eta = check_eta(eta)
    if dropout is not None and len(dropout.masks) != len(network.layers):
        raise UserError("The dropout masks do not fit the network's layers.")

    before = _snapshot(network)
    with np.errstate(over="ignore", invalid="ignore"):
        trace = _compute(before, xv, dv, eta, freeze_biases, granularity, lang, dropout)
    if not (math.isfinite(trace.error) and _finite(trace.network_after)):
        raise UserError(
            "The update gives numbers too large to be finite; use smaller inputs, targets or η."
        )
    return trace


def _snapshot(network: Network) -> Network:
    """A copy of ``network`` (Network's constructor copies the arrays once)."""
    return Network(list(network.layers), list(network.activations), network.weights, network.biases,
                   network.seed, dict(network.extra))


def _with_parameters(like: Network, weights: list[np.ndarray], biases: list[np.ndarray]) -> Network:
    """A network like ``like`` holding ``weights`` and ``biases`` themselves (fresh arrays, no copy)."""
    net = Network(list(like.layers), list(like.activations), [], [], like.seed, dict(like.extra))
    net.weights, net.biases = list(weights), list(biases)
    return net


def _finite(net: Network) -> bool:
    return all(np.all(np.isfinite(a)) for a in (*net.weights, *net.biases))


def _compute(
    before: Network, xv: np.ndarray, dv: np.ndarray, eta: float, freeze_biases: bool, granularity: str, lang: str,
    dropout: DropoutMasks | None = None,
) -> UpdateTrace:
    n_w = before.n_weight_layers
    acts = [get(name) for name in before.activations]
    ws, bs = before.weights, before.biases
    loss = loss_for(before)

    # feed forward (a hidden layer with dropout passes on h̃ = m h / (1 − p))
    nets: list[np.ndarray] = [np.full(xv.shape, math.nan)]
    outs: list[np.ndarray] = [xv]
    raw: list[np.ndarray] = [xv]
    for li in range(n_w):
        a = outs[li] @ ws[li] + bs[li]
        nets.append(a)
        h = acts[li].f(a)
        raw.append(h)
        scale = dropout.scale(li + 1) if dropout is not None else None
        outs.append(h if scale is None else h * scale)
    y = outs[-1]
    err = error_value(loss, dv, y, nets[n_w])

    # deltas (δ = −∂E/∂net), all with the weights from before the update
    deltas: list[np.ndarray] = [np.full(xv.shape, math.nan)] * (n_w + 1)
    deltas[n_w] = (dv - y) if loss == "cross_entropy" else (dv - y) * acts[-1].df(nets[n_w], y)
    for li in range(n_w - 1, 0, -1):
        deltas[li] = acts[li - 1].df(nets[li], raw[li]) * (ws[li] @ deltas[li + 1])
        scale = dropout.scale(li) if dropout is not None else None
        if scale is not None:
            deltas[li] = deltas[li] * scale

    # increments and updates
    dws, dbs, new_w, new_b = [], [], [], []
    for li in range(n_w):
        dw = eta * np.outer(outs[li], deltas[li + 1])
        db = np.zeros_like(bs[li]) if freeze_biases else eta * deltas[li + 1]
        dws.append(dw)
        dbs.append(db)
        new_w.append(ws[li] + dw)
        new_b.append(bs[li] if freeze_biases else bs[li] + db)
    after = _with_parameters(before, new_w, new_b)

    # the trace is a record: its arrays (both networks' included) are read-only;
    # Network.copy() gives writable ones
    for arr in (*nets, *outs, *raw, *deltas, *dws, *dbs, *new_w, *new_b, *ws, *bs):
        arr.flags.writeable = False

    data = TraceArrays(before, xv, dv, eta, freeze_biases, nets, outs, deltas, dws, dbs, new_w, new_b, err,
                       loss, raw, dropout)
    renderer = LectureRenderer(data)
    steps = _make_steps(data, renderer, granularity, lang)
    return UpdateTrace(
        network_before=before,
        network_after=after,
        x=xv,
        d=dv,
        eta=eta,
        freeze_biases=freeze_biases,
        granularity=granularity,
        lang=lang,
        steps=steps,
        net_inputs=tuple(nets),
        outputs=tuple(outs),
        deltas=tuple(deltas),
        weight_increments=tuple(dws),
        bias_increments=tuple(dbs),
        error=err,
        loss=loss,
        dropout=dropout,
        data=data,
    )


def _make_steps(
    t: TraceArrays, renderer: StepRenderer, granularity: str, lang: str
) -> tuple[Step, ...]:
    steps: list[Step] = []
    layers = t.network.layers
    n_w = len(layers) - 1
    scalar = granularity == "scalar"

    def add(phase: str, slide: int, fid: str, layer: int, idx: tuple[int, ...], sets: tuple, value: Any) -> None:
        steps.append(Step(len(steps), phase, slide, fid, layer, idx, sets, value, granularity, lang, renderer))

    # 1-2: feed forward
    for li in range(1, n_w + 1):
        slide = 1 if (li == 1 and n_w > 1) else 2
        masked = t.mask(li) is not None
        if scalar and li == n_w and t.loss == "cross_entropy":
            # every softmax output depends on every net input: all nets first
            for k in range(layers[li]):
                add("forward", slide, "net", li, (k,), ("net", li, k), float(t.nets[li][k]))
            for k in range(layers[li]):
                add("forward", slide, "out", li, (k,), ("out", li, k), float(t.outs[li][k]))
        elif scalar:
            for k in range(layers[li]):
                add("forward", slide, "net", li, (k,), ("net", li, k), float(t.nets[li][k]))
                add("forward", slide, "out", li, (k,), ("out", li, k), float(t.raw(li)[k]))
                if masked:
                    add("forward", slide, "dropout", li, (k,), ("out", li, k), float(t.outs[li][k]))
        else:
            add("forward", slide, "net", li, (), ("net", li), t.nets[li])
            add("forward", slide, "out", li, (), ("out", li), t.raw(li))
            if masked:
                add("forward", slide, "dropout", li, (), ("out", li), t.outs[li])
    # 3: error, the chain rule that names δ, and the output deltas
    add("error", 3, "error", n_w, (), ("error",), t.error)
    h = t.outs[n_w - 1]
    if scalar:
        # the derivation for the weight from the first neuron into each output,
        # then the deltas it names (grouped like the layer steps)
        for k in range(layers[n_w]):
            add("backward", 3, "chain_rule", n_w, (k,), ("chain", n_w - 1, 0, k), float(-t.deltas[n_w][k] * h[0]))
        for k in range(layers[n_w]):
            add("backward", 3, "delta_out", n_w, (k,), ("delta", n_w, k), float(t.deltas[n_w][k]))
    else:
        grad = -np.outer(h, t.deltas[n_w])
        grad.flags.writeable = False
        add("backward", 3, "chain_rule", n_w, (), ("chain", n_w - 1), grad)
        add("backward", 3, "delta_out", n_w, (), ("delta", n_w), t.deltas[n_w])
    # 4-5 for the last weight layer, 6-7 for each earlier one (hidden deltas first)
    for li in range(n_w - 1, -1, -1):
        last = li == n_w - 1
        if not last:
            if scalar:
                for j in range(layers[li + 1]):
                    add("backward", 6, "delta_hidden", li + 1, (j,), ("delta", li + 1, j), float(t.deltas[li + 1][j]))
            else:
                add("backward", 6, "delta_hidden", li + 1, (), ("delta", li + 1), t.deltas[li + 1])
        inc_slide, upd_slide = (4, 5) if last else (6, 7)
        if scalar:
            for k in range(layers[li + 1]):
                for j in range(layers[li]):
                    add("backward", inc_slide, "dw", li + 1, (j, k), ("dw", li, j, k), float(t.dws[li][j, k]))
                if not t.freeze_biases:
                    add("backward", inc_slide, "db", li + 1, (k,), ("db", li, k), float(t.dbs[li][k]))
            for k in range(layers[li + 1]):
                for j in range(layers[li]):
                    add("update", upd_slide, "w_update", li + 1, (j, k), ("w", li, j, k), float(t.new_w[li][j, k]))
                if not t.freeze_biases:
                    add("update", upd_slide, "b_update", li + 1, (k,), ("b", li, k), float(t.new_b[li][k]))
        else:
            add("backward", inc_slide, "dw", li + 1, (), ("dw", li), t.dws[li])
            if not t.freeze_biases:
                add("backward", inc_slide, "db", li + 1, (), ("db", li), t.dbs[li])
            add("update", upd_slide, "w_update", li + 1, (), ("w", li), t.new_w[li])
            if not t.freeze_biases:
                add("update", upd_slide, "b_update", li + 1, (), ("b", li), t.new_b[li])
    return tuple(steps)


def repeat_updates(
    network: Network,
    x: Sequence[float] | np.ndarray,
    d: Sequence[float] | np.ndarray,
    eta: float,
    n: int,
    freeze_biases: bool = False,
) -> Network:
    """``n`` plain SGD updates on the same sample (same numbers as ``n``
    traces, without the steps); returns the updated copy."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise UserError("The number of updates must be a whole number of at least 0, not {0!r}.", n)
    check_backprop_network(network)
    _check_network_numbers(network)
    xv = as_vector(x, network.layers[0], "input")
    dv = as_vector(d, network.layers[-1], "target")
    check_target(network, dv)
    eta = check_eta(eta)
    net = network.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        ws, bs = _repeat(net, xv, dv, eta, n, freeze_biases)
    net.weights, net.biases = ws, bs
    if not _finite(net):
        raise UserError(
            "The weights stop being finite numbers within {0} updates: the training diverges; "
            "try a smaller η.",
            n,
            exit_code=3,
        )
    return net


def _repeat(
    net: Network, xv: np.ndarray, dv: np.ndarray, eta: float, n: int, freeze_biases: bool
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    acts = [get(name) for name in net.activations]
    ws, bs = net.weights, net.biases
    n_w = net.n_weight_layers
    for _ in range(n):
        nets, outs = [xv], [xv]
        for li in range(n_w):
            a = outs[li] @ ws[li] + bs[li]
            nets.append(a)
            outs.append(acts[li].f(a))
        if net.activations[-1] == "softmax":  # with the cross-entropy
            delta = dv - outs[-1]
        else:
            delta = (dv - outs[-1]) * acts[-1].df(nets[-1], outs[-1])
        new_w, new_b = list(ws), list(bs)
        for li in range(n_w - 1, -1, -1):
            new_w[li] = ws[li] + eta * np.outer(outs[li], delta)
            if not freeze_biases:
                new_b[li] = bs[li] + eta * delta
            if li > 0:
                delta = acts[li - 1].df(nets[li], outs[li]) * (ws[li] @ delta)
        ws, bs = new_w, new_b
    return ws, bs
