"""Numba kernel of the compiled engine: one entry point, :func:`run`, compiled once.

Everything is float64. :func:`run` trains consecutive batches of one or
several epochs (the rows of ``orders``), evaluates the training and
validation sets at the end of each epoch, and with no samples to train on
only evaluates. One entry point with one argument signature means one
compilation and one entry in numba's on-disk cache (``tests/core/
test_compiled_cache.py`` reads the cache index to prove it): the helpers
below are compiled into it and are not cached on their own. Everything the
kernel compiles from lives in this one file, long as it is: numba dates its
cache by the kernel's own source file, so a helper changed in another file
would leave old machine code in the cache.

All parameters of the network live in one flat float64 vector ``params``:
layer ``l``'s weights ω_jk at ``params[w_off[l] + j * sizes[l+1] + k]`` (the
slides' index order, as :class:`nnviz.core.model.network.Network` keeps them) and its
biases at ``params[b_off[l] + k]``. Optimizer state (momentum buffer, Adam's
first and second moments) are vectors of the same length, so one kernel serves
every architecture and no re-compilation happens when the layers change.

The kernel is compiled with ``nogil=True``: the training thread releases the
GIL while it runs, so the GUI thread keeps painting. ``cache=True`` writes the
machine code to disk; numba's cache goes to the user's cache folder (set
below, before numba is imported).

Speed: a batch is processed as a block, ``h[u, s]`` the output of neuron u for
sample s, with the samples as the inner, contiguous dimension, as wide as the
batch rounded up to a multiple of 8 (a 512-bit vector of float64; the extra
columns are computed and ignored). Each layer is a matrix-matrix product
over the block, written as an LLVM intrinsic (:func:`_accumulate_rows`) that
keeps each output row's sum in vector registers; the backward pass uses the
same for dE/da and :func:`_eight_dots` for the weight gradients (eight sums
over the block at once, added across lanes in one tree); activations are
vectorised loops; the update is one loop over all parameters (penalties and
optimizer in one pass). LLVM does not keep sums in registers itself when
the sizes are run-time values, and with one signature for every network
they are. The block helpers are numba functions that LLVM inlines into the
kernel (``alwaysinline``; numba's own inlining doubled the compile time);
they ask for 512-bit vectors where the CPU has them, and vectorised loops
are not unrolled (``-force-vector-interleave=1``, see below), so a block of
16 is two vector steps, not a scalar remainder. Reductions may be
reassociated (``fastmath`` without the flags that assume no NaN or infinity,
so a diverging run is still seen). ``tanh``, the sigmoid and ``exp`` are
plain arithmetic that vectorises (libm's are scalar calls): :func:`_expm1_parts`
is a Cody–Waite reduction with a degree-13 Taylor polynomial, and the
reciprocal in tanh and the sigmoid is four Newton steps instead of a division
(the vector divider is the slowest unit on the path). Results stay within
about 1e-15 of torch's.
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

import llvmlite.binding as llvm  # noqa: E402
import numpy as np  # noqa: E402
from llvmlite import ir  # noqa: E402
from numba import njit, types  # noqa: E402
from numba.core import cgutils  # noqa: E402
from numba.extending import intrinsic  # noqa: E402

# LLVM unrolls each vectorised loop 4× by default, so a loop runs its vector
# body only from 32 samples on (4 × 8 lanes) and a block of 16 (a batch of 10)
# falls to the scalar remainder. One vector iteration per 8 lanes fits the
# blocks here, which are multiples of 8 wide. The option is global to
# llvmlite's LLVM (numba's code only; nnviz has no other numba code) and is
# read when a function is compiled, not when one is loaded from the cache.
# LLVM exits on a repeated command-line option: set it once per process.
if not getattr(llvm, "_nnviz_vector_interleave_set", False):
    llvm.set_option("nnviz", "-force-vector-interleave=1")
    llvm._nnviz_vector_interleave_set = True

# Codes shared with nnviz.core.training.compiled.
ACT_IDENTITY, ACT_SIGMOID, ACT_TANH, ACT_RELU, ACT_SOFTMAX = 0, 1, 2, 3, 4
LOSS_MSE, LOSS_CE, LOSS_BCE = 0, 1, 2
OPT_SGD, OPT_ADAM = 0, 1
#: bits of ``flags``: evaluate the training set / the validation set at the end
#: of each epoch; check each epoch for divergence (and undo it); only evaluate
EVAL_TRAIN, EVAL_VAL, GUARD, EVAL_ONLY = 1, 2, 4, 8
#: positions in ``hyper``
H_LR, H_MOMENTUM, H_BETA1, H_BETA2, H_EPS, H_L1, H_L2, H_THRESHOLD = range(8)
#: columns of a ``metrics`` row: train error, train accuracy, val error, val
#: accuracy, sum of the batch errors |B|·E_B, penalty Ψ at the epoch's end,
#: samples in those batches
M_TRAIN, M_TRAIN_ACC, M_VAL, M_VAL_ACC, M_BATCH_SUM, M_PENALTY, M_BATCH_N = range(7)
N_METRICS = 7
#: samples per block: the block width is a multiple of this
LANES = 8

# error_model="numpy": a division by zero gives inf/nan instead of a Python
# exception, which keeps the exception path out of the loops. fastmath: only
# reassociation, contraction and signed zeros; no "nnan"/"ninf", which would
# let LLVM assume away the NaN that reports a divergence.
_FAST = {"reassoc", "contract", "nsz"}
#: the block helpers: compiled once each and inlined by LLVM into the one
#: kernel that calls them (:func:`_inline_into_caller`), never cached on their own
_BLOCK = dict(nogil=True, error_model="numpy", fastmath=_FAST)
#: the scalar maths (exp, tanh, …): inlined in numba's IR into the loops that
#: call them, which then vectorise
_MATH = dict(_BLOCK, inline="always")
_KERNEL = dict(nogil=True, error_model="numpy", fastmath=_FAST, cache=True)


@intrinsic
def _wide_vectors(typingctx):  # noqa: ARG001
    """Let LLVM use 512-bit vectors in the calling function.

    LLVM prefers 256-bit vectors on AVX-512 CPUs by default; a block of 8 or
    16 samples then takes twice the instructions. On CPUs without AVX-512 the
    attribute changes nothing (LLVM keeps to the widest legal vector).
    """

    def codegen(context, builder, signature, args):
        try:  # a string attribute; llvmlite's typed set knows only the enum ones
            set.add(builder.function.attributes, '"prefer-vector-width"="512"')
        except Exception:  # noqa: BLE001 - an llvmlite without it: narrower vectors
            pass
        return context.get_dummy_value()

    return types.none(), codegen


@intrinsic
def _inline_into_caller(typingctx):  # noqa: ARG001
    """Mark the calling function ``alwaysinline``: LLVM copies the block helpers into
    the kernel when it links them (numba's own inlining would copy their IR and
    double the compile time), so a call passes no arrays through the stack."""

    def codegen(context, builder, signature, args):
        builder.function.attributes.add("alwaysinline")
        return context.get_dummy_value()

    return types.none(), codegen


class _Vectors:
    """LLVM IR for 8-wide float64 vectors over numba arrays' data (for the intrinsics below)."""

    def __init__(self, context, builder) -> None:
        self.b = builder
        self.i64 = ir.IntType(64)
        self.vty = ir.VectorType(ir.DoubleType(), 8)
        self.context = context
        self.fma = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(self.vty, [self.vty] * 3), "llvm.fma.v8f64"
        )

    def data(self, arrty, value):
        return self.context.make_array(arrty)(self.context, self.b, value).data

    def const(self, n: int):
        return ir.Constant(self.i64, n)

    def splat(self, x):
        b = self.b
        v = b.insert_element(ir.Constant(self.vty, ir.Undefined), x, self.const(0))
        zeros = ir.Constant(ir.VectorType(ir.IntType(32), 8), [0] * 8)
        return b.shuffle_vector(v, ir.Constant(self.vty, ir.Undefined), zeros)

    def load8(self, ptr, index):
        return self.b.load(self.b.bitcast(self.b.gep(ptr, [index]), self.vty.as_pointer()), align=8)

    def store8(self, value, ptr, index) -> None:
        self.b.store(
            value, self.b.bitcast(self.b.gep(ptr, [index]), self.vty.as_pointer()), align=8
        )

    def shuffle(self, x, y, lanes: list[int]):
        mask = ir.Constant(ir.VectorType(ir.IntType(32), 8), lanes)
        return self.b.shuffle_vector(x, y, mask)


