"""``nnviz shot``: render the main window offscreen to a PNG and exit.

The PNG is encoded in memory and written atomically (a full disk or a read-only
folder: one sentence, exit status 2, no file left behind).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from nnviz.core.errors import UserError
from nnviz.core.model.torch_io import is_weights_file, split_activations

#: Walking a whole lesson takes at most about 200 stepper steps (perceptron-and
#: until it converges; one backprop update of backprop-2-2-2 is 30), so 1000
#: covers every real picture; more only freezes the command (each step redraws).
MAX_STEPS = 1000
#: The longest lesson trains 1000 epochs (overfitting); ten times that is
#: plenty for a picture, and more is a typo that would run for hours.
MAX_EPOCHS = 10000


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.png", help="where to write the PNG")
    p.add_argument("--preset", metavar="NAME", help="lesson to open (default: the default lesson)")
    p.add_argument("--file", metavar="FILE",
                   help="a session (*.nnviz), network (*.nnviz.json) or PyTorch weights file to open instead of a lesson")
    p.add_argument("--activations", metavar="A,B,...",
                   help="--file with PyTorch weights: one activation per Linear layer (relu,relu,softmax)")
    p.add_argument("--data", metavar="PATH", help="a CSV table to import instead of a lesson")
    p.add_argument("--label", metavar="COLUMN", help="--data: the label column (name or number from 1)")
    p.add_argument("--features", metavar="A,B,...", help="--data: the input columns (default: numeric ones)")
    p.add_argument("--size", default="1600x1000", metavar="WxH", help="window size (default 1600x1000)")
    p.add_argument("--lang", choices=("es", "en"), default="es", help="language (default es)")
    p.add_argument("--steps", type=int, default=0, metavar="N",
                   help=f"stepper steps to take first (0 to {MAX_STEPS})")
    p.add_argument("--epochs", type=int, default=0, metavar="N",
                   help=f"training epochs to run first (0 to {MAX_EPOCHS})")
    p.add_argument("--scale", type=float, default=1.0, metavar="F", help="presentation scale 1 to 3")
    p.add_argument("--high-contrast", action="store_true", help="use the high-contrast theme")
    p.add_argument("--view", choices=("activations", "descent", "pytorch"), metavar="NAME",
                   help="a lecture view's dock to show in front: activations, descent or pytorch")


def show_at(app, window, size: tuple[int, int], scale: float = 1.0) -> None:  # noqa: ANN001
    """Show ``window`` offscreen at ``size`` and at a presentation ``scale`` (the
    lesson text off, as F11 does at a scale above 1)."""
    window.resize(*size)
    window.show()
    window.resize(*size)  # again once shown: the window system may have changed it
    app.processEvents()
    if scale != 1.0:
        window.act_lesson_text.setChecked(False)
        window.presentation.set_scale(scale)


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not m:
        raise UserError("--size must look like 1600x1000, not {0!r}.", text)
    w, h = int(m.group(1)), int(m.group(2))
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise UserError("--size {0}x{1} is out of range (320x240 to 7680x4320).", w, h)
    return w, h


def run(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise UserError("--out must name a .png file, not '{0}'.", out)
    if not out.parent.exists():
        raise UserError("Cannot write '{0}': the folder '{1}' does not exist.", out, out.parent)
    if args.steps < 0 or args.epochs < 0:
        raise UserError("--steps and --epochs must be zero or more.")
    if args.steps > MAX_STEPS:
        raise UserError(
            "--steps {0} is too many: at most {1} (a whole lesson takes about 200).", args.steps, MAX_STEPS
        )
    if args.epochs > MAX_EPOCHS:
        raise UserError(
            "--epochs {0} is too many: at most {1} (the longest lesson trains 1000).", args.epochs, MAX_EPOCHS
        )
    if not 1.0 <= args.scale <= 3.0:
        raise UserError("--scale must be between 1 and 3.")
    from PySide6.QtCore import qInstallMessageHandler

    from nnviz.core.lessons import DEFAULT_LESSON
    from nnviz.gui.window.app import build_window

    # The offscreen platform warns that it cannot propagate size hints; that
    # is expected here and would only clutter the one line we print.
    previous = None

    def quiet(kind, context, message):  # noqa: ANN001
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(quiet)

    dataset = None
    if args.data:
        from nnviz.commands.train import read_data

        dataset = read_data(args)  # before any window: a bad file is one line and exit 2
    activations = None
    if args.activations is not None or (args.file and is_weights_file(args.file)):
        if not (args.file and is_weights_file(args.file)):
            raise UserError("--activations goes with a PyTorch weights file (.pt, .pth or .safetensors).")
        if args.activations is None:  # no one to answer the window's question offscreen
            raise UserError(
                "PyTorch weights do not say their activations: give --activations, one per Linear layer "
                "(for example --activations relu,sigmoid)."
            )
        activations = split_activations(args.activations)
    preset = None if args.file else (args.preset or DEFAULT_LESSON)
    from PySide6.QtCore import QThread

    app, window = build_window(file=args.file, preset=preset, lang=args.lang, offscreen=True,
                               activations=activations)
    if dataset is not None and not window.show_imported(dataset, Path(args.data).name):
        window.persist_state = False
        window.close()
        raise UserError(window.statusBar().currentMessage())
    if args.epochs and (window.lesson is None or window.lesson.mode != "train"):
        window.persist_state = False
        window.close()
        raise UserError(
            "--epochs trains a training lesson, and '{0}' is a lecture-mode lesson: use --steps.",
            window.lesson.name if window.lesson is not None else preset,
        )
    show_at(app, window, size, args.scale)
    if args.high_contrast:
        window.presentation.act_contrast.setChecked(True)
    for _ in range(args.steps):
        window.stepper.step_forward()
    if args.epochs:
        window.training.train_epochs_blocking(args.epochs)
    for _ in range(3):
        app.processEvents()
    if args.view and args.view in window._docks:  # a view another build lacks: the window as it is
        window._docks[args.view].show()
        window._docks[args.view].raise_()
        for _ in range(3):  # laid out in front (a lesson's layout may raise another tab first)
            app.processEvents()
    regions = window.training.regions_view()
    while regions.is_computing():  # a big network's picture, computed in the background
        app.processEvents()
        QThread.msleep(20)
    descent = getattr(window, "descent_view", None)
    if descent is not None and descent.isVisible():
        descent.settle()  # its map computed and its paths drawn to the end
    app.processEvents()
    image = window.grab()
    window.persist_state = False
    window.close()
    window.deleteLater()
    app.processEvents()
    save_png(image, out)
    print(out)
    return 0


def save_png(image: object, out: Path) -> None:
    """Write the pixmap ``image`` to ``out`` as a PNG, whole or not at all: encoded in
    memory first, then written atomically, so a full disk leaves no 0-byte file."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from nnviz.core.model.atomic_files import atomic_write_bytes

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    encoded = image.save(buffer, "PNG")  # type: ignore[attr-defined]
    buffer.close()
    if not encoded:
        raise UserError("Cannot write '{0}': the picture could not be encoded as PNG.", out)
    try:
        atomic_write_bytes(out, bytes(data.data()))
    except OSError as exc:
        raise UserError("Cannot write '{0}': {1}.", out, exc.strerror or exc) from None
