"""A session in memory (:class:`Session`) and its session file (:func:`save_session`, :func:`load_session`).

The lesson is kept whole (mode, texts, layers and activations, the data
spec, the stepper's and the training's settings, the speed) with its
network's weights; beside it the weights on show, the counters, the
optimizer's memory, every run's figures, the stepper's update in progress
and the view options. Data the lesson's spec makes again (a generator, the
bundled points) is stored as the spec; data the user brought is stored as
arrays when small (:mod:`nnviz.core.session.data_record`), else as where it
came from, and :attr:`Session.data_to_read` then says what to read again.
"""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nnviz import __version__
from nnviz.core.data.origin import DataSource
from nnviz.core.errors import UserError
from nnviz.core.lessons import MODES, Lesson, check_lesson_fields
from nnviz.core.model.network import Network, network_from_arrays
from nnviz.core.session.archive import Archive, read_archive, write_archive
from nnviz.core.session.data_record import dataset_from_parts, dataset_parts, storable
from nnviz.core.training.optimizer_state import OptimizerState

FORMAT = "nnviz-session"
VERSION = 1
#: the per-epoch columns of a run (accuracies in %; ``elapsed``: seconds of training at the epoch's end)
RUN_COLUMNS = ("epoch", "updates", "train_loss", "val_loss", "train_acc", "val_acc", "penalty", "lr", "batch_size",
               "elapsed")
#: the columns of files written before runs kept their seconds (read with ``elapsed`` unknown)
OLD_RUN_COLUMNS = RUN_COLUMNS[:-1]
#: runs a session keeps (the plots show the last few)
MAX_RUNS = 100
#: view options and their kinds
VIEW_KEYS = {"x_axis": ("epochs", "updates", "seconds"), "log_scale": bool, "smoothing": float, "speed": float,
             "stepper_speed": float}


@dataclass
class RunRecord:
    """One run's figures, epoch by epoch, and its markers."""

    table: dict[str, np.ndarray]
    best_epoch: int = 0
    stop_epoch: int = 0
    #: what the run changed from the one before ("batch 1"), as the legend shows it
    label: str = ""


@dataclass
class StepperRecord:
    """Where the stepper stands: the update in progress and the step on show."""

    #: the weights the update in progress starts from
    start: Network
    sample: int
    #: 1-based number of the update
    number: int
    #: updates finished before it: (number, sample, error, mean error after)
    finished: list[tuple[int, int, float, float]]
    #: step on show within the update (-1: before its first)
    pos: int
    granularity: str


@dataclass
class Session:
    """Everything a window needs to show a demo again (see the module docstring)."""

    #: the lesson; ``lesson.network`` holds the weights it started from (what
    #: Reset gives back) and ``lesson.given_data`` the user's data once built
    lesson: Lesson
    #: the weights on show
    network: Network
    epochs: int = 0
    updates: int = 0
    optimizer: OptimizerState | None = None
    runs: list[RunRecord] = field(default_factory=list)
    stepper: StepperRecord | None = None
    view: dict[str, Any] = field(default_factory=dict)
    #: data to read again before the lesson can be shown (a big table, an
    #: image folder): a DataSource, or None when the data is already there
    data_to_read: DataSource | None = None


def run_record(history: list[Any], best_epoch: int = 0, stop_epoch: int = 0) -> RunRecord:
    """A run's record from its :class:`~nnviz.core.training.records.EpochMetrics`
    (accuracies become %, as the plots keep them)."""
    table = {c: np.array([float(getattr(m, c)) for m in history], dtype=np.float64) for c in RUN_COLUMNS}
    table["train_acc"] *= 100.0
    table["val_acc"] *= 100.0
    return RunRecord(table, int(best_epoch), int(stop_epoch))


# ---------------------------------------------------------------- writing
def save_session(session: Session, path: str | os.PathLike[str]) -> None:
    """Write ``session`` to ``path`` (atomic; see :mod:`nnviz.core.session.archive`)."""
    write_archive(to_archive(session), path)


