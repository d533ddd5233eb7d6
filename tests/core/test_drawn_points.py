"""DrawnPoints: points drawn with the mouse, strokes, removal, undo, data set, CSV."""

from __future__ import annotations

import csv
import io
import os

import numpy as np
import pytest

from nnviz.core.data.datasets import make
from nnviz.core.data.drawn import MIN_PER_CLASS_FOR_VALIDATION, DrawnPoints
from nnviz.core.errors import UserError

XOR = [(0.0, 0.0, 0), (1.0, 1.0, 0), (0.0, 1.0, 1), (1.0, 0.0, 1)]


def xor_points() -> DrawnPoints:
    pts = DrawnPoints()
    for x1, x2, c in XOR:
        pts.add(x1, x2, c)
    return pts


def test_four_xor_points_become_a_data_set_that_trains_on_all_four():
    pts = xor_points()
    ds = pts.to_dataset(val_fraction=0.2)
    np.testing.assert_array_equal(ds.x, [[0, 0], [1, 1], [0, 1], [1, 0]])
    np.testing.assert_array_equal(ds.y, [0, 0, 1, 1])
    assert ds.n_classes == 2 and ds.n_features == 2
    # two points per class cannot spare one for validation
    assert not pts.uses_validation(0.2)
    np.testing.assert_array_equal(ds.train_idx, [0, 1, 2, 3])
    assert ds.val_idx.size == 0
    assert pts.class_counts() == {0: 2, 1: 2}


def test_each_click_is_one_undo_step():
    pts = xor_points()
    assert len(pts) == 4
    assert pts.undo() and len(pts) == 3
    np.testing.assert_array_equal(pts.x, [[0, 0], [1, 1], [0, 1]])
    for _ in range(3):
        assert pts.undo()
    assert len(pts) == 0 and not pts.can_undo and not pts.undo()


def test_a_stroke_is_spaced_evenly_and_undone_at_once():
    pts = xor_points()
    # a fast drag from (0, 0) to (1, 0) in two moves, spacing 0.1: a point every 0.1
    added = pts.add_stroke([(0.0, -1.0), (0.45, -1.0), (1.0, -1.0)], label=1, spacing=0.1)
    assert added == 11
    stroke = pts.x[4:]
    np.testing.assert_allclose(stroke[:, 0], np.arange(11) * 0.1, atol=1e-12)
    np.testing.assert_allclose(stroke[:, 1], -1.0)
    assert set(pts.y[4:]) == {1}
    # moves shorter than the spacing add nothing
    pts.begin_stroke(5.0, 5.0, 0, spacing=0.1)
    assert pts.extend_stroke(5.05, 5.0) == 0
    assert pts.extend_stroke(5.1, 5.0) == 1
    pts.end_stroke()
    assert len(pts) == 4 + 11 + 2
    assert pts.undo() and len(pts) == 15  # the short stroke, both points
    assert pts.undo() and len(pts) == 4  # the long stroke, all 11 points


def test_scribbling_over_one_spot_does_not_pile_up_points():
    pts = DrawnPoints()
    # 200 back-and-forth moves over a 0.2-wide spot (path length 40)
    path = [(0.2 * (i % 2), 0.0) for i in range(201)]
    pts.add_stroke(path, label=0, spacing=0.05)
    # along a 0.2 segment at spacing 0.05 there is room for 5 points
    assert len(pts) == 5
    np.testing.assert_allclose(np.sort(pts.x[:, 0]), [0.0, 0.05, 0.1, 0.15, 0.2], atol=1e-12)


def test_remove_nearest_within_the_radius_and_undo_brings_it_back():
    pts = xor_points()
    assert pts.remove_nearest(0.9, 0.1, radius=0.05) is None  # (1, 0) is 0.14 away
    assert len(pts) == 4 and pts.can_undo
    i = pts.remove_nearest(0.9, 0.1, radius=0.2)
    assert i == 3
    np.testing.assert_array_equal(pts.x, [[0, 0], [1, 1], [0, 1]])
    assert pts.undo()
    np.testing.assert_array_equal(pts.x, [[0, 0], [1, 1], [0, 1], [1, 0]])
    np.testing.assert_array_equal(pts.y, [0, 0, 1, 1])
    assert DrawnPoints().remove_nearest(0, 0, 1.0) is None


