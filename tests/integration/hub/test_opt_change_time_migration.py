"""The migration that keeps when a contact's marketing flag last changed, on both stores:
a customer opted out before it changed when they were opted out, so a late preference
from WhatsApp's settings older than that does not undo it; one never opted out has no
change time, and any preference applies to them."""

from __future__ import annotations

import orjson
import pytest

from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import contact_opt_out

CHANGE_TIME = "ALTER TABLE contacts ADD COLUMN marketing_opt_changed_at BIGINT"
KEYWORD = {"source": "keyword", "keyword": "BAJA", "message": "m1"}


def test_opt_outs_stored_before_keep_their_time_as_the_last_change(
    conn: Conn, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = list(schema.MIGRATIONS)
    number = next(i for i, m in enumerate(everything, start=1) if CHANGE_TIME in m)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[: number - 1])
    assert schema.migrate(conn) == number - 1
    for wa_id in ("34611400001", "34611400002"):
        conn.execute(
            "INSERT INTO contacts (wa_id, name, first_seen_at, last_seen_at) VALUES (?, ?, 1, 1)",
            (wa_id, None),
        )
    conn.execute(
        "UPDATE contacts SET marketing_opt_out_at = 5000, marketing_opt_out = ? "
        "WHERE wa_id = '34611400001'",
        (orjson.dumps(KEYWORD).decode(),),
    )
    monkeypatch.setattr(schema, "MIGRATIONS", everything)
    assert schema.migrate(conn) == len(everything)

    rows = conn.all("SELECT wa_id, marketing_opt_changed_at FROM contacts ORDER BY wa_id")
    assert [(r["wa_id"], r["marketing_opt_changed_at"]) for r in rows] == [
        ("34611400001", 5000),
        ("34611400002", None),
    ]
    # A resume told late, from before the opt-out: the opt-out stands.
    assert not contact_opt_out.clear_opt_out(conn, "34611400001", 4000, told_late=True)
    assert contact_opt_out.of_contact(conn, "34611400001") is not None
    # One from after it applies.
    assert contact_opt_out.clear_opt_out(conn, "34611400001", 6000, told_late=True)
    assert contact_opt_out.of_contact(conn, "34611400001") is None
    # A stop told late for a customer never changed applies, as of when it happened.
    origin = {"source": "whatsapp_settings", "phone_number_id": "100000000000001"}
    assert contact_opt_out.set_opt_out(conn, "34611400002", origin, 3000, told_late=True)
    flag = contact_opt_out.of_contact(conn, "34611400002")
    assert flag is not None and flag["at"] == "1970-01-01T00:00:03.000Z"
