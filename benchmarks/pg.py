"""A throwaway PostgreSQL server made durable for benchmarks.

Reuses the tests' :class:`tests.pg_server.PgServer`, which trades durability for speed
(fsync off). A webhook benchmark that promises a durable commit before the 200 must
pay for the flush, so here ``fsync``, ``synchronous_commit`` and ``full_page_writes``
are switched back on (all take effect on reload) before anything is measured.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.pg_server import PgServer

_DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}


def _import_pg_server() -> type[PgServer]:
    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from tests.pg_server import PgServer

    return PgServer


def unavailable_reason() -> str | None:
    _import_pg_server()
    from tests.pg_server import skip_reason

    return skip_reason()


@contextlib.contextmanager
def durable_postgresql() -> Iterator[PgServer]:
    import psycopg

    server = _import_pg_server()().start()
    try:
        with psycopg.connect(server.url_for("postgres"), autocommit=True) as conn:
            for name, value in _DURABLE.items():
                conn.execute(f"ALTER SYSTEM SET {name} = {value}")
            conn.execute("SELECT pg_reload_conf()")
        deadline = time.monotonic() + 10
        while not _is_durable(server.url_for("postgres")):
            if time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL did not switch to durable settings")
            time.sleep(0.05)
        yield server
    finally:
        server.stop()


def _is_durable(url: str) -> bool:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for name, value in _DURABLE.items():
            row = conn.execute(f"SHOW {name}").fetchone()
            if row is None or row[0] != value:
                return False
    return True


def count_rows(url: str, table: str) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


@contextlib.contextmanager
def store_url(store: str, name: str, log: Callable[[str], None]) -> Iterator[str | None]:
    """A new hub store for a benchmark: SQLite in a folder of its own, or a database
    ``name`` on a durable PostgreSQL; None (and ``log`` says why) when PostgreSQL cannot
    run here. Gone afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"wadesk-{name}-") as tmp:
        if store == "sqlite":
            yield f"sqlite:///{Path(tmp) / 'hub.sqlite3'}"
            return
        reason = unavailable_reason()
        if reason is not None:
            log(f"PostgreSQL skipped: {reason}")
            yield None
            return
        with durable_postgresql() as server:
            yield server.new_database(name)


def server_pid(url: str) -> int:
    """The PostgreSQL server's main process (the postmaster): every backend's parent."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT pg_backend_pid()").fetchone()
        assert row is not None
        # Read while connected: the backend ends with its connection.
        stat = Path(f"/proc/{int(row[0])}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])
