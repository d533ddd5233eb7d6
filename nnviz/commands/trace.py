"""``nnviz trace``: the worked example of one backprop update, every formula with numbers.

    nnviz trace NETWORK --input X... --target D... [--eta 0.5] [--repeat N]
        [--freeze-biases] [--granularity scalar|layer]
        [--format json|markdown|latex] [--lang es|en] [--digits N]
        [--activations A,B,...] [--dropout P [--dropout-seed N]]

NETWORK is a ``*.nnviz.json`` file, or PyTorch weights (``.pt``/``.pth``
state_dict, ``.safetensors``) with ``--activations``, one per Linear layer.

``json`` prints one object: ``error_before`` (E on the sample before the first
update), ``error_after`` (E after the last update, from a fresh forward pass),
``network`` (the updated network in the file format) and ``steps`` (the steps
of the first update). ``markdown`` and ``latex`` print a handout. ``--repeat
N`` applies N updates on the same sample; the steps are those of the first.

A softmax output is stepped with the cross-entropy E = −Σ d log y (its target:
probabilities that add up to 1, such as 0 1 0). ``--dropout P`` drops each
hidden neuron with probability P in the update (a mask drawn from
``--dropout-seed``; the same seed gives the same mask) and shows the mask and
h̃ = m h / (1 − P) in the steps; ``json`` then has ``dropout`` (p, seed and
the 0/1 mask of each hidden layer).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from nnviz.core.errors import UserError
from nnviz.core.lecture.backprop import (
    backprop_update,
    check_eta,
    error_of,
    repeat_updates,
)
from nnviz.core.lecture.dropout import check_p, dropout_masks
from nnviz.core.model.network import Network, load_network

FORMATS = ("json", "markdown", "latex")
#: updates one `--repeat` may apply: enough to watch E fall to nothing on any
#: lesson's sample; more is a typo that would run for hours
MAX_REPEAT = 10000


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _repeat(text: str) -> int:
    value = _count(text)
    if value > MAX_REPEAT:
        raise argparse.ArgumentTypeError(f"{text!r} is too many: at most {MAX_REPEAT}")
    return value


def _digits(text: str) -> int:
    value = _count(text)
    if value > 17:
        raise argparse.ArgumentTypeError(f"{text!r} must be at most 17")
    return value


def _checked_number(check):  # noqa: ANN001, ANN202 - an argparse type from a core check
    """An argparse ``type``: a float that ``check`` accepts; its sentence otherwise."""

    def parse(text: str) -> float:
        try:
            return check(float(text))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        except UserError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


_eta = _checked_number(check_eta)
_p = _checked_number(check_p)


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"{text!r} must be from 0 to {2**32 - 1}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("network", metavar="NETWORK",
                        help="a network file (*.nnviz.json) or PyTorch weights (*.pt, *.pth, *.safetensors)")
    parser.add_argument("--activations", metavar="A,B,...",
                        help="with PyTorch weights: one activation per Linear layer, e.g. relu,sigmoid")
    parser.add_argument("--input", "-x", nargs="+", type=_number, required=True, metavar="X",
                        help="the sample's input, one number per input neuron")
    parser.add_argument("--target", "-d", nargs="+", type=_number, required=True, metavar="D",
                        help="the desired output d, one number per output neuron")
    parser.add_argument("--eta", type=_eta, default=0.5, help="learning rate η (default 0.5)")
    parser.add_argument("--repeat", type=_repeat, default=1, metavar="N",
                        help="apply N updates on the same sample (default 1); the steps shown are the first's")
    parser.add_argument("--freeze-biases", action="store_true", help="do not update the biases")
    parser.add_argument("--granularity", choices=("scalar", "layer"), default="scalar",
                        help="one step per neuron and weight, or one per layer (vector form)")
    parser.add_argument("--format", choices=FORMATS, default="markdown", help="output format (default markdown)")
    parser.add_argument("--lang", choices=("es", "en"), default="es", help="language of the texts (default es)")
    parser.add_argument("--dropout", type=_p, metavar="P",
                        help="drop each hidden neuron with probability P (0 <= P < 1) in the update")
    parser.add_argument("--dropout-seed", type=_seed, default=0, metavar="N",
                        help="seed of the dropout mask (default 0): the same seed gives the same mask")
    parser.add_argument("--digits", type=_digits, default=4,
                        help="significant digits of the numbers in the formulas (default 4)")


def load_any_network(path: str, activations: str | None) -> Network:
    """A network file, or PyTorch weights with ``activations`` ("relu,sigmoid")."""
    from nnviz.core.model import torch_io

    if not torch_io.is_weights_file(path):
        if activations is not None:
            raise UserError("--activations goes with a PyTorch weights file (.pt, .pth or .safetensors).")
        return load_network(path)
    if activations is None:
        raise UserError(
            "PyTorch weights do not say their activations: give --activations, one per Linear layer "
            "(for example --activations relu,sigmoid)."
        )
    return torch_io.load_network_weights(path, torch_io.split_activations(activations))


def trace_output(args: argparse.Namespace) -> str:
    """What ``nnviz trace`` prints for ``args``."""
    network = load_any_network(args.network, args.activations)
    dropout = getattr(args, "dropout", None)
    masks = None
    if dropout is not None:
        if args.repeat > 1:
            raise UserError("--dropout shows one update with its mask; it does not go with --repeat.")
        masks = dropout_masks(network.layers, dropout, getattr(args, "dropout_seed", 0), 1)
    trace = backprop_update(
        network, args.input, args.target, args.eta, args.freeze_biases, args.granularity, args.lang, masks
    )
    final = repeat_updates(trace.network_after, trace.x, trace.d, trace.eta, args.repeat - 1, args.freeze_biases)
    error_after = error_of(final, trace.x, trace.d)
    if args.format == "json":
        obj: dict[str, Any] = {
            "error_before": trace.error,
            "error_after": error_after,
            "updates": args.repeat,
            "eta": trace.eta,
            "freeze_biases": trace.freeze_biases,
            "granularity": trace.granularity,
            "lang": args.lang,
            "network": final.to_dict(),
            "steps": [s.to_dict(args.lang, args.digits) for s in trace.steps],
        }
        if masks is not None:
            obj["dropout"] = {"p": masks.p, "seed": args.dropout_seed,
                              "masks": [m.tolist() for m in masks.masks if m is not None]}
        return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
    from nnviz.core.lecture.handout import latex_handout, markdown_handout

    render = markdown_handout if args.format == "markdown" else latex_handout
    return render(trace, args.lang, args.repeat, final, args.digits)


def run(args: argparse.Namespace) -> int:
    text = trace_output(args)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `nnviz trace ... | head` closes the pipe early; that is not an error
        return 0
    except OSError as exc:  # stdout redirected to a full disk, say
        raise UserError("Cannot write the output: {0}.", exc.strerror or exc) from None
    return 0
