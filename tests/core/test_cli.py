"""Command line basics: version, errors as one line with exit status 2."""

import subprocess
import sys

import pytest

from nnviz import __version__
from nnviz.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_unknown_option_is_one_line_exit_2(capsys):
    assert main(["--bogus"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unrecognized arguments" in err


def test_bad_language_is_refused(capsys):
    assert main(["--lang", "fr"]) == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["shot", "--out", "x.jpg"], ".png"),
        (["shot", "--out", "/nonexistent-dir/x.png"], "does not exist"),
        (["shot", "--out", "x.png", "--size", "big"], "--size"),
        (["shot", "--out", "x.png", "--size", "10x10"], "out of range"),
        (["shot", "--out", "x.png", "--steps", "100000"], "at most 1000"),
        (["shot", "--out", "x.png", "--epochs", "1000000"], "at most 10000"),
    ],
)
def test_shot_bad_arguments(args, words, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_no_traceback_from_a_real_process(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "nnviz", "shot", "--out", str(tmp_path / "a.txt")],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and out.stderr.startswith("nnviz:")
