"""Command line: the GUI by default, plus headless sub-commands.

Errors the user can fix print one line on stderr and exit with status 2
(3 for a diverged training), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence

from nnviz import __version__
from nnviz.commands import SUBCOMMANDS
from nnviz.core.errors import UserError

#: what a negative number looks like on the command line, e-notation included:
#: argparse's own pattern knows only -3 and -.5, so `--input 1e300 -1e300`
#: would read -1e300 as an unknown option
_NEGATIVE_NUMBER = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument as one line and exit status 2, and
    takes -1e300 as a number, not an option."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # argparse has no public way to set this; its pattern decides whether
        # a word starting with '-' is an option or a (negative) value
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"{message} (see '{self.prog} --help').")


def _gui_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="nnviz",
        description="Neural networks taught the way a good lecture does. "
        "Sub-commands: " + ", ".join(SUBCOMMANDS) + " (nnviz SUBCOMMAND --help).",
    )
    p.add_argument("file", nargs="?", help="a network (*.nnviz.json), session file or PyTorch weights "
                   "(*.pt, *.pth, *.safetensors) to open")
    p.add_argument("--activations", metavar="A,B,...",
                   help="with PyTorch weights: one activation per Linear layer, e.g. relu,relu,softmax "
                   "(without it the window asks)")
    p.add_argument("--preset", metavar="NAME", help="open the lesson NAME (see the Lesson menu)")
    p.add_argument("--lang", choices=("es", "en"), help="language of the interface")
    p.add_argument("--version", action="version", version=f"nnviz {__version__}")
    return p


def _sub_parser(name: str) -> tuple[argparse.ArgumentParser, object]:
    module_name, help_text = SUBCOMMANDS[name]
    module = importlib.import_module(module_name)
    p = _Parser(prog=f"nnviz {name}", description=help_text)
    module.add_arguments(p)
    return p, module


def _stdout_failed(exc: OSError) -> bool:
    """Whether ``exc`` is the standard output failing (a full device, a closed pipe);
    then stdout is pointed at /dev/null so that the exit's flush is quiet."""
    import errno
    import os

    if exc.errno not in (errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EBADF):
        return False
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return True


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            parser, module = _sub_parser(argv[0])
            args = parser.parse_args(argv[1:])
            try:
                return int(module.run(args) or 0)
            except OSError as exc:
                if not _stdout_failed(exc):
                    raise
                # the result files are written; only the summary line could not be
                print(f"nnviz: cannot write to the standard output: {exc.strerror or exc}.", file=sys.stderr)
                return 2
        args = _gui_parser().parse_args(argv)
        activations = None
        if args.activations is not None:
            from nnviz.core.model.torch_io import is_weights_file, split_activations

            if not args.file or not is_weights_file(args.file):
                raise UserError("--activations goes with a PyTorch weights file (.pt, .pth or .safetensors).")
            activations = split_activations(args.activations)
        from nnviz.gui.window.app import run_gui

        return run_gui(file=args.file, preset=args.preset, lang=args.lang, activations=activations)
    except UserError as exc:
        print(f"nnviz: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("nnviz: interrupted", file=sys.stderr)
        return 130
