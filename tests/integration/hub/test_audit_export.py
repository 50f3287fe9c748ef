"""``wa-desk hub audit export``: events and conversation summaries for auditors, in JSON
lines or spreadsheet-safe CSV, optionally redacted, and every export recorded."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from audit_rows import T0, extend_chain, hub_facts, store_chain

from wa_desk.cli import main
from wa_desk.core.audit_chain import event_hash
from wa_desk.core.clock import to_rfc3339
from wa_desk.hub.audit_export import mask_phone, parse_range
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import audit_log, conversations, messages

DESK = "0190f0e0-aaaa-7000-8000-000000000001/u-ana"
DAY = 24 * 3600 * 1000
# T0 is 2026-09-21T..; the export covers 2026-09-21 to 2026-09-22 inclusive.
RANGE = ["--from", "2026-09-21", "--to", "2026-09-22"]
CUSTOMER = "34600123456"
FORMULA_NAME = '=HYPERLINK("http://x")'


@pytest.fixture
def store(db_url: str) -> Iterator[Database]:
    db = Database.open(db_url, readers=1)

    def write(conn: Conn) -> None:
        conn.execute(
            "INSERT INTO users (id, name, role, password_hash, created_at) "
            "VALUES ('u-ana', 'ana', 'agent', 'x', 0)"
        )
        conversations.upsert_contact(conn, CUSTOMER, FORMULA_NAME, T0)
        cid = conversations.open_new(conn, CUSTOMER, "100000000000001", "ventas", T0, None)
        for i, (direction, at) in enumerate((("in", T0), ("out", T0 + 90_000), ("in", T0 + 1))):
            messages.insert(
                conn,
                conversation_id=cid,
                direction=direction,
                type_="text",
                text=f"mi teléfono es {CUSTOMER}" if i == 0 else "vale",
                status="received",
                timestamp=at,
                sender=CUSTOMER if direction == "in" else "u-ana",
                payload={},
                now=at,
                wamid=f"wamid.{i}",
            )
        conversations.assign(conn, cid, "u-ana", T0 + 30_000)
        conversations.close(conn, cid, "u-ana", "resolved", None, T0 + 600_000)
        events: list[dict[str, Any]] = []
        extend_chain(
            events,
            [
                {
                    "id": f"e{i}",
                    "device": DESK,
                    "at": to_rfc3339(at),
                    "actor": "u-ana",
                    "kind": kind,
                    "conversation": cid,
                    "data": data,
                }
                for i, (at, kind, data) in enumerate(
                    [
                        (T0 + 30_000, "conversation.claimed", {}),
                        (T0 + 90_000, "message.sent", {"text": "vale", "to": CUSTOMER}),
                        (T0 + 100_000, "note.added", {"text": f"llamar al +{CUSTOMER}"}),
                        (T0 + 3 * DAY, "conversation.closed", {"disposition": "resolved"}),
                    ]
                )
            ],
        )
        store_chain(conn, events, "u-ana")
        audit_log.append_hub_fact(
            conn, "message.received", "hub", cid, {"from": CUSTOMER, "wa_id": CUSTOMER}, T0
        )

    db.write_sync(write)
    try:
        yield db
    finally:
        db.close()


def _url(db: Database) -> str:
    return db.url.target if db.dialect == "postgresql" else f"sqlite://{db.url.target}"


def _export(db: Database, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["hub", "audit", "export", *RANGE, "--db", _url(db), *extra])
    return code, capsys.readouterr().out


def test_events_in_the_range_export_as_json_lines_that_still_verify(
    store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _export(store, capsys, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["device"], r["seq"]) for r in rows] == [
        ("hub", 1),
        (DESK, 1),
        (DESK, 2),
        (DESK, 3),
    ]  # the close, three days later, is outside the range
    for row in rows:
        assert list(row) == [
            "id", "device", "seq", "at", "actor", "kind", "conversation", "data", "prev", "hash",
        ]  # fmt: skip
        assert event_hash(row) == row["hash"]

    recorded = store.read_sync(lambda c: hub_facts(c, "export.created"))
    assert len(recorded) == 1
    fact = recorded[0]
    assert fact["actor"] == "hub" and fact["data"]["operator"]
    assert fact["data"] | {"operator": None} == {
        "from": "2026-09-21T00:00:00.000Z",
        "to": "2026-09-23T00:00:00.000Z",
        "format": "jsonl",
        "per": "event",
        "redacted": False,
        "rows": 4,
        "operator": None,
    }


def test_redacted_exports_mask_phone_numbers_and_text(
    store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = _export(store, capsys, "--redact")
    assert CUSTOMER not in out and "123456" not in out
    rows = [json.loads(line) for line in out.splitlines()]
    masked = "•••••••3456"
    assert rows[0]["data"] == {"from": masked, "wa_id": masked}
    assert rows[2]["data"] == {"text": "[redacted]", "to": masked}
    assert rows[3]["data"] == {"text": "[redacted]"}

    _, summary = _export(store, capsys, "--redact", "--per", "conversation")
    row = json.loads(summary)
    assert row["contact_wa_id"] == masked and row["contact_name"] == "[redacted]"


def test_conversation_summaries_as_spreadsheet_safe_csv(
    store: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "resumen.csv"
    code, out = _export(
        store, capsys, "--per", "conversation", "--format", "csv", "--output", str(target)
    )
    assert code == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["contact_name"] == "'" + FORMULA_NAME  # never run as a formula
    assert row["contact_wa_id"] == CUSTOMER
    assert row["queue"] == "ventas" and row["state"] == "closed"
    assert row["disposition"] == "resolved" and row["assignees"] == "ana"
    assert (row["waiting_ms"], row["first_response_ms"], row["handle_ms"]) == (
        "30000",
        "90000",
        "570000",
    )
    assert (row["messages_in"], row["messages_out"], row["actions"]) == ("2", "1", "5")
    assert not list(tmp_path.glob(".*partial"))


def test_events_as_csv_carry_data_as_json_text(
    store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = _export(store, capsys, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["kind"] for r in rows] == [
        "message.received",
        "conversation.claimed",
        "message.sent",
        "note.added",
    ]
    assert json.loads(rows[2]["data"]) == {"text": "vale", "to": CUSTOMER}


def test_a_bad_range_is_exit_status_2_and_records_nothing(
    store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    for bad in (
        ["--from", "21/09/2026", "--to", "2026-09-22"],
        ["--from", "2026-09-22", "--to", "2026-09-21"],
    ):
        code = main(["hub", "audit", "export", *bad, "--db", _url(store)])
        assert code == 2
        assert "--" in capsys.readouterr().err
    assert store.read_sync(lambda c: hub_facts(c, "export.created")) == []


def test_range_and_masking_rules() -> None:
    rng = parse_range("2026-09-21T10:30", "2026-09-21T11:00")
    assert rng.end - rng.start == 30 * 60 * 1000
    assert mask_phone("+34 600 12 34 56") == "•••••••3456"
    assert mask_phone("123") == "123"
