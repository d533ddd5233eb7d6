"""The mnist and fashion-mnist lessons on generated IDX files: reading, the split, the test set kept apart."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from nnviz.core.data import datasets, download, image_sets
from nnviz.core.data.digits import read_idx, write_idx
from nnviz.core.data.synthetic_idx import write_synthetic_set
from nnviz.core.errors import UserError
from nnviz.core.lessons import lessons_dir, load_lesson
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.test_set import evaluate, test_csv
from nnviz.core.training.trainer import Trainer

N_TRAIN, N_TEST = 600, 120


@pytest.fixture
def data_root(tmp_path, monkeypatch) -> Path:
    """NNVIZ_DATA with both sets as small generated IDX files (the real format)."""
    root = tmp_path / "data"
    write_synthetic_set(root / "mnist", N_TRAIN, N_TEST, seed=1)
    write_synthetic_set(root / "fashion-mnist", N_TRAIN, N_TEST, seed=2, gz=False)
    monkeypatch.setenv("NNVIZ_DATA", str(root))
    return root


def independent_forward(net: Network, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Cross-entropy and accuracy of a ReLU…ReLU-softmax network, written out here."""
    h = x.astype(np.float64)
    for w, b in zip(net.weights[:-1], net.biases[:-1]):
        h = np.maximum(h @ w + b, 0.0)
    a = h @ net.weights[-1] + net.biases[-1]
    p = np.exp(a - a.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(p[np.arange(len(y)), y]))), float(np.mean(p.argmax(1) == y))


@pytest.mark.parametrize("name,epochs", [("mnist", 10), ("fashion-mnist", 15)])
def test_the_lessons_train_784_128_64_10_with_adam(name, epochs):
    lesson = load_lesson(name)
    assert lesson.mode == "train" and lesson.reads_files
    assert lesson.network.layers == [784, 128, 64, 10]
    assert lesson.network.activations == ["relu", "relu", "softmax"]
    t = lesson.training
    assert (t["loss"], t["optimizer"], t["lr"], t["batch_size"], t["epochs"]) == (
        "cross_entropy", "adam", 0.001, 64, epochs)
    assert round(lesson.data["val_fraction"] * 60000) == 10000
    for lang, words in (("en", ("test", "kept apart", "η = 0.001")), ("es", ("prueba", "aparte", "η = 0,001"))):
        text = lesson.text_in(lang)
        assert all(w in text for w in words), (lang, text)
    raw = json.loads((lessons_dir() / f"{name}.json").read_text(encoding="utf-8"))
    assert raw["data"]["kind"] == name and "path" not in raw["data"]


def test_the_mnist_lesson_reads_the_download_folder_and_keeps_the_test_images_apart(data_root):
    lesson = load_lesson("mnist")
    ds = lesson.dataset()
    folder = data_root / "mnist"
    images = read_idx(folder / "train-images-idx3-ubyte.gz")
    labels = read_idx(folder / "train-labels-idx1-ubyte.gz")
    assert ds.x.dtype == np.float32 and ds.x.shape == (N_TRAIN, 784) and ds.image_shape == (28, 28)
    assert np.array_equal(ds.x, images.reshape(N_TRAIN, -1).astype(np.float32) / np.float32(255))
    assert np.array_equal(ds.y, labels) and ds.n_classes == 10 and ds.class_names is None
    assert len(ds.val_idx) == round(N_TRAIN / 6) and len(ds.train_idx) == N_TRAIN - len(ds.val_idx)
    assert not set(ds.train_idx) & set(ds.val_idx)
    test = ds.test
    assert test is not None and len(test.x) == N_TEST
    assert np.array_equal(test.y, read_idx(folder / "t10k-labels-idx1-ubyte.gz"))
    # kept: a second call (the panel, a change of layers) does not read the files again
    assert lesson.given_data is ds and lesson.dataset() is ds
    assert lesson.data["kind"] == "custom" and lesson.files["kind"] == "mnist"
    assert lesson.reads_files and ds.source is not None and ds.source.spec["kind"] == "mnist"


def test_gzipped_or_not_and_fashion_class_names_in_both_languages(data_root):
    ds = load_lesson("fashion-mnist").dataset()  # this folder holds the files unpacked
    assert ds.class_names[0] == "T-shirt/top" and ds.class_names[9] == "Ankle boot"
    assert ds.class_name(1) == "Trouser" and ds.test.class_names == ds.class_names
    image_sets.localise(ds, "es")
    assert ds.class_names[:2] == ["Camiseta/top", "Pantalón"] and ds.test.class_names[1] == "Pantalón"
    assert image_sets.class_names("fashion-mnist", "fr") == image_sets.CLASS_NAMES["fashion-mnist"]["en"]
    assert image_sets.class_names("mnist") is None


