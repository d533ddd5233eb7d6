"""``nnviz train`` leaves a session the window opens and trains on; ``nnviz shot --file`` renders one."""

from __future__ import annotations

import numpy as np

from nnviz.cli import main
from nnviz.core.model.network import load_network
from nnviz.core.session.record import load_session
from nnviz.gui.window.app import build_window


def test_a_headless_run_opens_in_the_window_and_goes_on(tmp_path, qtbot, capsys):
    out = tmp_path / "run"
    assert main(["train", "--preset", "circles", "--epochs", "12", "--seed", "3", "--quiet",
                 "--out", str(out)]) == 0
    assert "session.nnviz" in capsys.readouterr().out
    session = load_session(out / "session.nnviz")
    trained = load_network(out / "network.nnviz.json")
    for a, b in zip(session.network.weights, trained.weights):
        np.testing.assert_array_equal(a, b)
    assert (session.epochs, len(session.runs), len(session.runs[0].table["epoch"])) == (12, 1, 12)
    assert session.optimizer is not None
    _app, win = build_window(file=str(out / "session.nnviz"), lang="en")
    qtbot.addWidget(win)
    win.persist_state = False
    try:
        assert win.lesson.name == "circles"
        assert win.training.counters.text().startswith("epoch 12 ")
        assert win.training.plots_widget().point_count() == 12
        win.training.train_epochs_blocking(2)
        assert win.training.counters.text().startswith("epoch 14 ")
    finally:
        win.shutdown(save_state=False)
        win.close()


def test_shot_renders_a_session_file(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", "--preset", "mlp-xor", "--epochs", "50", "--quiet", "--out", str(out)]) == 0
    png = tmp_path / "shot.png"
    assert main(["shot", "--file", str(out / "session.nnviz"), "--out", str(png), "--size", "800x600"]) == 0
    assert png.stat().st_size > 10_000


def test_shot_needs_the_activations_of_pytorch_weights(tmp_path, capsys):
    weights = tmp_path / "net.safetensors"
    weights.write_bytes(b"")
    code = main(["shot", "--file", str(weights), "--out", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code == 2 and "--activations" in err and err.count("\n") == 1
