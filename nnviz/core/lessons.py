"""Lessons (presets): one small JSON file each under ``nnviz/resources/lessons``.

A lesson names a mode (``mlp``: stepper on a multilayer perceptron;
``perceptron``: the classic perceptron rule; ``train``: training with plots),
a network, its data, settings, and the slide text in Spanish and English.

Fields of a lesson file (see ``mlp-xor.json``)::

    format      "nnviz-lesson";  version 1;  order: place in the Lesson menu
    mode        "mlp" | "perceptron" | "train"
    title, text {"es": ..., "en": ...}: the menu title and the slide text
    compare     "train" lessons: the comparison Plots → Compare… proposes,
                {"param": "batch_size", "values": "1, 32, 0"}
    network     an nnviz-network object (layers, activations, weights, biases)
    data        a data set spec for datasets.make: {"kind": "points", "x": [[x1, x2], ...],
                "y": [class, ...]} or a generator {"kind": "spiral", "n": ..., ...}
                or image files {"kind": "mnist" | "fashion-mnist", "path": folder (default:
                the download folder)}, read once and then kept (Lesson.keep_files)
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
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.core.data import dataset, datasets, image_sets
from nnviz.core.data.origin import DataSource
from nnviz.core.errors import UserError
from nnviz.core.model.network import Network, parse_network

DEFAULT_LESSON = "mlp-xor"
MODES = ("mlp", "perceptron", "train")
#: the lecture views a lesson may open (its ``views`` field): the activation
#: functions' gallery, gradient descent on the error surface, PyTorch's structure
VIEWS = ("activations", "descent", "pytorch")


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
    #: data the user brought (an imported table, drawn points), already built;
    #: ``data`` then only says ``{"kind": "custom"}`` and ``dataset.source``
    #: says how to rebuild it
    given_data: dataset.Dataset | None = None
    #: the ``data`` spec of image files the lesson read (MNIST), once read:
    #: the images are then kept as ``given_data`` (see :meth:`keep_files`)
    files: dict[str, Any] | None = None
    #: the comparison the lesson suggests (Plots → Compare…): {"param": "batch_size",
    #: "values": "1, 32, 0"} (see :mod:`nnviz.core.training.sweep`); empty: none
    compare: dict[str, Any] = field(default_factory=dict)
    #: the lecture views the lesson opens beside its panels (see :data:`VIEWS`):
    #: ``["activations"]`` shows the activation functions' gallery first
    views: list[str] = field(default_factory=list)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("en") or self.name

    def text_in(self, lang: str) -> str:
        return self.text.get(lang) or self.text.get("en") or ""

    def dataset(self) -> LessonDataset:
        """The lesson's data, with the desired outputs d its network learns."""
        if self.given_data is not None:
            return self.given_data  # type: ignore[return-value]  # its labels are the classes
        if self.reads_files:
            return self.keep_files(datasets.make(self.data))  # type: ignore[return-value]
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


    @property
    def reads_files(self) -> bool:
        """Its data are image files from a folder (MNIST, Fashion-MNIST), read or still to read."""
        return self.files is not None or self.data.get("kind") in image_sets.IMAGE_SETS

    def keep_files(self, ds: dataset.Dataset) -> dataset.Dataset:
        """From now on train on ``ds``, the images this lesson's ``data`` spec names, read once.

        70,000 images take a moment to read: the panel, the views and a change
        of layers then use these, as they use a table the user imported
        (``data`` becomes ``{"kind": "custom", ...}``; ``files`` and
        ``ds.source`` keep the spec, to read them again).
        """
        if self.files is None:
            self.files = dict(self.data)
        if ds.source is None:
            ds.source = DataSource.from_spec(self.files)
        self.data = {
            "kind": "custom",
            "val_fraction": float(len(ds.val_idx)) / max(len(ds.x), 1),
            "split_seed": int(self.files.get("split_seed", 0)),
        }
        self.given_data = ds
        return ds


