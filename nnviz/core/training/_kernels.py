"""Numba kernels of the compiled engine: a slice of an epoch, or several epochs, per call.

Everything is float64. :func:`train_batches` runs consecutive batches of one
epoch (and evaluates at the epoch's end); :func:`train_epochs` runs whole
epochs; with no batches to run, :func:`train_batches` only evaluates.

All parameters of the network live in one flat float64 vector ``params``:
layer ``l``'s weights ω_jk at ``params[w_off[l] + j * sizes[l+1] + k]`` (the
slides' index order, as :class:`nnviz.core.model.network.Network` keeps them) and its
biases at ``params[b_off[l] + k]``. Optimizer state (momentum buffer, Adam's
first and second moments) are vectors of the same length, so one kernel serves
every architecture and no re-compilation happens when the layers change.

The kernels are compiled with ``nogil=True``: the training thread releases the
GIL while they run, so the GUI thread keeps painting. ``cache=True`` writes the
machine code to disk; numba's cache goes to the user's cache folder (set
below, before numba is imported).

Speed: a tiny network's layers are too narrow (8 neurons) for SIMD, so a
batch is processed as a block with the samples as the inner, contiguous
dimension, and LLVM vectorizes over them. Most of the time then goes to
``tanh`` and ``exp``: libm's are scalar calls, so :func:`_expm1_parts` is a
plain-arithmetic exp (Cody–Waite reduction, degree-13 Taylor polynomial, 2^n
built from the bits) that vectorizes, accurate to a few units in the last
place: results stay within about 1e-15 of torch's.
"""

from __future__ import annotations

import math
import os
from pathlib import Path


def numba_cache_dir() -> Path:
    """Where nnviz keeps numba's machine-code cache.

    ``$NNVIZ_CACHE_DIR/numba``, else ``~/.cache/nnviz/numba`` (numba's default,
    beside this module, may be read-only in an installed package).
    """
    base = os.environ.get("NNVIZ_CACHE_DIR")
    if base:
        return Path(base) / "numba"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "nnviz" / "numba"


# Must happen before numba is imported; a user's own setting wins.
if "NUMBA_CACHE_DIR" not in os.environ:
    os.environ["NUMBA_CACHE_DIR"] = str(numba_cache_dir())

import numpy as np  # noqa: E402
from llvmlite import ir  # noqa: E402
from numba import njit, types  # noqa: E402
from numba.extending import intrinsic  # noqa: E402

# Codes shared with nnviz.core.training.compiled.
ACT_IDENTITY, ACT_SIGMOID, ACT_TANH, ACT_RELU, ACT_SOFTMAX = 0, 1, 2, 3, 4
LOSS_MSE, LOSS_CE, LOSS_BCE = 0, 1, 2
OPT_SGD, OPT_ADAM = 0, 1

# error_model="numpy": a division by zero gives inf/nan instead of a Python
# exception, which keeps the exception path out of the loops (LLVM then
# vectorizes them). Helpers are inlined into the kernels: a numba call that
# passes arrays pays reference counting on every call.
_KERNEL = dict(nogil=True, cache=True, error_model="numpy")
_SCALAR = dict(nogil=True, cache=True, error_model="numpy", inline="always")


# ------------------------------------------------------------------ exp
@intrinsic
def _bits_of(typingctx, x):  # noqa: ARG001
    """The IEEE bits of a float64 as an int64 (a no-op the vectorizer keeps)."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(64))

    return types.int64(types.float64), codegen


@intrinsic
def _float_of(typingctx, n):  # noqa: ARG001
    """The float64 whose IEEE bits are the int64 ``n``."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())

    return types.float64(types.int64), codegen


_LOG2E = 1.4426950408889634
_LN2_HI = 0.6931471803691238  # low 21 bits zero: n * _LN2_HI is exact
_LN2_LO = 1.9082149292705877e-10
_SHIFTER = 6755399441055744.0  # 1.5 * 2**52: adding it rounds to an integer
_SHIFTER_BITS = 0x4338000000000000


