"""First-use costs paid in the background at start: PyTorch and its first
update, the pieces of matplotlib the formula view uses, numba's compiled
engine.

Without this the first end of an update in the stepper froze the window
about 4.5 s (PyTorch imported on the GUI thread for its comparison).
:func:`load_in_background` runs the loads one after another in one daemon
thread, so that no two threads import at once (numba's imports in a thread
beside pyqtgraph's in the GUI thread once broke an import of colorama), and
it is started once the window is built, when the GUI thread's own imports
are done.

While it runs, the GUI thread shares the GIL with the imports. PyTorch's big
shared libraries are opened first through libc's ``dlopen`` called by
ctypes, which lets go of the GIL (Python's own import holds it for the whole
``dlopen``: about 140 ms with no frame drawn); what is left are holds of
50-120 ms inside PyTorch's own initialisation, in the first ~3 s. The
longest, about 125 ms measured here, is the initialisation of the extension
module ``torch._C`` (C code that never lets go of the GIL): a key pressed then
waited for it. So the window is shown only once that module is in place
(:func:`wait_for_torch_core`, at most :data:`CORE_WAIT_S`): the window comes
up about 0.7 s later (1.3 s → 2.0 s from the process's start here), and no later press waits more than a
frame or two. (Pausing the loader between its Python calls while the GUI
handled a key was tried: no measurable gain, so it is not done.)

A failure only means that the cost is paid on first use, as before.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time
from importlib import util

#: seconds each step of :func:`load_in_background` took, once done (benchmarks read it)
loaded_s: dict[str, float] = {}
#: the longest :func:`wait_for_torch_core` waits before the window shows anyway
CORE_WAIT_S = 1.5
#: the extension module whose initialisation holds the GIL longest
TORCH_CORE = "torch._C"

_loader: threading.Thread | None = None
_loader_lock = threading.Lock()


def load_in_background() -> threading.Thread:
    """Start the loads (once) in a daemon thread; the thread, to wait for it.

    In order: PyTorch and its first ``optimizer.step()`` (the import is about
    2 s, the first step another 1-2 s of lazy imports), matplotlib's mathtext,
    then numba's compiled engine
    (:func:`nnviz.core.training.compiled.warm_up_in_background`; training runs
    on the NumPy engine until it is ready).
    """
    global _loader
    with _loader_lock:
        if _loader is None:
            _loader = threading.Thread(target=_load_all, name="nnviz-first-use-loader", daemon=True)
            _loader.start()
    return _loader


def wait_for_torch_core(timeout: float = CORE_WAIT_S) -> float:
    """Wait until the loader has passed PyTorch's longest hold of the GIL
    (``torch._C`` initialised), the loader ended (PyTorch missing or broken),
    or ``timeout`` seconds went by; the seconds waited.

    An extension module enters ``sys.modules`` only once its initialisation
    returned, so its presence there says the hold is over.
    """
    t0 = time.perf_counter()
    loader = _loader
    while (
        TORCH_CORE not in sys.modules
        and loader is not None
        and loader.is_alive()
        and "torch" not in loaded_s
        and time.perf_counter() - t0 < timeout
    ):
        time.sleep(0.005)
    return time.perf_counter() - t0


# ------------------------------------------------------------ the loads
def _load_all() -> None:
    for name, step in (("torch", _first_torch_update), ("mathtext", _mathtext_modules), ("numba", _numba_engine)):
        t0 = time.perf_counter()
        try:
            step()
        except Exception:  # noqa: BLE001 - paid on first use instead, where errors are reported
            pass
        loaded_s[name] = time.perf_counter() - t0


def _open_torch_libraries() -> None:
    """dlopen PyTorch's big libraries without holding the GIL (Linux, macOS)."""
    if sys.platform.startswith("win"):
        return
    spec = util.find_spec("torch")
    if spec is None or spec.origin is None:
        return
    lib = os.path.join(os.path.dirname(spec.origin), "lib")
    ext = ".dylib" if sys.platform == "darwin" else ".so"
    libc = ctypes.CDLL(None)
    dlopen = libc.dlopen
    dlopen.restype = ctypes.c_void_p
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    for name in ("libc10", "libtorch_cpu", "libtorch_cuda", "libtorch", "libtorch_python"):
        path = os.path.join(lib, name + ext)
        if os.path.exists(path):
            dlopen(os.fsencode(path), os.RTLD_NOW | os.RTLD_GLOBAL)  # a foreign call: the GIL is let go


def _first_torch_update() -> None:
    _open_torch_libraries()
    from nnviz.core.lecture.torch_check import torch_update  # imports torch on its first call
    from nnviz.core.model.network import Network

    net = Network.initialised([2, 2, 2], ["sigmoid", "sigmoid"], seed=0)
    torch_update(net, [0.05, 0.1], [0.01, 0.99], 0.5)


def _mathtext_modules() -> None:
    import matplotlib.font_manager  # noqa: F401
    import matplotlib.mathtext  # noqa: F401
    import matplotlib.textpath  # noqa: F401


def _numba_engine() -> None:
    from nnviz.core.training import compiled

    thread = compiled.warm_up_in_background()
    if thread is not None:
        thread.join()
