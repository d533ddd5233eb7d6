"""Headless sub-commands of ``nnviz``; each module has ``add_arguments`` and ``run``.

``run(args) -> int`` returns the exit status; a problem the user can fix is a
:class:`nnviz.core.errors.UserError`, which ``nnviz.cli`` prints as one line.
"""

#: sub-command name -> (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "trace": ("nnviz.commands.trace", "worked example of one backprop update, every formula with numbers"),
    "train": ("nnviz.commands.train", "train a lesson headless, with a progress bar"),
    "shot": ("nnviz.commands.shot", "render the main window offscreen to a PNG"),
    "sweep": ("nnviz.commands.sweep", "train a lesson once per value of one setting and compare the runs"),
    "data": ("nnviz.commands.data", "download MNIST or Fashion-MNIST (nnviz data download mnist)"),
}