def to_archive(session: Session) -> Archive:
    lesson = session.lesson
    tensors: dict[str, np.ndarray] = {}
    _put_network(tensors, "lesson", lesson.network)
    _put_network(tensors, "network", session.network)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "written_by": f"nnviz {__version__}",
        "lesson": {
            "name": lesson.name, "mode": lesson.mode, "title": dict(lesson.title), "text": dict(lesson.text),
            "order": lesson.order, "pace": lesson.pace,
            "layers": list(lesson.network.layers), "activations": list(lesson.network.activations),
            "seed": lesson.network.seed,
            "data": dict(lesson.data), "stepper": dict(lesson.stepper), "training": dict(lesson.training),
            "files": dict(lesson.files) if lesson.files is not None else None,
            "compare": dict(lesson.compare), "views": list(lesson.views),
        },
        "network": {"layers": list(session.network.layers), "activations": list(session.network.activations),
                    "seed": session.network.seed},
        "counters": {"epochs": int(session.epochs), "updates": int(session.updates)},
        "data": _data_manifest(lesson, tensors),
        "optimizer": None,
        "runs": [],
        "stepper": None,
        "view": dict(session.view),
    }
    if session.optimizer is not None:
        opt = session.optimizer
        manifest["optimizer"] = {"optimizer": opt.optimizer, "layers": list(opt.layers), "steps": opt.steps}
        tensors["optimizer.first"] = opt.first
        tensors["optimizer.second"] = opt.second
    texts = {}
    for i, run in enumerate(session.runs[-MAX_RUNS:], start=1):
        name = f"runs/run-{i}.csv"
        texts[name] = _run_csv(run.table)
        manifest["runs"].append({"file": name, "best_epoch": int(run.best_epoch), "stop_epoch": int(run.stop_epoch),
                                 "label": run.label})
    if session.stepper is not None:
        st = session.stepper
        _put_network(tensors, "stepper", st.start)
        manifest["stepper"] = {
            "sample": int(st.sample), "number": int(st.number), "pos": int(st.pos),
            "granularity": st.granularity, "finished": [list(f) for f in st.finished],
        }
    return Archive(manifest, tensors, texts)


def _put_network(tensors: dict[str, np.ndarray], prefix: str, net: Network) -> None:
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        tensors[f"{prefix}.weights.{i}"] = np.asarray(w, dtype=np.float64)
        tensors[f"{prefix}.biases.{i}"] = np.asarray(b, dtype=np.float64)


def _data_manifest(lesson: Lesson, tensors: dict[str, np.ndarray]) -> dict[str, Any]:
    """How the data is kept: the lesson's spec, the arrays, or where to read it again."""
    ds = lesson.given_data
    if ds is None:
        return {"stored": "spec"}
    if lesson.files is not None:
        return {"stored": "files"}  # MNIST: read from its folder again (lesson.files)
    if storable(ds):
        parts, meta = dataset_parts(ds)
        tensors.update(parts)
        return {"stored": "arrays", "meta": meta}
    if ds.source is None:
        raise UserError("This data is too big to keep in a session file and nnviz does not know where it came from.")
    return {"stored": "source", "source": ds.source.to_dict()}


def _run_csv(table: dict[str, np.ndarray]) -> str:
    out = io.StringIO()
    out.write(",".join(RUN_COLUMNS) + "\n")
    n = len(table.get("epoch", ()))
    cols = [np.asarray(table.get(c, np.full(n, np.nan)), dtype=np.float64) for c in RUN_COLUMNS]
    for i in range(n):
        out.write(",".join(repr(float(c[i])) for c in cols) + "\n")
    return out.getvalue()


# ---------------------------------------------------------------- reading
def load_session(path: str | os.PathLike[str]) -> Session:
    """The session in ``path``; one :class:`UserError` sentence for anything wrong."""
    archive = read_archive(path)
    try:
        return from_archive(archive)
    except UserError as exc:
        raise UserError("'{0}' cannot be opened: {1}", Path(path).name, exc) from None


