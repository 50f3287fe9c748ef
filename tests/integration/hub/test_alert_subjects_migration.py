"""The early alerts' migration on both stores: alerts stored before it stay readable (with
their kind's severity), an audit alert takes its device as subject, and the token alerts
an older hub stored once per occurrence fold into their newest one, still open."""

from __future__ import annotations

import orjson
import pytest

from wa_desk.core.alert_kinds import AlertKind
from wa_desk.hub import alert_facts, alert_store
from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn

DEVICE = "0190a5c4-0000-7000-8000-000000000001/u1"
SUBJECTS = "ALTER TABLE alerts ADD COLUMN subject TEXT"


def test_old_alerts_stay_readable_and_repeated_token_alerts_fold_into_one(
    conn: Conn, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = list(schema.MIGRATIONS)
    number = next(i for i, m in enumerate(everything, start=1) if SUBJECTS in m)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[: number - 1])
    assert schema.migrate(conn) == number - 1
    for at in (1, 2, 3):
        conn.execute(
            "INSERT INTO alerts (at, kind, message, last_at, details) "
            "VALUES (?, 'whatsapp_auth', '(190) expired', ?, '{\"code\": 190}')",
            (at, at),
        )
    conn.execute("UPDATE alerts SET resolved_at = 9 WHERE at = 1")  # one was over already
    conn.execute(
        "INSERT INTO alerts (at, kind, message, device, user_id, queues, count, last_at, "
        "details) VALUES (4, 'audit_gap', 'The audit trail of ana has a gap', ?, 'u1', "
        '\'["ventas"]\', 3, 4, \'{"seq": 9, "acked_seq": 4}\')',
        (DEVICE,),
    )
    monkeypatch.setattr(schema, "MIGRATIONS", everything)
    assert schema.migrate(conn) == len(everything)

    rows = conn.all("SELECT at, subject, resolved_at FROM alerts ORDER BY at")
    assert [(r["at"], r["subject"], r["resolved_at"]) for r in rows] == [
        (1, None, 9),
        (2, None, 2),  # folded into the newest, as of its own last time
        (3, "whatsapp", None),
        (4, DEVICE, None),
    ]
    gap = alert_store.get(conn, int(conn.scalar("SELECT id FROM alerts WHERE at = 4")))
    assert gap is not None
    view = alert_store.view(gap, 10)
    assert (view["severity"], view["state"], view["subject"], view["count"]) == (
        "critical",
        "open",
        None,  # the device id was the agent's own text before the intake checked it
        3,
    )
    assert view["details"] == {"seq": 9, "acked_seq": 4, "user": "u1", "device_name": None}

    # The token refused again: counted on the open alert, not a fourth row.
    (event,) = alert_facts.operational(
        conn, AlertKind.WHATSAPP_AUTH, "whatsapp", "(190) expired", {"code": 190}, 20
    )
    assert event.kind == "alert.updated"
    data = orjson.loads(event.data)
    assert (data["count"], data["at"]) == (2, "1970-01-01T00:00:00.003Z")
    assert conn.scalar("SELECT COUNT(*) FROM alerts WHERE resolved_at IS NULL") == 2