@intrinsic
def _accumulate_rows(
    typingctx, dst, dst_off, src, src_off, src_stride, coef, coef_off, coef_stride, n, init, width
):  # noqa: ARG001
    """``dst[dst_off + c] = init + Σ_i coef[coef_off + i·coef_stride] · src[src_off + i·src_stride + c]``
    for c < ``width`` (a multiple of 8): 8 columns at a time, the sum kept in a
    vector register over i, which LLVM does not do for loops of run-time sizes
    (it adds to memory at every i, and each addition waits for the last store)."""
    i64 = types.int64
    sig = types.none(dst, i64, src, i64, i64, coef, i64, i64, i64, types.float64, i64)

    def codegen(context, builder, signature, args):
        dst_v, dst_off, src_v, src_off, src_stride, coef_v, coef_off, coef_stride = args[:8]
        n, init, width = args[8:]
        v = _Vectors(context, builder)
        dptr = v.data(signature.args[0], dst_v)
        sptr = v.data(signature.args[2], src_v)
        cptr = v.data(signature.args[5], coef_v)
        acc = cgutils.alloca_once(builder, v.vty)  # promoted to a register by LLVM
        with cgutils.for_range(builder, builder.udiv(width, v.const(8))) as chunk:
            c = builder.mul(chunk.index, v.const(8))
            builder.store(v.splat(init), acc)
            with cgutils.for_range(builder, n) as term:
                i = term.index
                w = builder.load(
                    builder.gep(cptr, [builder.add(coef_off, builder.mul(i, coef_stride))])
                )
                x = v.load8(sptr, builder.add(builder.add(src_off, builder.mul(i, src_stride)), c))
                builder.store(builder.call(v.fma, [v.splat(w), x, builder.load(acc)]), acc)
            v.store8(builder.load(acc), dptr, builder.add(dst_off, c))
        return context.get_dummy_value()

    return sig, codegen


