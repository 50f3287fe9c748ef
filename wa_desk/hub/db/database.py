"""The hub's store: one writer thread with group commit, a pool of reader threads.

Every write is a plain function of a :class:`Conn`. Writes queued while the previous
transaction commits are run together in the next one and committed once, so one
``fsync`` covers many webhook deliveries (group commit) while each caller still learns
of its own commit before answering. A write that raises is isolated: the batch is rolled
back and run again in halves until the bad write stands alone, so one bad write never
takes others down with it. Write functions must therefore touch only the database.
"""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from wa_desk.hub.db.connection import Conn, Dialect
from wa_desk.hub.db.errors import StorageError, UnsupportedDatabaseUrl

log = logging.getLogger(__name__)

T = TypeVar("T")
WriteFn = Callable[[Conn], Any]

_MAX_BATCH = 512
_STOP = object()


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    dialect: Dialect
    target: str  # a file path for SQLite, a libpq URL for PostgreSQL

    @classmethod
    def parse(cls, url: str) -> DatabaseUrl:
        if url.startswith(("postgresql://", "postgres://")):
            return cls("postgresql", url)
        if url.startswith("sqlite:///"):
            return cls("sqlite", url.removeprefix("sqlite://"))
        if url.startswith("sqlite://"):
            return cls("sqlite", url.removeprefix("sqlite://"))
        if "://" in url:
            scheme = url.split("://", 1)[0]
            raise UnsupportedDatabaseUrl(
                f"unsupported database URL scheme {scheme!r}: use a SQLite file path, "
                "sqlite:///path or postgresql://..."
            )
        return cls("sqlite", url)

    def redacted(self) -> str:
        """The URL fit for a log line: any password is masked."""
        if self.dialect == "sqlite":
            return f"sqlite:///{self.target.lstrip('/')}" if self.target else "sqlite"
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.target)
        if parts.password:
            netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
            parts = parts._replace(netloc=netloc)
        return urlunsplit(parts)


_CHECKPOINT_SECONDS = 1.0


def _connect(url: DatabaseUrl) -> Conn:
    if url.dialect == "sqlite":
        path = Path(url.target)
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("PRAGMA foreign_keys=ON")
        raw.execute("PRAGMA busy_timeout=30000")
        return Conn(raw, "sqlite")
    import psycopg

    try:
        pg = psycopg.connect(url.target, autocommit=True)
    except psycopg.OperationalError as exc:
        raise StorageError(f"cannot connect to PostgreSQL: {exc}".splitlines()[0]) from exc
    return Conn(pg, "postgresql")


def _begin(conn: Conn) -> None:
    conn.raw.execute("BEGIN IMMEDIATE" if conn.dialect == "sqlite" else "BEGIN")


def _commit(conn: Conn) -> None:
    conn.raw.execute("COMMIT")


def _rollback(conn: Conn) -> None:
    try:
        conn.raw.execute("ROLLBACK")
    except Exception:
        log.debug("rollback without a transaction")


class _Job:
    __slots__ = ("error", "fn", "future", "loop", "result")

    def __init__(self, fn: WriteFn, future: asyncio.Future[Any], loop: asyncio.AbstractEventLoop):
        self.fn = fn
        self.future = future
        self.loop = loop
        self.result: Any = None
        self.error: BaseException | None = None


def _settle(job: _Job) -> None:
    def done() -> None:
        if job.future.done():
            return
        if job.error is not None:
            job.future.set_exception(job.error)
        else:
            job.future.set_result(job.result)

    try:
        job.loop.call_soon_threadsafe(done)
    except RuntimeError:
        log.debug("event loop closed before a write was settled")


