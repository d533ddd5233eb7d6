"""nnviz: neural networks taught the way a good lecture does.

From Python (notebooks and scripts)::

    import nnviz
    net = nnviz.show(model, X, y)   # the window on your own network and data

``nnviz.show`` (:func:`nnviz.api.show`) and ``nnviz.Network``
(:class:`nnviz.core.model.network.Network`) are loaded on first use, so that
``import nnviz`` stays light: no torch, no Qt.
"""

__version__ = "0.1.0"

__all__ = ["Network", "__version__", "show"]

#: the names loaded on first use and the module each comes from
_LAZY = {"show": "nnviz.api", "Network": "nnviz.core.model.network"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # found directly from now on
        return value
    raise AttributeError(f"module 'nnviz' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