def from_archive(archive: Archive) -> Session:
    m = archive.manifest
    if m.get("format") != FORMAT:
        raise UserError("it is not an nnviz session (field 'format' is {0!r}).", m.get("format"))
    version = m.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UserError("its field 'version' must be a whole number, not {0!r}.", version)
    if version > VERSION:
        raise UserError(
            "it was written by a newer nnviz (session format {0}); this nnviz reads format {1}. "
            "Update nnviz to open it.", version, VERSION,
        )
    t = archive.tensors
    lm = _object(m, "lesson")
    lesson_net = _network(t, "lesson", lm.get("layers"), lm.get("activations"))
    lesson_net.seed = _seed(lm.get("seed"), "lesson.seed")  # the form's "weight seed"
    nm = _object(m, "network")
    shown = _network(t, "network", nm.get("layers"), nm.get("activations"))
    shown.seed = _seed(nm.get("seed"), "network.seed")
    lesson = _lesson(lm, lesson_net)  # its settings checked: refused now, not at Train
    session = Session(lesson=lesson, network=shown)
    counters = _object(m, "counters")
    session.epochs = _whole(counters.get("epochs", 0), "counters.epochs")
    session.updates = _whole(counters.get("updates", 0), "counters.updates")
    _read_data(m, t, session)
    if m.get("optimizer") is not None:
        om = _object(m, "optimizer")
        for key in ("optimizer.first", "optimizer.second"):
            if key not in t:
                raise UserError("the tensor '{0}' is missing.", key)
        layers = om.get("layers")
        if not isinstance(layers, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in layers):
            raise UserError("field 'optimizer.layers' must list the layer sizes.")
        session.optimizer = OptimizerState(str(om.get("optimizer")), tuple(layers), t["optimizer.first"],
                                           t["optimizer.second"], _whole(om.get("steps", 0), "optimizer.steps"))
    runs = m.get("runs", [])
    if not isinstance(runs, list) or len(runs) > MAX_RUNS:
        raise UserError("field 'runs' must list at most {0} runs.", MAX_RUNS)
    for i, r in enumerate(runs):
        if not isinstance(r, dict) or not isinstance(r.get("file"), str) or r["file"] not in archive.texts:
            raise UserError("run {0}: its figures are missing.", i + 1)
        label = r.get("label", "")
        if not isinstance(label, str) or len(label) > 200:
            raise UserError("run {0}: its name must be a short text.", i + 1)
        session.runs.append(RunRecord(
            _read_run(archive.texts[r["file"]], r["file"]),
            _whole(r.get("best_epoch", 0), "runs.best_epoch"), _whole(r.get("stop_epoch", 0), "runs.stop_epoch"),
            label,
        ))
    if m.get("stepper") is not None:
        session.stepper = _stepper(_object(m, "stepper"), t, lesson_net)
    session.view = _view(m.get("view", {}))
    return session


def _object(m: dict[str, Any], key: str) -> dict[str, Any]:
    v = m.get(key)
    if not isinstance(v, dict):
        raise UserError("field '{0}' is missing or not an object.", key)
    return v


def _seed(v: Any, where: str) -> int | None:
    return None if v is None else _whole(v, where)


