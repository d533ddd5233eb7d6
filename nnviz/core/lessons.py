"""Lessons (presets): one small JSON file each under ``nnviz/resources/lessons``.

A lesson names a mode (``mlp``: stepper on a multilayer perceptron;
``perceptron``: the classic perceptron rule; ``train``: training with plots),
a network, its data, settings, and the slide text in Spanish and English.

Fields of a lesson file (see ``mlp-xor.json``)::

    format      "nnviz-lesson";  version 1;  order: place in the Lesson menu
    mode        "mlp" | "perceptron" | "train"
    title, text {"es": ..., "en": ...}: the menu title and the slide text
    network     an nnviz-network object (layers, activations, weights, biases)
    data        a data set spec for datasets.make: {"kind": "points", "x": [[x1, x2], ...],
                "y": [class, ...]} or a generator {"kind": "spiral", "n": ..., ...}
    stepper     settings of the stepper: eta, freeze_biases, sample, granularity,
                max_epochs (perceptron), train_epochs, hidden_lines, and
                targets: [[d1, d2, ...], ...] one desired output per sample when
                the outputs are numbers rather than classes (a regression
                target, e.g. d = (0.01, 0.99)); "y" is then only a placeholder
    training    a TrainingConfig dict for "train" lessons
    pace        "train" lessons: slow motion at the start, at most this many epochs
                a second (0 or absent: full speed), so that a class sees a small
                network learn instead of a finished picture

No extra field says how to show the data: :meth:`Lesson.dataset` gives a
:class:`LessonDataset` that carries the desired outputs d, so that a view can
write "d = (0.01, 0.99)" for a ``targets`` lesson and "d = −1" / "d = +1" for
the classes of a one-output step, sign or tanh network.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.core.data import dataset, datasets
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network, parse_network

DEFAULT_LESSON = "mlp-xor"
MODES = ("mlp", "perceptron", "train")


@dataclass
class LessonDataset(dataset.Dataset):
    """A lesson's data with the desired outputs d its stepper uses."""

    #: (n, outputs) desired outputs when they are numbers, not classes
    #: (the lesson's ``stepper.targets``); None for class labels
    targets: np.ndarray | None = None
    #: for a one-output network, the d of each class (index = class): [-1, 1]
    #: for step, sign and tanh, [0, 1] for sigmoid; None with several outputs
    class_targets: np.ndarray | None = None


@dataclass
class Lesson:
    name: str
    mode: str
    title: dict[str, str]
    text: dict[str, str]
    network: Network
    data: dict[str, Any]
    stepper: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)
    #: order in the Lesson menu
    order: int = 100
    #: slow motion the training panel starts with, in epochs a second (0: full speed)
    pace: float = 0.0

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("en") or self.name

    def text_in(self, lang: str) -> str:
        return self.text.get(lang) or self.text.get("en") or ""

    def dataset(self) -> LessonDataset:
        """The lesson's data, with the desired outputs d its network learns."""
        ds = datasets.make(self.data)
        fields = {f.name: getattr(ds, f.name) for f in dataclasses.fields(ds)}
        targets = self.stepper.get("targets")
        n_out = self.network.layers[-1]
        d = None
        if targets is not None:
            try:
                d = np.array(targets, dtype=np.float64)
            except (TypeError, ValueError):  # ragged lists or words
                d = np.zeros((0, 0))
            if d.ndim == 1:
                d = d[:, None]
            if d.shape != (len(ds.x), n_out) or not np.all(np.isfinite(d)):
                raise UserError(
                    "Lesson '{0}': field 'stepper.targets' must hold {1} "
                    "lists of {2} finite numbers.",
                    self.name,
                    len(ds.x),
                    n_out,
                )
        per_class = None
        if d is None and n_out == 1:
            classes = np.arange(max(ds.n_classes, 1))
            per_class = dataset.targets_for(classes, 1, self.network.activations[-1])[:, 0]
        return LessonDataset(**fields, targets=d, class_targets=per_class)


def lessons_dir() -> Path:
    return Path(str(resources.files("nnviz") / "resources" / "lessons"))


def lesson_names() -> list[str]:
    """Names of the bundled lessons in menu order."""
    found = []
    for p in sorted(lessons_dir().glob("*.json")):
        try:
            order = json.loads(p.read_text(encoding="utf-8")).get("order", 100)
        except (OSError, ValueError):
            order = 100
        found.append((order, p.stem))
    return [name for _, name in sorted(found)]


def parse_lesson(obj: Any, name: str) -> Lesson:
    if not isinstance(obj, dict) or obj.get("format") != "nnviz-lesson":
        raise UserError("Lesson '{0}' is not an nnviz lesson file.", name)
    mode = obj.get("mode", "mlp")
    if mode not in MODES:
        raise UserError("Lesson '{0}': field 'mode' must be one of {1}.", name, ", ".join(MODES))
    if "network" not in obj or "data" not in obj:
        raise UserError("Lesson '{0}' needs both a 'network' and a 'data' field.", name)
    try:
        net = parse_network(obj["network"])
    except UserError as exc:
        raise UserError("Lesson '{0}', network: {1}", name, exc) from None
    pace = obj.get("pace", 0)
    if isinstance(pace, bool) or not isinstance(pace, (int, float)) or not 0 <= pace < float("inf"):
        raise UserError(
            "Lesson '{0}': field 'pace' must be a number of epochs a second, 0 for full speed.", name
        )
    return Lesson(
        name=name,
        mode=mode,
        title=dict(obj.get("title", {})),
        text=dict(obj.get("text", {})),
        network=net,
        data=dict(obj["data"]),
        stepper=dict(obj.get("stepper", {})),
        training=dict(obj.get("training", {})),
        order=int(obj.get("order", 100)),
        pace=float(pace),
    )


def load_lesson(name: str) -> Lesson:
    """The bundled lesson called ``name``; a clear error naming the known ones."""
    path = lessons_dir() / f"{name}.json"
    if not path.is_file():
        known = ", ".join(lesson_names())
        raise UserError("There is no lesson called '{0}' (known: {1}).", name, known)
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise UserError("Lesson '{0}' is not valid JSON ({1}).", name, exc) from None
    return parse_lesson(obj, name)


def lesson_for_network(net: Network, source: str) -> Lesson:
    """A stepper lesson for a network opened from a file.

    The default lesson's XOR points are used when the network takes two
    inputs and its outputs can encode two classes; otherwise a few seeded
    random points of the right size, so that the stepper has a sample.
    """
    import numpy as np

    n_in, n_out = net.layers[0], net.layers[-1]
    if n_in == 2:
        data: dict[str, Any] = load_lesson(DEFAULT_LESSON).data
    else:
        rng = np.random.default_rng(0)
        n_classes = max(2, n_out) if n_out > 1 else 2
        data = {
            "kind": "points",
            "x": rng.uniform(0, 1, size=(4, n_in)).round(2).tolist(),
            "y": [i % n_classes for i in range(4)],
        }
    return Lesson(
        name=f"file:{source}",
        mode="mlp",
        title={"en": source, "es": source},
        text={
            "en": f"Network {'-'.join(map(str, net.layers))} opened from {source}.",
            "es": f"Red {'-'.join(map(str, net.layers))} abierta desde {source}.",
        },
        network=net,
        data=data,
        stepper={"eta": 0.5, "freeze_biases": False, "sample": 0},
    )
