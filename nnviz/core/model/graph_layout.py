"""Geometry and colour binning of the network graph, free of Qt.

The network view asks these functions where each neuron goes, which colour
bin and width each edge gets, and which edges to draw when there are too many.
Edges are numbered in one flat order: weight layer by weight layer, and inside
one layer in the order of ``weights[l].ravel()`` (row j, then column k), so
``flat_weights(net.weights)[i]`` is the weight of edge ``i``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: up to this many edges every edge is drawn ...
MAX_FULL_EDGES = 10_000
#: ... above it only this many, the strongest: a few thousand lines still read
#: as lines, ten thousand through one column are a solid block
COMPACT_EDGES = 1_500
#: layers up to this size share one neuron radius and show their values
UNIFORM_UP_TO = 12
#: a column is staggered only when that makes its neurons this much bigger ...
STAGGER_GAIN = 1.25
#: ... and only up to this many neurons: 16 staggered neurons (spiral) were
#: measured too small for legible h⁽¹⁾₁₆ labels, so bigger layers stay dots
#: in one straight column
STAGGER_UP_TO = UNIFORM_UP_TO
#: air between two neighbouring neurons of a staggered column, in radii ...
STAGGER_AIR = 0.5
#: ... and at least this many pixels (times the presentation scale: min_gap)
MIN_GAP = 6.0


# ----------------------------------------------------------------- notation
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

@dataclass(frozen=True)
class Symbol:
    """A neuron's name in the slides' notation: ``base`` with a subscript
    ``sub`` and an optional superscript ``sup`` (the hidden layer's number)."""

    base: str
    sub: str
    sup: str = ""

    def plain(self) -> str:
        sup = f"^({self.sup})" if self.sup else ""
        return f"{self.base}{sup}_{self.sub}"

    def unicode(self) -> str:
        """With Unicode sub- and superscript digits, for plain-text labels."""
        sub = self.sub.translate(_SUB) if self.sub.isdigit() else f"_{self.sub}"
        sup = f"⁽{self.sup.translate(_SUP)}⁾" if self.sup else ""
        return f"{self.base}{sup}{sub}"

    def html(self) -> str:
        sup = f"<sup>({self.sup})</sup>" if self.sup else ""
        return f"{self.base}{sup}<sub>{self.sub}</sub>"


def neuron_symbol(layers: Sequence[int], layer: int, index: int) -> Symbol:
    """x_i for the input, h_j (h^(l)_j with several hidden layers), y_k for the
    output; indices count from 1 as in the slides."""
    n_hidden = len(layers) - 2
    if layer == 0:
        return Symbol("x", str(index + 1))
    if layer == len(layers) - 1:
        return Symbol("y", str(index + 1))
    return Symbol("h", str(index + 1), str(layer) if n_hidden > 1 else "")


def pair_subscript(a: int, b: int) -> str:
    """The subscript of ω_ab, 1-based, with a comma when an index has two digits."""
    a, b = a + 1, b + 1
    return f"{a}{b}" if a < 10 and b < 10 else f"{a},{b}"


# ------------------------------------------------------------------- layout
def image_shape_for(n_inputs: int) -> tuple[int, int] | None:
    """The square image an input layer of ``n_inputs`` most likely is (8x8
    digits, 28x28 MNIST), or None for inputs that are not an image."""
    side = math.isqrt(n_inputs)
    if n_inputs >= 36 and side * side == n_inputs:
        return (side, side)
    return None


@dataclass
class GraphLayout:
    """Where everything goes inside the drawing rectangle, in pixels."""

    #: one (n, 2) array of neuron centres per layer
    positions: list[np.ndarray]
    #: x of each layer's column
    columns: np.ndarray
    #: neuron radius per layer (0 for an image input layer)
    radii: np.ndarray
    #: (left, top, side) of the input image grid, or None
    image_rect: tuple[float, float, float, float] | None
    #: one (E, 4) array x1, y1, x2, y2 of every edge, in the flat edge order
    #: every edge's x1, y1, x2, y2 (an :class:`EdgeSegments` for very big networks)
    segments: np.ndarray
    #: per layer, where each neuron's value label goes: 0 below the neuron,
    #: -1 to its left, +1 to its right (the two halves of a staggered column)
    label_sides: list[np.ndarray] = field(default_factory=list)
    #: per layer, False where the value labels gave way to bigger neurons
    #: (a staggered column too narrow for them: the tooltip still has them)
    value_labels: list[bool] = field(default_factory=list)


def straight_radius(spacing: float, label_room: float) -> float:
    """The radius of neurons ``spacing`` apart in one column, with ``label_room``
    left free under each for its value label unless that would shrink the
    neuron below 0.3 of the spacing (then the labels give way)."""
    return min(0.36 * spacing, max((spacing - label_room) / 2, 0.3 * spacing))


def staggered_radius(
    spacing: float, gap: float, label_width: float, min_gap: float = MIN_GAP
) -> tuple[float, float]:
    """(radius, horizontal offset) of a column split into two staggered halves.

    Neurons alternate left and right of the column by ``offset / 2``: each
    half has its neighbours ``2 * spacing`` apart, and the value labels go
    outwards, beside the neurons, so no vertical room is kept for them. The
    offset is as small as keeps neighbours ``2 r + air`` apart, with ``air``
    the larger of ``STAGGER_AIR * r`` and ``min_gap``, and leaves the labels
    inside the column's ``gap``."""
    def offset(r: float) -> float:
        reach = 2 * r + max(STAGGER_AIR * r, min_gap)
        return math.sqrt(max(reach**2 - spacing**2, 0.0))

    def fits(r: float) -> bool:
        return offset(r) / 2 + 1.3 * r + label_width <= gap / 2

    # the same half's neighbours are 2 * spacing apart: min_gap there too
    lo, hi = 0.0, max(min(0.7 * spacing, spacing - min_gap / 2), 0.0)
    if fits(hi):
        return hi, offset(hi)
    for _ in range(30):  # the largest radius that fits: fits() is monotone in r
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo, offset(lo)


def output_classes(
    n_outputs: int, output_activation: str, names: Sequence[str] | None = None
) -> list[str]:
    """What each output neuron stands for, as short labels, or [] when it is
    not a class. ``names`` (one per output, from the data set) win; without
    them a softmax layer of several outputs is one-hot over the classes 0,
    1, … in order (``dataset.targets_for``), so output k is class k."""
    if names is not None and len(names) == n_outputs and n_outputs > 0:
        return [str(n) for n in names]
    if output_activation == "softmax" and n_outputs >= 2:
        return [str(k) for k in range(n_outputs)]
    return []


def layout_network(
    layers: Sequence[int],
    left: float,
    top: float,
    width: float,
    height: float,
    *,
    max_spacing: float = 110.0,
    max_radius: float = 24.0,
    label_room: float = 0.0,
    image_shape: tuple[int, int] | None = None,
    min_gap: float = MIN_GAP,
    output_tag: float = 0.0,
    image_note: float = 0.0,
) -> GraphLayout:
    """Columns evenly spaced from input to output; in each column the neurons
    evenly spaced and centred. An image input layer becomes a square grid of
    its pixels (rows top to bottom), each pixel an input neuron, with
    ``image_note`` pixels kept free under it for its caption.

    Neurons leave ``label_room`` pixels free under them (for a value label),
    and all layers of up to ``UNIFORM_UP_TO`` neurons share one radius, so that
    a lone output neuron is not drawn bigger than the others.

    Neuron size follows the room: a column of a few neurons that the height
    squeezes while the columns lie far apart (ten digit classes, eight hidden
    neurons in a short window) is staggered into two halves, which makes its
    neurons at least ``STAGGER_GAIN`` times bigger; their values then go
    beside them, outwards, in a label about ``2.5 * label_room`` wide (plus
    ``output_tag`` for the output layer: the class each output stands for).
    Neighbours in a column are always at least ``2 r + min_gap`` apart."""
    n_layers = len(layers)
    gap = width / n_layers
    columns = left + gap * (np.arange(n_layers) + 0.5)
    positions: list[np.ndarray] = []
    radii = np.zeros(n_layers)
    sides = [np.zeros(n, dtype=np.int8) for n in layers]
    values = [True] * n_layers
    image_rect = None
    for li, n in enumerate(layers):
        if li == 0 and image_shape is not None:
            rows, cols = image_shape
            side = max(min(height * 0.9 - image_note, gap * 0.8), 1.0)
            cell = side / max(rows, cols)
            x0 = columns[0] - cell * cols / 2
            y0 = top + (height - cell * rows - image_note) / 2
            r, c = np.divmod(np.arange(n), cols)
            pos = np.column_stack([x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell])
            image_rect = (float(x0), float(y0), float(cell * cols), float(cell * rows))
        else:
            spacing = min(height / n, max_spacing)
            y0 = top + (height - spacing * (n - 1)) / 2
            pos = np.column_stack([np.full(n, columns[li]), y0 + spacing * np.arange(n)])
            # never closer than min_gap, whatever the label room asks
            r = min(straight_radius(spacing, label_room), (spacing - min_gap) / 2)
            if 3 <= n <= STAGGER_UP_TO and r < max_radius:
                tag = output_tag if li == n_layers - 1 else 0.0
                r2, dx = staggered_radius(spacing, gap, 2.5 * label_room + tag, min_gap)
                r2 = min(r2, max_radius)
                if r2 < STAGGER_GAIN * r and label_room > 0 and r < 0.5 * max_radius:
                    # no room beside for the values either: neurons too small
                    # to read win over their value labels
                    r3, dx3 = staggered_radius(spacing, gap, tag, min_gap)
                    if min(r3, max_radius) >= STAGGER_GAIN * r:
                        r2, dx = min(r3, max_radius), dx3
                        values[li] = False
                if r2 >= STAGGER_GAIN * r:
                    r, half = r2, np.where(np.arange(n) % 2 == 0, -1, 1)
                    pos[:, 0] += half * dx / 2
                    sides[li] = half.astype(np.int8)
            # dots of a dense column: at least 1.5 px, but never on each other
            radii[li] = float(np.clip(r, min(1.5, 0.45 * spacing), max_radius))
        positions.append(pos.astype(np.float64))
    small = [li for li, n in enumerate(layers) if n <= UNIFORM_UP_TO and radii[li] > 0]
    if small:
        radii[small] = radii[small].min()
    n_edges = sum(len(a) * len(b) for a, b in zip(positions[:-1], positions[1:], strict=True))
    segments = edge_segments(positions) if n_edges <= LAZY_SEGMENTS_FROM else EdgeSegments(positions)
    return GraphLayout(positions, columns, radii, image_rect, segments, sides, values)


#: edges beyond which segments are computed when asked for, not all at once
#: (2-4096-4096-1: 16.8 M edges, 537 MB and a second for a picture of a few thousand)
LAZY_SEGMENTS_FROM = 1_000_000


class EdgeSegments:
    """The segments of :func:`edge_segments`, computed for the edges asked for:
    ``segments[i]`` is edge i's (x1, y1, x2, y2) and ``segments[indices]`` an
    (n, 4) array, as with the full array, without holding every edge."""

    def __init__(self, positions: Sequence[np.ndarray]) -> None:
        self._positions = [np.asarray(p, dtype=np.float64) for p in positions]
        self._layers = [len(p) for p in self._positions]
        self._offsets = edge_offsets(self._layers)

    def __len__(self) -> int:
        return int(self._offsets[-1])

    def __getitem__(self, index: Any) -> np.ndarray:
        idx = np.asarray(index, dtype=np.int64)
        flat = idx.reshape(-1)
        out = np.empty((len(flat), 4))
        layer = np.searchsorted(self._offsets, flat, side="right") - 1
        for li in np.unique(layer):
            hit = layer == li
            j, k = np.divmod(flat[hit] - self._offsets[li], self._layers[li + 1])
            out[hit, 0:2] = self._positions[li][j]
            out[hit, 2:4] = self._positions[li + 1][k]
        return out.reshape(4) if idx.ndim == 0 else out


def edge_segments(positions: Sequence[np.ndarray]) -> np.ndarray:
    """Every edge as x1, y1, x2, y2, weight layer by weight layer, j-major."""
    parts = []
    for a, b in zip(positions[:-1], positions[1:], strict=True):
        seg = np.empty((len(a), len(b), 4))
        seg[:, :, 0:2] = a[:, None, :]
        seg[:, :, 2:4] = b[None, :, :]
        parts.append(seg.reshape(-1, 4))
    if not parts:
        return np.zeros((0, 4))
    return np.ascontiguousarray(np.concatenate(parts))


def edge_offsets(layers: Sequence[int]) -> np.ndarray:
    """Start of each weight layer in the flat edge order, plus the total at the end."""
    sizes = [a * b for a, b in zip(layers[:-1], layers[1:], strict=True)]
    return np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)


