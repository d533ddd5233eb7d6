"""The command line refuses hostile files and numbers with one line and exit 2 (issue 19)."""

from __future__ import annotations

import errno
import json
import os

import pytest
from hostile_corpus import hostile_files

import nnviz.core.model.network as network_module
from nnviz.cli import _sub_parser, main
from nnviz.commands import shot, train
from nnviz.commands.trace import MAX_REPEAT

MAZUR = {
    "format": "nnviz-network",
    "version": 1,
    "layers": [2, 2, 2],
    "activations": ["sigmoid", "sigmoid"],
    "weights": [[[0.15, 0.25], [0.20, 0.30]], [[0.40, 0.50], [0.45, 0.55]]],
    "biases": [[0.35, 0.35], [0.60, 0.60]],
}
SAMPLE = ["--input", "0.05", "0.10", "--target", "0.01", "0.99"]


@pytest.fixture
def net_file(tmp_path):
    path = tmp_path / "mazur.nnviz.json"
    path.write_text(json.dumps(MAZUR), encoding="utf-8")
    return path


def _one_line(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("nnviz: ") and err.count("\n") == 1, err[:500]
    assert len(err) < 400
    return err


def test_trace_refuses_every_hostile_network_with_exit_2(tmp_path, capsys):
    for name, path in hostile_files(tmp_path):
        assert main(["trace", str(path), *SAMPLE]) == 2, name
        _one_line(capsys)


def test_trace_refuses_a_fifo_at_once(tmp_path, capsys):
    fifo = tmp_path / "pipe.nnviz.json"
    os.mkfifo(fifo)
    assert main(["trace", str(fifo), *SAMPLE]) == 2
    assert "not a regular file" in _one_line(capsys)


def test_trace_repeat_is_capped(net_file, capsys):
    assert main(["trace", str(net_file), *SAMPLE, "--repeat", "99999999999999999999"]) == 2
    assert f"at most {MAX_REPEAT}" in _one_line(capsys)
    assert main(["trace", str(net_file), *SAMPLE, "--repeat", str(MAX_REPEAT), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["updates"] == MAX_REPEAT


def test_trace_reads_negative_numbers_in_e_notation(net_file, capsys):
    parser, _module = _sub_parser("trace")
    args = parser.parse_args([str(net_file), "--input", "1e300", "-1e300", "--target", "-2.5E-3", "-.5e+1"])
    assert args.input == [1e300, -1e300]
    assert args.target == [-2.5e-3, -5.0]
    assert main(["trace", str(net_file), "--input", "-1e-2", "-3", "--target", "-0.5e0", "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["updates"] == 1
    # an option that is not a number is still an unknown option
    assert main(["trace", str(net_file), *SAMPLE, "-e300"]) == 2
    assert "unrecognized arguments: -e300" in _one_line(capsys)


def test_trace_accepts_a_file_with_a_bom(tmp_path, capsys):
    path = tmp_path / "notepad.nnviz.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(MAZUR).encode())
    assert main(["trace", str(path), *SAMPLE, "--format", "json"]) == 0
    # the slides' worked example: E before the update is 0.298371109
    assert json.loads(capsys.readouterr().out)["error_before"] == pytest.approx(0.298371109, abs=1e-9)


def test_train_epochs_are_capped_as_shot_caps_them(tmp_path, capsys):
    assert train.MAX_EPOCHS == shot.MAX_EPOCHS
    out = tmp_path / "o"
    assert main(["train", "--preset", "spiral", "--epochs", "99999999999999999999", "--out", str(out)]) == 2
    assert f"at most {train.MAX_EPOCHS}" in _one_line(capsys)
    assert not out.exists()  # refused before anything was made
    assert main(["train", "--preset", "spiral", "--epochs", "1e20", "--out", str(out)]) == 2
    _one_line(capsys)


def test_train_out_under_a_file_is_one_sentence(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["train", "--preset", "mlp-xor", "--epochs", "1", "--out", str(blocker / "sub"), "--quiet"]) == 2
    assert "Cannot create the folder" in _one_line(capsys)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
def test_train_read_only_out_is_one_sentence(tmp_path, capsys):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        assert main(["train", "--preset", "mlp-xor", "--epochs", "1", "--out", str(out), "--quiet"]) == 2
        assert _one_line(capsys) == f"nnviz: Cannot write in the folder '{out}': permission denied.\n"
    finally:
        out.chmod(0o700)


def test_train_on_a_full_disk_is_one_sentence(tmp_path, capsys, monkeypatch):
    def full(path, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(network_module, "atomic_write_text", full)
    out = tmp_path / "o"
    assert main(["train", "--preset", "mlp-xor", "--epochs", "1", "--out", str(out), "--quiet"]) == 2
    err = _one_line(capsys)
    assert os.strerror(errno.ENOSPC) in err


def test_train_keeps_the_network_when_the_metrics_cannot_be_written(tmp_path, capsys, monkeypatch):
    from nnviz.core.model import atomic_files

    real = atomic_files.atomic_write_text

    def full_for_metrics(path, text):
        if str(path).endswith(train.METRICS_FILE):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, text)

    monkeypatch.setattr(atomic_files, "atomic_write_text", full_for_metrics)  # (the commands' writer)
    out = tmp_path / "o"
    assert main(["train", "--preset", "mlp-xor", "--epochs", "1", "--out", str(out), "--quiet"]) == 2
    err = _one_line(capsys)
    assert err == f"nnviz: Cannot write '{out / train.METRICS_FILE}': {os.strerror(errno.ENOSPC)}.\n"
    assert network_module.load_network(out / train.NETWORK_FILE).layers == [2, 2, 1]


def test_trace_to_a_full_device_is_one_sentence(net_file, capsys, monkeypatch):
    import sys

    class Full:
        def write(self, text):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Full())
    assert main(["trace", str(net_file), *SAMPLE]) == 2
    err = capsys.readouterr().err
    assert err == f"nnviz: Cannot write the output: {os.strerror(errno.ENOSPC)}.\n"


def test_stdout_on_a_full_device_is_one_line_and_the_files_are_kept(tmp_path):
    """``nnviz train … > /dev/full``: the run's files are written, the summary line
    cannot be; one sentence on stderr, exit 2, no traceback."""
    import os
    import subprocess
    import sys

    if not os.path.exists("/dev/full"):
        import pytest

        pytest.skip("no /dev/full here")
    out = tmp_path / "run"
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "nnviz", "train", "--preset", "circles", "--epochs", "2", "--quiet",
             "--out", str(out)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr == "nnviz: cannot write to the standard output: No space left on device.\n"
    assert (out / "metrics.csv").is_file() and (out / "session.nnviz").is_file()
