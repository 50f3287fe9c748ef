"""The hub's store: one writer thread with group commit, a pool of reader threads.

Every write is a plain function of a :class:`Conn`. Writes queued while the previous
transaction commits are run together in the next one and committed once, so one
``fsync`` covers many webhook deliveries (group commit) while each caller still learns
of its own commit before answering. A write that raises is isolated: the batch is rolled
back and run again in halves until the bad write stands alone, so one bad write never
takes others down with it. Write functions must therefore touch only the database.

A write may come with the reads it starts with (:class:`ReadAhead`): the batch's reads of
one kind are made together, in one round trip on PostgreSQL, before its writes run. When
an earlier write of the batch may have changed what a write read ahead, its reads are
made again before it runs, together with those of the writes after it (``read_again``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import sqlite3
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from wa_desk.hub.db import stream_order
from wa_desk.hub.db.connection import Conn, Dialect
from wa_desk.hub.db.errors import (
    StorageError,
    StoreCause,
    UnsupportedDatabaseUrl,
    as_storage_error,
    store_problem,
)
from wa_desk.hub.db.health import HealthReport, StoreHealth
from wa_desk.hub.db.integrity import BackgroundCheck, check_at_start
from wa_desk.hub.db.read_ahead import (
    BatchStart,
    ReadAhead,
    WritesSoFar,
    read_again,
    read_ahead,
)

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
_CONNECT_TIMEOUT_SECONDS = 10  # a PostgreSQL host that drops packets fails this fast
_PROBE = "SELECT MAX(version) FROM schema_version"  # a real table: pages are read


def _connect(url: DatabaseUrl, replica_id: str | None = None) -> Conn:
    if url.dialect == "sqlite":
        path = _sqlite_path(url)
        try:
            raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
            try:
                raw.execute("PRAGMA journal_mode=WAL")
                raw.execute("PRAGMA synchronous=FULL")
                raw.execute("PRAGMA foreign_keys=ON")
                raw.execute("PRAGMA busy_timeout=30000")
            except BaseException:
                raw.close()
                raise
        except sqlite3.Error as exc:
            error = as_storage_error(exc, str(path))
            if error is None:
                raise
            raise error from exc
        return Conn(raw, "sqlite", replica_id)
    import psycopg

    timeout = None if "connect_timeout" in url.target else _CONNECT_TIMEOUT_SECONDS
    try:
        pg = psycopg.connect(url.target, autocommit=True, connect_timeout=timeout)
    except psycopg.OperationalError as exc:
        raise StorageError(f"cannot connect to PostgreSQL: {exc}".splitlines()[0]) from exc
    return Conn(pg, "postgresql", replica_id)


def _sqlite_path(url: DatabaseUrl) -> Path:
    # ``sqlite:////abs/path`` leaves two slashes, which POSIX may read differently.
    target = url.target
    return Path("/" + target.lstrip("/") if target.startswith("//") else target)


def _is_broken(conn: Conn) -> bool:
    """A PostgreSQL connection the server dropped (SQLite connections never break)."""
    return conn.dialect == "postgresql" and bool(conn.raw.closed or conn.raw.broken)


def _close_quietly(conn: Conn) -> None:
    try:
        conn.raw.close()
    except Exception:
        log.debug("closing a broken connection failed")


def _private_sqlite_files(path: Path) -> None:
    """The store, its folder and its ``-wal``/``-shm`` readable by this account only.

    SQLite creates ``-wal`` and ``-shm`` with the mode of the database file, so the file
    is created 0600 before SQLite first opens it. The folder is made 0700 when the hub
    creates it or it is the hub's data folder; a folder an administrator chose keeps
    its mode (see :mod:`wa_desk.private_files`)."""
    from wa_desk.private_files import make_private, private_dir, private_file

    ours = path.parent.resolve() == default_sqlite_path().parent.resolve()
    private_dir(path.parent, ours=ours)
    private_file(path)
    for suffix in ("-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))


def _begin(conn: Conn) -> None:
    """A write transaction. On PostgreSQL it first takes the stream's order, before any
    row lock (:mod:`wa_desk.hub.db.stream_order` says why)."""
    if conn.dialect == "sqlite":
        conn.raw.execute("BEGIN IMMEDIATE")
        return
    with conn.sent_together():
        for statement in stream_order.BEGIN_WRITE:
            conn.raw.execute(statement)


def _commit(conn: Conn) -> None:
    conn.raw.execute("COMMIT")


def _rollback(conn: Conn) -> None:
    try:
        conn.raw.execute("ROLLBACK")
    except Exception:
        log.debug("rollback without a transaction")


class _Job:
    __slots__ = ("ahead", "error", "fn", "future", "loop", "result")

    def __init__(
        self,
        fn: WriteFn,
        future: asyncio.Future[Any],
        loop: asyncio.AbstractEventLoop,
        ahead: ReadAhead | None = None,
    ):
        self.fn = fn
        self.ahead = ahead
        self.future = future
        self.loop = loop
        self.result: Any = None
        self.error: BaseException | None = None


def _settle(jobs: list[_Job]) -> None:
    """Hand each job's result or error to its future, on the future's loop: one wake-up
    of each loop for the whole batch (a wake-up is a write to the loop's self-pipe, and a
    batch's jobs are mostly of one loop), not one per job."""
    by_loop: dict[asyncio.AbstractEventLoop, list[_Job]] = {}
    for job in jobs:
        by_loop.setdefault(job.loop, []).append(job)
    for loop, settled in by_loop.items():
        try:
            loop.call_soon_threadsafe(_settle_on_loop, settled)
        except RuntimeError:
            log.debug("event loop closed before %d write(s) were settled", len(settled))


def _settle_on_loop(jobs: list[_Job]) -> None:
    for job in jobs:
        if job.future.done():
            continue
        if job.error is not None:
            job.future.set_exception(job.error)
        else:
            job.future.set_result(job.result)


class Database:
    """The hub's store; create with :meth:`open`, close with :meth:`close`."""

    def __init__(
        self,
        url: DatabaseUrl,
        readers: int = 4,
        on_commit: Callable[[list[Any]], None] | None = None,
        replica_id: str | None = None,
        batch_starts: Sequence[BatchStart] = (),
    ) -> None:
        self.url = url
        # PostgreSQL: read in each write transaction's first round trip (``BatchStart``).
        self.batch_starts = tuple(batch_starts) if url.dialect == "postgresql" else ()
        # The hub replica this store works for (``Conn.replica_id``): its connections say
        # which chain the hub's facts go to.
        self.replica_id = replica_id
        # Called on the writer thread right after each commit, with the results of the
        # batch's writes in commit order (before any caller is woken up).
        self.on_commit = on_commit
        self.dialect: Dialect = url.dialect
        self.health = StoreHealth()
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._integrity: BackgroundCheck | None = None
        if self._file is not None:
            try:
                _private_sqlite_files(self._file)
            except OSError as exc:
                raise store_problem(
                    StoreCause.UNAVAILABLE, str(self._file), exc.strerror or str(exc)
                ) from exc
        write_conn = _connect(url, replica_id)
        self._write_conn: Conn | None = write_conn
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
            write_conn.raw.execute("PRAGMA wal_autocheckpoint=0")
            self._checkpointer = threading.Thread(
                target=self._checkpoint_loop, name="db-checkpoint", daemon=True
            )
        self.commits = 0  # transactions committed: write calls / commits = group size
        self.writes = 0

    @property
    def _file(self) -> Path | None:
        """The SQLite file, or None (PostgreSQL, or SQLite in memory)."""
        if self.url.dialect != "sqlite" or self.url.target in ("", ":memory:"):
            return None
        return _sqlite_path(self.url)

    @classmethod
    def open(
        cls,
        url: str,
        readers: int = 4,
        on_commit: Callable[[list[Any]], None] | None = None,
        replica_id: str | None = None,
        batch_starts: Sequence[BatchStart] = (),
    ) -> Database:
        """Connect, check the store is sound, bring the schema up to date and start the
        writer. A store that is damaged, full or unreachable raises :class:`StorageError`
        naming the problem and what to do. ``replica_id``: which hub replica the store's
        writes are made for (``hub.replica_id``); ``batch_starts``: what each of the
        writer's transactions reads first on PostgreSQL."""
        db = cls(
            DatabaseUrl.parse(url),
            readers=readers,
            on_commit=on_commit,
            replica_id=replica_id,
            batch_starts=batch_starts,
        )
        try:
            db._prepare()
        except BaseException:
            db.close()
            raise
        db._writer.start()
        if db._checkpointer is not None:
            db._checkpointer.start()
        if db._integrity is not None:
            db._integrity.start()
        return db

    def _prepare(self) -> None:
        from wa_desk.hub.db.schema import migrate

        conn = self._write_conn
        assert conn is not None
        try:
            if self._file is not None and not check_at_start(self._file):
                self._integrity = BackgroundCheck(self._file, self.health.damaged)
            migrate(conn)
        except Exception as exc:
            error = as_storage_error(exc, self.url.redacted())
            if error is None:
                raise
            raise error from exc

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

    async def write(self, fn: Callable[[Conn], T], ahead: ReadAhead | None = None) -> T:
        """Run ``fn`` in a transaction; returns once that transaction is committed.
        ``ahead``: the reads ``fn`` starts with, made with the batch's (``ReadAhead``)."""
        if self._closed:
            raise StorageError("the store is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put(_Job(fn, future, loop, ahead))
        return await future

    def write_sync(self, fn: Callable[[Conn], T]) -> T:
        """For command-line tools: run ``fn`` in its own transaction on the caller's thread."""
        conn = _connect(self.url, self.replica_id)
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

    def _writer_conn(self) -> Conn:
        """The writer's connection, opened again if the server dropped it."""
        conn = self._write_conn
        if conn is not None and not _is_broken(conn):
            return conn
        if conn is not None:
            _close_quietly(conn)
            self._write_conn = None
        self._write_conn = conn = _connect(self.url, self.replica_id)
        log.info("store connection for writes opened again")
        return conn

    def _write_loop(self) -> None:
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
            try:
                conn = self._writer_conn()
            except StorageError as exc:
                self._fail(batch, exc)
            else:
                self._run_batch(conn, batch)
            if stop:
                break
        if self._write_conn is not None:
            _close_quietly(self._write_conn)

    def _fail(self, batch: list[_Job], error: StorageError) -> None:
        self.health.failed(error, writing=True)
        for job in batch:
            job.result, job.error = None, error
        _settle(batch)

    def _run_batch(self, conn: Conn, batch: list[_Job]) -> None:
        try:
            # The transaction's first statements on PostgreSQL: its beginning, the lock
            # of the stream's order, what every batch reads first and the reads made
            # ahead, whose answers come back in the first round trip; the rest is
            # settled with the writes sent after it. Its last round trip: the held
            # writes and the commit (after the rows of the statements sent meanwhile,
            # which the held writes may need).
            with conn.sent_ahead():
                _begin(conn)
                conn.hold_additions()
                for start in self.batch_starts:
                    start(conn)
                read_ahead(conn, [job.ahead for job in batch if job.ahead is not None])
            changed = WritesSoFar()
            for i, job in enumerate(batch):
                if job.ahead is not None and changed.stale(job.ahead):
                    read_again(conn, [later.ahead for later in batch[i:]])
                    changed = WritesSoFar()
                job.result = job.fn(conn)
                changed.add(job.ahead)
            with conn.sent_together():
                conn.write_additions()
                conn.stop_holding()
                _commit(conn)
            self.commits += 1
            self.writes += len(batch)
            self.health.committed()
        except BaseException as exc:
            conn.stop_holding()
            _rollback(conn)
            error = _as_storage_error(exc)
            if isinstance(error, StorageError) and (_is_broken(conn) or len(batch) == 1):
                # The connection is gone: no write of the batch can succeed on it.
                self._fail(batch, error)
                return
            if len(batch) == 1:
                batch[0].error = error
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
        _settle(batch)

    # -- reads --------------------------------------------------------------------

    def _reader(self) -> Conn:
        conn: Conn | None = getattr(self._local, "conn", None)
        if conn is not None and _is_broken(conn):
            self._forget_reader(conn)
            conn = None
        if conn is None:
            conn = _connect(self.url, self.replica_id)
            self._local.conn = conn
            with self._reader_lock:
                self._reader_conns.append(conn)
        return conn

    def _forget_reader(self, conn: Conn) -> None:
        """Forget this thread's reader connection the server dropped (the next read
        opens another)."""
        self._local.conn = None
        with self._reader_lock:
            if conn in self._reader_conns:
                self._reader_conns.remove(conn)
        _close_quietly(conn)

    async def read(self, fn: Callable[[Conn], T]) -> T:
        """Run ``fn`` on a reader connection (a consistent snapshot per call)."""
        if self._closed:
            raise StorageError("the store is closed")

        def read_on(conn: Conn) -> T:
            _begin_read(conn)
            try:
                return fn(conn)
            finally:
                _rollback(conn)

        def attempt() -> T:
            conn = self._reader()
            try:
                return read_on(conn)
            except Exception:
                if not _is_broken(conn):
                    raise
            # The server dropped this idle connection (a restart, a failover): psycopg
            # learns it only on use. A read changes nothing, so it runs once more on a
            # new connection rather than failing the first request after a recovery.
            self._forget_reader(conn)
            return read_on(self._reader())

        def run() -> T:
            try:
                return attempt()
            except Exception as exc:
                error = _as_storage_error(exc)
                if isinstance(error, StorageError):
                    self.health.failed(error, writing=False)
                if error is exc:
                    raise
                raise error from exc

        return await asyncio.get_running_loop().run_in_executor(self._readers, run)

    async def check_health(self) -> HealthReport:
        """Whether the store works: a probe query (at most once a second, whatever the
        number of callers) and what writes and the integrity check have found."""
        if self.health.probe_due():
            try:
                await self.read(lambda c: c.scalar(_PROBE))
            except StorageError as exc:
                if self.health.report().ok:
                    log.warning("store health probe failed: %s", exc)
                self.health.probed(exc)
            else:
                self.health.probed(None)
        return self.health.report()

    def read_sync(self, fn: Callable[[Conn], T]) -> T:
        conn = _connect(self.url, self.replica_id)
        try:
            return fn(conn)
        finally:
            conn.raw.close()

    # -- lifecycle ----------------------------------------------------------------

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._integrity is not None:
            self._integrity.stop()
        if self._writer.is_alive():
            self._jobs.put(_STOP)
            self._writer.join(timeout=30)
        elif self._write_conn is not None:
            _close_quietly(self._write_conn)
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


class ReadsOnly:
    """Reads of the store from a process that makes nothing else of it (no writer, no
    schema check, no threads): each call runs its function in a read transaction of its
    own, on one connection, opened again when the server dropped it."""

    def __init__(self, url: str, replica_id: str | None = None) -> None:
        self._url = DatabaseUrl.parse(url)
        self._replica_id = replica_id
        self._conn: Conn | None = None

    def read(self, fn: Callable[[Conn], T]) -> T:
        if self._conn is not None and _is_broken(self._conn):
            self.close()
        try:
            if self._conn is None:
                self._conn = _connect(self._url, self._replica_id)
            conn = self._conn
            _begin_read(conn)
            try:
                return fn(conn)
            finally:
                _rollback(conn)
        except Exception as exc:
            error = _as_storage_error(exc)
            if error is exc:
                raise
            raise error from exc

    def close(self) -> None:
        if self._conn is not None:
            _close_quietly(self._conn)
            self._conn = None


def _as_storage_error(exc: BaseException) -> BaseException:
    """Known operational failures (unreachable, full, damaged, I/O) become StorageError;
    anything else is a bug, kept as is."""
    return as_storage_error(exc) or exc


def default_sqlite_path() -> Path:
    import platformdirs

    base = os.environ.get("WA_DESK_DATA_DIR") or platformdirs.user_data_dir("wa-desk-hub")
    return Path(base) / "hub.sqlite3"