def flat_weights(weights: Sequence[np.ndarray]) -> np.ndarray:
    if not weights:
        return np.zeros(0)
    return np.concatenate([np.asarray(w, dtype=np.float64).ravel() for w in weights])


def edge_of(layers: Sequence[int], index: int) -> tuple[int, int, int]:
    """(weight layer, j, k) of the flat edge ``index``."""
    offsets = edge_offsets(layers)
    layer = int(np.searchsorted(offsets, index, side="right") - 1)
    j, k = divmod(int(index - offsets[layer]), layers[layer + 1])
    return layer, j, k


def edge_index(layers: Sequence[int], layer: int, j: int, k: int) -> int:
    return int(edge_offsets(layers)[layer] + j * layers[layer + 1] + k)


def neuron_edges(layers: Sequence[int], layer: int, index: int) -> np.ndarray:
    """Flat indices of the edges into and out of neuron ``index`` of ``layer``."""
    offsets = edge_offsets(layers)
    parts = []
    if layer > 0:
        n_in = layers[layer - 1]
        parts.append(offsets[layer - 1] + np.arange(n_in) * layers[layer] + index)
    if layer < len(layers) - 1:
        n_out = layers[layer + 1]
        parts.append(offsets[layer] + index * n_out + np.arange(n_out))
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


