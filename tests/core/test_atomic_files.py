"""Saves: orphaned temporaries of killed saves are cleaned, saved files get the user's umask."""

import os
import stat
import time

import pytest

from nnviz.core.model.atomic_files import (
    ORPHAN_AGE_S,
    atomic_write_text,
    clean_orphaned_temps,
    current_umask,
)
from nnviz.core.model.network import Network, load_network, save_network


def _age(path, seconds):
    t = time.time() - seconds
    os.utime(path, (t, t))


@pytest.fixture
def umask():
    """Set the process umask for a test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def test_old_orphans_of_nnviz_are_cleaned_by_the_next_save_to_the_folder(tmp_path):
    old_ours = tmp_path / ".other.nnviz.json.nnviz-ab3_x9zq.tmp"   # another file's killed save
    legacy_same = tmp_path / ".net.nnviz.json.k2j4l5m6.tmp"        # an older version's, for this file
    young_ours = tmp_path / ".other.nnviz.json.nnviz-0a1b2c3d.tmp"  # a save in progress elsewhere
    legacy_other = tmp_path / ".other.json.k2j4l5m6.tmp"           # not ours to judge
    strangers = [tmp_path / ".foo.tmp", tmp_path / "notes.tmp", tmp_path / ".x.nnviz-abc.tmp",
                 tmp_path / ".x.nnviz-ABCDEFGH.tmp"]
    for f in [old_ours, legacy_same, young_ours, legacy_other, *strangers]:
        f.write_text("half a file")
    for f in [old_ours, legacy_same, legacy_other, *strangers]:
        _age(f, ORPHAN_AGE_S + 60)
    folder_like = tmp_path / ".dir.nnviz-abcdefgh.tmp"
    folder_like.mkdir()
    _age(folder_like, ORPHAN_AGE_S + 60)

    save_network(Network.initialised([2, 1], ["sigmoid"], seed=1), tmp_path / "net.nnviz.json")

    assert not old_ours.exists() and not legacy_same.exists()
    assert young_ours.exists() and legacy_other.exists() and folder_like.is_dir()
    assert all(f.exists() for f in strangers)
    assert load_network(tmp_path / "net.nnviz.json").layers == [2, 1]
    # and the save itself leaves no temporary behind
    assert list(tmp_path.glob(".net.nnviz.json*.tmp")) == []


def test_a_temporary_just_under_the_age_is_kept_and_one_over_it_removed(tmp_path):
    under = tmp_path / ".a.csv.nnviz-aaaaaaaa.tmp"
    over = tmp_path / ".a.csv.nnviz-bbbbbbbb.tmp"
    under.write_text("x")
    over.write_text("x")
    _age(under, ORPHAN_AGE_S - 5)
    _age(over, ORPHAN_AGE_S + 5)
    assert clean_orphaned_temps(tmp_path) == 1
    assert under.exists() and not over.exists()


def test_a_folder_that_cannot_be_read_is_left_alone(tmp_path):
    assert clean_orphaned_temps(tmp_path / "missing") == 0


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002, 0o077])
def test_saved_files_get_the_mode_a_new_file_gets_from_the_umask(tmp_path, umask, mask):
    umask(mask)
    assert current_umask() == mask
    reference = tmp_path / "made-by-open.txt"
    reference.write_text("x")  # what any program makes under this umask
    want = stat.S_IMODE(reference.stat().st_mode)
    assert want == 0o666 & ~mask
    atomic_write_text(tmp_path / "a.csv", "a,b\n1,2\n")
    save_network(Network.initialised([2, 1], ["sigmoid"], seed=1), tmp_path / "n.nnviz.json")
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == want
    assert stat.S_IMODE((tmp_path / "n.nnviz.json").stat().st_mode) == want
    assert (tmp_path / "a.csv").read_text() == "a,b\n1,2\n"
