"""Compare…: three batch sizes side by side, labelled in the plots, pictured at one epoch."""

from __future__ import annotations

import pytest

from tests.gui.conftest import open_window


@pytest.fixture
def win(qtbot):
    w = open_window(qtbot, "batch-size")
    w.persist_state = False
    yield w
    w.shutdown(save_state=False)
    w.close()


def test_the_lesson_suggests_the_comparison_and_three_labelled_runs_join_the_plots(win, qtbot):
    panel = win.training
    panel.form.epochs.setValue(20)
    dialog = panel.show_compare()
    assert dialog.param.currentData() == "batch_size" and dialog.values.text() == "1, 32, 0"
    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=120_000)
    plots = panel.plots_widget()
    runs = plots.runs()
    assert [r["label"] for r in runs] == ["batch 1", "batch 32", "batch = full set"]
    assert [len(r["table"]["epoch"]) for r in runs] == [20, 20, 20]
    # the price of a small batch: updates
    n_train = len(panel.dataset().train_idx)
    assert [r["table"]["updates"][-1] for r in runs] == [20 * n_train, 20 * -(-n_train // 32), 20]
    # each run is the run trained alone from the lesson's weights and seed
    from nnviz.core.training.trainer import Trainer

    alone = Trainer(panel.initial_network(), panel.dataset(), panel.config().replace(batch_size=0, epochs=3))
    for _ in range(3):
        alone.step_epoch()
    assert runs[2]["table"]["val_loss"][:3] == pytest.approx([m.val_loss for m in alone.history], abs=1e-9)
    alone.close()
    assert "batch 1" in plots._legend.text()
    # small multiples: one picture per run, redrawn at the slider's epoch
    assert len(dialog._pictures) == 3 and all(not p.pixmap().isNull() for p in dialog._pictures)
    last = dialog._pictures[0].pixmap().toImage()
    dialog.epoch.setValue(1)
    assert dialog.epoch_label.text() == "epoch 1"
    assert dialog._pictures[0].pixmap().toImage() != last


def test_stop_ends_every_run_and_keeps_what_they_did(win, qtbot):
    panel = win.training
    panel.form.epochs.setValue(5000)
    dialog = panel.show_compare()
    dialog.choose("hidden_neurons", "4, 32")
    assert dialog.start()
    qtbot.wait(400)
    dialog.stop()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=30_000)
    assert dialog.message.text() == "Stopped."
    runs = panel.plots_widget().runs()
    assert 1 <= len(runs) <= 2 and all(len(r["table"]["epoch"]) < 5000 for r in runs)


def test_bad_values_are_one_sentence_and_nothing_runs(win):
    dialog = win.training.show_compare()
    dialog.choose("lr", "fast, 0.1")
    assert not dialog.start()
    assert "'fast' is not a value of 'lr'" in dialog.message.text()
    assert not dialog.running() and win.training.plots_widget().runs() == []


def test_the_open_dialog_switches_language_with_the_window(win, qtbot):
    dialog = win.training.show_compare()
    assert dialog.compare_button.text() == "Compare"
    win.set_language("es")
    try:
        qtbot.waitUntil(lambda: dialog.compare_button.text() == "Comparar", timeout=3000)
        assert dialog.windowTitle() == "Comparar"
    finally:
        win.set_language("en")
    qtbot.waitUntil(lambda: dialog.compare_button.text() == "Compare", timeout=3000)