# ----------------------------------------------------------------- colours
def nice_limit(x: float) -> float:
    """A round number >= x for the end of a symmetric colour scale (1, 1.2,
    1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten)."""
    if not np.isfinite(x) or x <= 0:
        return 1.0
    p = 10.0 ** math.floor(math.log10(x))
    for m in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * p >= x * (1 - 1e-12):
            return m * p
    return 10.0 * p


def round_up(x: float, digits: int = 2) -> float:
    """``x`` rounded up to ``digits`` significant digits (0.8123 -> 0.82), so
    that a scale that follows max |w| keeps short labels."""
    if not np.isfinite(x) or x <= 0:
        return 1.0
    p = 10.0 ** (math.floor(math.log10(x)) - digits + 1)
    return math.ceil(x / p * (1 - 1e-12)) * p


def color_bins(values: np.ndarray, vmax: float, n_bins: int) -> np.ndarray:
    """The bin of each value on a scale from -vmax to +vmax cut into ``n_bins``
    equal bins; values beyond the scale go to the end bins."""
    t = (np.asarray(values, dtype=np.float64) / vmax + 1.0) * (n_bins / 2.0)
    return np.clip(t.astype(np.int64), 0, n_bins - 1)


def bin_centres(n_bins: int) -> np.ndarray:
    """Centre of each bin as a fraction of the scale, from -1 to 1."""
    return (np.arange(n_bins) + 0.5) / n_bins * 2.0 - 1.0