class Database:
    """The hub's store; create with :meth:`open`, close with :meth:`close`."""

    def __init__(
        self,
        url: DatabaseUrl,
        readers: int = 4,
        on_commit: Callable[[list[Any]], None] | None = None,
    ) -> None:
        self.url = url
        # Called on the writer thread right after each commit, with the results of the
        # batch's writes in commit order (before any caller is woken up).
        self.on_commit = on_commit
        self.dialect: Dialect = url.dialect
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._write_conn = _connect(url)
        self._local = threading.local()
        self._reader_conns: list[Conn] = []
        self._reader_lock = threading.Lock()
        self._readers = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="db-read")
        self._writer = threading.Thread(target=self._write_loop, name="db-write", daemon=True)
        self._closed = False
        self._stop_checkpoints = threading.Event()
        self._checkpointer: threading.Thread | None = None
        if self.dialect == "sqlite":
            # Checkpoints move the WAL into the database file. Left to the committing
            # connection they stall every write waiting behind that commit; a thread of
            # their own keeps them off the writer's path (PASSIVE never blocks a writer).
            self._write_conn.raw.execute("PRAGMA wal_autocheckpoint=0")
            self._checkpointer = threading.Thread(
                target=self._checkpoint_loop, name="db-checkpoint", daemon=True
            )
        self.commits = 0  # transactions committed: write calls / commits = group size
        self.writes = 0

    @classmethod
    def open(
        cls, url: str, readers: int = 4, on_commit: Callable[[list[Any]], None] | None = None
    ) -> Database:
        """Connect, bring the schema up to date and start the writer."""
        from wa_desk.hub.db.schema import migrate

        db = cls(DatabaseUrl.parse(url), readers=readers, on_commit=on_commit)
        migrate(db._write_conn)
        db._writer.start()
        if db._checkpointer is not None:
            db._checkpointer.start()
        return db

    def _checkpoint_loop(self) -> None:
        conn = _connect(self.url)
        try:
            while not self._stop_checkpoints.wait(_CHECKPOINT_SECONDS):
                try:
                    conn.raw.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error as exc:
                    log.warning("WAL checkpoint failed: %s", exc)
            conn.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.raw.close()

    # -- writes -------------------------------------------------------------------

    async def write(self, fn: Callable[[Conn], T]) -> T:
        """Run ``fn`` in a transaction; returns once that transaction is committed."""
        if self._closed:
            raise StorageError("the store is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put(_Job(fn, future, loop))
        return await future

    def write_sync(self, fn: Callable[[Conn], T]) -> T:
        """For command-line tools: run ``fn`` in its own transaction on the caller's thread."""
        conn = _connect(self.url)
        try:
            _begin(conn)
            try:
                result = fn(conn)
            except BaseException:
                _rollback(conn)
                raise
            _commit(conn)
            return result
        finally:
            conn.raw.close()

    def _write_loop(self) -> None:
        conn = self._write_conn
        while True:
            first = self._jobs.get()
            if first is _STOP:
                break
            batch: list[_Job] = [first]
            stop = False
            while len(batch) < _MAX_BATCH:
                try:
                    nxt = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    stop = True
                    break
                batch.append(nxt)
            self._run_batch(conn, batch)
            if stop:
                break
        conn.raw.close()

    def _run_batch(self, conn: Conn, batch: list[_Job]) -> None:
        try:
            _begin(conn)
            for job in batch:
                job.result = job.fn(conn)
            _commit(conn)
            self.commits += 1
            self.writes += len(batch)
        except BaseException as exc:
            _rollback(conn)
            if len(batch) == 1:
                batch[0].error = _as_storage_error(exc)
            else:
                # Bisect: the good writes keep sharing commits, the bad one ends alone.
                half = len(batch) // 2
                for part in (batch[:half], batch[half:]):
                    for job in part:
                        job.result, job.error = None, None
                    self._run_batch(conn, part)
                return
        if self.on_commit is not None:
            results = [job.result for job in batch if job.error is None]
            try:
                self.on_commit(results)
            except Exception:
                log.exception("after-commit hook failed")
        for job in batch:
            _settle(job)

    # -- reads --------------------------------------------------------------------

    def _reader(self) -> Conn:
        conn: Conn | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.url)
            self._local.conn = conn
            with self._reader_lock:
                self._reader_conns.append(conn)
        return conn

    async def read(self, fn: Callable[[Conn], T]) -> T:
        """Run ``fn`` on a reader connection (a consistent snapshot per call)."""
        if self._closed:
            raise StorageError("the store is closed")

        def run() -> T:
            conn = self._reader()
            _begin_read(conn)
            try:
                return fn(conn)
            finally:
                _rollback(conn)

        return await asyncio.get_running_loop().run_in_executor(self._readers, run)

    def read_sync(self, fn: Callable[[Conn], T]) -> T:
        conn = _connect(self.url)
        try:
            return fn(conn)
        finally:
            conn.raw.close()

    # -- lifecycle ----------------------------------------------------------------

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._writer.is_alive():
            self._jobs.put(_STOP)
            self._writer.join(timeout=30)
        else:
            self._write_conn.raw.close()
        if self._checkpointer is not None and self._checkpointer.is_alive():
            self._stop_checkpoints.set()
            self._checkpointer.join(timeout=30)
        self._readers.shutdown(wait=True)
        with self._reader_lock:
            for conn in self._reader_conns:
                conn.raw.close()
            self._reader_conns.clear()


def _begin_read(conn: Conn) -> None:
    conn.raw.execute("BEGIN")


def _as_storage_error(exc: BaseException) -> BaseException:
    """Known operational failures become StorageError; anything else is a bug, kept as is."""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc)
        if "disk" in text or "full" in text or "locked" in text or "readonly" in text:
            return StorageError(f"the store cannot be written: {text}")
    module = type(exc).__module__
    if module.startswith("psycopg") and type(exc).__name__ in (
        "OperationalError",
        "DiskFull",
        "AdminShutdown",
    ):
        return StorageError(f"the store cannot be written: {str(exc).splitlines()[0]}")
    return exc


def default_sqlite_path() -> Path:
    import platformdirs

    base = os.environ.get("WA_DESK_DATA_DIR") or platformdirs.user_data_dir("wa-desk-hub")
    return Path(base) / "hub.sqlite3"
