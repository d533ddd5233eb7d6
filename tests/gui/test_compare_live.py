"""Compare… grows each run's curves live; the plots draw runs against seconds too; sessions keep the seconds."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.training.records import EpochMetrics
from nnviz.gui.training.plots import TrainingPlots
from tests.gui.conftest import open_window


def _history(n: int, seconds_per_epoch: float) -> list[EpochMetrics]:
    return [EpochMetrics(e, 10 * e, 1.0 / e, 1.2 / e, 0.5, 0.4, 0.0, 0.1, 8, seconds_per_epoch * e)
            for e in range(1, n + 1)]


@pytest.fixture
def win(qtbot):
    w = open_window(qtbot, "spiral")
    w.persist_state = False
    yield w
    w.shutdown(save_state=False)
    w.close()


def test_curves_against_seconds_use_each_runs_elapsed_time(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.show()
    slow = plots.start_run("batch 1", None)
    fast = plots.start_run("batch = full set", None)
    plots.extend_runs({slow: _history(20, 0.5), fast: _history(20, 0.01)})
    plots.add_metrics(_history(5, 0.25))  # the current run too
    plots.set_x_axis("seconds")
    assert plots.x_axis.currentText() == "seconds" and plots.x_axis_mode() == "seconds"
    assert plots.loss_plot.getPlotItem().getAxis("bottom").labelText == "seconds"
    plots.refresh()
    np.testing.assert_allclose(plots._curves["train_loss"].getData()[0], 0.25 * np.arange(1, 6))
    ends = []
    for run in plots._old_runs:
        (_plot, item, _data), *_ = [t for t in run["items"] if t[2]["series"] == "val_loss"]
        ends.append(item.getData()[0][-1])
    assert ends == pytest.approx([10.0, 0.2])  # the slow run ends at 10 s, the fast one at 0.2 s
    plots.set_x_axis("updates")  # and back: the same runs against updates
    assert plots._old_runs[0]["items"][0][1].getData()[0][-1] == 200


def test_a_compare_runs_curve_grows_in_the_plots_before_the_run_ends(win, qtbot):
    panel = win.training
    panel.form.epochs.setValue(100_000)
    plots = panel.plots_widget()
    table = plots.show_runs_table()
    dialog = panel.show_compare()
    dialog.choose("hidden_neurons", "4, 32")
    assert dialog.start()
    labels = [r["label"] for r in plots.runs()]
    assert labels == ["4 neurons", "32 neurons"]  # both labelled in the plots from the start
    colours = [r["color"] for r in plots.runs()]
    assert None not in colours and colours[0] != colours[1]  # each in its own colour

    def drawn() -> int:
        return max((len(item.getData()[0] if item.getData()[0] is not None else ())
                    for run in plots._old_runs for _p, item, _d in run["items"]), default=0)

    while drawn() < 2:
        with qtbot.waitSignal(plots.runsChanged, timeout=60_000):
            pass
    try:
        assert dialog.running()
        runs = plots.runs()
        assert 2 <= max(len(r["table"]["epoch"]) for r in runs) < 100_000
        assert "4 neurons" in plots._legend.text() and "32 neurons" in plots._legend.text()
        # the runs table shows the updates and seconds of a run that is still training
        table.refresh()
        row = next(i for i, r in enumerate(runs) if len(r["table"]["epoch"]))
        assert table.table.item(row, 7).text() != "–" and table.table.item(row, 8).text() != "–"
    finally:
        dialog.stop()
        qtbot.waitUntil(lambda: not dialog.running(), timeout=60_000)
    assert dialog.message.text() == "Stopped."


def test_a_saved_session_keeps_the_seconds_of_every_run(win, qtbot, tmp_path):
    panel = win.training
    panel.form.epochs.setValue(4)
    dialog = panel.show_compare()
    dialog.choose("batch_size", "1, 0")
    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=120_000)
    plots = panel.plots_widget()
    plots.set_x_axis("seconds")
    before = [r["table"]["elapsed"].copy() for r in plots.runs()]
    assert len(before) == 2 and all(len(e) == 4 and np.all(np.diff(e) >= 0) and e[-1] > 0 for e in before)
    path = tmp_path / "compared.nnviz"
    assert win.save_session(str(path))
    other = open_window(qtbot, "mlp-xor")
    other.persist_state = False
    try:
        assert other.open_file(str(path))
        back = other.training.plots_widget()
        assert back.x_axis.currentText() == "seconds"
        after = [r["table"]["elapsed"] for r in back.runs()]
        assert len(after) == 2
        for a, b in zip(after, before):
            np.testing.assert_array_equal(a, b)
    finally:
        other.shutdown(save_state=False)
        other.close()
