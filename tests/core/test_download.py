"""Downloading MNIST-style files from mirrors, against a server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import numpy as np
import pytest

from nnviz.core.data import download
from nnviz.core.data.digits import read_idx
from nnviz.core.data.download import DownloadProgress, RemoteFile, describe, human_bytes
from nnviz.core.data.table import Cancelled
from nnviz.core.errors import UserError
from tests.mirror_server import NAMES, MirrorServer, md5, remote_set_for, tiny_mnist

FAST = {"timeout": 5.0, "retry_wait": 0.0}


@pytest.fixture
def files() -> dict[str, bytes]:
    return tiny_mnist()


@pytest.fixture
def server():
    with MirrorServer() as srv:
        yield srv


def assert_all_there(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        assert (folder / name).read_bytes() == data
        assert hashlib.md5((folder / name).read_bytes()).hexdigest() == md5(data)
    assert not list(folder.glob("*.part"))


def test_the_four_files_arrive_checked_with_progress(tmp_path, server, files):
    url = server.add("m1", files)
    seen: list[DownloadProgress] = []
    where = download.download(remote_set_for(files, [url]), tmp_path / "set", progress=seen.append,
                              report_every=0.0, **FAST)
    assert where == tmp_path / "set"
    assert_all_there(where, files)
    total = sum(len(d) for d in files.values())
    assert seen[-1].done == seen[-1].total == total and seen[-1].fraction == 1.0
    dones = [p.done for p in seen]
    assert dones == sorted(dones)  # bytes only grow
    assert {p.total for p in seen} == {total}  # the sizes given up front were right
    # the images read back are the ones served
    served = np.frombuffer(gzip.decompress(files[NAMES[0]]), np.uint8, offset=16)
    assert np.array_equal(read_idx(where / NAMES[0]).ravel(), served)
    assert [p for p, _ in server.log] == [f"/m1/{n}" for n in NAMES]


def test_a_404_on_the_first_mirror_goes_on_to_the_next(tmp_path, server, files):
    missing = server.add("empty", {})  # this mirror has nothing
    good = server.add("good", files)
    download.download(remote_set_for(files, [missing, good]), tmp_path, **FAST)
    assert_all_there(tmp_path, files)
    assert [p for p, _ in server.requests_for("empty")] == [f"/empty/{n}" for n in NAMES]
    assert len(server.requests_for("good")) == 4


def test_a_dropped_connection_resumes_with_a_range_request(tmp_path, server, files):
    url = server.add("drop", files, mode="drop_once", only=NAMES[0])
    download.download(remote_set_for(files, [url]), tmp_path, **FAST)
    assert_all_there(tmp_path, files)
    first = [r for r in server.log if r[0].endswith(NAMES[0])]
    half = len(files[NAMES[0]]) // 2
    assert first == [(f"/drop/{NAMES[0]}", None), (f"/drop/{NAMES[0]}", f"bytes={half}-")]


def test_a_server_that_ignores_range_sends_the_whole_file_again(tmp_path, server, files):
    name = NAMES[2]
    (tmp_path / (name + ".part")).write_bytes(files[name][:100])  # left by an earlier try
    url = server.add("norange", files, mode="no_range")
    download.download(remote_set_for(files, [url]), tmp_path, **FAST)
    assert_all_there(tmp_path, files)
    assert (f"/norange/{name}", "bytes=100-") in server.log


def test_a_stale_part_file_goes_on_from_where_it_stopped(tmp_path, server, files):
    name = NAMES[0]
    (tmp_path / (name + ".part")).write_bytes(files[name][:1000])
    url = server.add("m", files)
    download.download(remote_set_for(files, [url]), tmp_path, **FAST)
    assert_all_there(tmp_path, files)
    assert (f"/m/{name}", "bytes=1000-") in server.log


def test_a_connection_that_always_breaks_gives_up_after_bounded_retries(tmp_path, server, files):
    url = server.add("cut", files, mode="truncate", only=NAMES[0])
    with pytest.raises(UserError) as err:
        download.download(remote_set_for(files, [url]), tmp_path, retries=2, **FAST)
    text = str(err.value)
    # one sentence: where to put the files by hand, and their names
    assert text.startswith("Could not download Tiny (") and text.count(". ") == 0
    assert str(tmp_path) in text and all(n in text for n in NAMES)
    assert "connection ended after" in text
    assert not (tmp_path / NAMES[0]).exists()
    tries = [r for r in server.log if r[0].endswith(NAMES[0])]
    assert 3 <= len(tries) <= 4  # the first try, then `retries` more without progress


def test_a_wrong_checksum_deletes_the_part_file_and_says_so(tmp_path, server, files):
    bad = dict(files)
    bad[NAMES[1]] = files[NAMES[1]][:-7] + b"garbage"  # same size, other bytes
    url = server.add("bad", bad)
    with pytest.raises(UserError) as err:
        download.download(remote_set_for(files, [url]), tmp_path, **FAST)
    text = str(err.value)
    assert NAMES[1] in text and "checksum" in text and "deleted" in text
    assert not (tmp_path / (NAMES[1] + ".part")).exists() and not (tmp_path / NAMES[1]).exists()
    assert (tmp_path / NAMES[0]).exists()  # the file before it was good and stays


def test_a_truncated_file_on_a_mirror_fails_its_checksum_then_the_next_mirror_gives_it(tmp_path, server, files):
    short = {name: data[: len(data) // 2] for name, data in files.items()}  # served whole, but cut
    first = server.add("short", short)
    second = server.add("full", files)
    download.download(remote_set_for(files, [first, second]), tmp_path, **FAST)
    assert_all_there(tmp_path, files)
    assert len(server.requests_for("short")) == 4 and len(server.requests_for("full")) == 4


def test_offline_says_where_to_put_the_files(tmp_path, files):
    with MirrorServer() as srv:
        url = srv.url("gone")
    # the server is closed: nothing listens on that port any more
    with pytest.raises(UserError) as err:
        download.download(remote_set_for(files, [url]), tmp_path / "data", timeout=2.0, retry_wait=0.0)
    text = str(err.value)
    assert "Could not download Tiny" in text and str(tmp_path / "data") in text
    assert all(n in text for n in NAMES) and "File → Open data folder" in text


def test_cancel_stops_and_keeps_what_arrived_for_next_time(tmp_path, server, files):
    url = server.add("slow", files, mode="slow", only=NAMES[0])
    calls: list[DownloadProgress] = []

    def cancelled() -> bool:
        return len(calls) >= 2

    with pytest.raises(Cancelled):
        download.download(remote_set_for(files, [url]), tmp_path, progress=calls.append,
                          cancelled=cancelled, report_every=0.0, **FAST)
    assert not (tmp_path / NAMES[0]).exists()
    part = tmp_path / (NAMES[0] + ".part")
    kept = part.stat().st_size
    assert 0 < kept < len(files[NAMES[0]])
    assert files[NAMES[0]].startswith(part.read_bytes())
    # the next download asks only for the rest
    again = server.add("again", files)
    download.download(remote_set_for(files, [again]), tmp_path, **FAST)
    assert_all_there(tmp_path, files)
    assert server.requests_for("again")[0] == (f"/again/{NAMES[0]}", f"bytes={kept}-")


def test_files_already_there_make_no_request(tmp_path, server, files):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    url = server.add("m", files)
    seen: list[DownloadProgress] = []
    download.download(remote_set_for(files, [url]), tmp_path, progress=seen.append, **FAST)
    assert server.log == []
    assert seen[-1].fraction == 1.0
    assert_all_there(tmp_path, files)


def test_a_damaged_file_already_there_is_fetched_again(tmp_path, server, files):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / NAMES[3]).write_bytes(b"not the labels")
    url = server.add("m", files)
    download.download(remote_set_for(files, [url]), tmp_path, **FAST)
    assert [p for p, _ in server.log] == [f"/m/{NAMES[3]}"]
    assert_all_there(tmp_path, files)


def test_files_the_user_unpacked_count_as_there(tmp_path, server, files):
    for name, data in files.items():
        (tmp_path / name.removesuffix(".gz")).write_bytes(gzip.decompress(data))
    url = server.add("m", files)
    download.download(remote_set_for(files, [url]), tmp_path, **FAST)
    assert server.log == []


# ------------------------------------------------------------ folders, mirrors
def test_the_data_folder_follows_nnviz_data_then_the_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("NNVIZ_DATA", str(tmp_path / "mine"))
    assert download.set_folder("mnist") == tmp_path / "mine" / "mnist"
    monkeypatch.delenv("NNVIZ_DATA")
    monkeypatch.setenv("NNVIZ_CACHE_DIR", str(tmp_path / "cache"))
    assert download.set_folder("fashion-mnist") == tmp_path / "cache" / "data" / "fashion-mnist"
    monkeypatch.delenv("NNVIZ_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if download.sys.platform.startswith("linux"):
        assert download.set_folder("mnist") == tmp_path / "xdg" / "nnviz" / "data" / "mnist"
    with pytest.raises(UserError, match="Unknown data set 'cifar'"):
        download.set_folder("cifar")


def test_nnviz_mirrors_replaces_the_mirrors_of_a_named_set(monkeypatch, tmp_path, server, files):
    """The named sets check the published MD5s; NNVIZ_MIRRORS points them at a test server."""
    monkeypatch.setattr(download, "SETS", {"tiny": remote_set_for(files, ["http://unused.invalid/"])})
    url = server.add("tiny", files)
    monkeypatch.setenv("NNVIZ_MIRRORS", server.url("{set}") + ", http://other.invalid/")
    assert download.mirrors_for(download.SETS["tiny"]) == (url, "http://other.invalid/")
    download.download("tiny", tmp_path, **FAST)
    assert_all_there(tmp_path, files)
    assert download.missing_files("tiny", tmp_path) == []
    assert download.missing_files("tiny", tmp_path / "nowhere") == list(NAMES)


def test_the_published_sums_are_torchvisions():
    mnist, fashion = download.SETS["mnist"], download.SETS["fashion-mnist"]
    assert mnist.names == fashion.names == list(NAMES)
    assert mnist.files[0] == RemoteFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9912422)
    assert fashion.files[3].md5 == "bb300cfdad3c16e7a12a480ee83cd310"
    assert mnist.mirrors[0] == "https://ossci-datasets.s3.amazonaws.com/mnist/"
    assert fashion.mirrors[0] == "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"


def test_identify_tells_the_sets_apart_by_their_label_file(tmp_path, monkeypatch, files):
    monkeypatch.setattr(download, "SETS", {"tiny": remote_set_for(files, [])})
    (tmp_path / NAMES[1]).write_bytes(files[NAMES[1]])
    assert download.identify(tmp_path) == "tiny"
    (tmp_path / NAMES[1]).write_bytes(b"x")
    assert download.identify(tmp_path) is None


def test_progress_reads_as_bytes_speed_and_time_left():
    p = DownloadProgress("f", 3_200_000, 11_600_000, 1_400_000.0, 6.0)
    assert describe(p) == "3.2 MB of 11.6 MB, 1.4 MB/s, 6 s left"
    assert describe(DownloadProgress("f", 0, 9_912_422, 0.0, None)) == "0 B of 9.9 MB"
    assert human_bytes(28_881) == "28.9 KB" and human_bytes(2.5e9) == "2.50 GB"
    assert DownloadProgress("f", 5, 0, 0.0, None).fraction == 0.0
