"""``nnviz trace`` as a user runs it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

from nnviz.cli import main
from nnviz.core.lecture.torch_check import torch_update
from nnviz.core.model.network import Network, parse_network

MAZUR = {
    "format": "nnviz-network",
    "version": 1,
    "layers": [2, 2, 2],
    "activations": ["sigmoid", "sigmoid"],
    "weights": [[[0.15, 0.25], [0.20, 0.30]], [[0.40, 0.50], [0.45, 0.55]]],
    "biases": [[0.35, 0.35], [0.60, 0.60]],
}
#: a second superscript (or subscript) on the same base, which LaTeX refuses
_DOUBLE_SCRIPT = re.compile(r"\^(?:\{[^{}]*\}|\\?\w+)(?:_(?:\{[^{}]*\}|\w))?\^|_(?:\{[^{}]*\}|\w)_")
SAMPLE = ["--input", "0.05", "0.10", "--target", "0.01", "0.99"]


@pytest.fixture
def net_file(tmp_path):
    path = tmp_path / "mazur.nnviz.json"
    path.write_text(json.dumps(MAZUR), encoding="utf-8")
    return path


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(["trace", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_errors_network_and_steps(capsys, net_file):
    code, out, err = _run(capsys, net_file, *SAMPLE, "--freeze-biases", "--format", "json", "--lang", "en")
    assert code == 0 and err == ""
    obj = json.loads(out)
    assert round(obj["error_before"], 9) == 0.298371109
    assert round(obj["error_after"], 9) == 0.291027774
    after = parse_network(obj["network"])  # the file format, readable back
    assert round(after.weights[1][0, 0], 8) == 0.35891648
    steps = obj["steps"]
    assert len(steps) == 31  # 29 formulas of the summary and the chain rule for each of the 2 outputs
    first = steps[0]
    for key in ("phase", "slide_step", "formula_id", "latex", "latex_numbers", "value"):
        assert key in first
    assert first["latex_numbers"] == r"\mathrm{net}_{h_{1}} = 0.15\cdot 0.05 + 0.2\cdot 0.1 + 0.35 = 0.3775"
    assert sorted({s["slide_step"] for s in steps}) == [1, 2, 3, 4, 5, 6, 7]


def test_repeat_reports_the_error_after_the_last_update(capsys, net_file):
    code, out, _ = _run(capsys, net_file, *SAMPLE, "--freeze-biases", "--format", "json", "--repeat", "9999")
    obj = json.loads(out)
    assert round(obj["error_after"], 10) == 0.0000351085  # Mazur's figure
    assert obj["updates"] == 9999 and len(obj["steps"]) == 31  # the steps of the first update


def test_json_network_equals_torch_with_free_biases(capsys, net_file):
    code, out, _ = _run(capsys, net_file, *SAMPLE, "--eta", "0.3", "--format", "json", "--granularity", "layer")
    after = parse_network(json.loads(out)["network"])
    ref = torch_update(parse_network(MAZUR), [0.05, 0.10], [0.01, 0.99], 0.3).network
    for a, b in zip(after.weights + after.biases, ref.weights + ref.biases, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_markdown_handout_follows_the_seven_steps(capsys, net_file, lang):
    code, out, _ = _run(capsys, net_file, *SAMPLE, "--freeze-biases", "--lang", lang)
    assert code == 0
    word = "Paso" if lang == "es" else "Step"
    headings = [line for line in out.splitlines() if line.startswith(f"## {word} ")]
    assert [h.split(".")[0] for h in headings] == [f"## {word} {i}" for i in range(1, 8)]
    mark = "0{,}3775" if lang == "es" else "0.3775"
    assert f"= {mark} $$" in out
    assert ("PyTorch hace todo esto con sólo una orden" if lang == "es" else "PyTorch does all this") in out
    assert "loss.backward()" in out


@pytest.mark.parametrize("lang", ["es", "en"])
def test_latex_handout_is_a_document_that_compiles(capsys, net_file, tmp_path, lang):
    code, out, _ = _run(capsys, net_file, *SAMPLE, "--format", "latex", "--lang", lang, "--granularity", "layer")
    assert code == 0
    assert out.startswith(r"\documentclass") and out.rstrip().endswith(r"\end{document}")
    assert out.count(r"\begin{align*}") == out.count(r"\end{align*}") > 10
    _pdflatex(tmp_path, out)


def _pdflatex(tmp_path, tex: str) -> None:
    """Compile ``tex``; the test is skipped where pdflatex is not installed."""
    if shutil.which("pdflatex") is None:
        pytest.skip("no pdflatex here")
    path = tmp_path / "handout.tex"
    path.write_text(tex, encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", path.name],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / "handout.pdf").stat().st_size > 1000


@pytest.mark.parametrize(
    "layers, granularity, lang, grouped",
    [
        ([2, 3, 3, 2], "scalar", "es", r"(1-{h^{(1)}_{1}}^{2})"),
        ([2, 3, 3, 2], "layer", "en", r"{\mathbf{h}^{(2)}}^{\top}"),
        ([2, 2, 2, 2, 1], "scalar", "en", r"(1-{h^{(3)}_{2}}^{2})"),
        ([2, 2, 2, 2, 1], "layer", "es", r"(1-{\mathbf{h}^{(1)}}^{2})"),
    ],
)
def test_latex_handout_of_deep_networks_compiles(capsys, tmp_path, layers, granularity, lang, grouped):
    # several hidden layers: h^{(l)} carries a superscript before any square or transpose
    net = Network.initialised(layers, ["tanh"] * (len(layers) - 2) + ["sigmoid"], seed=7)
    path = _write(tmp_path, "deep.nnviz.json", net.to_dict())
    target = [0.2, 0.8][: layers[-1]]
    code, out, err = _run(capsys, path, "--input", 0.5, -0.3, "--target", *target, "--format", "latex",
                          "--granularity", granularity, "--lang", lang)
    assert code == 0 and err == ""
    assert grouped in out
    maths = re.findall(r"\\begin\{align\*\}(.*?)\\end\{align\*\}", out, flags=re.S)
    assert len(maths) > 10
    for math in maths:  # no second superscript or subscript on one base
        assert not _DOUBLE_SCRIPT.search(math), math
    _pdflatex(tmp_path, out)


def _write(tmp_path, name, obj):
    path = tmp_path / name
    path.write_text(obj if isinstance(obj, str) else json.dumps(obj), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "network, args, words",
    [
        (None, ["missing.json", *SAMPLE], "no such file"),
        ("not json", SAMPLE, "not valid JSON"),
        ({"layers": [2, 2], "activations": ["sigmoid"], "weights": [[[1, 2]]], "biases": [[0, 0]]}, SAMPLE, "shape"),
        ({"layers": [2, 2], "activations": ["swish"]}, SAMPLE, "unknown activation"),
        ({"layers": [2, 1], "activations": ["step"]}, ["--input", "1", "2", "--target", "1"], "not differentiable"),
        ({"layers": [2, 3, 2], "activations": ["softmax", "sigmoid"]}, SAMPLE, "softmax"),
        (MAZUR, ["--input", "1", "--target", "0", "1"], "input has 1 number"),
        (MAZUR, ["--input", "1", "2", "--target", "0", "1", "2"], "target has 3 numbers"),
        (MAZUR, ["--input", "1", "nan", "--target", "0", "1"], "not a finite number"),
        (MAZUR, ["--input", "1", "x", "--target", "0", "1"], "not a number"),
        (MAZUR, [*SAMPLE, "--eta", "0"], "positive finite"),
        (MAZUR, [*SAMPLE, "--eta", "-2"], "positive finite"),
        (MAZUR, [*SAMPLE, "--eta", "inf"], "positive finite"),
        (MAZUR, [*SAMPLE, "--repeat", "0"], "at least 1"),
        (MAZUR, [*SAMPLE, "--format", "pdf"], "invalid choice"),
        (MAZUR, ["--target", "0", "1"], "required"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, network, args, words):
    if network is None:
        path = tmp_path / args[0]
        args = args[1:]
    else:
        path = _write(tmp_path, "net.nnviz.json", network)
    code, out, err = _run(capsys, path, *args)
    assert code == 2 and out == ""
    assert err.startswith("nnviz: ") and err.count("\n") == 1, err
    assert words in err


def test_subprocess_run_and_a_failing_one(tmp_path, net_file):
    ok = subprocess.run([sys.executable, "-m", "nnviz", "trace", str(net_file), *SAMPLE, "--format", "json"],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["steps"][0]["formula_id"] == "net"
    bad = subprocess.run([sys.executable, "-m", "nnviz", "trace", str(net_file), "--input", "1",
                          "--target", "0", "1"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == "nnviz: The input has 1 number but the network needs 2.\n"