def test_missing_files_say_how_to_get_them_in_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("NNVIZ_DATA", str(tmp_path / "empty"))
    lesson = load_lesson("mnist")
    with pytest.raises(UserError) as err:
        lesson.dataset()
    text = str(err.value)
    assert "MNIST is not on this computer yet" in text and "Data → Get MNIST…" in text
    assert "nnviz data download mnist" in text and str(tmp_path / "empty" / "mnist") in text
    assert text.count(". ") == 0 and text.endswith(".")
    assert lesson.given_data is None  # nothing half-kept
    with pytest.raises(UserError, match="is not a folder"):
        datasets.make({"kind": "fashion-mnist", "path": str(tmp_path / "nope")})


def test_a_folder_given_by_path_and_the_test_part_alone(data_root, tmp_path):
    ds = datasets.make({"kind": "mnist", "path": str(data_root / "mnist"), "n": 100, "seed": 3})
    assert len(ds.x) == 100 and len(ds.test.x) == N_TEST  # a subset to train, the whole test set
    test = datasets.make({"kind": "fashion-mnist", "part": "test"})
    assert len(test.x) == N_TEST and test.class_names[0] == "T-shirt/top" and test.test is None
    with pytest.raises(UserError, match="'noise' is not supported"):
        datasets.make({"kind": "mnist", "noise": 0.1})
    # labels that are not the ten classes are refused with a sentence
    bad = tmp_path / "bad"
    write_synthetic_set(bad, 20, 5)
    write_idx(bad / "train-labels-idx1-ubyte.gz", np.full(20, 12, np.uint8), compresslevel=1)
    with pytest.raises(UserError, match="classes 0 to 9"):
        datasets.make({"kind": "mnist", "path": str(bad)})


def test_a_damaged_file_is_refused_with_one_sentence(data_root):
    target = data_root / "mnist" / "train-images-idx3-ubyte.gz"
    target.write_bytes(gzip.compress(b"\x00\x00\x08\x03" + b"\x00" * 20))
    with pytest.raises(UserError, match="should hold .* values"):
        load_lesson("mnist").dataset()
    target.write_bytes(target.read_bytes()[:15])
    with pytest.raises(UserError, match="damaged gzip"):
        load_lesson("mnist").dataset()


def test_the_test_set_is_evaluated_as_an_independent_forward_pass(data_root):
    lesson = load_lesson("mnist")
    ds = lesson.dataset()
    config = TrainingConfig.from_dict(lesson.training).replace(epochs=2, engine="torch", device="cpu")
    trainer = Trainer(lesson.network, ds, config)
    try:
        trainer.run(None)
        net = trainer.network()
        # the trainer saw the training and validation images only
        assert len(trainer.data.x_train) + len(trainer.data.x_val) == N_TRAIN
    finally:
        trainer.close()
    result = evaluate(net, ds.test, "cross_entropy", epoch=2)
    loss, acc = independent_forward(net, ds.test.x, ds.test.y)
    assert result.loss == pytest.approx(loss, rel=1e-10) and result.accuracy == pytest.approx(acc)
    assert result.n == N_TEST and result.epoch == 2
    assert result.confusion.sum() == N_TEST and np.trace(result.confusion) == round(acc * N_TEST)
    assert len(result.wrong) == N_TEST - round(acc * N_TEST)
    assert np.all(result.predicted[result.wrong] != ds.test.y[result.wrong])
    lines = test_csv(result).splitlines()
    assert lines[0] == "epoch,test_loss,test_acc,n_test"
    epoch, t_loss, t_acc, n = lines[1].split(",")
    assert (int(epoch), int(n)) == (2, N_TEST) and float(t_acc) == pytest.approx(acc, abs=1e-6)
    assert float(t_loss) == pytest.approx(loss, rel=1e-5)


def test_evaluate_follows_the_engines_errors_for_sigmoid_and_mse():
    from nnviz.core.data.dataset import Dataset

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(50, 3)), rng.integers(0, 2, 50)
    net = Network.initialised([3, 4, 1], ["tanh", "sigmoid"], seed=1)
    out = net.predict(x)[:, 0]
    ce = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
    mse = np.mean(0.5 * (y - out) ** 2)
    test = Dataset(x, y, 2)
    assert evaluate(net, test, "cross_entropy").loss == pytest.approx(ce, rel=1e-10)
    assert evaluate(net, test, "mse").loss == pytest.approx(mse, rel=1e-10)
    assert evaluate(net, test).accuracy == pytest.approx(np.mean((out > 0.5) == y))


def test_download_folder_is_where_the_lessons_look(data_root):
    assert download.set_folder("mnist") == data_root / "mnist"
    assert download.missing_files("mnist") == [] and download.missing_files("fashion-mnist") == []


def test_a_folder_of_the_users_with_training_files_only_has_no_test_part(tmp_path):
    write_synthetic_set(tmp_path, 50, 10)
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        (tmp_path / name).unlink()
    ds = datasets.make({"kind": "mnist", "path": str(tmp_path)})
    assert len(ds.x) == 50 and ds.test is None
    write_synthetic_set(tmp_path / "half", 50, 10)
    (tmp_path / "half" / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(UserError, match="There is no 't10k-labels-idx1-ubyte'"):
        datasets.make({"kind": "mnist", "path": str(tmp_path / "half")})