def test_clear_is_undoable_and_load_starts_without_history():
    spiral = make({"kind": "spiral", "n": 60, "noise": 0.0, "seed": 0})
    pts = DrawnPoints()
    pts.load(spiral.x, spiral.y)
    assert len(pts) == 60 and not pts.can_undo
    assert pts.same_points(spiral.x, spiral.y)
    assert pts.clear() and len(pts) == 0
    assert not pts.clear()  # nothing left: no step
    assert pts.undo()
    assert pts.same_points(spiral.x, spiral.y)


def test_validation_is_held_out_per_class_only_with_enough_points():
    rng = np.random.default_rng(1)
    pts = DrawnPoints(seed=3)
    n = MIN_PER_CLASS_FOR_VALIDATION
    for c in (0, 1):
        for p in rng.normal(size=(n, 2)) + 3 * c:
            pts.add(p[0], p[1], c)
    pts.add(9.0, 9.0, 2)  # a third class with one point: too few for validation
    assert not pts.uses_validation(0.2)
    assert pts.to_dataset(0.2).val_idx.size == 0
    pts.undo()
    assert pts.uses_validation(0.2) and not pts.uses_validation(0.0)
    ds = pts.to_dataset(0.2)
    # round(0.2 * 10) = 2 per class, disjoint from training, together all points
    assert [int((ds.y[ds.val_idx] == c).sum()) for c in (0, 1)] == [2, 2]
    assert np.intersect1d(ds.train_idx, ds.val_idx).size == 0
    np.testing.assert_array_equal(np.union1d(ds.train_idx, ds.val_idx), np.arange(2 * n))
    # a point drawn later moves at most one older point between the parts
    before = set(ds.val_idx.tolist())
    pts.add(0.0, 0.0, 0)
    after = set(pts.to_dataset(0.2).val_idx.tolist()) - {2 * n}
    assert len(before ^ after) <= 1


def test_empty_set_refuses_to_become_a_data_set():
    with pytest.raises(UserError, match="draw some points"):
        DrawnPoints().to_dataset()
    with pytest.raises(UserError):
        DrawnPoints().add(0, 0, 9)  # classes 0-8


def test_spec_is_a_lessons_points_data():
    pts = xor_points()
    spec = pts.spec()
    assert spec == {
        "kind": "points",
        "x": [[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]],
        "y": [0, 0, 1, 1],
    }
    ds = make(spec)  # the lesson files' own reader takes it back
    np.testing.assert_array_equal(ds.x, pts.x)
    np.testing.assert_array_equal(ds.y, pts.y)


def test_the_data_set_says_where_it_came_from():
    from nnviz.core.data.source import DataSource, build

    pts = xor_points()
    ds = pts.to_dataset(0.2)
    assert ds.source == DataSource.from_spec(pts.spec())
    again = build(ds.source)
    np.testing.assert_array_equal(again.x, ds.x)
    np.testing.assert_array_equal(again.y, ds.y)
    assert again.val_idx.size == 0
    # with enough points the source keeps the share held out
    rng = np.random.default_rng(0)
    for c in (0, 1):
        for p in rng.normal(size=(MIN_PER_CLASS_FOR_VALIDATION, 2)):
            pts.add(p[0], p[1], c)
    ds = pts.to_dataset(0.25)
    assert ds.source.to_dict()["spec"]["val_fraction"] == 0.25
    again = build(ds.source)
    np.testing.assert_array_equal(again.x, ds.x)
    assert again.val_idx.size == ds.val_idx.size == 6


def test_csv_has_a_header_and_reads_back_exactly(tmp_path):
    pts = xor_points()
    pts.add(0.1, -2.5e-7, 1)
    assert pts.csv_text().splitlines()[:3] == ["x1,x2,label", "0.0,0.0,0", "1.0,1.0,0"]
    path = tmp_path / "xor.csv"
    pts.save_csv(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["x1", "x2", "label"]
    x = np.array([[float(a), float(b)] for a, b, _ in rows[1:]])
    y = np.array([int(c) for *_, c in rows[1:]])
    np.testing.assert_array_equal(x, pts.x)  # exact, not rounded
    np.testing.assert_array_equal(y, [0, 0, 1, 1, 1])
    assert [p.name for p in tmp_path.iterdir()] == ["xor.csv"]  # no temporary file left


def test_csv_to_a_place_that_cannot_be_written_says_so(tmp_path):
    pts = xor_points()
    target = tmp_path / "missing-folder" / "points.csv"
    with pytest.raises(UserError, match="Cannot save the points"):
        pts.save_csv(target)
    if os.name != "nt" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(UserError, match="Permission denied"):
                pts.save_csv(locked / "points.csv")
        finally:
            locked.chmod(0o700)
