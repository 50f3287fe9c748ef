"""The conversation search's index is kept in the transaction of each write it follows,
on both stores: a message's text, a contact's new name, a retention purge, and the
migration that builds it from what a store already held."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wa_desk.core.clock import DAY_MS, now_ms
from wa_desk.hub import retention
from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import conversations, messages, search

# The migration that builds the index (the one with the search's backfill).
SEARCH_MIGRATION = next(
    number
    for number, statements in enumerate(schema.MIGRATIONS, start=1)
    if any(isinstance(s, schema.Backfill) and s.run is search.backfill for s in statements)
)
NOW = now_ms()
OLD = NOW - 100 * DAY_MS


def _write(conn: Conn, wa_id: str, name: str | None, texts: list[str], at: int) -> str:
    conversations.upsert_contact(conn, wa_id, name, at)
    current = conversations.open_for_contact(conn, wa_id, "100000000000001")
    cid = current["id"] if current else None
    if cid is None:
        cid = conversations.open_new(conn, wa_id, "100000000000001", "ventas", at, None)
    for i, text in enumerate(texts):
        messages.insert(
            conn,
            conversation_id=cid,
            direction="in",
            type_="text",
            text=text,
            status="received",
            timestamp=at + i,
            sender=wa_id,
            payload={},
            now=at + i,
        )
        conn.execute(*conversations.note_inbound_statement(cid, at + i, text))
    return cid


def _found(conn: Conn, q: str) -> list[str]:
    f = conversations.ListFilter(queues=None, search=q)
    return [r["id"] for r in conversations.list_page(conn, f, 100, None)]


def _documents(conn: Conn) -> tuple[int, int]:
    """Documents of open conversations, of closed ones."""
    return (
        int(conn.scalar("SELECT COUNT(*) FROM search_docs")),
        int(conn.scalar("SELECT COUNT(*) FROM search_closed")),
    )


def _check_fts(conn: Conn) -> None:
    """SQLite: FTS5's own check that its index matches the documents it holds."""
    if conn.dialect == "sqlite":
        for table in ("search_docs", "search_closed"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")  # noqa: S608 - constants


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    opened = Database.open(db_url, readers=1)
    opened.write_sync(
        lambda c: c.execute(
            "INSERT INTO users (id, name, role, password_hash, created_at) "
            "VALUES ('u-ana', 'ana', 'agent', 'x', 1)"
        )
    )
    try:
        yield opened
    finally:
        opened.close()


def test_a_contact_found_by_its_new_name_in_every_conversation(db: Database) -> None:
    def write(conn: Conn) -> list[str]:
        first = _write(conn, "34600000001", "Lucía Pérez", ["hola"], NOW - 3000)
        conversations.close(conn, first, "u-ana", "resolved", None, NOW - 2000)
        second = _write(conn, "34600000001", None, ["otra vez"], NOW - 1000)  # no name given
        return [second, first]

    ids = db.write_sync(write)
    assert db.read_sync(lambda c: _found(c, "lucia")) == ids
    db.write_sync(lambda c: _write(c, "34600000001", "Lucy Smith", ["soy yo"], NOW))
    assert db.read_sync(lambda c: _found(c, "lucia")) == []
    assert db.read_sync(lambda c: _found(c, "lucy hola")) == [ids[1]]
    assert db.read_sync(lambda c: _found(c, "smith")) == ids
    db.read_sync(_check_fts)


def test_a_retention_purge_takes_the_purged_conversations_out_of_the_index(
    db: Database,
) -> None:
    def write(conn: Conn) -> tuple[str, str]:
        gone = _write(conn, "34600000001", "Lucía", ["pedido antiguo", "gracias"], OLD)
        conversations.close(conn, gone, "u-ana", "resolved", None, OLD + DAY_MS)
        kept = _write(conn, "34600000002", "Lucía", ["pedido nuevo"], NOW - DAY_MS)
        return gone, kept

    gone, kept = db.write_sync(write)
    assert db.read_sync(lambda c: _found(c, "pedido")) == [kept, gone]
    assert db.read_sync(_documents) == (2, 1)  # kept's contact and message; gone's
    db.write_sync(lambda c: retention.purge(c, NOW - 90 * DAY_MS, 90, "test", NOW))
    assert db.read_sync(lambda c: _found(c, "pedido")) == [kept]
    assert db.read_sync(lambda c: _found(c, "lucia")) == [kept]
    assert db.read_sync(_documents) == (2, 0)
    db.read_sync(_check_fts)
    if db.dialect == "sqlite":
        keys = db.read_sync(lambda c: c.tuples("SELECT conversation_id FROM search_keys"))
        assert keys == [(kept,)]


def test_a_closed_conversation_is_found_by_words_of_different_messages_and_reopened(
    db: Database,
) -> None:
    def write(conn: Conn) -> str:
        cid = _write(conn, "34600000001", "Lucía Pérez", ["mi pedido", "es urgente"], NOW - 9)
        conversations.close(conn, cid, "u-ana", "resolved", None, NOW - 5)
        return cid

    cid = db.write_sync(write)
    assert db.read_sync(_documents) == (0, 1)
    for q in ("pedido urgente", "lucia urg", "perez 600000"):
        assert db.read_sync(lambda c, q=q: _found(c, q)) == [cid], q
    assert db.read_sync(lambda c: _found(c, "pedido gracias")) == []

    def reopen_and_write(conn: Conn) -> None:
        conversations.reopen(conn, cid, "u-ana", NOW - 4)
        _write(conn, "34600000001", "Lucía Pérez", ["muchas gracias"], NOW - 3)

    db.write_sync(reopen_and_write)
    assert db.read_sync(_documents) == (3, 0)  # the contact's, the earlier words, the new
    assert db.read_sync(lambda c: _found(c, "pedido gracias lucia")) == [cid]
    db.write_sync(lambda c: conversations.close(c, cid, "u-ana", "resolved", None, NOW - 2))
    assert db.read_sync(_documents) == (0, 1)
    assert db.read_sync(lambda c: _found(c, "pedido gracias lucia urgente")) == [cid]
    db.write_sync(lambda c: _write(c, "34600000001", "Lu Chen", ["hola"], NOW))  # renamed
    assert db.read_sync(lambda c: _found(c, "lucia")) == []
    assert db.read_sync(lambda c: _found(c, "chen pedido")) == [cid]
    db.read_sync(_check_fts)


def _history(conn: Conn) -> None:
    """What a store held before the search's migration, as its hub wrote it then (no
    index)."""
    for wa_id, name in (("34611000001", "Ana Gómez"), ("5511987654321", "João")):
        conn.execute(
            "INSERT INTO contacts (wa_id, name, first_seen_at, last_seen_at) VALUES (?, ?, 1, 1)",
            (wa_id, name),
        )
    for cid, wa_id, state, at in (
        ("ana", "34611000001", "queued", NOW - 9),
        ("joao", "5511987654321", "queued", NOW - 5),
        ("old", "5511987654321", "closed", NOW - 20),
        ("older", "34611000001", "closed", NOW - 30),  # nothing written in it
    ):
        conn.execute(
            "INSERT INTO conversations (id, wa_id, phone_number_id, queue, state, opened_at, "
            "last_message_at) VALUES (?, ?, '100000000000001', 'ventas', ?, ?, ?)",
            (cid, wa_id, state, at, at),
        )
    said = [
        ("m1", "ana", "Mi pedido"),
        ("m2", "joao", "pedido"),
        ("m3", "ana", "es URGENTE"),
        ("m4", "joao", None),  # a photo without a caption
        ("m5", "joao", "!!"),  # no word in it
        ("m6", "old", "Mi pedido llegó roto"),
        ("m7", "old", "Quiero la devolución"),
    ]
    for mid, cid, text in said:
        conn.execute(
            "INSERT INTO messages (id, conversation_id, direction, type, text, status, "
            "timestamp, sender, payload, created_at) "
            "VALUES (?, ?, 'in', 'text', ?, 'received', 1, 'x', '{}', 1)",
            (mid, cid, text),
        )


def test_the_search_migration_indexes_what_the_store_held_and_writes_keep_it(
    conn: Conn, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = list(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[: SEARCH_MIGRATION - 1])
    assert schema.migrate(conn) == SEARCH_MIGRATION - 1
    _history(conn)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[:SEARCH_MIGRATION])
    assert schema.migrate(conn) == SEARCH_MIGRATION
    assert _found(conn, "pedido urgente") == ["ana"]
    assert _found(conn, "pedido") == ["joao", "ana", "old"]
    assert _found(conn, "joao 98765") == ["joao", "old"]
    assert _found(conn, "gomez") == ["ana", "older"]
    assert _found(conn, "roto devolucion joao") == ["old"]  # closed: one document
    assert _documents(conn) == (5, 2)  # open: two contacts', three messages'
    _check_fts(conn)
    # Documents written from here on follow those the migration wrote.
    conn.execute("BEGIN")
    _write(conn, "34611000001", None, ["y la factura"], NOW)
    conn.execute("COMMIT")
    assert _found(conn, "factura urgente gomez") == ["ana"]
    _check_fts(conn)
