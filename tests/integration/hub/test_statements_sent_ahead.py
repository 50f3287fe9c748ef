"""A statement the store's writer sends without waiting for it (``Conn.one_later``)
returns the row ``one_together`` would, and one that fails fails its own write only: the
other writes of its group commit are stored, and its caller gets the error. SQLite, then
PostgreSQL (where the statement really is sent ahead, in a pipeline)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from held_writer import in_one_batch

from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.db.database import Database

_ADD = (
    "INSERT INTO contacts (wa_id, name, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?) "
    "RETURNING wa_id, name"
)
_SEEN = "UPDATE contacts SET last_seen_at = ? WHERE wa_id = ? RETURNING wa_id, last_seen_at"
_NAMED = "UPDATE contacts SET name = ? WHERE wa_id = ?"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    store = Database.open(db_url)
    yield store
    store.close()


def _added(wa_id: str, name: str) -> Callable[[Conn], Row | None]:
    def write(conn: Conn) -> Row | None:
        return conn.one_later([(_ADD, (wa_id, name, 1, 1))]).get()

    return write


def test_a_row_sent_ahead_is_the_row_one_together_returns(db: Database) -> None:
    for wa_id, name in (("34611000001", "Ana"), ("34611000002", "Bea")):
        db.write_sync(lambda c, w=wa_id, n=name: c.one(_ADD, (w, n, 1, 1)))

    def both(conn: Conn) -> list[Row | None]:
        first = conn.one_later([(_NAMED, ("Bea Gil", "34611000002")), (_SEEN, (5, "34611000001"))])
        second = conn.one_later([(_SEEN, (6, "34611000002"))])
        missing = conn.one_later([(_SEEN, (6, "34699999999"))])
        now = conn.one_together([(_SEEN, (7, "34611000001"))])
        return [first.get(), second.get(), missing.get(), now]

    [rows] = in_one_batch(db, [(both, None)])

    assert rows == [
        {"wa_id": "34611000001", "last_seen_at": 5},
        {"wa_id": "34611000002", "last_seen_at": 6},
        None,
        {"wa_id": "34611000001", "last_seen_at": 7},
    ]
    names = db.read_sync(lambda c: c.all("SELECT name FROM contacts ORDER BY wa_id"))
    assert [r["name"] for r in names] == ["Ana", "Bea Gil"]


def test_a_statement_sent_ahead_that_fails_fails_its_own_write_only(db: Database) -> None:
    db.write_sync(lambda c: c.execute(_ADD, ("34611000002", "Bea", 1, 1)))

    results = in_one_batch(
        db,
        [
            (_added("34611000001", "Ana"), None),
            (_added("34611000002", "Bea otra vez"), None),  # exists: a unique violation
            (_added("34611000003", "Carlos"), None),
        ],
    )

    assert results[0] == {"wa_id": "34611000001", "name": "Ana"}
    assert db.dialect == "sqlite" or type(results[1]).__name__ == "UniqueViolation"
    assert db.dialect == "postgresql" or type(results[1]).__name__ == "IntegrityError"
    assert results[2] == {"wa_id": "34611000003", "name": "Carlos"}
    names = db.read_sync(lambda c: c.all("SELECT name FROM contacts ORDER BY wa_id"))
    assert [r["name"] for r in names] == ["Ana", "Bea", "Carlos"]
