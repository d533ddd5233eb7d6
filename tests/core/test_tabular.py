"""A table becomes a data set: classes or a regression, the split, standardisation from the
training rows only, and the DataSource that builds it again."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nnviz.core.data.dataset import Dataset, split
from nnviz.core.data.origin import DataSource
from nnviz.core.data.scaling import Standardisation
from nnviz.core.data.source import build
from nnviz.core.data.table import Cancelled, CsvFormat, Table, read_table, sniff
from nnviz.core.data.tabular import table_dataset
from nnviz.core.errors import UserError


def make_table(x, labels, names=None, path="t.csv") -> Table:
    x = np.asarray(x, dtype=np.float64)
    names = names or [f"f{j}" for j in range(x.shape[1])]
    d = x.shape[1]
    return Table(names, x, np.asarray(labels), "label", CsvFormat(), len(x), path=path,
                 label=d, features=list(range(d)), columns=[*names, "label"])


def write_csv(tmp_path, name="data.csv", n=300, seed=0, labels=None):
    rng = np.random.default_rng(seed)
    x = rng.normal(loc=[5.0, -3.0, 100.0], scale=[2.0, 0.1, 30.0], size=(n, 3))
    labels = labels if labels is not None else rng.choice(["rojo", "Azul", "verde"], size=n)
    lines = ["alto;ancho;peso;color"]
    lines += [";".join(f"{v:.6f}".replace(".", ",") for v in row) + f";{lab}" for row, lab in zip(x, labels)]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, x, labels


# ------------------------------------------------------------------ standardisation
def test_standardisation_uses_the_training_rows_only(tmp_path):
    path, _, _ = write_csv(tmp_path)
    table = read_table(path, sniff(path), 3, [0, 1, 2])
    raw = table.x.copy()
    ds = table_dataset(table, val_fraction=0.25, seed=3)
    assert len(ds.val_idx) == 75 and len(ds.train_idx) == 225
    train = raw[ds.train_idx]
    np.testing.assert_allclose(ds.scaling.mean, train.mean(axis=0), rtol=1e-13)
    np.testing.assert_allclose(ds.scaling.std, train.std(axis=0), rtol=1e-12)
    np.testing.assert_allclose(ds.x, (raw - train.mean(axis=0)) / train.std(axis=0), rtol=1e-9, atol=1e-12)
    # with the validation rows the mean would differ: they were left out
    assert not np.allclose(ds.scaling.mean, raw.mean(axis=0), rtol=1e-6)
    np.testing.assert_allclose(ds.scaling.invert(ds.x), raw, rtol=1e-12)
    assert ds.scaling.names == ["alto", "ancho", "peso"] == ds.feature_names
    np.testing.assert_array_equal(table.x, raw)  # copy=True left the table alone


def test_a_constant_column_gets_std_one_and_becomes_zero():
    x = np.column_stack([np.full(50, 0.1), np.arange(50.0)])
    ds = table_dataset(make_table(x, np.arange(50) % 2), val_fraction=0.2)
    assert ds.scaling.std[0] == 1.0 and np.all(ds.x[:, 0] == 0.0)
    assert ds.scaling.std[1] == pytest.approx(np.arange(50.0)[ds.train_idx].std())


def test_in_place_and_float32_tables():
    x = np.random.default_rng(1).normal(3, 2, size=(400, 2)).astype(np.float32)
    table = make_table(x, np.arange(400) % 2)
    table.x = x
    ds = table_dataset(table, copy=False)
    assert ds.x is x and ds.x.dtype == np.float32
    assert np.abs(ds.x[ds.train_idx].mean(axis=0)).max() < 1e-5
    assert np.abs(ds.x[ds.train_idx].std(axis=0) - 1).max() < 1e-5


# ------------------------------------------------------------------ labels
def test_class_names_are_sorted_and_label_the_rows(tmp_path):
    path, _, labels = write_csv(tmp_path)
    ds = build(DataSource.csv(path, sniff(path), 3, [0, 1, 2]))
    assert ds.class_names == ["Azul", "rojo", "verde"] and ds.n_classes == 3
    assert [ds.class_names[k] for k in ds.y] == list(labels)
    assert not ds.is_regression and ds.values is None
    assert ds.class_name(1) == "rojo"


def test_few_whole_numbers_are_classes_named_by_the_numbers():
    ds = table_dataset(make_table(np.arange(9.0)[:, None], [7, 0, 1, 7, 0, 1, 7, 0, 1]))
    assert ds.class_names == ["0", "1", "7"] and ds.y.tolist() == [2, 0, 1] * 3
    minus = table_dataset(make_table(np.arange(4.0)[:, None], [-1.0, 1.0, -1.0, 1.0]))
    assert minus.class_names == ["-1", "1"]
    halves = table_dataset(make_table(np.arange(4.0)[:, None], [0.5, 1.5, 0.5, 1.5]), task="classification")
    assert halves.class_names == ["0.5", "1.5"]


def test_many_values_or_fractions_mean_regression():
    x = np.arange(60.0)[:, None]
    for labels in (np.arange(60) * 2.0, np.tile([0.5, 1.0, 1.5], 20)):
        ds = table_dataset(make_table(x, labels), val_fraction=0.2, seed=1)
        assert ds.is_regression and ds.n_classes == 0 and ds.class_names is None
        assert ds.values.shape == (60, 1) and np.all(ds.y == 0)
        train = labels[ds.train_idx]
        assert ds.scaling.target_mean == pytest.approx(train.mean())
        assert ds.scaling.target_std == pytest.approx(train.std())
        np.testing.assert_allclose(ds.scaling.unscale_target(ds.values[:, 0]), labels, rtol=1e-12)
    # 21 whole numbers: more than "auto" takes as classes, but allowed when asked
    many = make_table(np.arange(21.0)[:, None], np.arange(21))
    assert table_dataset(many).is_regression
    assert table_dataset(many, task="classification").n_classes == 21
    assert table_dataset(make_table(x, np.arange(60) % 2), task="regression").is_regression


def test_label_problems_get_a_sentence_naming_the_column():
    x = np.arange(6.0)[:, None]
    with pytest.raises(UserError, match="'label' has one class only \\('yes'\\)"):
        table_dataset(make_table(x, ["yes"] * 6))
    with pytest.raises(UserError, match="'label' has one class only \\('3'\\)"):
        table_dataset(make_table(x, [3.0] * 6))
    with pytest.raises(UserError, match="holds names such as 'a'.*cannot be trained as a regression"):
        table_dataset(make_table(x, list("abcabc")), task="regression")
    many = make_table(np.arange(150.0)[:, None], [f"c{i}" for i in range(150)])
    with pytest.raises(UserError, match="150 different names: too many classes \\(at most 100\\)"):
        table_dataset(many)
    with pytest.raises(UserError, match="task must be one of"):
        table_dataset(make_table(x, [0, 1] * 3), task="guess")


def test_building_can_be_cancelled_and_reports_progress(tmp_path):
    path, _, _ = write_csv(tmp_path)
    seen: list[float] = []
    build(DataSource.csv(path, sniff(path), 3, [0, 1, 2]), seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and any(0.9 < f < 1.0 for f in seen)
    with pytest.raises(Cancelled):
        build(DataSource.csv(path, sniff(path), 3, [0, 1, 2]), None, lambda: True)


# ------------------------------------------------------------------ DataSource
def test_a_csv_source_goes_through_json_and_builds_the_same_arrays(tmp_path):
    path, _, _ = write_csv(tmp_path, n=120)
    first = build(DataSource.csv(path, sniff(path), 3, [2, 0], task="auto", val_fraction=0.3, seed=5))
    stored = json.dumps(first.source.to_dict())
    source = DataSource.from_dict(json.loads(stored))
    assert source == first.source
    assert source.feature_names == ("peso", "alto") and source.label_name == "color"
    again = build(source)
    for a, b in ((first.x, again.x), (first.y, again.y), (first.train_idx, again.train_idx),
                 (first.val_idx, again.val_idx), (first.scaling.mean, again.scaling.mean)):
        np.testing.assert_array_equal(a, b)
    assert again.class_names == first.class_names and again.source == source
    assert "CSV table 'data.csv': label 'color', 2 features" in source.describe()


def test_a_spec_source_builds_generated_and_drawn_points():
    spiral = DataSource.from_spec({"kind": "spiral", "n": 60, "seed": 2})
    ds = build(DataSource.from_dict(json.loads(json.dumps(spiral.to_dict()))))
    assert ds.source == spiral and ds.x.shape == (60, 2)
    drawn = DataSource.from_spec({"kind": "points", "x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [0, 1, 1, 0]})
    pts = build(drawn)
    assert pts.y.tolist() == [0, 1, 1, 0] and pts.source is drawn
    assert drawn.describe() == "4 points given one by one"
    assert spiral.describe() == "generated 'spiral' (n=60, seed=2)"


@pytest.mark.parametrize(
    "bad, words",
    [
        ([1, 2], "expected an object"),
        ({"kind": "sql"}, "'kind' must be 'spec' or 'csv'"),
        ({"kind": "spec"}, "'spec' is missing"),
        ({"kind": "spec", "spec": {"n": 3}}, "'spec' must be an object with a 'kind'"),
        ({"kind": "csv", "path": "a.csv", "format": {}, "label": 0}, "'features' is missing"),
        ({"kind": "csv", "path": "", "format": {}, "label": 0, "features": [1]}, "'path' must name a file"),
        ({"kind": "csv", "path": "a.csv", "format": {"delimiter": "x"}, "label": 0, "features": [1]},
         "'delimiter' must be one of"),
        ({"kind": "csv", "path": "a.csv", "format": {}, "label": -1, "features": [1]}, "'label' must hold whole"),
        ({"kind": "csv", "path": "a.csv", "format": {}, "label": 0, "features": [0, 1]}, "must all be different"),
        ({"kind": "csv", "path": "a.csv", "format": {}, "label": 0, "features": [1], "task": "guess"},
         "'task' must be one of"),
        ({"kind": "csv", "path": "a.csv", "format": {}, "label": 0, "features": [1], "val_fraction": 1},
         "'val_fraction' must be a number in"),
        ({"kind": "csv", "path": "a.csv", "format": {}, "label": 0, "features": [1], "colour": 1},
         "unknown field 'colour'"),
        ({"kind": "csv", "path": "a.csv", "format": {}, "label": 0, "features": [1], "feature_names": ["a", "b"]},
         "one name per feature"),
    ],
)
def test_bad_source_dictionaries_are_refused_with_a_sentence(bad, words):
    with pytest.raises(UserError, match=words):
        DataSource.from_dict(bad)


def test_a_file_whose_columns_changed_is_refused_on_rebuild(tmp_path):
    path, _, _ = write_csv(tmp_path, n=30)
    source = build(DataSource.csv(path, sniff(path), 3, [0, 1])).source
    text = path.read_text(encoding="utf-8").replace("alto;ancho", "ancho;alto", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match="has changed since it was imported: column 1 is now 'ancho', not 'alto'"):
        build(source)


# ------------------------------------------------------------------ the Dataset
def test_old_constructor_calls_still_work_and_a_copy_keeps_the_new_parts():
    ds = Dataset([[0.0, 1.0], [1.0, 0.0]], [0, 1], 2, "two", None)
    assert ds.x.dtype == np.float64 and not ds.is_regression and ds.class_name(1) == "1"
    reg = Dataset(np.zeros((4, 1)), np.zeros(4), 0, values=np.arange(4.0), class_names=None)
    assert reg.values.shape == (4, 1) and reg.is_regression
    split(reg, 0.5, seed=0)
    fresh = reg.without_split()
    assert fresh.values is reg.values and fresh.val_idx.size == 0 and fresh.train_idx.size == 4


def test_standardisation_measure_matches_numpy_on_chosen_rows():
    rng = np.random.default_rng(4)
    x = rng.normal(10, 3, size=(200, 5))
    rows = np.sort(rng.choice(200, 150, replace=False))
    s = Standardisation.measure(x, rows, list("abcde"))
    np.testing.assert_allclose(s.mean, x[rows].mean(axis=0), rtol=1e-13)
    np.testing.assert_allclose(s.std, x[rows].std(axis=0), rtol=1e-12)
    np.testing.assert_allclose(s.apply(x[:3]), (x[:3] - s.mean) / s.std)
