"""The hostile-input corpus, generated into a test's ``tmp_path`` (nothing big is committed).

Each case is a name and the bytes of a file that a reader must refuse with one
sentence (never a traceback, a hang or gigabytes of memory). A new reader of
user files runs its tests over :func:`hostile_files` (and adds its own cases).
"""

from __future__ import annotations

import json
from pathlib import Path

#: levels of nesting far beyond Python's recursion limit
DEEP = 100_000


def _network(**fields) -> bytes:
    obj = {"format": "nnviz-network", "version": 1, "layers": [2, 1], "activations": "sigmoid"}
    obj.update(fields)
    return json.dumps(obj).encode()


def _with_weights(weights_text: str) -> bytes:
    return (
        '{"format": "nnviz-network", "version": 1, "layers": [2, 1], "activations": "sigmoid", '
        f'"weights": [{weights_text}], "biases": [[0.0]]}}'
    ).encode()


def hostile_networks() -> dict[str, bytes]:
    """Network files that must be refused: name -> file bytes."""
    return {
        "weight-int-too-large-for-a-float": _with_weights("[[1" + "0" * 400 + "], [1]]"),
        "weight-int-of-5000-digits": _with_weights("[[1" + "0" * 5000 + "], [1]]"),
        "layer-of-1e9-neurons": _network(layers=[2, 10**9]),
        "layer-of-1e30-neurons": _network(layers=[2, 10**30], activations="relu"),
        # 4000 digits: json reads it (the limit is 4300), str() of it would not
        "layer-of-minus-4000-digits": b'{"layers": [2, -1' + b"0" * 3999 + b'], "activations": "sigmoid"}',
        "too-many-weights": _network(layers=[4096, 4096, 4096, 4096]),
        "too-many-layers": _network(layers=[2] * 101, activations="tanh"),
        "nested-deep-at-top": b"[" * DEEP + b"]" * DEEP,
        "nested-deep-objects": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
        "nested-deep-in-weights": _with_weights("[" * DEEP + "]" * DEEP),
        "nested-900-in-weights": _with_weights("[" * 900 + "]" * 900),
        "huge-activation-name": _network(activations="x" * 5_000_000),
        "html-in-activation": _network(activations="<b>bold</b><img src=x>"),
        "not-utf8": b"\xff\xfe\x00garbage",
        "empty": b"",
    }


def hostile_files(folder: Path) -> list[tuple[str, Path]]:
    """Write :func:`hostile_networks` into ``folder``; (name, path) pairs."""
    out = []
    for name, data in hostile_networks().items():
        path = folder / f"{name}.nnviz.json"
        path.write_bytes(data)
        out.append((name, path))
    return out