@njit(**_SCALAR)
def _expm1_parts(y: float) -> tuple[float, float]:
    """(2^n, q) with exp(y) = 2^n (1 + q), for -700 <= y <= 700.

    Then exp(y) = s*q + s and expm1(y) = s*q + (s - 1), both accurate to a few
    ulp (for |y| < ln2/2, n = 0 and expm1 = q keeps full relative precision).
    """
    t = y * _LOG2E + _SHIFTER
    n = t - _SHIFTER
    r = (y - n * _LN2_HI) - n * _LN2_LO
    q = 1.0 / 6227020800.0
    q = q * r + 1.0 / 479001600.0
    q = q * r + 1.0 / 39916800.0
    q = q * r + 1.0 / 3628800.0
    q = q * r + 1.0 / 362880.0
    q = q * r + 1.0 / 40320.0
    q = q * r + 1.0 / 5040.0
    q = q * r + 1.0 / 720.0
    q = q * r + 1.0 / 120.0
    q = q * r + 1.0 / 24.0
    q = q * r + 1.0 / 6.0
    q = q * r + 0.5
    q = q * r * r + r
    scale = _float_of((_bits_of(t) - _SHIFTER_BITS + 1023) << 52)
    return scale, q


@njit(**_SCALAR)
def _tanh(x: float) -> float:
    """tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)), with the sign of x."""
    a = abs(x)
    a = 20.0 if a > 20.0 else a  # tanh(20) is 1.0 in float64; NaN stays NaN
    s, q = _expm1_parts(-2.0 * a)
    em = s * q + (s - 1.0)
    r = -em / (2.0 + em)
    return r if x >= 0.0 else -r


@njit(**_SCALAR)
def _sigmoid(x: float) -> float:
    """1 / (1 + e^-x), from e^-|x| so that nothing overflows."""
    a = abs(x)
    s, q = _expm1_parts(-(700.0 if a > 700.0 else a))
    e = s * q + s
    return 1.0 / (1.0 + e) if x >= 0.0 else e / (1.0 + e)


@njit(**_SCALAR)
def _exp_nonpositive(y: float) -> float:
    s, q = _expm1_parts(-700.0 if y < -700.0 else y)
    return s * q + s


# ------------------------------------------------------------------ layers
# A batch is processed as a block: ``h[u, s]`` is the output of neuron u (all
# layers, input first, layer l from ``u_off[l]``) for sample s of the block,
# ``d[u, s]`` its dE/da. The loops run over the samples, which are contiguous,
# so LLVM vectorizes them; the block is as wide as the batch rounded up to a
# multiple of 4, and the extra columns are computed and ignored.


@njit(**_SCALAR)
def _dact(y: float, code: int) -> float:
    """Derivative of an element-wise activation from its output ``y``."""
    if code == ACT_TANH:
        return 1.0 - y * y
    if code == ACT_SIGMOID:
        return (1.0 - y) * y
    if code == ACT_RELU:
        return 1.0 if y > 0.0 else 0.0
    return 1.0


@njit(**_KERNEL)
def _forward_block(
    params: np.ndarray,
    sizes: np.ndarray,
    w_off: np.ndarray,
    b_off: np.ndarray,
    u_off: np.ndarray,
    acts: np.ndarray,
    x: np.ndarray,
    rows: np.ndarray,
    r0: int,
    nb: int,
    h: np.ndarray,
    logits: np.ndarray,
) -> None:
    """Forward pass of the samples ``x[rows[r0 + s]]``, s < nb, into ``h``.

    ``logits[k, s]`` receives the output layer's net input (for a stable
    log-softmax).
    """
    n_layers = sizes.shape[0] - 1
    bw = h.shape[1]
    for s in range(nb):
        i = rows[r0 + s]
        for j in range(sizes[0]):
            h[j, s] = x[i, j]
    for layer in range(n_layers):
        nin = sizes[layer]
        nout = sizes[layer + 1]
        ii = u_off[layer]
        oo = u_off[layer + 1]
        wo = w_off[layer]
        bo = b_off[layer]
        for k in range(nout):
            bk = params[bo + k]
            for s in range(bw):
                h[oo + k, s] = bk
        for j in range(nin):
            for k in range(nout):
                w = params[wo + j * nout + k]
                for s in range(bw):
                    h[oo + k, s] += w * h[ii + j, s]
        code = acts[layer]
        if layer == n_layers - 1:
            for k in range(nout):
                for s in range(bw):
                    logits[k, s] = h[oo + k, s]
        if code == ACT_SOFTMAX:
            for s in range(nb):
                m = h[oo, s]
                for k in range(1, nout):
                    m = max(m, h[oo + k, s])
                total = 0.0
                for k in range(nout):
                    e = _exp_nonpositive(h[oo + k, s] - m)
                    h[oo + k, s] = e
                    total += e
                for k in range(nout):
                    h[oo + k, s] /= total
        elif code == ACT_TANH:
            for k in range(oo, oo + nout):
                for s in range(bw):
                    h[k, s] = _tanh(h[k, s])
        elif code == ACT_SIGMOID:
            for k in range(oo, oo + nout):
                for s in range(bw):
                    h[k, s] = _sigmoid(h[k, s])
        elif code == ACT_RELU:
            for k in range(oo, oo + nout):
                for s in range(bw):
                    h[k, s] = 0.0 if h[k, s] < 0.0 else h[k, s]


