"""Uncaught exceptions: logged to ``crash.log`` beside the desktop's log (and, through the
``wa_desk`` logger, in that log too), then shown.

``install`` replaces ``sys.excepthook`` (Qt swallows exceptions raised in slots
otherwise, or aborts). A second crash while the dialog is open is logged only.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from wa_desk.private_files import private_dir
from wa_desk.ui.app.crash_dialog import CrashDialog
from wa_desk.ui.app.logging_setup import PrivateRotatingFileHandler, active_log_folder

log = logging.getLogger("wa_desk.crash")
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_dir() -> Path:
    return active_log_folder()


class CrashHandler:
    def __init__(self, directory: Path | None = None, *, show_dialog: bool = True) -> None:
        self.directory = directory or log_dir()
        self.show_dialog = show_dialog
        self.log_path: Path | None = None
        self._showing = False
        self._previous: ExceptHook | None = None
        self._handler: logging.Handler | None = None

    def install(self) -> CrashHandler:
        try:
            private_dir(self.directory, ours=True)
            self.log_path = self.directory / "crash.log"
            self._handler = PrivateRotatingFileHandler(
                self.log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
            self._handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            log.addHandler(self._handler)
        except OSError:
            self.log_path = None  # a full or read-only disk must not hide the crash itself
        self._previous = sys.excepthook
        sys.excepthook = self.handle
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
        if self._handler is not None:
            log.removeHandler(self._handler)
            self._handler.close()

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("uncaught exception\n%s", details)
        print(details, file=sys.stderr)
        if not self.show_dialog or self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            dialog = CrashDialog(details, str(self.log_path) if self.log_path else None)
            dialog.exec()
        finally:
            self._showing = False


def install(directory: Path | None = None, *, show_dialog: bool = True) -> CrashHandler:
    return CrashHandler(directory, show_dialog=show_dialog).install()
