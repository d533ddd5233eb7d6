"""nnviz from Python: ``nnviz.show(model, X, y)`` opens the window on a student's own network and data.

For notebooks and scripts::

    import nnviz
    net = nnviz.show(model, X, y)   # model: an nn.Sequential MLP (or an nnviz Network)
    model.load_state_dict(net.to_torch().state_dict())

:func:`show` reads the model and the data first, without Qt, and refuses what
does not fit with one sentence (a :class:`~nnviz.core.errors.UserError`);
only then does it open the window. :func:`lesson_for_model` is that first
half: the lesson the window shows, a training lesson on the student's data
or, without data, the stepper on the network.
"""

from __future__ import annotations

import sys
from typing import Any

from nnviz.core.data.arrays import dataset_for_network
from nnviz.core.errors import UserError
from nnviz.core.lessons import Lesson, lesson_for_network
from nnviz.core.model.network import Network
from nnviz.core.training.config import TrainingConfig
from nnviz.core.training.problem import check_problem

#: how a training lesson on the student's data trains unless changed in the window
TRAINING = {"optimizer": "adam", "lr": 0.01, "batch_size": 32, "epochs": 200, "seed": 0}


def show(
    model: Any,
    X: Any = None,
    y: Any = None,
    *,
    title: str | None = None,
    lang: str | None = None,
    block: bool | None = None,
    activations: list[str] | None = None,
) -> Any:
    """Open the nnviz window on ``model`` and, when given, the data ``X``, ``y``.

    ``model`` is a PyTorch ``nn.Module`` made of ``nn.Linear`` layers and
    activations (an ``nn.Sequential`` MLP) or an nnviz :class:`Network`; it is
    copied, never changed. ``X`` (samples × features) and ``y`` are numpy
    arrays, torch tensors or lists: ``y`` holds class labels (integers 0, 1,
    …) or numbers to predict (floats, a regression); see
    :mod:`nnviz.core.data.arrays` for the exact rules. With data the window
    opens in training mode: press Train (F5) and watch the curves and the
    decision regions. Without data it opens the stepper (lecture mode) on the
    network. The data are used as they are (not standardised), so the trained
    network works on the script's own ``X``. ``title`` names the lesson;
    ``lang`` is "es" or "en" (default: the app's saved language).
    ``activations`` (one name per Linear layer, e.g. ``["relu", "softmax"]``)
    is needed for a model that is not an ``nn.Sequential`` (a class with its
    own ``forward``), whose activations nnviz cannot see.

    ``block``: True runs the window until it is closed and returns the
    :class:`Network` on show then (trained weights included); False shows it
    and returns the window at once, which only works where something runs
    Qt's events (IPython or Jupyter after ``%gui qt``). None (the default)
    chooses False where Qt's events already run and True otherwise. From an
    open window, :func:`network_of` gives the network on show.

    To put the trained weights back into the PyTorch model::

        net = nnviz.show(model, X, y)
        model.load_state_dict(net.to_torch().state_dict())

    That needs the same layout: an ``nn.Sequential`` of Linear layers, each
    followed by its activation (the last one may have none), as ``to_torch``
    makes layer ``l`` module ``2 l``. Otherwise copy layer by layer: ``linear.weight`` is
    ``net.weights[l].T`` and ``linear.bias`` is ``net.biases[l]``.

    Raises :class:`~nnviz.core.errors.UserError` with one sentence when the
    model is not an MLP, when ``X`` or ``y`` do not fit it, or when no window
    can be shown.
    """
    try:
        lesson = lesson_for_model(as_network(model, activations), X, y, title)
        if block is None:
            block = not qt_events_running()
        from nnviz.gui.window import for_script

        window = for_script.open_lesson_window(lesson, lang)
    except UserError as exc:
        # the sentence is the message: no frames from inside nnviz before it
        raise exc.with_traceback(None) from None
    if not block:
        for_script.keep_until_closed(window)
        return window
    for_script.wait_until_closed(window)
    net = for_script.network_on_show(window)
    window.deleteLater()
    return net


def network_of(window: Any) -> Network:
    """A copy of the network a window from ``show(..., block=False)`` shows: the
    trained weights, or in lecture mode the weights the update in progress
    started from (never half-updated ones); what a blocking ``show`` returns."""
    from nnviz.gui.window import for_script

    return for_script.network_on_show(window)


