"""Migration 9 on both stores: alerts stored before it stay as they were, and an audit
alert still open then is counted again afterwards, now with its structured fields."""

from __future__ import annotations

import orjson
import pytest

from wa_desk.core.alert_kinds import AlertKind
from wa_desk.hub.alerts import ChainAlert, record_chain_alert
from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries.users import Role, User

ALERT_FIELDS_MIGRATION = 9
DEVICE = "0190a5c4-0000-7000-8000-000000000001/u1"


def test_old_alerts_stay_and_an_open_one_gains_its_fields(
    conn: Conn, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = list(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[: ALERT_FIELDS_MIGRATION - 1])
    assert schema.migrate(conn) == ALERT_FIELDS_MIGRATION - 1
    conn.execute(
        "INSERT INTO alerts (at, kind, message) VALUES (1, 'whatsapp_auth', '(190) expired')"
    )
    conn.execute(
        "INSERT INTO alerts (at, kind, message, device, user_id, queues, count, last_at) "
        "VALUES (2, 'audit_gap', 'The audit trail of ana has a gap', ?, 'u1', '[\"ventas\"]', "
        "3, 2)",
        (DEVICE,),
    )
    monkeypatch.setattr(schema, "MIGRATIONS", everything)
    assert schema.migrate(conn) == len(everything)

    old = conn.one("SELECT message, device_name, details FROM alerts WHERE kind = 'whatsapp_auth'")
    assert old == {"message": "(190) expired", "device_name": None, "details": None}

    ana = User("u1", "ana", Role.AGENT, ("ventas",), False, "available")
    alert = ChainAlert(AlertKind.AUDIT_GAP, DEVICE, ana, 9, 4, "CARLA-PC")
    outcome = record_chain_alert(conn, alert, per_hour=10, now=5)
    assert outcome.value is True
    (event,) = outcome.events
    assert event.kind == "alert.updated"
    data = orjson.loads(event.data)
    details = data["details"]
    assert (data["count"], details["device_name"], details["device"]) == (4, "CARLA-PC", DEVICE)
    assert (details["seq"], details["acked_seq"]) == (9, 4)
    row = conn.one("SELECT count, device_name, details FROM alerts WHERE kind = 'audit_gap'")
    assert row is not None
    assert (int(row["count"]), row["device_name"]) == (4, "CARLA-PC")
    stored = {"seq": 9, "acked_seq": 4, "user": "u1", "user_name": "ana", "device": DEVICE}
    assert orjson.loads(row["details"]) == stored