@intrinsic
def _eight_dots(typingctx, out, out_off, a, a_off, b, b_off, b_stride, width, scale):  # noqa: ARG001
    """``out[out_off + k] = scale · Σ_c a[a_off + c] · b[b_off + k·b_stride + c]`` for
    k < 8, c < ``width`` (a multiple of 8): eight dot products summed in eight
    vector registers, then added across lanes all at once (a transposing tree
    of 7 additions instead of 8 separate horizontal sums of 3 each)."""
    i64 = types.int64
    sig = types.none(out, i64, a, i64, b, i64, i64, i64, types.float64)

    def codegen(context, builder, signature, args):
        out_v, out_off, a_v, a_off, b_v, b_off, b_stride, width, scale = args
        v = _Vectors(context, builder)
        optr = v.data(signature.args[0], out_v)
        aptr = v.data(signature.args[2], a_v)
        bptr = v.data(signature.args[4], b_v)
        accs = [cgutils.alloca_once(builder, v.vty) for _ in range(8)]
        zero = ir.Constant(v.vty, [0.0] * 8)
        for acc in accs:
            builder.store(zero, acc)
        with cgutils.for_range(builder, builder.udiv(width, v.const(8))) as chunk:
            c = builder.mul(chunk.index, v.const(8))
            x = v.load8(aptr, builder.add(a_off, c))
            for k, acc in enumerate(accs):
                row = builder.add(b_off, builder.mul(v.const(k), b_stride))
                y = v.load8(bptr, builder.add(row, c))
                builder.store(builder.call(v.fma, [x, y, builder.load(acc)]), acc)
        sums = [builder.load(acc) for acc in accs]
        # lanes of pairs, then of quads, then of halves: sums[k] ends in lane k
        for lanes_a, lanes_b in (
            ([0, 8, 2, 10, 4, 12, 6, 14], [1, 9, 3, 11, 5, 13, 7, 15]),
            ([0, 1, 8, 9, 4, 5, 12, 13], [2, 3, 10, 11, 6, 7, 14, 15]),
            ([0, 1, 2, 3, 8, 9, 10, 11], [4, 5, 6, 7, 12, 13, 14, 15]),
        ):
            sums = [
                builder.fadd(v.shuffle(x, y, lanes_a), v.shuffle(x, y, lanes_b))
                for x, y in zip(sums[0::2], sums[1::2], strict=True)
            ]
        v.store8(builder.fmul(sums[0], v.splat(scale)), optr, out_off)
        return context.get_dummy_value()

    return sig, codegen


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


