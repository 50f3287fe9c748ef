from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hub_harness import RunningHub, running_hub

from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import DatabaseUrl


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    """A hub (SQLite, then PostgreSQL) with the simulator as its Graph API."""
    with running_hub(db_url) as running:
        yield running


@pytest.fixture
def conn(db_url: str) -> Iterator[Conn]:
    """A bare connection to the test's store, no schema and no hub: for migrations
    played step by step."""
    url = DatabaseUrl.parse(db_url)
    if url.dialect == "sqlite":
        raw = sqlite3.connect(url.target, isolation_level=None)
        yield Conn(raw, "sqlite")
        raw.close()
        return
    import psycopg

    with psycopg.connect(url.target, autocommit=True) as pg:
        yield Conn(pg, "postgresql")
