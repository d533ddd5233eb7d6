"""Data built in a background thread, with progress and Cancel.

Reading a big CSV table (a million rows) takes seconds; the window must keep
drawing meanwhile. :class:`DataLoader` runs a job ``job(progress, cancelled)
-> Dataset`` (for example :func:`nnviz.core.data.source.build` of a
:class:`~nnviz.core.data.source.DataSource`) in a ``QThread`` and reports
through signals on the GUI thread: ``progressed(fraction)``, then exactly one
of ``loaded(dataset)``, ``failed(sentence)`` or ``cancelled()``.

The job checks ``cancelled()`` between chunks; :meth:`DataLoader.cancel`
sets the flag, so Cancel acts within one chunk. The wiring is the one of the
training worker (a parentless worker moved to its thread; both deleted
later), and :meth:`DataLoader.wait` joins the thread before the window goes.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from nnviz.core.errors import UserError
from nnviz.gui.core_strings import user_message

#: ``job(progress, cancelled) -> Dataset``
Job = Callable[[Callable[[float], None], Callable[[], bool]], Any]


class _Runner(QObject):
    """Runs the job in its thread; the only object that lives there."""

    progressed = Signal(float)
    done = Signal(str, object)  # "loaded" | "failed" | "cancelled", payload

    def __init__(self, job: Job, stop: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._stop = stop

    @Slot()
    def run(self) -> None:
        from nnviz.core.data.table import Cancelled

        try:
            result = self._job(self.progressed.emit, self._stop.is_set)
        except Cancelled:
            self.done.emit("cancelled", None)
        except UserError as exc:
            self.done.emit("failed", user_message(exc))
        except MemoryError:
            self.done.emit("failed", "memory")
        except Exception:  # noqa: BLE001 - a bug must not take the window down
            self.done.emit("failed", traceback.format_exc(limit=3))
        else:
            if self._stop.is_set():
                self.done.emit("cancelled", None)
            else:
                self.done.emit("loaded", result)


class DataLoader(QObject):
    """One background job at a time; see the module docstring."""

    progressed = Signal(float)
    loaded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._runner: _Runner | None = None
        self._stop = threading.Event()

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, job: Job) -> None:
        """Run ``job`` in a new thread (the previous job must have ended)."""
        if self._thread is not None:
            raise RuntimeError("a data job is already running")
        self._stop = threading.Event()
        thread = QThread()
        runner = _Runner(job, self._stop)
        runner.moveToThread(thread)
        thread.started.connect(runner.run)
        runner.progressed.connect(self.progressed)
        runner.done.connect(self._on_done)
        runner.done.connect(thread.quit)
        thread.finished.connect(runner.deleteLater)
        thread.finished.connect(thread.deleteLater)
        self._thread, self._runner = thread, runner
        thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next chunk; ``cancelled`` follows."""
        self._stop.set()

    def wait(self, ms: int = 5000) -> bool:
        """Cancel and join the thread (closing the window); True once it ended."""
        thread = self._thread
        if thread is None:
            return True
        self._stop.set()
        thread.quit()
        ended = thread.wait(ms)
        self._thread = self._runner = None
        return bool(ended)

    @Slot(str, object)
    def _on_done(self, outcome: str, payload: object) -> None:
        thread = self._thread
        self._thread = self._runner = None
        if thread is not None:
            thread.quit()
            thread.wait()
        if outcome == "loaded":
            self.loaded.emit(payload)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(self._sentence(str(payload)))

    def _sentence(self, payload: str) -> str:
        if payload == "memory":
            return self.tr("The data does not fit in this computer's memory.")
        if "\n" in payload:  # a traceback: a bug, not the user's file
            return self.tr("The data could not be read because of an error in nnviz: %1").replace(
                "%1", payload.strip().splitlines()[-1]
            )
        return payload
