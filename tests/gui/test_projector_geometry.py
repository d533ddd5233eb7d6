"""The window on a projector: at 1024x768, 1280x800, 1600x1000 and 1920x1080,
at presentation scales 1 and 2, each lesson's key moment shows what it needs,
whole, inside the window, unclipped and at a readable size.

One window per size (opened once, kept for the module): the scales and the
lessons are switched in it, as a lecturer would. "Unclipped" means the
widget's rectangle, cut by the rectangle of every ancestor up to the window
(scroll areas' viewports, splitters, docks), keeps at least 95 % of its area;
widgets without children are also checked with their ``visibleRegion``.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from nnviz.gui import i18n
from nnviz.gui.window.app import build_window
from nnviz.gui.window.main_window import MIN_WINDOW_SIZE

SIZES = ((1024, 768), (1280, 800), (1600, 1000), (1920, 1080))
SCALES = (1.0, 2.0)

# Readable minimums (px). Honest ones: what a back row still reads, measured
# on the screenshots in docs/projector-*.png, not what the layout happens to give.
#: a caption and two formula lines at their scale-1 size need ~120 px; the
#: formula is never drawn smaller than at scale 1 (FormulaView.minimumSizeHint)
FORMULA_MIN = (300, 120)
#: the error plot: axes with their numbers and a dozen points apart
ERROR_PLOT_MIN = (240, 150)
#: PyTorch's panel: the headline, the verdict and the whole snippet (the code
#: view is exactly as tall as the snippet; each part is checked whole), plus
#: the table's header and a row
TORCH_MIN = (300, 150)
TORCH_TABLE_MIN_HEIGHT = 48
#: the network graph: a 2-2-2 network with captions and legend (its own minimum)
GRAPH_MIN = (320, 240)
#: each training curve (loss, accuracy): its axis numbers and ~150 px of curve
PLOT_MIN = (200, 150)
#: decision regions of a 2-D lesson, and a digit lesson's confusion matrix
REGIONS_MIN = (200, 200)
#: the perceptron's mistakes-per-epoch bars
PERCEPTRON_PLOT_MIN = (240, 120)
#: a digit's 8x8 input image in the graph: 12 px a pixel
INPUT_IMAGE_MIN = 96
#: the share of a widget that must be on screen
SHOWN = 0.95

_windows: dict[tuple[int, int], object] = {}


@pytest.fixture(autouse=True)
def _in_spanish(qapp):
    """The windows of this module are measured in Spanish (the longer texts);
    conftest gives every test back the language it found."""
    i18n.set_language("es")


@pytest.fixture(scope="module", autouse=True)
def _close_windows():
    yield
    for win in _windows.values():
        win.persist_state = False
        win.close()
        win.deleteLater()
    _windows.clear()
    QApplication.processEvents()


def window_at(qapp, size: tuple[int, int]):
    """The window at ``size`` (opened once for the module)."""
    win = _windows.get(size)
    if win is None:
        _app, win = build_window(preset="backprop-2-2-2", lang="es")
        win.persist_state = False
        win.resize(*size)
        win.show()
        _windows[size] = win
    settle(win, size)
    return win


def settle(win, size: tuple[int, int]) -> None:
    win.resize(*size)
    for _ in range(10):  # the layout is fitted once the resize is laid out
        QApplication.processEvents()
    assert (win.width(), win.height()) == size


def present(win, scale: float, size: tuple[int, int]) -> None:
    """Scale as F11 does (lesson text off at a presentation scale), at ``size``."""
    win.act_lesson_text.setChecked(scale == 1.0)
    win.presentation.set_scale(scale)
    settle(win, size)


def open_lesson(win, name: str, size: tuple[int, int]) -> None:
    assert win.load_lesson(name, raise_errors=True)
    settle(win, size)


def shown_part(widget: QWidget, window: QWidget) -> QRect:
    """``widget``'s rectangle in window coordinates, cut by every ancestor's."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect


def check(window, widget: QWidget, minimum: tuple[int, int], what: str) -> None:
    """``widget`` is shown whole inside ``window``, unclipped, at least ``minimum``."""
    assert widget.isVisible(), f"{what} is not shown"
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    assert window.rect().contains(rect), f"{what} {rect} leaves the window {window.rect()}"
    area = max(1, widget.width() * widget.height())
    part = shown_part(widget, window)
    assert part.width() * part.height() >= SHOWN * area, f"{what}: only {part} of {rect} is on screen"
    if not any(isinstance(c, QWidget) and c.isVisible() for c in widget.children()):
        seen = sum(r.width() * r.height() for r in widget.visibleRegion())
        assert seen >= SHOWN * area, f"{what} is covered: {seen} of {area} px visible"
    assert widget.width() >= minimum[0] and widget.height() >= minimum[1], (
        f"{what} is {widget.width()}x{widget.height()}, below {minimum[0]}x{minimum[1]}"
    )


