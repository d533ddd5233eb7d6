"""Draw a digit: strokes on the pad reach the network as its training images did."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from nnviz.core.data import digit_pad
from nnviz.core.lessons import load_lesson
from nnviz.core.model.network import Network
from nnviz.gui.network.model import NetworkModel
from nnviz.gui.network.view import NetworkView
from nnviz.gui.training.draw_digit import DrawDigitPanel

FASHION = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def _panel(qtbot, layers=(784, 128, 64, 10)):
    acts = ["relu"] * (len(layers) - 2) + ["softmax"]
    model = NetworkModel(Network.initialised(list(layers), acts, seed=0))
    panel = DrawDigitPanel(model)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    return model, panel


def _stroke(qtbot, pad, points):
    """Press at the first point, move through the rest, release: a stroke as a hand makes it."""
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def _seven(n: int = 30) -> list[tuple[int, int]]:
    top = [(70 + round(140 * t), 60) for t in np.linspace(0, 1, n)]
    down = [(210 - round(90 * t), 60 + round(170 * t)) for t in np.linspace(0, 1, n)]
    return top + down


def _settled(qtbot, panel):
    qtbot.waitUntil(lambda: panel.shown_generation == panel.pad.generation, timeout=2000)


def test_a_stroke_reaches_the_network_preprocessed_as_mnist(qtbot):
    model, panel = _panel(qtbot)
    model.set_output_names(FASHION)
    _stroke(qtbot, panel.pad, _seven())
    _settled(qtbot, panel)
    bitmap = panel.pad.bitmap()
    assert bitmap.max() == pytest.approx(1.0) and bitmap.min() == 0.0  # ink drawn
    # along the whole stroke, as thick as the pen: the top bar and the middle of the downstroke
    assert bitmap[60, 140] == pytest.approx(1.0) and bitmap[145, 165] == pytest.approx(1.0)
    assert bitmap[60 + 9, 140] > 0.5 and bitmap[60 + 12, 140] == 0.0
    x = model.activations[0]
    np.testing.assert_allclose(x, digit_pad.mnist_input(bitmap))
    # the network lit every layer for it, and its outputs are the bars' probabilities
    assert [len(a) for a in model.activations] == [784, 128, 64, 10]
    probs = panel.bars.values()
    assert probs.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(probs, model.activations[-1])
    assert panel.bars.names() == FASHION
    best = int(np.argmax(probs))
    assert FASHION[best] in panel.answer.text()
    assert panel.preview.pixmap() is not None and panel.preview.pixmap().width() >= 28
    # the drawing is inside the 20-pixel box, centred by its centre of mass
    cy, cx = digit_pad.centre_of_mass(x.reshape(28, 28))
    assert abs(cy - 14) < 0.5 and abs(cx - 14) < 0.5


def test_esc_clears_the_pad_and_the_network_forgets_the_drawing(qtbot):
    model, panel = _panel(qtbot)
    _stroke(qtbot, panel.pad, _seven())
    _settled(qtbot, panel)
    assert model.activations
    QTest.keyClick(panel.pad, Qt.Key.Key_Escape)
    _settled(qtbot, panel)
    assert panel.pad.is_blank() and not panel.pad.bitmap().any()
    assert model.activations == []
    assert not panel.bars.values().any() and panel.bars.answer() == -1


def test_a_right_click_clears_too(qtbot):
    model, panel = _panel(qtbot)
    _stroke(qtbot, panel.pad, _seven())
    _settled(qtbot, panel)
    qtbot.mouseClick(panel.pad, Qt.MouseButton.RightButton, pos=QPoint(140, 140))
    _settled(qtbot, panel)
    assert panel.pad.is_blank() and model.activations == []


def test_clear_keeps_a_sample_shown_since(qtbot):
    """A sample shown after the drawing (a mistake clicked) stays when the pad is cleared."""
    model, panel = _panel(qtbot)
    _stroke(qtbot, panel.pad, _seven())
    _settled(qtbot, panel)
    other = np.linspace(0, 1, 784)
    model.show_sample(other)
    panel.clear_button.click()
    _settled(qtbot, panel)
    np.testing.assert_allclose(model.activations[0], other)


def test_the_digits_lesson_gets_uci_block_counts(qtbot):
    model = NetworkModel(load_lesson("digits").network)
    panel = DrawDigitPanel(model)
    qtbot.addWidget(panel)
    panel.show()
    _stroke(qtbot, panel.pad, [(140, 40), (140, 240)])  # a 1
    _settled(qtbot, panel)
    x = model.activations[0]
    np.testing.assert_allclose(x, digit_pad.digits_input(panel.pad.bitmap()))
    np.testing.assert_allclose(x * 16, np.round(x * 16))  # counts of 0..16, over 16
    assert (x.reshape(8, 8).sum(axis=1) > 0).all()  # a tall stroke fills the rows, as the digits do
    assert panel.pad.pen_width() == pytest.approx(digit_pad.pen_width(64))
    assert panel.bars.names() == [str(k) for k in range(10)]
    assert panel.bars.values().sum() == pytest.approx(1.0)


def test_a_network_without_image_inputs_cannot_read_a_drawing(qtbot):
    model, panel = _panel(qtbot, layers=(2, 4, 3))
    assert not panel.supported() and not panel.pad.isEnabled()
    assert panel.note.isVisible() and "784" in panel.note.text()
    model.set_network(Network.initialised([784, 16, 10], ["relu", "softmax"], seed=1))
    assert panel.supported() and panel.pad.isEnabled() and not panel.note.isVisible()


def test_new_weights_read_the_drawing_again(qtbot):
    model, panel = _panel(qtbot)
    _stroke(qtbot, panel.pad, _seven())
    _settled(qtbot, panel)
    before = panel.bars.values()
    net = Network.initialised([784, 128, 64, 10], ["relu", "relu", "softmax"], seed=7)
    model.set_parameters(net.weights, net.biases)
    qtbot.waitUntil(lambda: not np.allclose(panel.bars.values(), before), timeout=2000)
    np.testing.assert_allclose(panel.bars.values(), net.forward(digit_pad.mnist_input(panel.pad.bitmap()))[-1])


def test_a_fast_stroke_updates_at_most_every_update_ms_and_ends_up_current(qtbot, monkeypatch):
    model, panel = _panel(qtbot)
    pushes = []
    original = model.show_sample
    monkeypatch.setattr(model, "show_sample", lambda x: (pushes.append(1), original(x)))
    _stroke(qtbot, panel.pad, _seven(60))  # 120 moves in a few milliseconds
    _settled(qtbot, panel)
    assert 1 <= len(pushes) < 40
    np.testing.assert_allclose(model.activations[0], digit_pad.mnist_input(panel.pad.bitmap()))


def test_the_graph_shows_the_drawing_as_its_input_image(qtbot):
    model, panel = _panel(qtbot)
    view = NetworkView(model)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    _stroke(qtbot, panel.pad, _seven())
    _settled(qtbot, panel)
    view.flush()
    image, _caption = view.grid_image()
    assert image is not None and (image.width(), image.height()) == (28, 28)
    # ink where the input is 1, paper where it is 0
    x = model.activations[0].reshape(28, 28)
    r, c = np.unravel_index(int(np.argmax(x)), x.shape)
    assert image.pixelColor(int(c), int(r)).value() < 40
    assert image.pixelColor(0, 0).value() > 240
