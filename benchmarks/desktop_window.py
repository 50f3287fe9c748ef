"""The main window over a copy of the benchmark store, in this process (offscreen).

For the in-process desktop benchmarks: they time what happens on the UI thread, so
they drive the window and the store directly and wait for Qt to finish the work each
step queued (layouts, paints) before reading the clock.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from benchmarks.desktop_data import USER, Sizes, install_copy
from wa_desk.store.local_store import LocalStore
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow


def _quiet_offscreen(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform says this on every top-level show (as in tests/ui/conftest.py).
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def qapp() -> QApplication:
    qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    return app


SETTLE_PASSES = 3


def one_pass() -> None:
    """One pass of Qt's event loop: what was queued before it runs."""
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()


def settle() -> None:
    """Let Qt handle what is queued (delayed layouts, paint requests), then return.

    Several passes: what one pass runs can queue more (a delayed layout, then the view's
    own zero timer that scrolls to the new row and repaints); a figure that stopped after
    the first would leave that work to the next figure."""
    for _ in range(SETTLE_PASSES):
        one_pass()


def timed(step: Callable[[], object], window: MainWindow | None = None) -> float:
    """Milliseconds for ``step`` plus the layout and paint it caused."""
    started = time.perf_counter()
    step()
    settle()
    if window is not None:
        window.repaint()  # synchronous: the paint is part of the figure
    return (time.perf_counter() - started) * 1000


@dataclass
class Desk:
    store: LocalStore
    window: MainWindow
    path: Path


@contextmanager
def desk(sizes: Sizes, *, inbox_rows: int) -> Iterator[Desk]:
    """A copy of the store and a shown window whose inbox holds ``inbox_rows`` rows."""
    qapp()
    with TemporaryDirectory(prefix="wa-desk-bench-") as tmp:
        path = install_copy(sizes, Path(tmp))
        settings = Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        store = LocalStore.open(path)
        window = MainWindow(settings)
        try:
            window.set_user(USER)
            rows = store.list_conversations(
                "all", str(USER["id"]), list(USER["queues"]), None, inbox_rows
            )
            window.inbox_view.model.upsert(rows)
            window.show()
            settle()
            yield Desk(store, window, path)
        finally:
            window.close()
            window.deleteLater()
            settle()
            store.close()