@intrinsic
def _rint(typingctx, x):  # noqa: ARG001
    """x rounded to the nearest integer, as a float64 (LLVM's ``rint``, one vector
    instruction; reassociation cannot reach through it, unlike the 1.5·2^52 trick)."""

    def codegen(context, builder, signature, args):
        fnty = ir.FunctionType(ir.DoubleType(), [ir.DoubleType()])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.rint.f64")
        return builder.call(fn, [args[0]])

    return types.float64(types.float64), codegen


# ------------------------------------------------------------------ exp
_LOG2E = 1.4426950408889634
_LN2_HI = 0.6931471803691238  # low 21 bits zero: n * _LN2_HI is exact
_LN2_LO = 1.9082149292705877e-10
_SHIFTER = 6755399441055744.0  # 1.5 * 2**52: n + _SHIFTER holds n in its low bits
_SHIFTER_BITS = 0x4338000000000000


@njit(**_MATH)
def _expm1_parts(y: float) -> tuple[float, float]:
    """(2^n, q) with exp(y) = 2^n (1 + q), for -700 <= y <= 700.

    Then exp(y) = s*q + s and expm1(y) = s*q + (s - 1), both accurate to a few
    ulp (for |y| < ln2/2, n = 0 and expm1 = q keeps full relative precision).
    """
    n = _rint(y * _LOG2E)
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
    # n is a whole number, so n + 1.5·2^52 is exact and its low bits are n
    scale = _float_of((_bits_of(n + _SHIFTER) - _SHIFTER_BITS + 1023) << 52)
    return scale, q


@njit(**_MATH)
def _reciprocal_1_2(z: float) -> float:
    """1/z for 1 <= z <= 2, to about an ulp, without a division.

    A linear start (relative error at most 1/17) and four Newton steps, each
    squaring the error: 1/17 → 3.5e-3 → 1.2e-5 → 1.5e-10 → below an ulp.
    """
    y = 24.0 / 17.0 - (8.0 / 17.0) * z
    y = y + y * (1.0 - z * y)
    y = y + y * (1.0 - z * y)
    y = y + y * (1.0 - z * y)
    return y + y * (1.0 - z * y)


@njit(**_MATH)
def _tanh(x: float) -> float:
    """tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)), with the sign of x."""
    a = abs(x)
    a = 20.0 if a > 20.0 else a  # tanh(20) is 1.0 in float64; NaN stays NaN
    s, q = _expm1_parts(-2.0 * a)
    em = s * q + (s - 1.0)
    r = -em * _reciprocal_1_2(2.0 + em)
    return r if x >= 0.0 else -r


@njit(**_MATH)
def _sigmoid(x: float) -> float:
    """1 / (1 + e^-x), from e^-|x| so that nothing overflows."""
    a = abs(x)
    s, q = _expm1_parts(-(700.0 if a > 700.0 else a))
    e = s * q + s
    inv = _reciprocal_1_2(1.0 + e)
    return inv if x >= 0.0 else e * inv


@njit(**_MATH)
def _exp_nonpositive(y: float) -> float:
    s, q = _expm1_parts(-700.0 if y < -700.0 else y)
    return s * q + s


# ------------------------------------------------------------------ blocks
# A block: ``h[u, s]`` is the output of neuron u (all layers, input first,
# layer l from ``u_off[l]``) for sample s of the block, ``d[u, s]`` its dE/da.
# Block sample s is ``x[rows[r0 + s]]`` (rows: the epoch's order, or 0, 1, 2, …
# when evaluating). Loops over s run over a whole row of the block: the row
# index is fixed inside them and s counts from 0, so they vectorise.


