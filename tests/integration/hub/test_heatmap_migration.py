"""Migration 11 on both stores: the heat-maps' aggregates built from a store's history
(docs/kpis.md, "Heat-maps", "History from before the heat-maps"), and kept up to date
from there on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wa_desk.core.clock import Millis
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.heatmap import HeatmapLayout, HeatmapMetric, HeatmapRows
from wa_desk.hub import heatmap_upkeep
from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.heatmap import HeatmapQuery, heatmap

HEATMAP_MIGRATION = 11
DAY = int(datetime(2026, 11, 23, tzinfo=UTC).timestamp() * 1000)
MIN: Millis = 60_000


def _at(hh: int, mm: int) -> Millis:
    return DAY + hh * 3_600_000 + mm * MIN


def _history(conn: Conn) -> None:
    """x: ventas, ana's, answered and closed; y: ventas, waiting in the queue; z: soporte,
    closed with nobody having answered."""
    conn.execute(
        "INSERT INTO users (id, name, role, password_hash, created_at) "
        "VALUES ('u1', 'ana', 'agent', 'x', 1)"
    )
    for wa_id in ("1", "2", "3"):
        conn.execute(
            "INSERT INTO contacts (wa_id, first_seen_at, last_seen_at) VALUES (?, 1, 1)", (wa_id,)
        )
    conversations = [
        # id, wa_id, queue, state, assignee, opened, first_response, waiting, last_in, closed
        (
            "x",
            "1",
            "ventas",
            "closed",
            "u1",
            _at(10, 2),
            _at(10, 20),
            None,
            _at(10, 31),
            _at(10, 50),
        ),
        ("y", "2", "ventas", "queued", None, _at(10, 40), None, _at(10, 40), _at(10, 40), None),
        ("z", "3", "soporte", "closed", "u1", _at(10, 10), None, None, _at(10, 10), _at(11, 0)),
    ]
    for cid, wa_id, queue, state, who, opened, first, waiting, last_in, closed in conversations:
        conn.execute(
            "INSERT INTO conversations (id, wa_id, phone_number_id, queue, state, assignee, "
            "opened_at, first_response_at, waiting_since, last_inbound_at, closed_at, "
            "closed_by, last_message_at) VALUES (?, ?, 'p', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cid,
                wa_id,
                queue,
                state,
                who,
                opened,
                first,
                waiting,
                last_in,
                closed,
                who if closed else None,
                last_in,
            ),
        )
    messages = [
        ("m1", "x", "in", _at(10, 2), "1"),
        ("m2", "x", "in", _at(10, 5), "1"),
        ("m3", "x", "out", _at(10, 20), "u1"),
        ("m4", "x", "in", _at(10, 31), "1"),
        ("m5", "y", "in", _at(10, 40), "2"),
        ("m6", "z", "in", _at(10, 10), "3"),
    ]
    for mid, cid, direction, at, sender in messages:
        conn.execute(
            "INSERT INTO messages (id, conversation_id, direction, type, status, timestamp, "
            "sender, payload, created_at) VALUES (?, ?, ?, 'text', 'received', ?, ?, '{}', ?)",
            (mid, cid, direction, at, sender, at),
        )


def _cells(
    conn: Conn, metric: HeatmapMetric, rows: HeatmapRows = HeatmapRows.QUEUE
) -> dict[str, list[object]]:
    q = HeatmapQuery(metric, rows, HeatmapLayout.TIME, _at(10, 0), _at(11, 15), 15 * MIN, 1, None)
    body = heatmap(conn, q, Guidelines(), _at(23, 0))
    return {r["id"]: cells for r, cells in zip(body["rows"], body["cells"], strict=True)}


def test_the_aggregates_are_built_from_the_history_and_kept_from_there_on(
    conn: Conn, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = list(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[: HEATMAP_MIGRATION - 1])
    assert schema.migrate(conn) == HEATMAP_MIGRATION - 1
    _history(conn)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[:HEATMAP_MIGRATION])
    assert schema.migrate(conn) == HEATMAP_MIGRATION

    assert _cells(conn, HeatmapMetric.VOLUME) == {
        "soporte": [1, 0, 0, 0, 0],
        "ventas": [2, 0, 2, 0, 0],
    }
    # History goes to the conversation's last holder.
    assert _cells(conn, HeatmapMetric.VOLUME, HeatmapRows.AGENT) == {"u1": [3, 0, 1, 0, 0]}
    assert _cells(conn, HeatmapMetric.CONVERSATIONS) == {
        "soporte": [1, 0, 0, 0, 0],
        "ventas": [1, 0, 1, 0, 0],
    }
    assert _cells(conn, HeatmapMetric.FIRST_RESPONSE)["ventas"] == [
        None,
        18 * MIN,
        None,
        None,
        None,
    ]
    assert _cells(conn, HeatmapMetric.WAITING) == {"ventas": [0, 0, 1, 1, 1]}
    # z: abandoned at its close; y's window expires tomorrow.
    assert _cells(conn, HeatmapMetric.ABANDONED) == {"soporte": [0, 0, 0, 0, 1]}

    # From here on, facts keep them: y's customer writes again (still one wait), ana
    # claims and answers it (a first response of 15 min from 10:40, by her).
    conn.execute("BEGIN")
    heatmap_upkeep.customer_wrote(conn, "y", "ventas", _at(10, 50), opened=False)
    heatmap_upkeep.held_by(conn, "y", "ventas", "u1", _at(10, 52))
    heatmap_upkeep.person_replied(conn, "y", _at(10, 55), "u1")
    conn.execute("COMMIT")
    assert _cells(conn, HeatmapMetric.VOLUME)["ventas"] == [2, 0, 2, 1, 0]
    assert _cells(conn, HeatmapMetric.WAITING)["ventas"] == [0, 0, 1, 0, 0]
    assert _cells(conn, HeatmapMetric.FIRST_RESPONSE, HeatmapRows.AGENT) == {
        "u1": [None, 18 * MIN, None, 15 * MIN, None]
    }
    assert _cells(conn, HeatmapMetric.ABANDONED) == {"soporte": [0, 0, 0, 0, 1]}
