"""Lessons (presets): one small JSON file each under ``nnviz/resources/lessons``.

A lesson names a mode (``mlp``: stepper on a multilayer perceptron;
``perceptron``: the classic perceptron rule; ``train``: training with plots),
a network, its data, settings, and the slide text in Spanish and English.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from nnviz.core import datasets
from nnviz.core.errors import UserError
from nnviz.core.network import Network, parse_network

DEFAULT_LESSON = "mlp-xor"
MODES = ("mlp", "perceptron", "train")


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

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("en") or self.name

    def text_in(self, lang: str) -> str:
        return self.text.get(lang) or self.text.get("en") or ""

    def dataset(self) -> datasets.Dataset:
        return datasets.make(self.data)


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
        raise UserError(f"Lesson '{name}' is not an nnviz lesson file.")
    mode = obj.get("mode", "mlp")
    if mode not in MODES:
        raise UserError(f"Lesson '{name}': field 'mode' must be one of {', '.join(MODES)}.")
    if "network" not in obj or "data" not in obj:
        raise UserError(f"Lesson '{name}' needs both a 'network' and a 'data' field.")
    try:
        net = parse_network(obj["network"])
    except UserError as exc:
        raise UserError(f"Lesson '{name}', network: {exc}") from None
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
    )


def load_lesson(name: str) -> Lesson:
    """The bundled lesson called ``name``; a clear error naming the known ones."""
    path = lessons_dir() / f"{name}.json"
    if not path.is_file():
        known = ", ".join(lesson_names())
        raise UserError(f"There is no lesson called '{name}' (known: {known}).")
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise UserError(f"Lesson '{name}' is not valid JSON ({exc}).") from None
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