def _whole(v: Any, where: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise UserError("field '{0}' must be a whole number from 0, not {1!r}.", where, v)
    return v


def _network(t: dict[str, np.ndarray], prefix: str, layers: Any, activations: Any) -> Network:
    if not isinstance(layers, list):
        raise UserError("field '{0}.layers' must list the layer sizes.", prefix)
    n = max(len(layers) - 1, 0)
    weights, biases = [], []
    for i in range(n):
        for key, out in ((f"{prefix}.weights.{i}", weights), (f"{prefix}.biases.{i}", biases)):
            if key not in t:
                raise UserError("the tensor '{0}' is missing.", key)
            out.append(t[key])
    return network_from_arrays(layers, activations, weights, biases, where=prefix)


def _lesson(lm: dict[str, Any], net: Network) -> Lesson:
    mode = lm.get("mode")
    if mode not in MODES:
        raise UserError("field 'lesson.mode' must be one of {0}.", ", ".join(MODES))
    fields: dict[str, Any] = {}
    for key in ("title", "text"):
        v = lm.get(key, {})
        if not isinstance(v, dict) or not all(isinstance(k, str) and isinstance(s, str) for k, s in v.items()):
            raise UserError("field 'lesson.{0}' must map languages to text.", key)
        fields[key] = dict(v)
    for key in ("data", "stepper", "training", "compare"):
        v = lm.get(key, {})
        if not isinstance(v, dict):
            raise UserError("field 'lesson.{0}' must be an object.", key)
        fields[key] = dict(v)
    name = lm.get("name", "")
    pace = lm.get("pace", 0.0)
    if isinstance(pace, bool) or not isinstance(pace, (int, float)) or not 0 <= pace < math.inf:
        raise UserError("field 'lesson.pace' must be a number of epochs a second.")
    files = lm.get("files")
    if files is not None and (not isinstance(files, dict) or not isinstance(files.get("kind"), str)):
        raise UserError("field 'lesson.files' must be an image set's data object.")
    order = lm.get("order", 100)
    lesson = Lesson(
        name=name if isinstance(name, str) else "", mode=mode, network=net, pace=float(pace),
        order=order if isinstance(order, int) and not isinstance(order, bool) else 100,
        files=dict(files) if files is not None else None, views=lm.get("views", []), **fields,
    )
    check_lesson_fields(lesson)
    return lesson


def _read_data(m: dict[str, Any], t: dict[str, np.ndarray], session: Session) -> None:
    dm = _object(m, "data")
    stored = dm.get("stored")
    lesson = session.lesson
    if stored == "spec":
        if lesson.reads_files:
            raise UserError("field 'lesson.data' names image files; they are kept as 'files'.")
        lesson.dataset()  # a spec that makes no data is refused here, naming the file
        return
    if stored == "files":
        if lesson.files is None:
            raise UserError("field 'lesson.files' is missing for data read from files.")
        session.data_to_read = DataSource.from_spec(lesson.files)
        return
    if stored == "arrays":
        ds = dataset_from_parts(t, dm.get("meta"))
        if ds.n_features != lesson.network.layers[0]:
            raise UserError("the data has {0} columns but the network {1} inputs.", ds.n_features,
                            lesson.network.layers[0])
        lesson.given_data = ds
        return
    if stored == "source":
        session.data_to_read = DataSource.from_dict(dm.get("source"))
        return
    raise UserError("field 'data.stored' must be 'spec', 'files', 'arrays' or 'source', not {0!r}.", stored)


def _read_run(text: str, name: str) -> dict[str, np.ndarray]:
    lines = text.splitlines()
    header = lines[0].split(",") if lines else []
    if header not in (list(RUN_COLUMNS), list(OLD_RUN_COLUMNS)):
        raise UserError("'{0}' does not start with the columns {1}.", name, ",".join(RUN_COLUMNS))
    rows = []
    for i, line in enumerate(lines[1:], start=2):
        cells = line.split(",")
        try:
            row = [float(c) for c in cells]
        except ValueError:
            raise UserError("'{0}', line {1}: a figure is not a number.", name, i) from None
        if len(row) != len(header):
            raise UserError("'{0}', line {1}: {2} figures were expected.", name, i, len(header))
        rows.append(row)
    data = np.array(rows, dtype=np.float64).reshape(-1, len(header))
    table = {c: data[:, j].copy() for j, c in enumerate(header)}
    table.setdefault("elapsed", np.full(len(data), np.nan))  # an older file: the seconds are unknown
    return table


def _stepper(sm: dict[str, Any], t: dict[str, np.ndarray], lesson_net: Network) -> StepperRecord:
    start = _network(t, "stepper", list(lesson_net.layers), list(lesson_net.activations))
    finished = sm.get("finished", [])
    if not isinstance(finished, list):
        raise UserError("field 'stepper.finished' must be a list.")
    rows = []
    for f in finished:
        if (not isinstance(f, list) or len(f) != 4 or any(isinstance(v, bool) for v in f)
                or not all(isinstance(v, (int, float)) for v in f)):
            raise UserError("field 'stepper.finished' must hold [number, sample, error, mean error] lists.")
        rows.append((int(f[0]), int(f[1]), float(f[2]), float(f[3])))
    pos = sm.get("pos", -1)
    if isinstance(pos, bool) or not isinstance(pos, int) or pos < -1:
        raise UserError("field 'stepper.pos' must be a whole number from -1.")
    granularity = sm.get("granularity", "scalar")
    if not isinstance(granularity, str):
        raise UserError("field 'stepper.granularity' must be text.")
    number = _whole(sm.get("number", 1), "stepper.number")
    return StepperRecord(start, _whole(sm.get("sample", 0), "stepper.sample"), max(number, 1), rows, pos,
                         granularity)


def _view(v: Any) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise UserError("field 'view' must be an object.")
    out: dict[str, Any] = {}
    for key, value in v.items():
        kind = VIEW_KEYS.get(key)
        if kind is None:
            continue  # a later version's option: ignored, not refused
        if isinstance(kind, tuple):
            ok = value in kind
        elif kind is bool:
            ok = isinstance(value, bool)
        else:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0
        if not ok:
            raise UserError("field 'view.{0}' has an impossible value {1!r}.", key, value)
        out[key] = value
    return out