def lessons_dir() -> Path:
    return Path(str(resources.files("nnviz") / "resources" / "lessons"))


def lesson_names() -> list[str]:
    """Names of the bundled lessons in menu order."""
    found = []
    for p in sorted(lessons_dir().glob("*.json")):
        try:
            order = json.loads(p.read_text(encoding="utf-8-sig")).get("order", 100)
        except (OSError, ValueError):
            order = 100
        found.append((order, p.stem))
    return [name for _, name in sorted(found)]


#: ``stepper`` settings and what each must be: whole numbers from 0 with a top, or flags
_STEPPER_COUNTS = {"sample": 10**9, "train_epochs": 100_000, "max_epochs": 100_000, "dropout_seed": 2**32 - 1}
_STEPPER_FLAGS = ("freeze_biases", "hidden_lines")
#: updates and epochs beyond these are typos that would run for hours


def check_lesson_fields(lesson: Lesson) -> None:
    """Refuse, with one sentence naming the field, texts that are not text and
    stepper or training settings of the wrong kind (a lesson or a session file
    written by hand, or by someone hostile)."""
    from nnviz.core.lecture.backprop import check_eta
    from nnviz.core.lecture.stepping import GRANULARITIES
    from nnviz.core.training.config import TrainingConfig

    where = lesson.name or "session"
    for key in ("title", "text"):
        value = getattr(lesson, key)
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise UserError("Lesson '{0}': field '{1}' must map languages to text.", where, key)
    st = lesson.stepper
    if "eta" in st:
        try:
            check_eta(st["eta"])
        except UserError as exc:
            raise UserError("Lesson '{0}', field 'stepper.eta': {1}", where, exc) from None
    for key, top in _STEPPER_COUNTS.items():
        v = st.get(key, 0)
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= top:
            raise UserError("Lesson '{0}': field 'stepper.{1}' must be a whole number from 0 to {2}, not {3!r}.",
                            where, key, top, v)
    if st.get("dropout") is not None:
        from nnviz.core.lecture.dropout import check_p

        try:
            check_p(st["dropout"])
        except UserError as exc:
            raise UserError("Lesson '{0}', field 'stepper.dropout': {1}", where, exc) from None
    for key in _STEPPER_FLAGS:
        if not isinstance(st.get(key, False), bool):
            raise UserError("Lesson '{0}': field 'stepper.{1}' must be true or false.", where, key)
    if st.get("granularity", "scalar") not in GRANULARITIES:
        raise UserError("Lesson '{0}': field 'stepper.granularity' must be one of {1}.", where,
                        ", ".join(GRANULARITIES))
    if lesson.mode == "train":
        TrainingConfig.from_dict(lesson.training).validate()
    if not isinstance(lesson.views, list) or not all(v in VIEWS for v in lesson.views):
        raise UserError("Lesson '{0}': field 'views' must be a list of names from {1}.", where, ", ".join(VIEWS))
    if lesson.compare:
        from nnviz.core.training.sweep import parse_values

        parse_values(str(lesson.compare.get("param", "")), str(lesson.compare.get("values", "")))


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
    for key in ("title", "text", "stepper", "training", "compare"):
        if not isinstance(obj.get(key, {}), dict):
            raise UserError("Lesson '{0}': field '{1}' must be an object.", name, key)
    if not isinstance(obj["data"], dict):
        raise UserError("Lesson '{0}': field 'data' must be an object with a 'kind'.", name)
    order = obj.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        raise UserError("Lesson '{0}': field 'order' must be a whole number.", name)
    lesson = Lesson(
        name=name,
        mode=mode,
        title=dict(obj.get("title", {})),
        text=dict(obj.get("text", {})),
        network=net,
        data=dict(obj["data"]),
        stepper=dict(obj.get("stepper", {})),
        training=dict(obj.get("training", {})),
        order=order,
        pace=float(pace),
        compare=dict(obj.get("compare", {})),
        views=obj.get("views", []),
    )
    check_lesson_fields(lesson)
    return lesson


