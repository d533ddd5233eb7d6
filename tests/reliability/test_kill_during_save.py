"""``kill -9`` during a save never costs the file: 50 kills for each kind of file nnviz saves.

For each kind (session file, network file, exported weights, exported script
and its weights, drawn points as CSV) a writer saves two versions in turn as
fast as it can and is killed with SIGKILL at a random moment 0-50 ms after its
first save (``tests/reliability/_save_killer.py`` does the forking and
killing, in a process of its own that imports only the core module it needs).
After every kill the target is read back with nnviz's own reader: it is always
one whole version, the previous or the new one. What a kill leaves beside it is
only the temporary files of interrupted saves, under their own names (which the
next save removes once they are old: ``atomic_files``), never anything that
takes the target's place.

About 15 s on two cores for the 300 kills.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nnviz.core.model.atomic_files import TEMP_MARK, TEMP_SUFFIX
from tests.reliability._save_killer import TARGETS

KILLS = 50
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_a_kill_during_a_save_always_leaves_a_whole_version(tmp_path, kind):
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.reliability._save_killer", kind, str(KILLS), "19", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["kills"] == KILLS
    assert report["failures"] == []
    # every kill left one of the two versions, whole; both turn up (the kills fell at different moments)
    assert sum(report["seen"]) == KILLS and min(report["seen"]) > 0
    # beside the target only the temporaries of interrupted saves, by their marked names …
    temp = re.compile(re.escape(f".{TARGETS[kind]}{TEMP_MARK}") + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
    assert all(temp.fullmatch(name) for name in report["others"]), report["others"]
    # … and some kills did land inside a write (else the test proved nothing)
    assert report["others"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([TARGETS[kind], *report["others"]])
