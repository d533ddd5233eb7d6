"""File -> Import data: a CSV table a student wrote, previewed, read in the
background and trained on; bad files leave the lesson as it was."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from nnviz.gui import i18n
from nnviz.gui.training.image_views import ImageViews
from tests.gui.conftest import open_window


def spanish_xor(path, n=80, seed=0):
    """Two features with decimal commas, ';' between fields, labels as words."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 2))
    lines = ["x1;x2;clase"]
    for a, b in x:
        label = "sí" if (a > 0) != (b > 0) else "no"
        lines.append(f"{a:.3f};{b:.3f};{label}".replace(".", ","))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def finish_import(win, qtbot):
    qtbot.waitUntil(lambda: not win.data_loader.is_running(), timeout=20000)


@pytest.fixture
def win(qtbot):
    w = open_window(qtbot)
    yield w
    w.persist_state = False
    w.close()


def test_a_hand_written_spanish_csv_trains_with_its_regions(win, qtbot, tmp_path):
    path = spanish_xor(tmp_path / "xor.csv")
    seen = {}

    def choose(dialog):
        seen["format"] = (dialog.separator.currentData(), dialog.decimal.currentData())
        seen["header"] = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
        seen["label"] = dialog.label_column.currentText()
        seen["features"] = dialog.feature_indices()
        return True

    assert win.import_csv(str(path), choose=choose)
    finish_import(win, qtbot)
    assert seen["format"] == (";", ",")
    assert seen["header"] == ["x1", "x2", "clase"] and seen["label"] == "clase"
    assert seen["features"] == [0, 1]
    assert win.lesson.mode == "train" and win.lesson.name == "data:xor.csv"
    ds = win.training.dataset()
    assert ds.n_features == 2 and len(ds.x) == 80 and sorted(ds.class_names) == ["no", "sí"]
    # standardised on the training part only: mean 0 there
    assert np.allclose(ds.x[ds.train_idx].mean(axis=0), 0.0, atol=1e-9)
    assert win.training.regions_view().isVisibleTo(win)
    assert "standardised" in win._banner.text()
    # train a few epochs: the curves and the regions follow
    win.training.form.epochs.setValue(5)
    with qtbot.waitSignal(win.training.trainingFinished, timeout=30000):
        win.training.start()
    assert win.training.progress_counts()[0] == 5


def test_many_features_and_named_classes_hide_the_plot_and_name_the_matrix(win, qtbot, tmp_path):
    rng = np.random.default_rng(1)
    rows = ["a,b,c,d,species"]
    names = ["setosa", "versicolor", "virginica"]
    for i in range(90):
        k = i % 3
        v = rng.normal(k, 0.3, size=4)
        rows.append(",".join(f"{t:.3f}" for t in v) + f",{names[k]}")
    path = tmp_path / "flowers.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert win.import_csv(str(path), choose=lambda d: True)
    finish_import(win, qtbot)
    assert win.model.network.layers[0] == 4 and win.model.network.layers[-1] == 3
    views: ImageViews = win.training.image_views()
    assert views.note.isVisibleTo(win) and "4 features" in views.note.text()
    assert not views.weights.isVisibleTo(win)
    assert [views.confusion.class_label(k) for k in range(3)] == names
    # the output neurons carry the class names in the graph
    assert win.network_view.class_names() == names