def as_network(model: Any, activations: list[str] | None = None) -> Network:
    """``model`` as an nnviz Network: a copy of a Network, or a PyTorch MLP read
    layer by layer (:func:`nnviz.core.model.torch_io.from_torch`, with
    ``activations`` when given)."""
    if isinstance(model, Network):
        if activations is not None:
            raise UserError("activations=... is for a PyTorch model; an nnviz Network names its own.")
        return model.copy()
    torch = sys.modules.get("torch")  # a torch module exists only once torch is imported
    if torch is not None and isinstance(model, torch.nn.Module):
        from nnviz.core.model.torch_io import from_torch

        return from_torch(model, activations)
    raise UserError(
        "nnviz.show needs a PyTorch model (an MLP such as nn.Sequential) or an nnviz Network, not {0}.",
        type(model).__name__,
    )


def lesson_for_model(net: Network, X: Any = None, y: Any = None, title: str | None = None) -> Lesson:
    """The lesson :func:`show` opens: training on ``X``, ``y`` when given, else the stepper."""
    shape = "-".join(map(str, net.layers))
    titles = {"en": title, "es": title} if title else {"en": f"Your network {shape}", "es": f"Tu red {shape}"}
    if X is None and y is None:
        lesson = lesson_for_network(net, titles["en"])
        lesson.name = f"python:{titles['en']}"
        lesson.title = titles
        lesson.text = {
            "en": (
                f"Your network {shape} from Python, in lecture mode: Space or → steps through one update, "
                "one formula at a time, on example points (give X and y to nnviz.show to train it on your data)."
            ),
            "es": (
                f"Tu red {shape} desde Python, en modo clase: Espacio o → recorre una actualización fórmula "
                "a fórmula con puntos de ejemplo (pasa X e y a nnviz.show para entrenarla con tus datos)."
            ),
        }
        return lesson
    if X is None or y is None:
        raise UserError("Give both X and y (the samples and their labels), or neither.")
    ds = dataset_for_network(X, y, net, name=titles["en"])
    out_act = net.activations[-1]
    classes = not ds.is_regression and out_act in ("softmax", "sigmoid")
    val = float(len(ds.val_idx)) / len(ds.x)
    training = dict(TRAINING, loss="cross_entropy" if classes else "mse", val_fraction=val)
    check_problem(net, ds, TrainingConfig.from_dict(training))
    n, d = len(ds.x), ds.n_features
    if ds.is_regression:
        what = {"en": "numbers to predict (a regression, MSE)", "es": "números que predecir (una regresión, ECM)"}
    else:
        what = {"en": f"{ds.n_classes} classes", "es": f"{ds.n_classes} clases"}
    if len(ds.val_idx):
        held = {"en": f"{len(ds.val_idx)} of them held out for validation",
                "es": f"{len(ds.val_idx)} de ellas reservadas para validar"}
    else:  # too few rows to hold some out (see nnviz.core.data.arrays)
        held = {"en": "all of them to train on", "es": "todas para entrenar"}
    text = {
        "en": (
            f"Your network {shape} and your data: {n} rows of {d} features, {what['en']}, "
            f"{held['en']}. Press Train (F5) to train it here; when the window closes, "
            "your script gets the network back with the weights on show."
        ),
        "es": (
            f"Tu red {shape} y tus datos: {n} filas de {d} variables, {what['es']}, "
            f"{held['es']}. Pulsa Entrenar (F5) para entrenarla aquí; al cerrar la ventana, "
            "tu programa recibe la red con los pesos que se ven."
        ),
    }
    return Lesson(
        name=f"python:{titles['en']}",
        mode="train",
        title=titles,
        text=text,
        network=net,
        data={"kind": "custom", "val_fraction": val},
        training=training,
        given_data=ds,
    )


def qt_events_running() -> bool:
    """Whether something already runs Qt's events here, so that a window can stay
    open while Python goes on: IPython or Jupyter after ``%gui qt`` (or
    ``%matplotlib qt``), or a call from inside a running Qt event loop."""
    ipython = sys.modules.get("IPython")  # never imported here: only a running IPython counts
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    loop = getattr(shell, "active_eventloop", None)
    if isinstance(loop, str) and loop.lower().startswith("qt"):
        return True
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None or qtcore.QCoreApplication.instance() is None:
        return False
    return qtcore.QThread.currentThread().loopLevel() > 0