def load_lesson(name: str) -> Lesson:
    """The bundled lesson called ``name``; a clear error naming the known ones.

    Only names are taken (letters, digits, hyphens): ``../x`` never reaches a
    file outside the lessons folder."""
    path = lessons_dir() / f"{name}.json"
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}", name) or not path.is_file():
        known = ", ".join(lesson_names())
        raise UserError("There is no lesson called '{0}' (known: {1}).", name, known)
    try:
        obj = json.loads(path.read_text(encoding="utf-8-sig"))
    except ValueError as exc:
        raise UserError("Lesson '{0}' is not valid JSON ({1}).", name, exc) from None
    return parse_lesson(obj, name)


def lesson_for_network(net: Network, source: str) -> Lesson:
    """A lesson for a network opened from a file.

    A network the slides' backpropagation can walk opens in the stepper: on
    the default lesson's XOR points when it takes two inputs, otherwise on a
    few seeded random points of the right size, so that the stepper has a
    sample (a softmax output too, stepped with the cross-entropy). A
    perceptron (one layer of step or sign neurons) opens in perceptron mode.
    A network the stepper cannot walk, or too big to step through (more than
    :data:`STEPPER_MAX_PARAMETERS` parameters: the digits lesson's network,
    saved), opens in training mode, on the data
    of the bundled training lesson with the same inputs and outputs when
    there is one (digits for 64 → 10), else on a few random points.
    """
    n_in, n_out = net.layers[0], net.layers[-1]
    name = f"file:{source}"
    shape = "-".join(map(str, net.layers))
    title = {"en": source, "es": source}
    text = {
        "en": f"Network {shape} opened from {source}.",
        "es": f"Red {shape} abierta desde {source}.",
    }
    if _walkable(net):
        data = load_lesson(DEFAULT_LESSON).data if n_in == 2 else _random_points(n_in, n_out)
        return Lesson(name=name, mode="mlp", title=title, text=text, network=net, data=data,
                      stepper={"eta": 0.5, "freeze_biases": False, "sample": 0})
    if len(net.layers) == 2 and net.activations[-1] in ("step", "sign"):
        data = load_lesson(DEFAULT_LESSON).data if n_in == 2 else _random_points(n_in, max(n_out, 2))
        return Lesson(name=name, mode="perceptron", title=title, text=text, network=net, data=data,
                      stepper={"eta": 0.5})
    twin = _training_twin(n_in, n_out)
    if twin is not None:
        data, training, pace = dict(twin.data), dict(twin.training), twin.pace
    else:
        data, pace = _random_points(n_in, n_out), 0.0
        training = {"loss": "cross_entropy" if net.activations[-1] in ("softmax", "sigmoid") else "mse",
                    "optimizer": "adam", "lr": 0.01, "epochs": 100, "val_fraction": 0.0}
    return Lesson(name=name, mode="train", title=title, text=text, network=net, data=data,
                  training=training, pace=pace)


#: a network with more weights and biases than this opens in training mode:
#: one stepped update of it would be thousands of formulas (the digits
#: network, 64-32-10, has 2,410; the stepper's lessons a few dozen)
STEPPER_MAX_PARAMETERS = 1000


def _walkable(net: Network) -> bool:
    """Whether the stepper's backpropagation can walk ``net`` (no step, no
    softmax but on the output) and it is small enough to step through."""
    from nnviz.core.lecture.backprop import check_backprop_network

    if net.n_parameters > STEPPER_MAX_PARAMETERS:
        return False
    if net.activations[-1] == "softmax" and net.layers[-1] < 2:
        return False  # one softmax output is always 1: no class data gives it a target
    try:
        check_backprop_network(net)
    except UserError:
        return False
    return True


def _random_points(n_in: int, n_out: int) -> dict[str, Any]:
    rng = np.random.default_rng(0)
    n_classes = max(2, n_out) if n_out > 1 else 2
    return {
        "kind": "points",
        "x": rng.uniform(0, 1, size=(4, n_in)).round(2).tolist(),
        "y": [i % n_classes for i in range(4)],
    }


