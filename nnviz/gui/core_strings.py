"""Fixed sentences from :mod:`nnviz.core` that the window shows, for translation.

The core has no Qt, so it cannot call ``tr``; its fixed sentences are listed
here with ``QT_TRANSLATE_NOOP`` so that lupdate collects them, and
:func:`translate_core` looks them up when they are shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreText"

#: every fixed core sentence the GUI shows (tests check this is complete)
ENGINE_REASONS = (
    QT_TRANSLATE_NOOP("CoreText", "Compiled engine: a small network on the CPU."),
    QT_TRANSLATE_NOOP("CoreText", "Compiled engine, as chosen in the settings."),
    QT_TRANSLATE_NOOP("CoreText", "PyTorch, as chosen in the settings."),
    QT_TRANSLATE_NOOP("CoreText", "PyTorch: the compiled engine needs numba, which is not available."),
    QT_TRANSLATE_NOOP("CoreText", "PyTorch: dropout needs the PyTorch engine."),
    QT_TRANSLATE_NOOP("CoreText", "PyTorch: the compiled engine runs only on the CPU, and a GPU was chosen."),
    QT_TRANSLATE_NOOP(
        "CoreText", "PyTorch: the network is too big for the compiled engine (over 5,000 parameters)."
    ),
    QT_TRANSLATE_NOOP("CoreText", "PyTorch: the compiled engine cannot train this activation."),
    QT_TRANSLATE_NOOP(
        "CoreText", "PyTorch, while the compiled engine is being prepared (once, a few seconds)."
    ),
)


def translate_core(text: str) -> str:
    """``text`` in the interface language when it is a known core sentence."""
    return QCoreApplication.translate(CONTEXT, text)


#: activation names as the window shows them
ACTIVATION_NAMES = {
    "identity": QT_TRANSLATE_NOOP("CoreText", "identity"),
    "step": QT_TRANSLATE_NOOP("CoreText", "step"),
    "sign": QT_TRANSLATE_NOOP("CoreText", "sign"),
    "sigmoid": QT_TRANSLATE_NOOP("CoreText", "sigmoid"),
    "tanh": QT_TRANSLATE_NOOP("CoreText", "tanh"),
    "relu": QT_TRANSLATE_NOOP("CoreText", "relu"),
    "softmax": QT_TRANSLATE_NOOP("CoreText", "softmax"),
}


def activation_name(name: str) -> str:
    """An activation's name in the interface language ("sigmoide" in Spanish)."""
    return translate_core(ACTIVATION_NAMES.get(name, name))