@njit(**_SCALAR)
def _sample_loss(
    h: np.ndarray,
    ob: int,
    n: int,
    s: int,
    logits: np.ndarray,
    t: np.ndarray,
    i: int,
    loss_code: int,
) -> float:
    """Error of block sample s (targets ``t[i]``); its output k is ``h[ob + k, s]``."""
    total = 0.0
    if loss_code == LOSS_MSE:
        for k in range(n):
            e = h[ob + k, s] - t[i, k]
            total += e * e
        return 0.5 * total
    if loss_code == LOSS_CE:
        # -sum_k d_k log softmax(a)_k, with log softmax = a - logsumexp(a)
        m = logits[0, s]
        for k in range(1, n):
            m = max(m, logits[k, s])
        z = 0.0
        for k in range(n):
            z += math.exp(logits[k, s] - m)
        lse = m + math.log(z)
        for k in range(n):
            if t[i, k] != 0.0:
                total -= t[i, k] * (logits[k, s] - lse)
        return total
    # binary cross-entropy of sigmoid outputs from the net input, summed over
    # the outputs: -[d log σ(a) + (1-d) log(1-σ(a))] = max(a,0) - a d + log(1 + e^-|a|)
    for k in range(n):
        a = logits[k, s]
        total += max(a, 0.0) - a * t[i, k] + math.log1p(math.exp(-abs(a)))
    return total