def _training_twin(n_in: int, n_out: int) -> Lesson | None:
    """The bundled training lesson for networks of this many inputs and outputs
    whose data needs no download, or None."""
    for lesson_name in lesson_names():
        try:
            lesson = load_lesson(lesson_name)
        except UserError:
            continue
        if (lesson.mode == "train" and not lesson.reads_files and lesson.network.layers[0] == n_in
                and lesson.network.layers[-1] == n_out):
            return lesson
    return None


#: what ``--output auto`` and the import dialog choose from
OUTPUTS = ("auto", "sigmoid", "softmax", "identity")
#: the hidden layers an imported table trains with unless told otherwise
DEFAULT_HIDDEN = (16, 16)


def lesson_for_data(
    ds: dataset.Dataset,
    source: str,
    hidden: list[int] | tuple[int, ...] = DEFAULT_HIDDEN,
    activation: str = "relu",
    output: str = "auto",
    seed: int = 0,
) -> Lesson:
    """A training lesson for data the user brought (a CSV table, drawn points).

    The output layer follows the data unless ``output`` says otherwise:
    regression -> one identity neuron and MSE; two classes -> one sigmoid
    neuron and cross-entropy; more -> a softmax neuron per class and
    cross-entropy. Adam at η = 0.01 in batches of 32 with a fifth held out
    trains small tables in a few seconds and big ones without diverging.
    """
    if output not in OUTPUTS:
        raise UserError("The output must be one of {0}, not '{1}'.", ", ".join(OUTPUTS), output)
    regression = bool(getattr(ds, "is_regression", False))
    if output == "auto":
        output = "identity" if regression else ("sigmoid" if ds.n_classes <= 2 else "softmax")
    if regression and output != "identity":
        raise UserError("A regression (predicting a number) needs the identity output, not '{0}'.", output)
    if not regression and output == "identity":
        raise UserError("Class labels need a sigmoid or softmax output; identity is for regression.")
    n_out = 1 if output in ("identity", "sigmoid") else max(ds.n_classes, 2)
    if output == "sigmoid" and ds.n_classes > 2:
        raise UserError(
            "One sigmoid output neuron can tell two classes apart, but the data has {0}; "
            "use the softmax output.",
            ds.n_classes,
        )
    layers = [ds.n_features, *[int(h) for h in hidden], n_out]
    acts = [activation] * len(hidden) + [output]
    net = Network.initialised(layers, acts, seed=seed)
    training = {
        "loss": "mse" if output == "identity" else "cross_entropy",
        "optimizer": "adam",
        "lr": 0.01,
        "batch_size": 32,
        "epochs": 200,
        "seed": seed,
        "val_fraction": 0.2,
    }
    shape = "-".join(map(str, layers))
    what = {
        "en": "a number to predict (regression, MSE)" if regression else f"{ds.n_classes} classes",
        "es": "un número que predecir (regresión, ECM)" if regression else f"{ds.n_classes} clases",
    }
    text = {
        "en": (
            f"{len(ds.x)} rows of {source}: {ds.n_features} features, {what['en']}. Network {shape}. "
            "The features are standardised: x' = (x − mean) / standard deviation, both measured on the "
            "training part only, so that the validation part stays unseen."
        ),
        "es": (
            f"{len(ds.x)} filas de {source}: {ds.n_features} variables, {what['es']}. Red {shape}. "
            "Las variables se estandarizan: x' = (x − media) / desviación típica, ambas medidas solo en "
            "la parte de entrenamiento, para que la de validación siga sin verse."
        ),
    }
    return Lesson(
        name=f"data:{source}",
        mode="train",
        title={"en": source, "es": source},
        text=text,
        network=net,
        data={"kind": "custom", "val_fraction": float(len(ds.val_idx)) / max(len(ds.x), 1)},
        training=training,
        given_data=ds,
    )
