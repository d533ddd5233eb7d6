"""The training thread: signal order, pause/resume, stop, live settings, no thread left."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from nnviz.core.data import datasets
from nnviz.core.errors import UserError
from nnviz.core.lessons import load_lesson
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.records import Snapshot, TrainingResult
from nnviz.gui.training.worker import RunFailed, TrainingController


def circles_job(**changes):
    lesson = load_lesson("circles")
    cfg = TrainingConfig.from_dict(lesson.training).replace(engine="torch", **changes)
    return lesson.network, lesson.dataset(), cfg


def _running_threads() -> list[QThread]:
    import gc

    return [o for o in gc.get_objects() if type(o) is QThread and o.isRunning()]


@pytest.fixture
def controller(qtbot):
    c = TrainingController()
    yield c
    c.stop_and_wait(5000)


def test_signals_come_in_order(qtbot, controller):
    net, ds, cfg = circles_job(epochs=2, batch_size=0)  # one update an epoch: no mid-epoch report
    signals = [(controller.started, "started"), (controller.engineChosen, "engineChosen"),
               (controller.snapshot, "snapshot"), (controller.snapshot, "snapshot"),
               (controller.finished, "finished")]
    with qtbot.waitSignals(signals, order="strict", timeout=20000) as blocker:
        controller.start(net, ds, cfg)
    first, final = blocker.all_signals_and_args[2].args[0], blocker.all_signals_and_args[3].args[0]
    result = blocker.all_signals_and_args[4].args[0]
    assert isinstance(first, Snapshot) and (first.epoch, first.final) == (1, False)
    assert (final.epoch, final.final, final.status) == (2, True, "completed")
    assert isinstance(result, TrainingResult) and result.status == "completed"
    assert blocker.all_signals_and_args[1].args[0] == "torch"
    assert not controller.is_running() and controller.state() == "idle"
    assert controller.device() == "cpu"
    assert controller.last_snapshot is final
    assert not _running_threads()


def test_pause_resume_and_stop_within_one_second(qtbot, controller):
    net, ds, cfg = circles_job(epochs=100000)
    states = []
    controller.stateChanged.connect(states.append)
    snaps: list[Snapshot] = []
    controller.snapshot.connect(snaps.append)
    controller.start(net, ds, cfg)
    qtbot.waitUntil(lambda: len(snaps) >= 3, timeout=20000)
    controller.pause()
    assert controller.is_paused()
    qtbot.wait(300)  # snapshots already on their way arrive
    seen = len(snaps)
    epoch = snaps[-1].epoch
    qtbot.wait(400)
    assert len(snaps) == seen, "no training while paused"
    controller.resume()
    qtbot.waitUntil(lambda: len(snaps) > seen and snaps[-1].epoch > epoch, timeout=5000)
    t0 = time.perf_counter()
    with qtbot.waitSignal(controller.finished, timeout=1000) as blocker:
        controller.stop()
    assert time.perf_counter() - t0 < 1.0
    assert blocker.args[0].status == "stopped"
    assert snaps[-1].final and snaps[-1].status == "stopped"
    assert states == ["running", "paused", "running", "stopping", "idle"]
    assert not _running_threads()


def test_stop_while_paused_ends_the_run(qtbot, controller):
    net, ds, cfg = circles_job(epochs=100000)
    with qtbot.waitSignal(controller.snapshot, timeout=20000):
        controller.start(net, ds, cfg)
    controller.pause()
    qtbot.wait(100)
    with qtbot.waitSignal(controller.finished, timeout=1000) as blocker:
        controller.stop()
    assert blocker.args[0].status == "stopped"


def test_snapshots_are_throttled_to_about_30_a_second(qtbot, controller):
    net, ds, cfg = circles_job(epochs=100000, batch_size=0)  # tiny epochs, hundreds a second
    snaps: list[Snapshot] = []
    controller.snapshot.connect(snaps.append)
    controller.start(net, ds, cfg)
    qtbot.waitUntil(lambda: len(snaps) >= 1, timeout=20000)
    t0, n0 = time.perf_counter(), len(snaps)
    qtbot.wait(1000)
    rate = (len(snaps) - n0) / (time.perf_counter() - t0)
    controller.stop_and_wait()
    epochs = [m.epoch for s in snaps for m in s.history]
    assert rate <= 36
    assert snaps[-1].epoch > 2 * len(snaps), "many epochs per snapshot"
    assert epochs == list(range(1, len(epochs) + 1)), "every epoch reaches the plots once"


def test_learning_rate_changes_at_the_next_batch(qtbot, controller):
    net, ds, cfg = circles_job(epochs=100000, lr=0.2)
    snaps: list[Snapshot] = []
    controller.snapshot.connect(snaps.append)
    controller.start(net, ds, cfg)
    qtbot.waitUntil(lambda: len(snaps) >= 2, timeout=20000)
    controller.update_settings(lr=0.05, batch_size=30)
    controller.set_regularization(l2=0.01)
    n = len(snaps)
    qtbot.waitUntil(lambda: len(snaps) >= n + 3, timeout=5000)
    controller.stop_and_wait()
    last = snaps[-1].metrics
    assert (last.lr, last.batch_size) == (0.05, 30) and last.penalty > 0
    assert next(s for s in snaps if s.metrics).metrics.lr == 0.2
    with pytest.raises(UserError):
        controller.update_settings(lr=-1)
    with pytest.raises(UserError, match="cannot change while training"):
        controller.update_settings(loss="cross_entropy")


def test_the_probe_sample_can_be_chosen(qtbot, controller):
    net, ds, cfg = circles_job(epochs=100000)
    controller.set_probe(5)
    snaps: list[Snapshot] = []
    controller.snapshot.connect(snaps.append)
    controller.start(net, ds, cfg)
    qtbot.waitUntil(lambda: len(snaps) >= 1, timeout=20000)
    controller.set_probe(7)
    n = len(snaps)
    qtbot.waitUntil(lambda: len(snaps) >= n + 2, timeout=5000)
    controller.stop_and_wait()
    assert snaps[0].probe_index == 5 and snaps[-1].probe_index == 7
    np.testing.assert_allclose(snaps[-1].probe[0], ds.x[7])


def test_divergence_is_signalled_before_finished(qtbot, controller):
    ds = datasets.blobs(n=100, noise=0.3, seed=0)
    net = Network.initialised([2, 8, 1], ["relu", "identity"], seed=0)
    cfg = TrainingConfig(loss="mse", lr=50.0, batch_size=10, epochs=50, engine="torch")
    signals = [(controller.diverged, "diverged"), (controller.finished, "finished")]
    with qtbot.waitSignals(signals, order="strict", timeout=20000) as b:
        controller.start(net, ds, cfg)
    message = b.all_signals_and_args[0].args[0]
    result = b.all_signals_and_args[1].args[0]
    assert "smaller learning rate" in message and result.status == "diverged"
    assert all(np.all(np.isfinite(w)) for w in result.snapshot.weights)


def test_impossible_settings_are_refused_at_once(qtbot, controller):
    net, ds, _ = circles_job()
    with pytest.raises(UserError, match="Cross-entropy"):
        controller.start(Network.initialised([2, 3, 1], ["tanh", "tanh"]), ds,
                         TrainingConfig(loss="cross_entropy"))
    assert not controller.is_running()
    net, ds, cfg = circles_job(epochs=100000)
    controller.start(net, ds, cfg)
    with pytest.raises(UserError, match="already running"):
        controller.start(net, ds, cfg)


def test_a_failing_start_in_the_thread_reports_and_ends(qtbot, controller):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has the GPU the test asks for in vain")
    net, ds, cfg = circles_job(device="cuda")
    with qtbot.waitSignal(controller.finished, timeout=20000) as blocker:
        controller.start(net, ds, cfg)
    result = blocker.args[0]
    assert isinstance(result, RunFailed) and result.status == "failed"
    assert "cuda" in result.message
    assert not controller.is_running()


class _Window(QWidget):
    """A window that stops training when it closes, as the main window does."""

    def __init__(self) -> None:
        super().__init__()
        self.controller = TrainingController(self)
        self.stopped_in_time = None

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        t0 = time.perf_counter()
        self.stopped_in_time = self.controller.stop_and_wait(2000)
        self.close_seconds = time.perf_counter() - t0
        super().closeEvent(event)


def test_closing_the_window_mid_training_leaves_no_thread(qtbot):
    window = _Window()
    qtbot.addWidget(window)
    window.show()
    net, ds, cfg = circles_job(epochs=100000)
    results = []
    window.controller.finished.connect(results.append)
    with qtbot.waitSignal(window.controller.snapshot, timeout=20000):
        window.controller.start(net, ds, cfg)
    assert window.controller.is_running()
    window.close()
    assert window.stopped_in_time is True and window.close_seconds < 1.0
    assert not window.controller.is_running()
    assert [r.status for r in results] == ["stopped"]
    assert not _running_threads()


def test_a_second_run_after_stop(qtbot, controller):
    net, ds, cfg = circles_job(epochs=3)
    for _ in range(2):
        with qtbot.waitSignal(controller.finished, timeout=20000) as blocker:
            controller.start(net, ds, cfg)
        assert blocker.args[0].status == "completed"
    controller.reset()
    assert controller.last_snapshot is None and controller.state() == "idle"
