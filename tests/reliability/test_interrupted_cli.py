"""The command line interrupted or out of room: nothing trained is lost, nothing half-written is left.

* ``nnviz train`` sent SIGTERM mid-run (a ``kill``, a batch system's time
  limit) keeps the run as Ctrl-C does: ``metrics.csv``, ``network.nnviz.json``
  and ``session.nnviz`` hold what was trained, one line says so, exit status 130.
* ``nnviz shot`` on a full disk says so in one sentence, exit status 2, and
  leaves no PNG (it used to leave a 0-byte one).
"""

from __future__ import annotations

import csv
import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nnviz.cli import main
from nnviz.core.model.network import load_network
from nnviz.core.session.record import load_session

ROOT = Path(__file__).resolve().parents[2]


def _train_until_running(out: Path) -> subprocess.Popen:
    """``nnviz train`` on a long spiral run, returned once its first epochs are done."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "nnviz", "train", "--preset", "spiral", "--epochs", "10000", "--engine", "numpy",
         "--out", str(out)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    # the bar writes a line at epoch 1 (stderr is no terminal: a line per tenth after that)
    line = proc.stderr.readline()
    assert line.startswith("epoch"), line + proc.stderr.read()
    time.sleep(0.5)  # some more epochs
    return proc


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_mid_run_keeps_what_was_trained(tmp_path, sig):
    proc = _train_until_running(tmp_path)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    said = [line for line in err.splitlines() if line.startswith("nnviz:")]
    assert len(said) == 1, err
    if sig == signal.SIGTERM:
        assert said[0].startswith("nnviz: Stopped by SIGTERM after epoch ") and str(tmp_path) in said[0]
    assert "Traceback" not in err and out == ""
    with open(tmp_path / "metrics.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # stopped mid-run: some epochs, not all, numbered 1, 2, … without a gap
    assert 1 < len(rows) < 10000
    assert [int(r["epoch"]) for r in rows] == list(range(1, len(rows) + 1))
    assert all(float(r["train_loss"]) > 0 for r in rows)
    net = load_network(tmp_path / "network.nnviz.json")
    session = load_session(tmp_path / "session.nnviz")
    # the session goes on from the same trained weights, with the whole curve so far
    assert session.epochs == len(rows)
    assert (session.network.weights[0] == net.weights[0]).all()
    assert list(session.runs[0].table["epoch"]) == list(range(1, len(rows) + 1))
    if sig == signal.SIGTERM:
        assert said[0].startswith(f"nnviz: Stopped by SIGTERM after epoch {len(rows)};")


def test_shot_on_a_full_disk_leaves_no_png(tmp_path, qapp, monkeypatch, capsys):
    import nnviz.core.model.atomic_files as atomic_files

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    # the PNG's bytes are written, then the disk has no room for them
    monkeypatch.setattr(atomic_files.os, "fsync", full)
    png = tmp_path / "shot.png"
    assert main(["shot", "--preset", "spiral", "--lang", "en", "--out", str(png), "--size", "400x300"]) == 2
    err = capsys.readouterr().err
    assert err == f"nnviz: Cannot write '{png}': No space left on device.\n"
    assert list(tmp_path.iterdir()) == []  # no PNG, no temporary file


def test_shot_writes_a_whole_png_with_the_users_permissions(tmp_path, qapp):
    from PySide6.QtGui import QImage

    png = tmp_path / "shot.png"
    old = os.umask(0o022)
    try:
        assert main(["shot", "--preset", "spiral", "--lang", "en", "--out", str(png), "--size", "1200x800"]) == 0
    finally:
        os.umask(old)
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1200, 800)
    assert png.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["shot.png"]
