"""Is the SQLite store damaged? Checked when it is opened, so a hub never starts on one.

``PRAGMA quick_check`` reads every page once: on a store of one million messages (and
as many stream events, 608 MiB) it takes 0.6 s with the file in the page cache and
10-11 s from a cold disk. Stores up to :data:`CHECK_AT_START_BYTES` are checked whole
before the hub starts (about a second cold, a tenth warm); larger ones get a fast check
at start (the schema, the first and last row of every table: under a millisecond) and
the whole check on a thread of its own, which marks the store damaged (``/healthz``
degraded, one error in the log) if it fails.

PostgreSQL checks its own pages as it reads them and reports corrupt ones as errors of
their own (``XX001``), which :mod:`wa_desk.hub.db.errors` knows; nothing to do at start.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from wa_desk.hub.db.errors import StorageError, StoreCause, as_storage_error, store_problem

log = logging.getLogger(__name__)

CHECK_AT_START_BYTES = 64 * 1024 * 1024


def quick_check(raw: sqlite3.Connection) -> str | None:
    """The first problem ``PRAGMA quick_check`` finds, or None."""
    rows = raw.execute("PRAGMA quick_check(1)").fetchall()
    first = str(rows[0][0]) if rows else "no answer"
    if first == "ok":
        return None
    return " ".join(first.replace("*** in database main ***", "").split()) or first


def fast_check(raw: sqlite3.Connection) -> None:
    """Read the schema and both ends of every table; raises on a damaged page met."""
    tables = raw.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%WITHOUT ROWID%'"
    ).fetchall()
    for (name,) in tables:
        quoted = '"' + str(name).replace('"', '""') + '"'
        for order in ("ASC", "DESC"):
            raw.execute(f"SELECT * FROM {quoted} ORDER BY rowid {order} LIMIT 1").fetchall()  # noqa: S608


def check_at_start(path: Path) -> bool:
    """Check the store before the hub uses it; True when the whole store was checked
    (else run :class:`BackgroundCheck`). Raises a ``damaged`` :class:`StorageError`.

    A connection of its own: the pages read stay out of the writer's cache."""
    whole = _size(path) <= CHECK_AT_START_BYTES
    try:
        raw = sqlite3.connect(path, timeout=30)
        try:
            problem = quick_check(raw) if whole else None
            if not whole:
                fast_check(raw)
        finally:
            raw.close()
    except sqlite3.Error as exc:
        error = as_storage_error(exc, str(path))
        if error is None:
            raise
        raise error from exc
    if problem is not None:
        raise store_problem(StoreCause.DAMAGED, str(path), f"quick_check: {problem}")
    return whole


class BackgroundCheck:
    """``PRAGMA quick_check`` on a connection of its own, off the hub's path. Readers
    never block the writer in WAL mode; the check holds one read snapshot while it runs
    (checkpoints wait for it, the WAL grows meanwhile)."""

    def __init__(self, path: Path, on_damage: Callable[[StorageError], None]) -> None:
        self._path = path
        self._on_damage = on_damage
        self._raw: sqlite3.Connection | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="db-integrity", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        raw = self._raw
        if raw is not None:
            with contextlib.suppress(sqlite3.Error):  # closed meanwhile: finished
                raw.interrupt()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        try:
            raw = sqlite3.connect(self._path, check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            log.warning("integrity check of the store not run: %s", exc)
            return
        self._raw = raw
        try:
            if self._stopping.is_set():
                return
            raw.execute("PRAGMA query_only=ON")
            problem = quick_check(raw)
        except sqlite3.Error as exc:
            if self._stopping.is_set():
                return  # interrupted by close()
            error = as_storage_error(exc, str(self._path))
            if error is None or error.cause is not StoreCause.DAMAGED:
                log.warning("integrity check of the store not finished: %s", exc)
                return
            self._damaged(error)
            return
        finally:
            self._raw = None
            raw.close()
        if problem is None:
            log.info("integrity check of the store: ok")
        else:
            detail = f"quick_check: {problem}"
            self._damaged(store_problem(StoreCause.DAMAGED, str(self._path), detail))

    def _damaged(self, error: StorageError) -> None:
        log.error("%s", error)
        self._on_damage(error)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
