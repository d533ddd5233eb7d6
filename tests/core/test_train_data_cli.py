"""``nnviz train --data PATH.csv --label COLUMN``: any table trained headless,
bad files refused with the window's sentence and exit status 2."""

from __future__ import annotations

import csv

import numpy as np

from nnviz.cli import main
from nnviz.core.model.network import load_network


def write_spanish(path, n=120):
    rng = np.random.default_rng(0)
    lines = ["peso;altura;edad;clase"]
    for _ in range(n):
        a, b, c = rng.normal(size=3)
        lines.append(f"{a:.3f};{b:.3f};{c:.3f};{'alto' if a + b > 0 else 'bajo'}".replace(".", ","))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_a_csv_trains_headless_with_chosen_features(tmp_path, capsys):
    data = write_spanish(tmp_path / "personas.csv")
    out = tmp_path / "run"
    code = main(["train", "--data", str(data), "--label", "clase", "--features", "peso,altura",
                 "--hidden", "8", "--activation", "tanh", "--epochs", "30", "--out", str(out), "--quiet"])
    assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "personas.csv:" in printed and "val acc" in printed
    net = load_network(out / "network.nnviz.json")
    assert net.layers == [2, 8, 1] and net.activations == ["tanh", "sigmoid"]
    with open(out / "metrics.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 30 and float(rows[-1]["val_acc"]) > 0.8


def test_a_numeric_target_with_many_values_is_a_regression(tmp_path, capsys):
    rng = np.random.default_rng(2)
    x = rng.uniform(-1, 1, size=(200, 2))
    y = 2 * x[:, 0] - x[:, 1] + rng.normal(0, 0.01, 200)
    path = tmp_path / "reg.csv"
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header="a,b,target", comments="", fmt="%.5f")
    out = tmp_path / "run"
    assert main(["train", "--data", str(path), "--label", "target", "--epochs", "60",
                 "--out", str(out), "--quiet"]) == 0
    net = load_network(out / "network.nnviz.json")
    assert net.activations[-1] == "identity" and net.layers[-1] == 1
    with open(out / "metrics.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[-1]["val_acc"] == "" and float(rows[-1]["val_loss"]) < float(rows[0]["val_loss"])
    assert "val loss" in capsys.readouterr().out


def test_bad_files_exit_2_with_one_sentence(tmp_path, capsys):
    cases = {
        "text.csv": ("a,b,y\n1,2,0\n3,x,1\n", ["row 3", "'b'"]),
        "ragged.csv": ("a,b,y\n1,2,0\n3,4\n", ["row 3"]),
        "empty.csv": ("", ["empty"]),
        "one.csv": ("a,b,y\n1,2,0\n3,4,0\n", ["one class"]),
        "missing.csv": ("a,b,y\n1,2,0\n3,4,\n5,6,1\n", ["row 3", "'y'"]),
    }
    for name, (text, words) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code = main(["train", "--data", str(path), "--label", "y", "--out", str(tmp_path / "o"), "--quiet"])
        err = capsys.readouterr().err
        assert code == 2, (name, err)
        assert err.count("\n") == 1 and "Traceback" not in err, err
        for w in words:
            assert w.lower() in err.lower(), (name, err)
    binary = tmp_path / "bin.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    assert main(["train", "--data", str(binary), "--label", "y", "--out", str(tmp_path / "o")]) == 2
    assert "text" in capsys.readouterr().err


def test_arguments_are_checked(tmp_path, capsys):
    data = write_spanish(tmp_path / "p.csv", n=20)
    out = str(tmp_path / "o")
    assert main(["train", "--data", str(data), "--out", out]) == 2
    assert "--label" in capsys.readouterr().err
    assert main(["train", "--data", str(data), "--label", "nope", "--out", out]) == 2
    err = capsys.readouterr().err
    assert "nope" in err and "peso" in err
    assert main(["train", "--out", out]) == 2
    assert "--preset" in capsys.readouterr().err
    assert main(["train", "--data", str(data), "--label", "clase", "--hidden", "8,x", "--out", out]) == 2
    assert "--hidden" in capsys.readouterr().err
    assert main(["train", "--data", str(data), "--label", "clase", "--output", "identity", "--out", out]) == 2
    assert "identity" in capsys.readouterr().err