@njit(**_BLOCK)
def _forward(
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
    flat: np.ndarray,
    logits: np.ndarray,
) -> None:
    """Forward pass of the block into ``h``; ``logits`` gets the output layer's net input.
    ``flat`` is ``h`` as one vector (made once per call of :func:`run`: a
    reshape per block cost more than a small layer's arithmetic)."""
    _inline_into_caller()
    _wide_vectors()
    n_layers = sizes.shape[0] - 1
    bw = h.shape[1]
    for s in range(nb):
        i = rows[r0 + s]
        for j in range(sizes[0]):
            h[j, s] = x[i, j]
    for j in range(sizes[0]):  # the extra columns: zeros, so everything stays finite
        for s in range(nb, bw):
            h[j, s] = 0.0
    for layer in range(n_layers):
        nin = sizes[layer]
        nout = sizes[layer + 1]
        ii = u_off[layer]
        oo = u_off[layer + 1]
        wo = w_off[layer]
        bo = b_off[layer]
        for k in range(nout):
            _accumulate_rows(
                flat,
                (oo + k) * bw,
                flat,
                ii * bw,
                bw,
                params,
                wo + k,
                nout,
                nin,
                params[bo + k],
                bw,
            )
        if layer == n_layers - 1:
            for k in range(nout):
                for s in range(bw):
                    logits[k, s] = h[oo + k, s]
        code = acts[layer]
        if code == ACT_TANH:
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
                    h[k, s] = max(h[k, s], 0.0)
        elif code == ACT_SOFTMAX:
            for s in range(nb):
                m = h[oo, s]
                for k in range(oo + 1, oo + nout):
                    m = max(m, h[k, s])
                total = 0.0
                for k in range(oo, oo + nout):
                    e = _exp_nonpositive(h[k, s] - m)
                    h[k, s] = e
                    total += e
                for k in range(oo, oo + nout):
                    h[k, s] /= total


@njit(**_BLOCK)
def _block_loss(
    h: np.ndarray,
    ob: int,
    n: int,
    logits: np.ndarray,
    t: np.ndarray,
    rows: np.ndarray,
    r0: int,
    nb: int,
    loss_code: int,
) -> float:
    """Sum of the sample errors of the block's first ``nb`` samples; output k is ``h[ob + k]``."""
    _inline_into_caller()
    _wide_vectors()
    total = 0.0
    if loss_code == LOSS_MSE:
        for s in range(nb):
            i = rows[r0 + s]
            for k in range(n):
                e = h[ob + k, s] - t[i, k]
                total += e * e
        return 0.5 * total
    if loss_code == LOSS_CE:
        # -sum_k d_k log softmax(a)_k, with log softmax = a - logsumexp(a)
        for s in range(nb):
            i = rows[r0 + s]
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
    for s in range(nb):
        i = rows[r0 + s]
        for k in range(n):
            a = logits[k, s]
            total += max(a, 0.0) - a * t[i, k] + math.log1p(math.exp(-abs(a)))
    return total


@njit(**_BLOCK)
def _block_correct(
    h: np.ndarray,
    ob: int,
    n: int,
    labels: np.ndarray,
    rows: np.ndarray,
    r0: int,
    nb: int,
    threshold: float,
) -> int:
    """How many of the block's samples are predicted right: the largest output,
    or for one output ``y > threshold``."""
    _inline_into_caller()
    correct = 0
    if n == 1:
        for s in range(nb):
            pred = 1 if h[ob, s] > threshold else 0
            correct += pred == labels[rows[r0 + s]]
        return correct
    for s in range(nb):
        pred = 0
        best = h[ob, s]
        for k in range(1, n):
            if h[ob + k, s] > best:
                best = h[ob + k, s]
                pred = k
        correct += pred == labels[rows[r0 + s]]
    return correct


@njit(**_BLOCK)
def _output_delta(
    h: np.ndarray,
    d: np.ndarray,
    ob: int,
    n: int,
    t: np.ndarray,
    rows: np.ndarray,
    r0: int,
    nb: int,
    loss_code: int,
    out_act: int,
) -> None:
    """dE/da of the output layer for each sample of the block (the extra columns: 0)."""
    _inline_into_caller()
    _wide_vectors()
    bw = h.shape[1]
    for s in range(nb):
        i = rows[r0 + s]
        if loss_code == LOSS_CE:  # softmax + cross-entropy: y·Σd − d
            st = 0.0
            for k in range(n):
                st += t[i, k]
            for k in range(n):
                d[ob + k, s] = h[ob + k, s] * st - t[i, k]
        else:  # y − d: sigmoid + binary cross-entropy, or the MSE's error
            for k in range(n):
                d[ob + k, s] = h[ob + k, s] - t[i, k]
            if loss_code == LOSS_MSE and out_act == ACT_SOFTMAX:  # the softmax's Jacobian
                dot = 0.0
                for k in range(n):
                    dot += d[ob + k, s] * h[ob + k, s]
                for k in range(n):
                    d[ob + k, s] = h[ob + k, s] * (d[ob + k, s] - dot)
    for k in range(ob, ob + n):
        for s in range(nb, bw):
            d[k, s] = 0.0
    if loss_code == LOSS_MSE and out_act != ACT_SOFTMAX:  # (y − d)·f'(a)
        _times_derivative(d, h, ob, n, out_act)