# ------------------------------------------------------------------ training
@njit(**_KERNEL)
def train_batches(
    params: np.ndarray,
    sizes: np.ndarray,
    w_off: np.ndarray,
    b_off: np.ndarray,
    u_off: np.ndarray,
    acts: np.ndarray,
    loss_code: int,
    x: np.ndarray,
    t: np.ndarray,
    order: np.ndarray,
    start: int,
    n_batches: int,
    batch_size: int,
    opt_code: int,
    lr: float,
    momentum: float,
    beta1: float,
    beta2: float,
    eps: float,
    l1: float,
    l2: float,
    reg_mask: np.ndarray,
    state1: np.ndarray,
    state2: np.ndarray,
    steps: np.ndarray,
    grad: np.ndarray,
    h: np.ndarray,
    d: np.ndarray,
    logits: np.ndarray,
    errors: np.ndarray,
    eval_mask: int,
    y: np.ndarray,
    x_val: np.ndarray,
    t_val: np.ndarray,
    y_val: np.ndarray,
    threshold: float,
    rows: np.ndarray,
    eval_h: np.ndarray,
    eval_logits: np.ndarray,
    metrics: np.ndarray,
) -> int:
    """Do up to ``n_batches`` updates on consecutive batches of ``order`` from ``start``.

    Batch i holds the samples ``order[start + i*batch_size : start + (i+1)*batch_size]``
    (clipped at the end of ``order``). Each update follows
    :mod:`nnviz.core.training.engine`'s definitions: E_B = mean over the batch of the
    sample errors, gradient of J_B = E_B + l2·½Σω² + l1·Σ|ω| (ω where
    ``reg_mask``; d|ω|/dω = sign ω) by backpropagation, then SGD
    (v ← μ v + g; ω ← ω − η v) or Adam (torch's update and bias correction,
    t in ``steps[0]``). ``state1``/``state2`` are the momentum buffer or
    Adam's moments. ``errors[0] += |B|·E_B`` and ``errors[1] += |B|`` per update.

    Work space: ``grad`` as long as ``params``; ``h``, ``d`` (a row per
    neuron) and ``logits`` (a row per output) with at least ``batch_size``
    columns.

    When the call reaches the end of ``order`` it also evaluates, in the same
    call (one release of the GIL per epoch instead of three), the training set
    (``x``, ``t``, labels ``y``) if ``eval_mask & 1`` and the validation set if
    ``eval_mask & 2`` (:func:`_evaluate`): ``metrics`` = [train error,
    train accuracy, validation error, validation accuracy].

    Returns the position after the last sample used.
    """
    n_layers = sizes.shape[0] - 1
    n = order.shape[0]
    n_params = params.shape[0]
    ob = u_off[n_layers]
    n_out = sizes[n_layers]
    out_act = acts[n_layers - 1]
    bw = h.shape[1]
    pos = start
    for _ in range(n_batches):
        if pos >= n:
            break
        end = min(pos + batch_size, n)
        nb = end - pos
        _forward_block(params, sizes, w_off, b_off, u_off, acts, x, order, pos, nb, h, logits)
        # error and dE/da of the output layer (the extra columns of d stay 0)
        loss = 0.0
        if loss_code == LOSS_MSE and out_act != ACT_SOFTMAX:
            for k in range(n_out):
                for s in range(nb):
                    e = h[ob + k, s] - t[order[pos + s], k]
                    loss += e * e
                    d[ob + k, s] = e * _dact(h[ob + k, s], out_act)
            loss *= 0.5
        else:
            for s in range(nb):
                i = order[pos + s]
                loss += _sample_loss(h, ob, n_out, s, logits, t, i, loss_code)
                if loss_code == LOSS_CE:
                    st = 0.0
                    for k in range(n_out):
                        st += t[i, k]
                    for k in range(n_out):
                        d[ob + k, s] = h[ob + k, s] * st - t[i, k]
                else:
                    for k in range(n_out):
                        d[ob + k, s] = h[ob + k, s] - t[i, k]
                    if loss_code == LOSS_MSE:  # softmax output: its Jacobian
                        dot = 0.0
                        for k in range(n_out):
                            dot += d[ob + k, s] * h[ob + k, s]
                        for k in range(n_out):
                            d[ob + k, s] = h[ob + k, s] * (d[ob + k, s] - dot)
        for k in range(n_out):
            for s in range(nb, bw):
                d[ob + k, s] = 0.0
        # backward: dE/da of the hidden layers, from the weights before the step
        for layer in range(n_layers - 1, 0, -1):
            nin = sizes[layer]
            nout = sizes[layer + 1]
            ii = u_off[layer]
            oo = u_off[layer + 1]
            wo = w_off[layer]
            code = acts[layer - 1]
            for j in range(nin):
                for s in range(bw):
                    d[ii + j, s] = 0.0
                for k in range(nout):
                    w = params[wo + j * nout + k]
                    for s in range(bw):
                        d[ii + j, s] += w * d[oo + k, s]
                for s in range(bw):
                    d[ii + j, s] *= _dact(h[ii + j, s], code)
        # gradient of the batch mean (the extra columns of d are 0)
        inv = 1.0 / nb
        for layer in range(n_layers):
            nin = sizes[layer]
            nout = sizes[layer + 1]
            ii = u_off[layer]
            oo = u_off[layer + 1]
            wo = w_off[layer]
            bo = b_off[layer]
            for k in range(nout):
                acc = 0.0
                for s in range(bw):
                    acc += d[oo + k, s]
                grad[bo + k] = acc * inv
            for j in range(nin):
                for k in range(nout):
                    acc = 0.0
                    for s in range(bw):
                        acc += h[ii + j, s] * d[oo + k, s]
                    grad[wo + j * nout + k] = acc * inv
        errors[0] += loss
        errors[1] += nb
        if l2 != 0.0:
            for p in range(n_params):
                if reg_mask[p]:
                    grad[p] += l2 * params[p]
        if l1 != 0.0:
            for p in range(n_params):
                if reg_mask[p]:
                    w = params[p]
                    grad[p] += l1 if w > 0.0 else (-l1 if w < 0.0 else 0.0)
        steps[0] += 1
        if opt_code == OPT_ADAM:
            tt = steps[0]
            step_size = lr / (1.0 - beta1**tt)
            sq2 = math.sqrt(1.0 - beta2**tt)
            for p in range(n_params):
                g = grad[p]
                state1[p] += (g - state1[p]) * (1.0 - beta1)
                state2[p] = state2[p] * beta2 + (1.0 - beta2) * g * g
                params[p] -= step_size * (state1[p] / (math.sqrt(state2[p]) / sq2 + eps))
        elif momentum != 0.0:
            for p in range(n_params):
                state1[p] = momentum * state1[p] + grad[p]
                params[p] -= lr * state1[p]
        else:
            for p in range(n_params):
                params[p] -= lr * grad[p]
        pos = end
    if pos >= n:
        if eval_mask & 1:
            metrics[0], metrics[1] = _evaluate(
                params, sizes, w_off, b_off, u_off, acts, loss_code, x, t, y, threshold, rows,
                eval_h, eval_logits,
            )  # fmt: skip
        if eval_mask & 2:
            metrics[2], metrics[3] = _evaluate(
                params, sizes, w_off, b_off, u_off, acts, loss_code, x_val, t_val, y_val,
                threshold, rows, eval_h, eval_logits,
            )  # fmt: skip
    return pos