def test_text_in_a_numeric_column_names_row_and_column_and_keeps_the_lesson(win, qtbot, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,y\n0.1,0.2,0\n0.3,oops,1\n0.5,0.6,0\n", encoding="utf-8")
    before = win.lesson.name

    def choose(dialog):  # both inputs ticked, as a user would
        dialog.set_features([0, 1])
        return True

    win.import_csv(str(path), choose=choose)
    finish_import(win, qtbot)
    message = win.statusBar().currentMessage()
    assert "3" in message and "x2" in message, message
    assert win.lesson.name == before


def test_a_binary_file_is_refused_before_the_dialog(win, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    before = win.lesson.name
    called = []
    assert not win.import_csv(str(path), choose=lambda d: called.append(d) or True)
    assert not called and win.lesson.name == before
    assert "text" in win.statusBar().currentMessage()


def test_cancel_leaves_everything_as_it_was(win, qtbot, tmp_path):
    path = tmp_path / "big.csv"
    rng = np.random.default_rng(0)
    data = rng.normal(size=(300_000, 3))
    data[:, 2] = data[:, 2] > 0
    np.savetxt(path, data, delimiter=",", fmt="%.4f", header="a,b,y", comments="")
    before = win.lesson.name
    win.import_csv(str(path), choose=lambda d: True)
    win.data_loader.cancel()
    finish_import(win, qtbot)
    assert win.lesson.name == before
    assert "cancelled" in win.statusBar().currentMessage()


def test_the_dialog_needs_a_feature_and_follows_the_label(qtbot, tmp_path):
    from nnviz.core.data.table import preview
    from nnviz.gui.data.csv_import import CsvImportDialog

    path = spanish_xor(tmp_path / "xor.csv", n=10)
    dialog = CsvImportDialog(str(path), preview(str(path)))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and dialog.feature_indices() == [0, 1]
    dialog.set_features([])
    assert not ok.isEnabled() and "at least one" in dialog.problem.text()
    dialog.label_column.setCurrentIndex(0)  # x1 becomes the label: the features follow
    assert dialog.feature_indices() == [1]
    assert dialog.source().to_dict()["label"] == 0


def test_opening_a_lesson_asks_before_imported_data_goes(win, qtbot, tmp_path, monkeypatch):
    path = spanish_xor(tmp_path / "xor.csv", n=20)
    win.import_csv(str(path), choose=lambda d: True)
    finish_import(win, qtbot)
    win.ask_to_save = True
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    win.lesson_actions["spiral"].trigger()
    assert asked and win.lesson.name == "data:xor.csv"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win._unsaved_training = False
    win.lesson_actions["spiral"].trigger()
    assert win.lesson.name == "spiral"


def test_opening_a_lesson_asks_before_drawn_points_go(qtbot, monkeypatch):
    from tests.gui.test_drawing import click, draw_xor, start_drawing

    w = open_window(qtbot, preset="spiral")
    try:
        dv = start_drawing(qtbot, w.training)
        qtbot.mouseClick(w.training.drawing.clear_button, Qt.MouseButton.LeftButton)
        draw_xor(qtbot, dv)
        click(qtbot, dv, 0.5, 0.5)
        assert w.training.drawn_points_in_use()
        w.ask_to_save = True
        asked = []
        monkeypatch.setattr(
            QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
        )
        w.lesson_actions["circles"].trigger()
        assert asked and "drew" in asked[0] and w.lesson.name == "spiral"
    finally:
        w.persist_state = False
        w.ask_to_save = False
        w.close()


def test_a_regression_shows_values_not_classes(win, qtbot, tmp_path):
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, size=(120, 2))
    y = 3 * x[:, 0] + x[:, 1] ** 2 + 10
    path = tmp_path / "price.csv"
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header="size,age,price", comments="", fmt="%.4f")
    win.import_csv(str(path), choose=lambda d: True)
    finish_import(win, qtbot)
    ds = win.training.dataset()
    assert ds.is_regression and win.model.network.activations[-1] == "identity"
    regions_view = win.training.regions_view()
    legend = regions_view.data_view._legend.text()
    # the colour scale in the file's units (around 10), named after the column
    assert "price" in legend and "class" not in legend
    lo, hi = (float(t.split(" ")[0].rstrip(":").replace("\u2212", "-")) for t in legend.split("</span> ")[1:3])
    assert lo < 10 < hi and abs((lo + hi) / 2 - y.mean()) < 1e-6 + 0.01 * abs(y.mean())
    assert not win.training.plots_widget().acc_plot.isVisibleTo(win)
    win.training.form.epochs.setValue(3)
    with qtbot.waitSignal(win.training.trainingFinished, timeout=30000):
        win.training.start()
    assert regions_view.misclassified().size == 0
    assert "error E" in win.training.counters.text() and "nan" not in win.training.counters.text()


def test_bad_files_are_told_in_spanish_too(qtbot, tmp_path):
    w = open_window(qtbot, lang="es")
    try:
        cases = {
            "texto.csv": ("a;b;y\n1;2;0\n3;x;1\n", ["fila 3", "'b'"]),
            "irregular.csv": ("a;b;y\n1;2;0\n3;4\n", ["fila 3"]),
            "una.csv": ("a;b;y\n1;2;0\n3;4;0\n", ["una sola clase"]),
            "sin_etiqueta.csv": ("a;b;y\n1;2;0\n3;4;\n5;6;1\n", ["fila 3", "'y'"]),
        }
        for name, (text, words) in cases.items():
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            w.import_csv(str(path), choose=lambda d: d.set_features([0, 1]) or True)
            finish_import(w, qtbot)
            message = w.statusBar().currentMessage()
            for word in words:
                assert word in message, (name, message)
            assert w.lesson.name == "mlp-xor"
        empty = tmp_path / "vacio.csv"
        empty.write_text("", encoding="utf-8")
        assert not w.import_csv(str(empty), choose=lambda d: True)
        assert "vací" in w.statusBar().currentMessage()
    finally:
        w.persist_state = False
        w.close()
        i18n.set_language("en")  # the next tests read English


def test_a_wrong_guess_of_the_format_can_be_corrected(qtbot, tmp_path):
    from nnviz.core.data.table import preview
    from nnviz.gui.data.csv_import import CsvImportDialog

    path = spanish_xor(tmp_path / "xor.csv", n=12)
    dialog = CsvImportDialog(str(path), preview(str(path)))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.separator.currentData() == ";" and dialog.decimal.currentData() == ","
    assert "UTF-8" in dialog.format_label.text()
    # the comma as separator clashes with the decimal comma: one sentence, no import
    dialog.separator.setCurrentIndex(dialog.separator.findData(","))
    assert "comma" in dialog.problem.text() and not ok.isEnabled()
    dialog.decimal.setCurrentIndex(dialog.decimal.findData("."))
    assert dialog.table.columnCount() == 1  # read with commas: one column per row
    dialog.separator.setCurrentIndex(dialog.separator.findData(";"))
    dialog.decimal.setCurrentIndex(dialog.decimal.findData(","))
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(3)] == ["x1", "x2", "clase"]
    assert ok.isEnabled() and dialog.feature_indices() == [0, 1]
    dialog.header.setChecked(False)  # the names become a data row
    assert dialog.table.item(0, 0).text() == "x1"
    dialog.header.setChecked(True)
    source = dialog.source().to_dict()
    assert source["format"]["delimiter"] == ";" and source["format"]["decimal"] == ","
