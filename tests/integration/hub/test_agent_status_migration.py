"""Migration 10 on both stores: users from before it keep their status, with no time it
began and the policy's capacity; their first change starts their status timeline."""

from __future__ import annotations

import pytest

from wa_desk.core.guidelines import Guidelines
from wa_desk.hub.agent_view import agent_view
from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import users

AGENT_STATUS_MIGRATION = 10


def test_a_user_from_before_keeps_their_status_and_starts_a_timeline(
    conn: Conn, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = list(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[: AGENT_STATUS_MIGRATION - 1])
    assert schema.migrate(conn) == AGENT_STATUS_MIGRATION - 1
    conn.execute(
        "INSERT INTO users (id, name, role, password_hash, status, created_at) "
        "VALUES ('u1', 'ana', 'agent', 'x', 'away', 1)"
    )
    conn.execute("INSERT INTO user_queues (user_id, queue) VALUES ('u1', 'ventas')")
    monkeypatch.setattr(schema, "MIGRATIONS", everything)
    assert schema.migrate(conn) == len(everything)

    ana = users.get_user(conn, "u1")
    assert ana is not None
    view = agent_view(ana, Guidelines())
    assert (view["status"], view["since"], view["capacity"]) == ("away", None, 5)
    assert users.status_history(conn, "u1", 0, 10_000) == []

    assert users.set_status(conn, "u1", "busy", 2_000, "u1")
    assert not users.set_status(conn, "u1", "busy", 3_000, "u1")  # no change, no stretch
    assert users.set_status(conn, "u1", "available", 4_000, None)
    assert users.status_history(conn, "u1", 0, 10_000) == [
        users.StatusStretch("busy", 2_000, 4_000, "u1"),
        users.StatusStretch("available", 4_000, None, None),
    ]
    # Only the stretches that overlap the range asked for.
    assert [s.status for s in users.status_history(conn, "u1", 4_000, 10_000)] == ["available"]
    assert [s.status for s in users.status_history(conn, "u1", 0, 2_000)] == []
    assert users.set_capacity(conn, "u1", 2) and not users.set_capacity(conn, "u1", 2)
    again = users.get_user(conn, "u1")
    assert again is not None and agent_view(again, Guidelines())["capacity"] == 2
