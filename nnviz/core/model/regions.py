"""Decision regions of a 2-D classifier: grid, class probabilities, colours.

Everything a region map needs, in numpy and without Qt:

- :data:`CLASS_COLORS`, the Okabe–Ito palette (safe for colour-blind viewers);
- :func:`data_bounds`, a padded square-ish frame around the points;
- :func:`grid_points`, the ``n × n`` grid of that frame, row-major with row 0
  at the bottom (``y`` grows with the row), as an image of the plane is drawn;
- :func:`class_probabilities`, outputs of any output layer → class probabilities;
- :func:`probabilities_to_rgba`, probabilities → an RGBA image (class colour,
  paler where the network is unsure, as TensorFlow Playground shows);
- :func:`region_maps`, one forward pass of the grid through a
  :class:`~nnviz.core.model.network.Network` → the output region and a map per hidden
  neuron;
- :func:`value_range` and :func:`values_to_rgba`, a regression's numbers →
  colours (low: class-0 blue, middle: white, high: class-1 orange), the same
  scale for the output map and for the points' targets;
- :func:`clip_line`, the segment of ``w1·x1 + w2·x2 + b = 0`` inside a frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.core.model.network import Network

#: Okabe & Ito (2008) colours, RGB 0..255: blue, orange, bluish green, vermilion,
#: reddish purple, sky blue, yellow, black, then two greys for >8 classes.
CLASS_COLORS: np.ndarray = np.array(
    [
        (0, 114, 178),
        (230, 159, 0),
        (0, 158, 115),
        (213, 94, 0),
        (204, 121, 167),
        (86, 180, 233),
        (240, 228, 66),
        (0, 0, 0),
        (120, 120, 120),
        (170, 110, 60),
    ],
    dtype=np.float64,
)

#: (x_min, x_max, y_min, y_max)
Bounds = tuple[float, float, float, float]


def class_color(k: int) -> tuple[int, int, int]:
    c = CLASS_COLORS[k % len(CLASS_COLORS)]
    return int(c[0]), int(c[1]), int(c[2])


def data_bounds(x: np.ndarray, pad: float = 0.15) -> Bounds:
    """A frame around the 2-D points ``x`` with ``pad`` of its size on each side."""
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        return (-1.0, 1.0, -1.0, 1.0)
    lo = x[:, :2].min(axis=0)
    hi = x[:, :2].max(axis=0)
    span = hi - lo
    if span.max() < 1e-9:
        # one point (or all points equal, as in a one-sample lesson): a unit frame
        span = np.ones(2)
    # never thinner than a fifth of the other side, so a line of points still shows a plane
    span = np.maximum(span, 0.2 * span.max())
    mid = (lo + hi) / 2.0
    half = span * (0.5 + pad)
    return (
        float(mid[0] - half[0]),
        float(mid[0] + half[0]),
        float(mid[1] - half[1]),
        float(mid[1] + half[1]),
    )


def grid_points(bounds: Bounds, n: int = 200) -> np.ndarray:
    """The centres of an ``n × n`` grid of cells over ``bounds``, shape (n*n, 2).

    Row-major: point ``r * n + c`` is the cell in row ``r`` (``y`` grows with ``r``)
    and column ``c`` (``x`` grows with ``c``).
    """
    x0, x1, y0, y1 = bounds
    xs = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
    ys = y0 + (np.arange(n) + 0.5) * (y1 - y0) / n
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def class_probabilities(outputs: np.ndarray, activation: str) -> np.ndarray:
    """Class probabilities (n, C) from the network outputs (n, k).

    One output is the probability of class 1 (sigmoid, identity), or mapped
    from [-1, 1] (tanh, sign, step); several outputs are normalised to sum 1.
    The predicted class is the argmax, as the trainer counts accuracy.
    """
    out = np.asarray(outputs, dtype=np.float64)
    if out.ndim == 1:
        out = out[:, None]
    if activation in ("tanh", "sign", "step"):
        out = (out + 1.0) / 2.0
    if out.shape[1] == 1:
        p = np.clip(out[:, 0], 0.0, 1.0)
        return np.column_stack([1.0 - p, p])
    if activation == "softmax":
        return out
    out = np.clip(out, 0.0, None)
    s = out.sum(axis=1, keepdims=True)
    uniform = np.full_like(out, 1.0 / out.shape[1])
    return np.where(s > 0, out / np.where(s > 0, s, 1.0), uniform)


def probabilities_to_rgba(p: np.ndarray, strength: float = 0.6) -> np.ndarray:
    """RGBA uint8 colours (..., 4) for class probabilities (..., C).

    Each pixel mixes the class colours by probability, then fades towards white
    as the network grows unsure (confidence 0 → white, 1 → ``strength`` of the colour).
    """
    p = np.asarray(p, dtype=np.float64)
    c = p.shape[-1]
    colors = np.array([CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(c)])
    mix = p @ colors
    conf = (p.max(axis=-1) - 1.0 / c) / (1.0 - 1.0 / c) if c > 1 else np.ones(p.shape[:-1])
    alpha = strength * np.clip(conf, 0.0, 1.0)[..., None]
    rgb = 255.0 * (1.0 - alpha) + mix * alpha
    rgba = np.empty((*p.shape[:-1], 4), dtype=np.uint8)
    rgba[..., :3] = np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
    rgba[..., 3] = 255
    return rgba


def values_to_rgba(v: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Numbers → RGBA: class-0 colour at ``lo``, white between, class 1 at ``hi``
    (a hidden neuron's outputs, a regression's outputs and targets)."""
    v = np.asarray(v, dtype=np.float64)
    t = np.clip((v - lo) / (hi - lo if hi > lo else 1.0), 0.0, 1.0)
    p = np.stack([1.0 - t, t], axis=-1)
    return probabilities_to_rgba(p, strength=0.8)


_RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "sign": (-1.0, 1.0), "step": (-1.0, 1.0)}


@dataclass
class RegionMaps:
    bounds: Bounds
    n: int
    #: class probabilities of the output, (n, n, C), row 0 at the bottom
    probabilities: np.ndarray
    #: the output region as an image, (n, n, 4) uint8
    output_rgba: np.ndarray
    #: for each hidden layer, one (n, n, 4) image per neuron
    hidden_rgba: list[list[np.ndarray]]


def value_range(values: np.ndarray) -> tuple[float, float]:
    """The colour scale of a regression's targets: symmetric around their mean.

    The middle (white) is the mean target, the ends the mean ± the largest
    distance from it, so that 0 in standardised targets is white and both
    sides use the full colour."""
    v = np.asarray(values, dtype=np.float64).ravel()
    v = v[np.isfinite(v)]
    if v.size == 0:
        return (-1.0, 1.0)
    mid = float(v.mean())
    half = float(np.abs(v - mid).max())
    half = half if half > 1e-12 else 1.0
    return (mid - half, mid + half)


def region_maps(
    net: Network,
    bounds: Bounds,
    n: int = 200,
    hidden_n: int = 48,
    max_per_layer: int | None = None,
    hidden_bounds: Bounds | None = None,
    values: tuple[float, float] | None = None,
) -> RegionMaps:
    """Decision regions of ``net`` over ``bounds``, and a small map per hidden neuron.

    With ``values`` = (lo, hi) the network is a regression: the output map
    shows its first output's number on the :func:`values_to_rgba` scale
    instead of class regions (``probabilities`` then hold that scale's
    position t ∈ [0, 1] as [1 − t, t]).

    The hidden maps cover ``hidden_bounds`` (default ``bounds``) on a coarser
    grid of ``hidden_n`` cells (they are drawn small); only the first
    ``max_per_layer`` neurons of a layer get one (all when None);
    ``hidden_n = 0`` skips them.
    """
    if net.layers[0] != 2:
        raise ValueError("region_maps needs a network with 2 inputs")
    outs = _outputs_in_blocks(net, grid_points(bounds, n), keep=0)
    if values is not None:
        lo, hi = values
        t = np.clip((outs[-1][:, 0] - lo) / (hi - lo if hi > lo else 1.0), 0.0, 1.0)
        probs = np.stack([1.0 - t, t], axis=-1).reshape(n, n, 2)
        output_rgba = probabilities_to_rgba(probs, strength=0.8)
    else:
        probs = class_probabilities(outs[-1], net.activations[-1]).reshape(n, n, -1)
        output_rgba = probabilities_to_rgba(probs)
    hidden: list[list[np.ndarray]] = []
    if len(net.layers) > 2 and hidden_n > 0:
        keep = max(net.layers) if max_per_layer is None else max_per_layer
        houts = _outputs_in_blocks(net, grid_points(hidden_bounds or bounds, hidden_n), keep)[:-1]
        for layer_out, act in zip(houts, net.activations[:-1], strict=True):
            count = layer_out.shape[1] if max_per_layer is None else min(max_per_layer, layer_out.shape[1])
            v = layer_out[:, :count]
            if act in _RANGES:
                lo = np.full(count, _RANGES[act][0])
                hi = np.full(count, _RANGES[act][1])
            else:  # identity, relu: scale each neuron by what the grid shows
                lo = np.zeros(count) if act == "relu" else v.min(axis=0)
                hi = v.max(axis=0)
                hi = np.where(hi - lo < 1e-12, lo + 1.0, hi)
            # every neuron of the layer in one pass (the same as values_to_rgba per neuron)
            t = np.clip((v - lo) / (hi - lo), 0.0, 1.0)
            rgba = probabilities_to_rgba(np.stack([1.0 - t, t], axis=-1), strength=0.8)
            hidden.append([np.ascontiguousarray(rgba[:, k].reshape(hidden_n, hidden_n, 4)) for k in range(count)])
    return RegionMaps(bounds, n, probs, output_rgba, hidden)


