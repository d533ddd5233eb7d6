"""Runs are first-class: labelled by what they changed, listed in the legend and
the runs table, shown or hidden, renamed, deleted, exported, kept in a session."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import open_window


def _three_batch_runs(qtbot):
    win = open_window(qtbot, "batch-size")
    win.persist_state = False
    panel = win.training
    panel.set_pace(0.0)
    for i, batch in enumerate((32, 1, 0)):
        if i:
            panel.reset()  # a new run; the one before stays, labelled
        panel.form.batch_size.setValue(batch)
        panel.form.epochs.setValue(3)
        with qtbot.waitSignal(panel.trainingFinished, timeout=60_000):
            assert panel.start()
    return win


def test_three_batch_sizes_are_three_labelled_runs(qtbot, tmp_path):
    win = _three_batch_runs(qtbot)
    try:
        plots = win.training.plots_widget()
        runs = plots.runs()
        assert [r["label"] for r in runs] == ["batch 32 · 16 neurons", "batch 1", "batch = full set"]
        assert [r["color"] is None for r in runs] == [False, False, True]
        assert "batch 1" in plots._legend.text() and "batch 32" in plots._legend.text()
        # updates: the price of a small batch
        updates = [r["table"]["updates"][-1] for r in runs]
        assert updates[1] > updates[0] > updates[2] == 3
        table = plots.show_runs_table()
        assert table.table.rowCount() == 3
        assert table.table.item(1, 2).text() == "batch 1"  # the setting that differs
        assert table.table.item(2, 1).text().startswith("batch = full set")
        assert table.table.item(1, 7).text() == f"{int(updates[1]):,}".replace(",", ",")
        # hide the first run: its curves go, the legend forgets it
        table.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
        assert not any(item.isVisible() for _p, item, _d in plots._old_runs[0]["items"])
        assert "batch 32" not in plots._legend.text()
        # rename the second run in the table
        table.table.item(1, 1).setText("tiny batches")
        assert plots.runs()[1]["label"] == "tiny batches"
        # export it, then delete the first
        target = tmp_path / "tiny.csv"
        assert table.export_run(1, str(target))
        lines = target.read_text().splitlines()
        assert lines[0] == "# tiny batches" and lines[1].startswith("epoch,updates,") and len(lines) == 5
        table.table.selectRow(0)
        table.delete_button.click()
        assert [r["label"] for r in plots.runs()] == ["tiny batches", "batch = full set"]
        # a session keeps them, labels included
        path = tmp_path / "runs.nnviz"
        assert win.save_session(str(path))
        other = open_window(qtbot, "mlp-xor")
        other.persist_state = False
        try:
            assert other.open_file(str(path))
            assert [r["label"] for r in other.training.plots_widget().runs()] == ["tiny batches", "batch = full set"]
        finally:
            other.shutdown(save_state=False)
            other.close()
    finally:
        win.shutdown(save_state=False)
        win.close()
