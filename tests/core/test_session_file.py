"""Session files: what is saved comes back exactly; every bad file is one sentence."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import numpy as np
import pytest

from nnviz.core import lessons
from nnviz.core.data import datasets
from nnviz.core.data.scaling import Standardisation
from nnviz.core.errors import UserError
from nnviz.core.session import archive as archive_module
from nnviz.core.session.record import (
    RUN_COLUMNS,
    RunRecord,
    Session,
    StepperRecord,
    load_session,
    save_session,
)
from nnviz.core.training.optimizer_state import OptimizerState


def _trained_spiral() -> Session:
    lesson = lessons.load_lesson("spiral")
    shown = lesson.network.copy()
    rng = np.random.default_rng(5)
    shown.weights = [w + rng.normal(size=w.shape) for w in shown.weights]
    n = sum(a * b + b for a, b in zip(shown.layers[:-1], shown.layers[1:]))
    opt = OptimizerState("adam", tuple(shown.layers), rng.normal(size=n), rng.random(n), 420)
    table = {c: np.arange(5, dtype=float) * (i + 1) for i, c in enumerate(RUN_COLUMNS)}
    table["val_loss"][2] = np.nan
    return Session(lesson, shown, epochs=120, updates=1500, optimizer=opt,
                   runs=[RunRecord(table, 3, 0), RunRecord({c: v[:2] for c, v in table.items()}, 1, 2)],
                   view={"x_axis": "updates", "log_scale": True, "smoothing": 0.6, "speed": 20.0})


def _same_net(a, b) -> None:
    assert a.layers == b.layers and a.activations == b.activations
    for x, y in zip([*a.weights, *a.biases], [*b.weights, *b.biases]):
        np.testing.assert_array_equal(x, y)


def test_a_trained_spiral_comes_back_exactly(tmp_path: Path) -> None:
    s = _trained_spiral()
    path = tmp_path / "spiral.nnviz"
    save_session(s, path)
    back = load_session(path)
    _same_net(back.network, s.network)
    _same_net(back.lesson.network, s.lesson.network)
    assert back.lesson.mode == "train" and back.lesson.data == s.lesson.data
    assert back.lesson.training == s.lesson.training and back.lesson.pace == s.lesson.pace
    assert back.lesson.title == s.lesson.title and back.lesson.text == s.lesson.text
    assert (back.epochs, back.updates) == (120, 1500)
    np.testing.assert_array_equal(back.optimizer.first, s.optimizer.first)
    np.testing.assert_array_equal(back.optimizer.second, s.optimizer.second)
    assert back.optimizer.steps == 420 and back.optimizer.optimizer == "adam"
    assert len(back.runs) == 2 and back.runs[0].best_epoch == 3 and back.runs[1].stop_epoch == 2
    for c in RUN_COLUMNS:
        np.testing.assert_array_equal(back.runs[0].table[c], s.runs[0].table[c])  # NaN where NaN
    assert back.view == s.view
    assert back.data_to_read is None and back.lesson.given_data is None
    # the data itself is the lesson's spec: the same points again
    np.testing.assert_array_equal(back.lesson.dataset().x, s.lesson.dataset().x)
    # the runs are plain CSV a spreadsheet opens
    with zipfile.ZipFile(path) as zf:
        assert zf.read("runs/run-1.csv").decode().splitlines()[0] == ",".join(RUN_COLUMNS)
        assert set(zf.namelist()) == {"manifest.json", "tensors.safetensors", "runs/run-1.csv", "runs/run-2.csv"}


def test_user_data_is_kept_as_arrays(tmp_path: Path) -> None:
    ds = datasets.make({"kind": "moons", "n": 50, "seed": 2})
    ds.class_names = ["aprobado", "suspenso"]
    ds.feature_names = ["horas", "nota"]
    ds.scaling = Standardisation(np.array([1.0, 2.0]), np.array([3.0, 4.0]), ["horas", "nota"])
    ds.train_idx, ds.val_idx = np.arange(40), np.arange(40, 50)
    lesson = lessons.lesson_for_data(ds, "notas.csv")
    save_session(Session(lesson, lesson.network), tmp_path / "s.nnviz")
    back = load_session(tmp_path / "s.nnviz").lesson.given_data
    np.testing.assert_array_equal(back.x, ds.x)
    np.testing.assert_array_equal(back.y, ds.y)
    np.testing.assert_array_equal(back.val_idx, ds.val_idx)
    assert back.class_names == ["aprobado", "suspenso"] and back.feature_names == ["horas", "nota"]
    np.testing.assert_array_equal(back.scaling.std, [3.0, 4.0])


def test_the_stepper_position_is_kept(tmp_path: Path) -> None:
    lesson = lessons.load_lesson("mlp-xor")
    start = lesson.network.copy()
    start.weights[0] += 0.25
    rec = StepperRecord(start, sample=2, number=3, finished=[(1, 0, 0.5, 0.4), (2, 1, 0.3, 0.2)], pos=7,
                        granularity="scalar")
    save_session(Session(lesson, lesson.network, stepper=rec), tmp_path / "x.nnviz")
    back = load_session(tmp_path / "x.nnviz").stepper
    _same_net(back.start, start)
    assert (back.sample, back.number, back.pos, back.finished) == (2, 3, 7, rec.finished)


# ------------------------------------------------------------------ bad files
def _rewrite(src: Path, dst: Path, change) -> None:
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    change(members)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in members.items():
            zf.writestr(n, data)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.nnviz"
    save_session(_trained_spiral(), path)
    return path


def _manifest(members: dict, **changes) -> None:
    m = json.loads(members["manifest.json"])
    for k, v in changes.items():
        m[k] = v
    members["manifest.json"] = json.dumps(m).encode()


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda m: _manifest(m, version=2), "newer nnviz"),
        (lambda m: _manifest(m, format="something"), "not an nnviz session"),
        (lambda m: m.pop("tensors.safetensors"), "'tensors.safetensors' is missing"),
        (lambda m: m.pop("runs/run-2.csv"), "run 2: its figures are missing"),
        (lambda m: m.update({"data.pkl": b"\x80\x04cos\nsystem\n."}), "'data.pkl', which an nnviz session"),
        (lambda m: m.update({"manifest.json": b"{not json"}), "manifest is not JSON"),
        (lambda m: m.update({"tensors.safetensors": b"\x10\x00\x00\x00\x00\x00\x00\x00{bad"}), "tensors cannot be read"),
        (lambda m: m.update({"runs/run-1.csv": b"epoch,x\n1,2\n"}), "does not start with the columns"),
        (lambda m: _manifest(m, counters={"epochs": -3, "updates": 0}), "counters.epochs"),
        (lambda m: _manifest(m, lesson={**json.loads(m["manifest.json"])["lesson"],
                                        "layers": [2, *[99] * (len(json.loads(m["manifest.json"])["lesson"]["layers"]) - 2), 3]}),
         "has shape"),
        (lambda m: _manifest(m, lesson={**json.loads(m["manifest.json"])["lesson"],
                                        "training": {"lr": "fast"}}), "lr"),
    ],
)
def test_a_bad_session_is_one_sentence(good: Path, tmp_path: Path, change, words: str) -> None:
    bad = tmp_path / "bad.nnviz"
    _rewrite(good, bad, change)
    with pytest.raises(UserError) as err:
        load_session(bad)
    message = str(err.value)
    assert words in message and "\n" not in message and "Traceback" not in message


def test_not_a_zip_and_truncated_files(good: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.nnviz"
    text.write_text("hello")
    with pytest.raises(UserError, match="not a zip archive"):
        load_session(text)
    cut = tmp_path / "cut.nnviz"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(UserError, match="not a zip archive|damaged"):
        load_session(cut)
    with pytest.raises(UserError, match="Could not read"):
        load_session(tmp_path / "missing.nnviz")


def test_a_zip_bomb_is_refused_without_inflating_it(good: Path, tmp_path: Path, monkeypatch) -> None:
    # a run of 80 MB of zeros compresses to ~80 KB: refused by its declared size
    bomb = tmp_path / "bomb.nnviz"
    _rewrite(good, bomb, lambda m: m.update({"runs/run-1.csv": b"0" * (80 * 2**20)}))
    assert bomb.stat().st_size < 2**20
    with pytest.raises(UserError, match="at most 64 MB are read"):
        load_session(bomb)
    # a member whose header lies about its size is cut off after the declared size
    monkeypatch.setattr(archive_module, "_CHUNK", 1024)
    liar = tmp_path / "liar.nnviz"
    _rewrite(good, liar, lambda m: m.update({"runs/run-1.csv": b"1" * 50_000}))
    data = bytearray(liar.read_bytes())
    # shrink the declared size in both headers (local and central) of that member
    with zipfile.ZipFile(liar) as zf:
        info = zf.getinfo("runs/run-1.csv")
    old = info.file_size.to_bytes(4, "little")
    assert data.count(old) >= 2
    data = data.replace(old, (100).to_bytes(4, "little"))
    liar.write_bytes(bytes(data))
    with pytest.raises(UserError, match="damaged|holds more than it says"):
        load_session(liar)


def test_a_failed_save_leaves_the_old_file(good: Path, tmp_path: Path, monkeypatch) -> None:
    before = good.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive_module.os, "replace", full_disk)
    with pytest.raises(UserError, match="No space left"):
        save_session(_trained_spiral(), good)
    assert good.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert os.path.exists(good)
