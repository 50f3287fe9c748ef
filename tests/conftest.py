"""Shared fixtures. Keep this file small: fixtures for one area belong in that area's conftest."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import NO_BINARIES_REASON, PgServer, find_pg_binaries

# Qt must never look for a display (CI has none); this runs before any test imports PySide6.
os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One throwaway PostgreSQL server for the whole run; skips when none is installed."""
    bin_dir = find_pg_binaries()
    if bin_dir is None:
        pytest.skip(NO_BINARIES_REASON)
    server = PgServer(bin_dir).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """URL of a new, empty database that only this test uses (dropped afterwards)."""
    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:40]
    name = f"{name}_{os.urandom(4).hex()}"
    yield pg_server.new_database(name)
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty hub store: SQLite in a temp dir, then PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def module_db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh hub store shared by one test module (SQLite, then PostgreSQL): for files
    whose tests do not disturb each other, so one hub can serve them all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('module_store') / 'hub.sqlite3'}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = "m_" + re.sub(r"[^a-z0-9]+", "_", request.module.__name__.lower())[-40:]
    name = f"{name}_{os.urandom(4).hex()}"
    yield server.new_database(name)
    server.drop_database(name)
