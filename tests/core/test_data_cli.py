"""``nnviz data download`` and ``nnviz train --preset mnist --data-dir / --download``, against 127.0.0.1."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from nnviz.cli import main
from nnviz.core.data import download
from nnviz.core.data.digits import read_idx
from nnviz.core.data.synthetic_idx import write_synthetic_set
from nnviz.core.model.network import load_network
from tests.core.test_mnist_lessons import independent_forward
from tests.mirror_server import NAMES, MirrorServer, remote_set_for, tiny_mnist


@pytest.fixture
def mirror(monkeypatch):
    """A local mirror of a small MNIST; the named set "mnist" checks its MD5s and points there
    (NNVIZ_MIRRORS, as the tests are meant to use it)."""
    files = tiny_mnist(240, 60)
    with MirrorServer() as srv:
        srv.add("mnist", files)
        monkeypatch.setitem(download.SETS, "mnist", remote_set_for(files, [], key="mnist", title="MNIST"))
        monkeypatch.setenv("NNVIZ_MIRRORS", srv.url("{set}"))
        yield srv, files


def test_data_download_fills_the_folder_with_a_progress_bar(tmp_path, capsys, mirror):
    srv, files = mirror
    assert main(["data", "download", "mnist", "--dir", str(tmp_path / "here")]) == 0
    out, err = capsys.readouterr()
    for name, data in files.items():
        assert (tmp_path / "here" / name).read_bytes() == data
    assert "downloading MNIST [" in err and "KB" in err
    assert str(tmp_path / "here") in out and NAMES[0] in out
    # a second time: nothing is asked of the mirror
    before = len(srv.log)
    assert main(["data", "download", "mnist", "--dir", str(tmp_path / "here"), "--quiet"]) == 0
    assert len(srv.log) == before and capsys.readouterr().err == ""


def test_data_download_goes_to_nnviz_data_by_default(tmp_path, monkeypatch, capsys, mirror):
    monkeypatch.setenv("NNVIZ_DATA", str(tmp_path / "root"))
    assert main(["data", "download", "mnist", "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "root" / "mnist").iterdir()) == sorted(NAMES)


def test_data_download_offline_exits_2_with_one_sentence(tmp_path, monkeypatch, capsys, mirror):
    srv, _files = mirror
    monkeypatch.setenv("NNVIZ_MIRRORS", srv.url("nothing-here"))
    assert main(["data", "download", "mnist", "--dir", str(tmp_path), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("nnviz: Could not download MNIST (") and "\n" not in err
    assert str(tmp_path) in err and all(n in err for n in NAMES)


def test_data_download_refuses_an_unknown_set(capsys):
    assert main(["data", "download", "cifar"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert main(["data"]) == 2


def test_train_mnist_from_a_folder_writes_the_test_set_apart(tmp_path, capsys):
    folder = tmp_path / "idx"
    write_synthetic_set(folder, 600, 150, seed=4)
    out = tmp_path / "run"
    code = main(["train", "--preset", "mnist", "--data-dir", str(folder), "--epochs", "2",
                 "--engine", "torch", "--out", str(out)])
    assert code == 0
    captured = capsys.readouterr()
    assert "epoch 2/2" in captured.err and "test acc" in captured.out and "150 images kept apart" in captured.out
    with open(out / "metrics.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["epoch", "train_loss", "val_loss", "train_acc", "val_acc"] and len(rows) == 2
    with open(out / "test.csv", newline="") as fh:
        (test,) = list(csv.DictReader(fh))
    assert int(test["epoch"]) == 2 and int(test["n_test"]) == 150
    # the figures are the saved network's on the test files, computed independently
    net = load_network(out / "network.nnviz.json")
    x = read_idx(folder / "t10k-images-idx3-ubyte.gz").reshape(150, -1) / 255.0
    y = read_idx(folder / "t10k-labels-idx1-ubyte.gz").astype(np.int64)
    loss, acc = independent_forward(net, x, y)
    assert float(test["test_acc"]) == pytest.approx(acc, abs=1e-6)
    assert float(test["test_loss"]) == pytest.approx(loss, rel=1e-5)


def test_train_download_fetches_then_trains_with_one_bar_for_both(tmp_path, monkeypatch, capsys, mirror):
    monkeypatch.setenv("NNVIZ_DATA", str(tmp_path / "root"))
    out = tmp_path / "run"
    assert main(["train", "--preset", "mnist", "--download", "--epochs", "1", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.index("downloading MNIST [") < err.index("epoch 1/1")
    assert (out / "test.csv").is_file()
    assert download.missing_files("mnist") == []


def test_train_mnist_without_files_or_with_a_wrong_option_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NNVIZ_DATA", str(tmp_path / "empty"))
    assert main(["train", "--preset", "mnist", "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "MNIST is not on this computer yet" in err and "--download" in err
    assert main(["train", "--preset", "spiral", "--data-dir", str(tmp_path), "--out", str(tmp_path / "r")]) == 2
    assert "--data-dir and --download are for the lessons that read image files" in capsys.readouterr().err
    assert main(["train", "--preset", "mnist", "--data-dir", str(tmp_path / "nope"),
                 "--out", str(tmp_path / "r")]) == 2
    assert "is not a folder" in capsys.readouterr().err
