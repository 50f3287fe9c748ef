"""The desktop's log: one private, rotating file in the app's data folder.

It receives the ``wa_desk`` loggers at INFO and above, Qt's own messages at the matching
level (logger ``wa_desk.qt``), and the exceptions nobody else handled, with their
tracebacks: those of background tasks (``BackgroundTasks`` logs them under ``wa_desk``),
those the asyncio loop reports (``log_loop_exceptions``) and crashes (``crash_handler``).
An installed windowed app has no console (on Windows ``sys.stderr`` is None), so without
this file all of that was lost; with a console, warnings still go there too.

The log is private like the stores (``wa_desk.private_files``): 0600 files, rotated ones
included, in 0700 folders. No token or password is ever logged; a test signs in against
a real hub and reads the file to keep it so.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices

from wa_desk.private_files import private_dir, private_file
from wa_desk.store.paths import desktop_data_dir

LOGGER = "wa_desk"
FILE_NAME = "wa-desk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)
qt_log = logging.getLogger(f"{LOGGER}.qt")

QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], None]

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def log_folder() -> Path:
    """Where the log is kept unless told otherwise: ``logs`` in the app's data folder."""
    return desktop_data_dir() / "logs"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating file whose every file is 0600 from its first byte: the first one and
    the new one each rollover opens (the renamed ones keep their mode)."""

    def _open(self) -> TextIOWrapper:
        private_file(Path(self.baseFilename))
        return super()._open()


class DesktopLog:
    """The log while the app runs; ``close`` undoes what ``start_logging`` did."""

    def __init__(
        self,
        folder: Path,
        *,
        max_bytes: int = MAX_BYTES,
        backups: int = BACKUPS,
        console: bool = True,
    ) -> None:
        self.folder = folder
        self.path: Path | None = folder / FILE_NAME
        self._logger = logging.getLogger(LOGGER)
        self._level = self._logger.level
        self._handlers: list[logging.Handler] = []
        try:
            # The data folder is the program's own (made 0700 as the stores make it);
            # another folder given here keeps its mode, but its logs folder is private.
            private_dir(folder.parent, ours=folder.parent == desktop_data_dir())
            private_dir(folder, ours=True)
            file = PrivateRotatingFileHandler(
                self.path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
            )
        except OSError as exc:
            # A full or read-only disk must not stop the app; the console still has it.
            self.path = None
            print(f"wa-desk: no log file in {folder}: {exc}", file=sys.stderr)
        else:
            file.setLevel(logging.INFO)
            file.setFormatter(logging.Formatter(FORMAT))
            self._handlers.append(file)
        if console and sys.stderr is not None:
            stderr = logging.StreamHandler(sys.stderr)
            stderr.setLevel(logging.WARNING)
            stderr.setFormatter(logging.Formatter(FORMAT))
            self._handlers.append(stderr)
        for handler in self._handlers:
            self._logger.addHandler(handler)
        self._logger.setLevel(logging.INFO)
        self._previous_qt: QtMessageHandler | None = qInstallMessageHandler(self._qt_message)

    def _qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category
        if category and category != "default":
            qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s: %s", category, message)
        else:
            qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)
        if self._previous_qt is not None:  # one installed before, such as a test's
            self._previous_qt(kind, context, message)

    def __enter__(self) -> DesktopLog:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        qInstallMessageHandler(self._previous_qt)
        for handler in self._handlers:
            self._logger.removeHandler(handler)
            handler.close()
        self._handlers = []
        self._logger.setLevel(self._level)


def start_logging(
    folder: Path | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
    console: bool = True,
) -> DesktopLog:
    """Send the app's logging and Qt's messages to the log in ``folder`` (by default
    ``log_folder()``), and warnings also to the console when there is one. Call it first
    thing: Qt may have something to say while the application object is built."""
    return DesktopLog(folder or log_folder(), max_bytes=max_bytes, backups=backups, console=console)


def log_loop_exceptions(loop: asyncio.AbstractEventLoop) -> None:
    """What the loop cannot hand to anyone (a task whose exception nobody read, a failed
    callback) goes to the log with its traceback."""
    loop.set_exception_handler(_log_loop_exception)


def _log_loop_exception(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    # asyncio's own handler prints the context's entries, and a failed callback's message,
    # as reprs of the callback with its arguments, which may carry what must never be
    # logged: here only fixed texts, task names and the traceback (it names the function).
    if "handle" in context:
        message = "exception in a callback"
    else:
        message = str(context.get("message") or "unhandled exception in the event loop")
    task = context.get("task") or context.get("future")
    if isinstance(task, asyncio.Task):
        message = f"{message} (task {task.get_name()})"
    error = context.get("exception")
    log.error("%s", message, exc_info=error if isinstance(error, BaseException) else None)


def active_log_folder() -> Path:
    """The folder of the log being written, or where it would be."""
    for handler in logging.getLogger(LOGGER).handlers:
        if isinstance(handler, PrivateRotatingFileHandler):
            return Path(handler.baseFilename).parent
    return log_folder()


def open_log_folder() -> bool:
    """Show the log's folder in the system's file manager (Help → Open log folder)."""
    folder = active_log_folder()
    try:
        private_dir(folder, ours=True)  # there to open even when nothing was written yet
    except OSError:
        log.warning("the log folder %s cannot be created", folder)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