@njit(**_BLOCK)
def _times_derivative(d: np.ndarray, h: np.ndarray, lo: int, n: int, code: int) -> None:
    """``d *= f'(a)`` on rows lo … lo+n-1, the derivative written with the output y = f(a)."""
    _inline_into_caller()
    _wide_vectors()
    bw = h.shape[1]
    if code == ACT_TANH:
        for k in range(lo, lo + n):
            for s in range(bw):
                d[k, s] *= 1.0 - h[k, s] * h[k, s]
    elif code == ACT_SIGMOID:
        for k in range(lo, lo + n):
            for s in range(bw):
                d[k, s] *= (1.0 - h[k, s]) * h[k, s]
    elif code == ACT_RELU:
        for k in range(lo, lo + n):
            for s in range(bw):
                d[k, s] = d[k, s] if h[k, s] > 0.0 else 0.0


@njit(**_BLOCK)
def _backward(
    params: np.ndarray,
    sizes: np.ndarray,
    w_off: np.ndarray,
    b_off: np.ndarray,
    u_off: np.ndarray,
    acts: np.ndarray,
    h: np.ndarray,
    d: np.ndarray,
    hflat: np.ndarray,
    dflat: np.ndarray,
    nb: int,
    grad: np.ndarray,
) -> None:
    """dE/da of every hidden layer from the output layer's, and ``grad`` = the
    gradient of the batch's mean error (the block's extra columns of d are 0)."""
    _inline_into_caller()
    _wide_vectors()
    n_layers = sizes.shape[0] - 1
    bw = h.shape[1]
    inv = 1.0 / nb
    for layer in range(n_layers - 1, -1, -1):
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
            k0 = 0
            while k0 + 8 <= nout:  # eight weights at a time, then the rest one by one
                _eight_dots(
                    grad,
                    wo + j * nout + k0,
                    hflat,
                    (ii + j) * bw,
                    dflat,
                    (oo + k0) * bw,
                    bw,
                    bw,
                    inv,
                )
                k0 += 8
            for k in range(k0, nout):
                acc = 0.0
                for s in range(bw):
                    acc += h[ii + j, s] * d[oo + k, s]
                grad[wo + j * nout + k] = acc * inv
        if layer > 0:  # dE/da of the layer below, from the weights before the step
            for j in range(nin):
                _accumulate_rows(
                    dflat,
                    (ii + j) * bw,
                    dflat,
                    oo * bw,
                    bw,
                    params,
                    wo + j * nout,
                    1,
                    nout,
                    0.0,
                    bw,
                )
            _times_derivative(d, h, ii, nin, acts[layer - 1])


@njit(**_BLOCK)
def _step(
    params: np.ndarray,
    grad: np.ndarray,
    reg_mask: np.ndarray,
    state1: np.ndarray,
    state2: np.ndarray,
    steps: np.ndarray,
    hyper: np.ndarray,
    opt_code: int,
) -> None:
    """One update of every parameter from ``grad``: the penalties' gradient added
    (weights only), then SGD with momentum or Adam, in one pass each."""
    _inline_into_caller()
    _wide_vectors()
    lr = hyper[H_LR]
    l1 = hyper[H_L1]
    l2 = hyper[H_L2]
    steps[0] += 1
    if l2 != 0.0 or l1 != 0.0:
        for p in range(params.shape[0]):
            if reg_mask[p]:
                w = params[p]
                grad[p] += l2 * w + (l1 if w > 0.0 else (-l1 if w < 0.0 else 0.0))
    if opt_code == OPT_ADAM:
        beta1 = hyper[H_BETA1]
        beta2 = hyper[H_BETA2]
        eps = hyper[H_EPS]
        tt = steps[0]
        step_size = lr / (1.0 - beta1**tt)
        sq2 = math.sqrt(1.0 - beta2**tt)
        for p in range(params.shape[0]):
            g = grad[p]
            state1[p] += (g - state1[p]) * (1.0 - beta1)
            state2[p] = state2[p] * beta2 + (1.0 - beta2) * g * g
            params[p] -= step_size * (state1[p] / (math.sqrt(state2[p]) / sq2 + eps))
    elif hyper[H_MOMENTUM] != 0.0:
        momentum = hyper[H_MOMENTUM]
        for p in range(params.shape[0]):
            state1[p] = momentum * state1[p] + grad[p]
            params[p] -= lr * state1[p]
    else:
        for p in range(params.shape[0]):
            params[p] -= lr * grad[p]