def bin_draw_order(n_bins: int) -> np.ndarray:
    """Bins from the weakest to the strongest, so that strong edges end on top."""
    return np.argsort(np.abs(bin_centres(n_bins)), kind="stable")


def bin_widths(n_bins: int, thinnest: float, thickest: float) -> np.ndarray:
    """Pen width of each bin, growing linearly with |w|."""
    return thinnest + (thickest - thinnest) * np.abs(bin_centres(n_bins))


def thickest_width(max_layer_edges: int) -> float:
    """Width of the strongest edges: thick for a few edges, one pixel when the
    columns are so dense that thick lines would only paint a solid block."""
    return float(np.clip(45.0 / math.sqrt(max(max_layer_edges, 1)), 1.0, 7.0))


def group_by_bin(
    bins: np.ndarray, shown: np.ndarray, n_bins: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sort the shown edges by bin: returns (edge indices in bin order, end of
    each bin in that order), so bin b is ``order[ends[b-1]:ends[b]]``."""
    b = bins[shown]
    order = shown[np.argsort(b, kind="stable")]
    ends = np.cumsum(np.bincount(b, minlength=n_bins))
    return order, ends


# --------------------------------------------------------- what is shown
def edge_budget(sizes: Sequence[int], cap: int) -> list[int]:
    """How many edges of each weight layer to show with ``cap`` in all: small
    layers in full, the rest shared equally among the larger ones."""
    budget = [0] * len(sizes)
    left = cap
    pending = sorted(range(len(sizes)), key=lambda i: sizes[i])
    while pending:
        share = left // len(pending)
        i = pending.pop(0)
        budget[i] = min(sizes[i], share)
        left -= budget[i]
    return budget


def shown_edges(
    values: np.ndarray,
    layers: Sequence[int],
    *,
    threshold: float = 0.0,
    full: int = MAX_FULL_EDGES,
    cap: int = COMPACT_EDGES,
) -> np.ndarray:
    """Flat indices of the edges to draw: those with |w| >= threshold; when
    that is more than ``full`` edges, only the strongest ``cap`` of them, each
    weight layer within its share (``edge_budget``). Sorted ascending."""
    mag = np.abs(values)
    keep = mag >= threshold if threshold > 0 else np.ones(len(values), bool)
    if int(np.count_nonzero(keep)) <= full:
        return np.flatnonzero(keep)
    offsets = edge_offsets(layers)
    sizes = [int(np.count_nonzero(keep[a:b])) for a, b in zip(offsets[:-1], offsets[1:], strict=True)]
    out = []
    for (a, b), n_keep in zip(zip(offsets[:-1], offsets[1:], strict=True), edge_budget(sizes, cap), strict=True):
        m = np.where(keep[a:b], mag[a:b], -1.0)
        if n_keep >= len(m):
            idx = np.flatnonzero(m >= 0)
        elif n_keep > 0:
            idx = np.argpartition(m, len(m) - n_keep)[len(m) - n_keep :]
        else:
            idx = np.zeros(0, np.int64)
        out.append(a + idx)
    return np.sort(np.concatenate(out)).astype(np.int64)


def activation_range(activations: Sequence[np.ndarray]) -> tuple[float, float]:
    """Scale of the neuron-output legend: at least 0..1, widened to -1 or
    beyond when outputs need it (tanh, identity)."""
    if not activations:
        return 0.0, 1.0
    vals = np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in activations])
    vals = vals[np.isfinite(vals)]
    if vals.size == 0:
        return 0.0, 1.0
    lo, hi = float(vals.min()), float(vals.max())
    lo = 0.0 if lo >= 0 else (-1.0 if lo >= -1 else -nice_limit(-lo))
    hi = 1.0 if hi <= 1 else nice_limit(hi)
    return lo, hi


# ------------------------------------------------------------- hit tests
def nearest_segment(
    segments: np.ndarray, candidates: np.ndarray, x: float, y: float
) -> tuple[int, float]:
    """The candidate edge nearest to the point (x, y), and its distance; (-1,
    inf) when there are no candidates."""
    if len(candidates) == 0:
        return -1, math.inf
    s = segments[candidates]
    p = s[:, 0:2]
    d = s[:, 2:4] - p
    length2 = np.maximum((d * d).sum(axis=1), 1e-12)
    t = np.clip(((x - p[:, 0]) * d[:, 0] + (y - p[:, 1]) * d[:, 1]) / length2, 0.0, 1.0)
    dist = np.hypot(p[:, 0] + t * d[:, 0] - x, p[:, 1] + t * d[:, 1] - y)
    i = int(np.argmin(dist))
    return int(candidates[i]), float(dist[i])


def nearest_neuron(
    positions: Sequence[np.ndarray], x: float, y: float
) -> tuple[int, int, float]:
    """(layer, index, distance) of the neuron centre nearest to (x, y)."""
    best = (-1, -1, math.inf)
    for li, pos in enumerate(positions):
        if len(pos) == 0:
            continue
        dist = np.hypot(pos[:, 0] - x, pos[:, 1] - y)
        i = int(np.argmin(dist))
        if dist[i] < best[2]:
            best = (li, i, float(dist[i]))
    return best
