"""Shared test set-up: offscreen Qt, fresh settings, no dangling threads."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NNVIZ_NO_AUTOSAVE_PROMPT", "1")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path_factory, monkeypatch):
    """Every test gets its own settings and cache folders, never the user's."""
    home = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("NNVIZ_SETTINGS_DIR", str(home / "settings"))
    monkeypatch.setenv("NNVIZ_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    yield


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_in_the_main_thread():
    """As the app does (``nnviz.gui.window.app.collect_garbage_in_gui_thread``):
    no automatic cycle collection, which could run in a worker thread and
    finalise a Qt object there; each test's end collects instead."""
    import gc

    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test(request):
    yield
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        import gc

        gc.collect(1)  # the Qt tests collect fully in _dangling_qthreads


@pytest.fixture(autouse=True)
def _language_as_found():
    """A test that switched the interface language (a window built with
    ``lang="es"``, ``nnviz shot`` in Spanish) leaves it as it found it."""
    import sys

    qt_before = "PySide6.QtWidgets" in sys.modules  # core tests never import Qt
    if qt_before:
        from nnviz.gui import i18n

        lang = i18n.current_language()
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication

    from nnviz.gui import i18n

    wanted = lang if qt_before else "en"  # the first Qt test found the tests' English
    if QCoreApplication.instance() is not None and i18n.current_language() != wanted:
        i18n.set_language(wanted)


@pytest.fixture(autouse=True)
def _dangling_qthreads(request):
    """Fail a test that leaves a QThread running (napari does the same)."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QThread

    yield
    import gc

    gc.collect()
    running = [t for t in _all_qthreads() if t.isRunning() and t is not QThread.currentThread()]
    if running:
        for t in running:
            t.quit()
            t.wait(2000)
        pytest.fail(f"{len(running)} QThread(s) left running after the test")


def _all_qthreads():
    import gc

    from PySide6.QtCore import QThread

    # type(), not isinstance(): isinstance() reads ``__class__`` of every live object,
    # and torch's deprecated torch.distributed.reduce_op warns on that read (a
    # catch_warnings around it is not thread-safe: a background import could
    # restore the filters meanwhile, and the warning failed a test now and then)
    return [o for o in gc.get_objects() if issubclass(type(o), QThread)]
