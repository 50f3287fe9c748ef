"""Migration 7 on both stores: idempotency keys already held move with their message's
conversation, and from then on a key is one user's in one conversation."""

from __future__ import annotations

import pytest

from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn

KEY_SCOPE_MIGRATION = 7


def _seed_before_migration_7(conn: Conn) -> None:
    """Two conversations with a keyed send each and a keyed note, as the store held them
    under the old scope (a key once per user, so the two sends have different keys)."""
    conn.execute(
        "INSERT INTO contacts (wa_id, name, first_seen_at, last_seen_at) VALUES ('346', 'L', 1, 1)"
    )
    for conv in ("c1", "c2"):
        conn.execute(
            "INSERT INTO conversations (id, wa_id, phone_number_id, queue, state, opened_at, "
            "last_message_at) VALUES (?, '346', 'p', 'ventas', 'assigned', 1, 1)",
            (conv,),
        )
    for message, conv, key in (("m1", "c1", "k"), ("m2", "c2", "k2")):
        conn.execute(
            "INSERT INTO messages (id, conversation_id, direction, type, status, timestamp, "
            "sender, payload, created_at, idempotency_key) "
            "VALUES (?, ?, 'out', 'text', 'accepted', 1, 'u1', '{}', 1, ?)",
            (message, conv, key),
        )
        conn.execute(
            "INSERT INTO idempotency_keys (user_id, key, message_id, created_at) "
            "VALUES ('u1', ?, ?, 1)",
            (key, message),
        )
    conn.execute(
        "INSERT INTO conversation_notes (id, conversation_id, author, kind, text, at, "
        "idempotency_key) VALUES ('n1', 'c1', 'u1', 'note', 'x', 1, 'k')"
    )


def test_keys_move_with_their_conversation(conn: Conn, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = list(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[: KEY_SCOPE_MIGRATION - 1])
    assert schema.migrate(conn) == KEY_SCOPE_MIGRATION - 1
    _seed_before_migration_7(conn)
    monkeypatch.setattr(schema, "MIGRATIONS", everything)
    assert schema.migrate(conn) == len(everything)

    rows = conn.all(
        "SELECT user_id, conversation_id, key, message_id FROM idempotency_keys ORDER BY key"
    )
    assert rows == [
        {"user_id": "u1", "conversation_id": "c1", "key": "k", "message_id": "m1"},
        {"user_id": "u1", "conversation_id": "c2", "key": "k2", "message_id": "m2"},
    ]
    # The same user's key in another conversation is now another send, and another note.
    conn.execute(
        "INSERT INTO idempotency_keys (user_id, conversation_id, key, message_id, created_at) "
        "VALUES ('u1', 'c2', 'k', 'm2', 2)"
    )
    conn.execute(
        "INSERT INTO conversation_notes (id, conversation_id, author, kind, text, at, "
        "idempotency_key) VALUES ('n2', 'c2', 'u1', 'note', 'y', 2, 'k')"
    )
    # Within one conversation a key is still used once.
    with pytest.raises(Exception) as twice:
        conn.execute(
            "INSERT INTO idempotency_keys (user_id, conversation_id, key, message_id, "
            "created_at) VALUES ('u1', 'c1', 'k', 'm2', 3)"
        )
    assert conn.is_unique_violation(twice.value)
    with pytest.raises(Exception) as note_twice:
        conn.execute(
            "INSERT INTO conversation_notes (id, conversation_id, author, kind, text, at, "
            "idempotency_key) VALUES ('n3', 'c1', 'u1', 'note', 'z', 3, 'k')"
        )
    assert conn.is_unique_violation(note_twice.value)