@njit(**_KERNEL)
def _evaluate(
    params: np.ndarray,
    sizes: np.ndarray,
    w_off: np.ndarray,
    b_off: np.ndarray,
    u_off: np.ndarray,
    acts: np.ndarray,
    loss_code: int,
    x: np.ndarray,
    t: np.ndarray,
    labels: np.ndarray,
    threshold: float,
    rows: np.ndarray,
    h: np.ndarray,
    logits: np.ndarray,
) -> tuple[float, float]:
    """Mean sample error (no penalty) and accuracy of the network on ``x``.

    The predicted class is the largest output, or for one output
    ``y > threshold``. ``rows`` is ``arange(len(x))``; ``h`` and ``logits``
    are work space as in :func:`train_batches`, used in blocks of their width.
    """
    n_layers = sizes.shape[0] - 1
    n_out = sizes[n_layers]
    ob = u_off[n_layers]
    n = x.shape[0]
    if n == 0:
        return math.nan, math.nan
    bw = h.shape[1]
    total = 0.0
    correct = 0
    for r0 in range(0, n, bw):
        nb = min(bw, n - r0)
        _forward_block(params, sizes, w_off, b_off, u_off, acts, x, rows, r0, nb, h, logits)
        for s in range(nb):
            i = r0 + s
            total += _sample_loss(h, ob, n_out, s, logits, t, i, loss_code)
            if n_out == 1:
                pred = 1 if h[ob, s] > threshold else 0
            else:
                pred = 0
                best = h[ob, s]
                for k in range(1, n_out):
                    if h[ob + k, s] > best:
                        best = h[ob + k, s]
                        pred = k
            if pred == labels[i]:
                correct += 1
    return total / n, correct / n


@njit(**_KERNEL)
def train_epochs(
    params: np.ndarray,
    sizes: np.ndarray,
    w_off: np.ndarray,
    b_off: np.ndarray,
    u_off: np.ndarray,
    acts: np.ndarray,
    loss_code: int,
    x: np.ndarray,
    t: np.ndarray,
    orders: np.ndarray,
    batch_size: int,
    opt_code: int,
    lr: float,
    momentum: float,
    beta1: float,
    beta2: float,
    eps: float,
    l1: float,
    l2: float,
    reg_mask: np.ndarray,
    state1: np.ndarray,
    state2: np.ndarray,
    steps: np.ndarray,
    grad: np.ndarray,
    h: np.ndarray,
    d: np.ndarray,
    logits: np.ndarray,
    errors: np.ndarray,
    eval_mask: int,
    y: np.ndarray,
    x_val: np.ndarray,
    t_val: np.ndarray,
    y_val: np.ndarray,
    threshold: float,
    rows: np.ndarray,
    eval_h: np.ndarray,
    eval_logits: np.ndarray,
    metrics: np.ndarray,
    saved: np.ndarray,
) -> int:
    """Whole epochs, one per row of ``orders``, in one call (the GIL released throughout).

    Each epoch is :func:`train_batches` over its order, then
    ``metrics[e]`` = [train error, train accuracy, val error, val accuracy
    (NaN where ``eval_mask`` leaves them out), mean error of the epoch's
    batches, penalty l2·½Σω² + l1·Σ|ω| at its end].
    An epoch whose monitored error (train error if evaluated, else the batch
    mean) or any parameter is not finite ends the call: the parameters go back
    to their values before it (``saved`` holds them). Returns the number of
    epochs completed; fewer than ``len(orders)`` means that one diverged.
    """
    n_params = params.shape[0]
    n = orders.shape[1]
    for e in range(orders.shape[0]):
        for p in range(n_params):
            saved[p] = params[p]
        errors[0] = 0.0
        errors[1] = 0.0
        m = metrics[e]
        for c in range(4):
            m[c] = math.nan
        train_batches(
            params, sizes, w_off, b_off, u_off, acts, loss_code, x, t, orders[e], 0, n, batch_size,
            opt_code, lr, momentum, beta1, beta2, eps, l1, l2, reg_mask, state1, state2, steps,
            grad, h, d, logits, errors, eval_mask, y, x_val, t_val, y_val, threshold, rows, eval_h,
            eval_logits, m,
        )  # fmt: skip
        m[4] = errors[0] / errors[1]
        s1 = 0.0
        s2 = 0.0
        for p in range(n_params):
            if reg_mask[p]:
                s1 += abs(params[p])
                s2 += params[p] * params[p]
        m[5] = 0.5 * l2 * s2 + l1 * s1
        finite = math.isfinite(m[0] if eval_mask & 1 else m[4])
        for p in range(n_params):
            if not math.isfinite(params[p]):
                finite = False
                break
        if not finite:
            for p in range(n_params):
                params[p] = saved[p]
            return e
    return orders.shape[0]