@njit(**_BLOCK)
def _penalty(params: np.ndarray, reg_mask: np.ndarray, l1: float, l2: float) -> float:
    """Ψ = l2·½Σω² + l1·Σ|ω| over the weights."""
    _inline_into_caller()
    _wide_vectors()
    s1 = 0.0
    s2 = 0.0
    for p in range(params.shape[0]):
        if reg_mask[p]:
            s1 += abs(params[p])
            s2 += params[p] * params[p]
    return 0.5 * l2 * s2 + l1 * s1


@njit(**_BLOCK)
def _all_finite(params: np.ndarray) -> bool:
    _inline_into_caller()
    for p in range(params.shape[0]):
        if not math.isfinite(params[p]):
            return False
    return True


# ------------------------------------------------------------------ the kernel
_TRAINING, _EVAL_TRAIN_PART, _EVAL_VAL_PART, _EPOCH_END = 0, 1, 2, 3


@njit(**_KERNEL)
def run(
    params: np.ndarray,
    sizes: np.ndarray,
    w_off: np.ndarray,
    b_off: np.ndarray,
    u_off: np.ndarray,
    acts: np.ndarray,
    loss_code: int,
    opt_code: int,
    hyper: np.ndarray,
    reg_mask: np.ndarray,
    state1: np.ndarray,
    state2: np.ndarray,
    steps: np.ndarray,
    grad: np.ndarray,
    saved: np.ndarray,
    x: np.ndarray,
    t: np.ndarray,
    y: np.ndarray,
    x_val: np.ndarray,
    t_val: np.ndarray,
    y_val: np.ndarray,
    rows: np.ndarray,
    orders: np.ndarray,
    start: int,
    max_batches: int,
    batch_size: int,
    flags: int,
    h: np.ndarray,
    d: np.ndarray,
    logits: np.ndarray,
    eval_h: np.ndarray,
    eval_logits: np.ndarray,
    metrics: np.ndarray,
) -> tuple[int, int]:
    """Train the epochs of ``orders`` (a row each), from position ``start`` of the first.

    Batch i of an epoch holds the samples ``order[i*batch_size : (i+1)*batch_size]``
    (clipped at the end of ``order``); the first epoch starts at ``start``.
    At most ``max_batches`` updates in all. Each update follows
    :mod:`nnviz.core.training.engine`'s definitions: E_B = mean over the batch of the
    sample errors, gradient of J_B = E_B + l2·½Σω² + l1·Σ|ω| (ω where
    ``reg_mask``; d|ω|/dω = sign ω) by backpropagation, then SGD
    (v ← μ v + g; ω ← ω − η v) or Adam (torch's update and bias correction,
    t in ``steps[0]``). ``state1``/``state2`` are the momentum buffer or
    Adam's moments; ``hyper`` holds η, μ, β1, β2, ε, l1, l2 and the accuracy
    threshold (positions ``H_*``).

    ``metrics[e]`` (columns ``M_*``) gains |B|·E_B and |B| of every update of
    epoch e; when epoch e ends, the training and validation sets are evaluated
    (``flags`` & ``EVAL_TRAIN``, ``EVAL_VAL``: mean error without penalty and
    accuracy, in blocks as wide as ``eval_h``) and the penalty Ψ is written.
    With ``GUARD``, an epoch whose monitored error (train error if evaluated,
    else the batch mean) or any parameter is not finite ends the call: the
    parameters go back to their values before it (``saved`` holds them). With
    ``EVAL_ONLY`` nothing trains: row 0 gets the evaluations ``flags`` asks for.

    Work space: ``grad``, ``saved`` as long as ``params``; ``h``, ``d`` (a row
    per neuron) and ``logits`` (a row per output) with a multiple of
    :data:`LANES` columns, at least ``batch_size``; ``eval_h`` and
    ``eval_logits`` likewise; ``rows`` is 0, 1, 2, … as long as the longest data part.

    The forward pass and the error are written once, for the training batches
    and the evaluation blocks alike (a block's kind is ``part``): one copy of
    the code to compile. Returns (epochs completed, position after the last
    sample used in the last epoch touched).
    """
    _wide_vectors()
    n_layers = sizes.shape[0] - 1
    n = orders.shape[1]
    ob = u_off[n_layers]
    n_out = sizes[n_layers]
    out_act = acts[n_layers - 1]
    threshold = hyper[H_THRESHOLD]
    only = (flags & EVAL_ONLY) != 0
    budget = max_batches
    pos = start
    e = 0
    order = orders[0] if orders.shape[0] > 0 else rows
    part = _EVAL_TRAIN_PART if only else _TRAINING
    if flags & GUARD:
        saved[:] = params
    # the blocks as vectors, once (see _forward)
    h_flat = h.reshape(h.size)
    d_flat = d.reshape(d.size)
    eval_flat = eval_h.reshape(eval_h.size)
    # the next row to evaluate; np.int64, not a literal 0, which numba would pass
    # on as Literal[int](0) and compile the block helpers a second time for
    q = np.int64(0)
    err_sum = 0.0
    n_correct = 0
    while True:
        # --- the next block, or the end of a part
        if part == _TRAINING:
            # the epoch's batches in a loop of their own, on fixed arrays (choosing
            # the block's arrays per batch cost a tenth of a small network's update)
            while pos < n and budget > 0:
                nb = min(batch_size, n - pos)
                _forward(params, sizes, w_off, b_off, u_off, acts, x, order, pos, nb, h, h_flat, logits)
                metrics[e, M_BATCH_SUM] += _block_loss(h, ob, n_out, logits, t, order, pos, nb, loss_code)
                metrics[e, M_BATCH_N] += nb
                _output_delta(h, d, ob, n_out, t, order, pos, nb, loss_code, out_act)
                _backward(params, sizes, w_off, b_off, u_off, acts, h, d, h_flat, d_flat, nb, grad)
                _step(params, grad, reg_mask, state1, state2, steps, hyper, opt_code)
                pos += nb
                budget -= 1
            if pos < n:
                return e, pos
            part = _EVAL_TRAIN_PART
            continue
        elif part == _EVAL_TRAIN_PART or part == _EVAL_VAL_PART:
            on_train = part == _EVAL_TRAIN_PART
            src, tgt, lab = (x, t, y) if on_train else (x_val, t_val, y_val)
            wanted = (flags & (EVAL_TRAIN if on_train else EVAL_VAL)) != 0
            if not wanted or q >= src.shape[0]:
                col = M_TRAIN if on_train else M_VAL
                if wanted and src.shape[0] > 0:
                    metrics[e, col] = err_sum / src.shape[0]
                    metrics[e, col + 1] = n_correct / src.shape[0]
                q = np.int64(0)
                err_sum = 0.0
                n_correct = 0
                part += 1
                continue
            idx, r0 = rows, q
            nb = min(eval_h.shape[1], src.shape[0] - q)
            hh, hf, lg = eval_h, eval_flat, eval_logits
        else:  # the end of an epoch
            if only:
                return 0, 0
            metrics[e, M_PENALTY] = _penalty(params, reg_mask, hyper[H_L1], hyper[H_L2])
            if flags & GUARD:
                watched = (
                    metrics[e, M_TRAIN]
                    if flags & EVAL_TRAIN
                    else metrics[e, M_BATCH_SUM] / metrics[e, M_BATCH_N]
                )
                if not (math.isfinite(watched) and _all_finite(params)):
                    params[:] = saved
                    return e, pos
                saved[:] = params
            e += 1
            if e >= orders.shape[0]:
                return e, pos
            order = orders[e]
            pos = 0
            part = _TRAINING
            continue
        # --- one evaluation block: forward, error, the counts
        _forward(params, sizes, w_off, b_off, u_off, acts, src, idx, r0, nb, hh, hf, lg)
        err_sum += _block_loss(hh, ob, n_out, lg, tgt, idx, r0, nb, loss_code)
        n_correct += _block_correct(hh, ob, n_out, lab, idx, r0, nb, threshold)
        q += nb