def no_sideways_scroll(panel: QWidget) -> None:
    for area in [*panel.findChildren(QScrollArea), _scroll_around(panel)]:
        if area is not None and area.isVisible():
            bar = area.horizontalScrollBar()
            assert bar.value() == 0, f"{area} scrolled sideways"


def _scroll_around(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


# ------------------------------------------------------------------ lecture
def check_lecture(win, case: str) -> None:
    st = win.stepper
    check(win, win.network_view, GRAPH_MIN, f"{case}: the network graph")
    check(win, st.formula, FORMULA_MIN, f"{case}: the formula")
    # never drawn smaller than at scale 1: the panel is as tall as its minimum
    assert st.formula.height() >= st.formula.minimumSizeHint().height(), f"{case}: the formula is squeezed"


def error_moment(win) -> None:
    """backprop-2-2-2 stepped to the slides' step 3 (E), after two updates (points on the plot)."""
    st = win.stepper
    st.next_sample()
    st.next_sample()
    for _ in range(60):
        step = st.walk().step()
        if step is not None and step.formula_id == "error":
            return
        st.step_forward()
    raise AssertionError("the error step never came")


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lecture_moments_fit_the_projector(qapp, size, scale):
    win = window_at(qapp, size)
    present(win, scale, size)
    case = f"{size[0]}x{size[1]} scale {scale:g}"
    st = win.stepper

    # backprop-2-2-2 at its error step: the formula and the error plot
    open_lesson(win, "backprop-2-2-2", size)
    error_moment(win)
    settle(win, size)
    check_lecture(win, f"{case} E step")
    assert st.bottom.currentWidget() is st.error_plot
    check(win, st.error_plot, ERROR_PLOT_MIN, f"{case}: the error plot")
    assert st.error_plot.count() >= 2

    # ... and at the end of the update: PyTorch's one backward()
    st.finish_update()
    settle(win, size)
    check_lecture(win, f"{case} PyTorch")
    assert st.bottom.currentWidget() is st.torch_panel
    torch = st.torch_panel
    # its parts whole (below them the panel may keep a blank stretch off screen)
    for part, name in ((torch.title, "headline"), (torch.diff_label, "verdict"), (torch.code, "snippet")):
        check(win, part, (100, 10), f"{case}: PyTorch's {name}")
    shown = shown_part(torch, win)
    assert shown.width() >= TORCH_MIN[0] and shown.height() >= TORCH_MIN[1], f"{case}: PyTorch shows {shown}"
    if st.compact():
        # a short projector at scale 2: the one-line verdict stands for the table
        assert not torch.table.isVisible() and "(" in torch.diff_label.text()
    else:
        check(win, torch.table, (200, TORCH_TABLE_MIN_HEIGHT), f"{case}: PyTorch's table")

    # the same moment with the Data dock closed: the formulas keep it all
    data = win._docks["data"]
    data.toggleViewAction().trigger()
    settle(win, size)
    assert not data.toggleViewAction().isChecked()
    check(win, torch.code, (100, 10), f"{case}, no Data dock: PyTorch's snippet")
    if not st.compact():
        check(win, torch.table, (200, TORCH_TABLE_MIN_HEIGHT), f"{case}, no Data dock: PyTorch's table")
    check_lecture(win, f"{case}, no Data dock")
    data.toggleViewAction().trigger()
    settle(win, size)
    assert data.toggleViewAction().isChecked(), "the Data dock comes back"

    # mlp-xor a few updates in: formula, error plot, graph
    open_lesson(win, "mlp-xor", size)
    for _ in range(3):
        st.next_sample()
    for _ in range(4):
        st.step_forward()
    settle(win, size)
    check_lecture(win, f"{case} mlp-xor")
    check(win, st.error_plot, ERROR_PLOT_MIN, f"{case} mlp-xor: the error plot")

    # the perceptron on XOR: formula and its mistakes per epoch
    open_lesson(win, "perceptron-xor", size)
    for _ in range(12):
        st.step_forward()
    settle(win, size)
    check_lecture(win, f"{case} perceptron-xor")
    check(win, st.perceptron.plot, PERCEPTRON_PLOT_MIN, f"{case} perceptron-xor: the mistakes plot")


# ----------------------------------------------------------------- training
def check_training(win, case: str) -> None:
    tr = win.training
    for button in (tr.train_button, tr.pause_button, tr.stop_button, tr.reset_button):
        # whole, and as wide as its text asks: "Reiniciar" is never cut
        check(win, button, (button.sizeHint().width(), button.sizeHint().height() - 2),
              f"{case}: the {button.text()} button")
    plots = tr.plots_widget()
    for plot, name in ((plots.loss_plot, "loss"), (plots.acc_plot, "accuracy")):
        check(win, plot, PLOT_MIN, f"{case}: the {name} plot")
    check(win, win.network_view, GRAPH_MIN, f"{case}: the network graph")
    # a field taking the focus does not scroll the controls sideways
    tr.form.lr.setFocus()
    QApplication.processEvents()
    tr.form.epochs.setFocus()
    QApplication.processEvents()
    no_sideways_scroll(tr)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_training_moments_fit_the_projector(qapp, size, scale):
    win = window_at(qapp, size)
    present(win, scale, size)
    case = f"{size[0]}x{size[1]} scale {scale:g}"
    tr = win.training

    open_lesson(win, "spiral", size)
    tr.train_epochs_blocking(3)
    settle(win, size)
    check_training(win, f"{case} spiral")
    check(win, tr.regions_view().data_view, REGIONS_MIN, f"{case} spiral: the decision regions")

    # the Data dock closed: the rest still fits
    data = win._docks["data"]
    data.toggleViewAction().trigger()
    settle(win, size)
    check_training(win, f"{case} spiral, no Data dock")
    data.toggleViewAction().trigger()
    settle(win, size)

    open_lesson(win, "digits", size)
    tr.train_epochs_blocking(2)
    settle(win, size)
    check_training(win, f"{case} digits")
    check(win, tr.image_views().confusion, REGIONS_MIN, f"{case} digits: the confusion matrix")


#: where the digit lesson's input image is still too small: at scale 2 on a
#: 768-pixel screen the graph is about 280 px tall under the lesson's title;
#: its captions and legend leave the image 46 px. Taking the room from the
#: curves (the Plots dock at a third of the height) gave the image 95 px and
#: made the curves unreadable, so the curves keep it
IMAGE_TOO_SMALL = {((1024, 768), 2.0)}


@pytest.mark.parametrize(
    ("size", "scale"),
    [
        pytest.param(size, scale, marks=pytest.mark.xfail(
            strict=True, reason="the network view's legend and captions take the height at scale 2"))
        if (size, scale) in IMAGE_TOO_SMALL else (size, scale)
        for size in SIZES for scale in SCALES
    ],
    ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else f"scale{v:g}",
)
def test_a_digit_lesson_shows_its_input_image_large(qapp, size, scale):
    win = window_at(qapp, size)
    present(win, scale, size)
    open_lesson(win, "digits", size)
    view = win.network_view
    image = view._layout_for(view.width(), view.height())[0].image_rect
    assert image is not None
    side = min(image[2], image[3])
    assert side >= INPUT_IMAGE_MIN, f"{size} scale {scale:g}: the digit's input image is {side:.0f} px"


@pytest.mark.parametrize("lesson", ["backprop-2-2-2", "perceptron-xor"])
def test_the_smallest_window_keeps_the_graph(qapp, lesson):
    size = SIZES[0]
    win = window_at(qapp, size)
    present(win, 1.0, size)
    open_lesson(win, lesson, size)
    assert (win.minimumWidth(), win.minimumHeight()) == MIN_WINDOW_SIZE
    # the smallest a window system lets the user make it: the explicit minimum
    # or the panels' own, whichever is larger (offscreen Qt does not enforce them)
    smallest = win.minimumSizeHint().expandedTo(win.minimumSize())
    settle(win, (smallest.width(), smallest.height()))
    check(win, win.network_view, GRAPH_MIN, f"{lesson}: the graph in the smallest window")
    settle(win, size)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_a_lessons_lecture_view_is_a_tab_beside_the_formulas_on_a_short_screen(qapp, size):
    win = window_at(qapp, size)
    present(win, 2.0, size)
    # the PyTorch structure accompanies the softmax lesson: a tab, the formula keeps its room
    open_lesson(win, "softmax-2-3-3", size)
    docks = win._docks
    assert docks["pytorch"].toggleViewAction().isChecked()
    assert docks["pytorch"] in win.tabifiedDockWidgets(docks["formulas"])
    check(win, win.stepper.formula, FORMULA_MIN, f"{size} softmax-2-3-3: the formula beside PyTorch's tab")
    assert not win.stepper.formula.visibleRegion().isEmpty()
    # the gallery is what the activations lesson is read on: in front of the formulas
    open_lesson(win, "activations", size)
    assert docks["activations"] in win.tabifiedDockWidgets(docks["formulas"])
    # (a dock behind its tab still says isVisible(): what is painted says which tab is in front)
    assert not win.activation_gallery.visibleRegion().isEmpty()
    assert win.stepper.formula.visibleRegion().isEmpty()
    for key in ("pytorch", "activations"):
        docks[key].hide()