def predicted_classes(net: Network, x: np.ndarray) -> np.ndarray:
    """The class ``net`` predicts for each row of ``x`` (argmax of :func:`class_probabilities`)."""
    out = _outputs_in_blocks(net, np.asarray(x, dtype=np.float64).reshape(-1, net.layers[0]), 0)[-1]
    return class_probabilities(out, net.activations[-1]).argmax(axis=1)


#: values of the widest layer computed at a time by _outputs_in_blocks (64 MB)
_BLOCK_VALUES = 8_000_000


def _outputs_in_blocks(net: Network, x: np.ndarray, keep: int) -> list[np.ndarray]:
    """The outputs of every layer after the input for the rows of ``x``, the
    hidden ones cut to their first ``keep`` neurons, computed a block of rows
    at a time: a 200×200 grid through a very wide hidden layer would need
    tens of GB at once."""
    rows = max(1, _BLOCK_VALUES // max(net.layers))
    parts: list[list[np.ndarray]] = [[] for _ in net.layers[1:]]
    for start in range(0, max(len(x), 1), rows):
        outs = net.forward(x[start : start + rows])[1:]
        for i, out in enumerate(outs):
            # a copy: a view would keep the whole block's layer alive
            parts[i].append(out if i == len(outs) - 1 else out[:, :keep].copy())
    return [np.concatenate(p) for p in parts]


def clip_line(w1: float, w2: float, b: float, bounds: Bounds) -> tuple[np.ndarray, np.ndarray] | None:
    """End points of the line ``w1·x + w2·y + b = 0`` inside ``bounds``, or None.

    Returns ``(xs, ys)``, two points each, or None when the line misses the
    frame or is undefined (``w1 = w2 = 0``).
    """
    x0, x1, y0, y1 = bounds
    if abs(w1) < 1e-300 and abs(w2) < 1e-300:
        return None
    pts: list[tuple[float, float]] = []
    if abs(w2) > 1e-300:  # crossings with the left and right edges
        for x in (x0, x1):
            y = -(w1 * x + b) / w2
            if y0 - 1e-12 <= y <= y1 + 1e-12:
                pts.append((x, y))
    if abs(w1) > 1e-300:  # crossings with the bottom and top edges
        for y in (y0, y1):
            x = -(w2 * y + b) / w1
            if x0 - 1e-12 <= x <= x1 + 1e-12:
                pts.append((x, y))
    if len(pts) < 2:
        return None
    # a corner may be found twice; take the two points farthest apart
    arr = np.array(pts)
    d = ((arr[:, None, :] - arr[None, :, :]) ** 2).sum(axis=-1)
    i, j = np.unravel_index(int(d.argmax()), d.shape)
    if d[i, j] <= 0:
        return None
    return np.array([arr[i, 0], arr[j, 0]]), np.array([arr[i, 1], arr[j, 1]])


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Counts ``m[i, j]`` of samples of class ``i`` predicted as class ``j``."""
    t = np.asarray(y_true, dtype=np.int64).ravel()
    p = np.asarray(y_pred, dtype=np.int64).ravel()
    counts = np.bincount(t * n_classes + p, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes).astype(np.int64)
