"""Hostile network files (issue 19, item 1) are refused with one sentence, without Qt."""

from __future__ import annotations

import json
import os
import threading

import pytest
from hostile_corpus import hostile_files, hostile_networks

from nnviz.core.errors import MAX_SHOWN, UserError
from nnviz.core.model.network import (
    MAX_LAYER_NEURONS,
    MAX_PARAMETERS,
    NetworkFormatError,
    load_network,
    read_user_text,
)

GOOD = {
    "format": "nnviz-network",
    "version": 1,
    "layers": [2, 1],
    "activations": "sigmoid",
    "weights": [[[0.5], [-0.25]]],
    "biases": [[0.125]],
}


def _refused(path) -> str:
    with pytest.raises(NetworkFormatError) as info:
        load_network(path)
    text = str(info.value)
    assert "\n" not in text and text.endswith(".")
    assert len(text) < 300, text[:400]
    return text


@pytest.mark.parametrize("name", sorted(hostile_networks()))
def test_every_hostile_network_is_refused_with_one_sentence(tmp_path, name):
    path = dict(hostile_files(tmp_path))[name]
    _refused(path)


def test_the_sentences_say_what_is_wrong(tmp_path):
    said = {name: _refused(path) for name, path in hostile_files(tmp_path)}
    assert said["weight-int-too-large-for-a-float"] == "Field 'weights[0]' contains a number too large to use."
    assert "too long to read" in said["weight-int-of-5000-digits"]
    assert said["layer-of-1e9-neurons"] == (
        f"Field 'layers[1]' has 1000000000 neurons; nnviz handles at most {MAX_LAYER_NEURONS} per layer."
    )
    assert f"has {10**30} neurons" in said["layer-of-1e30-neurons"]
    assert "a negative whole number of about 4000 digits" in said["layer-of-minus-4000-digits"]
    assert f"at most {MAX_PARAMETERS}" in said["too-many-weights"]
    assert "101 layers" in said["too-many-layers"]
    for name in ("nested-deep-at-top", "nested-deep-objects", "nested-deep-in-weights"):
        assert said[name] == f"'{name}.nnviz.json' nests lists or objects too deeply to be a network."
    # the 5 MB name is cut to MAX_SHOWN characters with an ellipsis
    assert "'" + "x" * (MAX_SHOWN - 2) + "…" in said["huge-activation-name"]
    assert "is not a text file" in said["not-utf8"]


def test_a_layer_of_a_billion_neurons_allocates_nothing(tmp_path):
    import tracemalloc

    path = dict(hostile_files(tmp_path))["layer-of-1e9-neurons"]
    tracemalloc.start()
    try:
        _refused(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * 2**20


def _returns_quickly(call, seconds: float = 5.0):
    result: list = []

    def target():
        try:
            call()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            result.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the reader hangs"
    return result[0] if result else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.nnviz.json"
    os.mkfifo(fifo)
    exc = _returns_quickly(lambda: load_network(fifo))
    assert isinstance(exc, NetworkFormatError)
    assert str(exc) == f"Cannot open '{fifo}': it is not a regular file."


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_dev_zero_is_refused_at_once():
    exc = _returns_quickly(lambda: load_network("/dev/zero"))
    assert isinstance(exc, NetworkFormatError)
    assert "not a regular file" in str(exc)


def test_a_folder_and_a_missing_file_are_one_sentence(tmp_path):
    assert _refused(tmp_path) == f"Cannot open '{tmp_path}': it is a folder, not a file."
    assert _refused(tmp_path / "nope.json") == f"Cannot open '{tmp_path / 'nope.json'}': no such file."


def test_a_file_over_the_byte_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 3 * 2**20)
    with pytest.raises(UserError, match=r"is 3 MB; nnviz reads files of at most 2 MB\."):
        read_user_text(path, max_bytes=2 * 2**20)
    assert read_user_text(path, max_bytes=4 * 2**20) == " " * 3 * 2**20


def test_a_file_with_a_utf8_bom_is_read(tmp_path):
    path = tmp_path / "notepad.nnviz.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode("utf-8"))
    net = load_network(path)
    assert net.layers == [2, 1]
    assert net.weights[0].tolist() == [[0.5], [-0.25]]
    assert net.biases[0].tolist() == [0.125]


def test_the_budget_allows_the_largest_real_networks(tmp_path):
    # the digits lessons' 784 inputs, and the 2x4096 net of the speed probes
    path = tmp_path / "big.nnviz.json"
    path.write_text(json.dumps({"layers": [784, 4096, 4096, 10], "activations": "relu", "seed": 1}))
    assert load_network(path).layers == [784, 4096, 4096, 10]


def test_a_lesson_file_with_a_utf8_bom_is_read(tmp_path, monkeypatch):
    from nnviz.core import lessons

    source = lessons.lessons_dir() / f"{lessons.DEFAULT_LESSON}.json"
    (tmp_path / "bom-lesson.json").write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    monkeypatch.setattr(lessons, "lessons_dir", lambda: tmp_path)
    # json.loads refuses a text that starts with a BOM ("Unexpected UTF-8 BOM")
    assert lessons.load_lesson("bom-lesson").network.layers == [2, 2, 1]
