"""``wa-desk hub audit verify``: tampering done straight in the database is reported with
its device and seq, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from audit_rows import INSERT_EVENT, event_row, make_chain, store_chain

from wa_desk.cli import main
from wa_desk.core.audit_chain import seal
from wa_desk.core.canonical_json import canonical_json
from wa_desk.hub.audit_verify import verify_store
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database

DESK = "0190f0e0-aaaa-7000-8000-000000000001/u-ana"
OTHER = "0190f0e0-bbbb-7000-8000-000000000002/u-bruno"


@pytest.fixture
def store(db_url: str) -> Iterator[Database]:
    """A hub store holding two desktops' chains and the hub's own."""
    db = Database.open(db_url, readers=1)
    chains = [
        (make_chain(DESK, "u-ana", 40, conversation="c1"), "u-ana"),
        (make_chain(OTHER, "u-bruno", 25), "u-bruno"),
        (make_chain("hub", "hub", 30, kind="message.received"), None),
    ]

    def write(conn: Conn) -> None:
        for events, user in chains:
            store_chain(conn, events, user)

    db.write_sync(write)
    try:
        yield db
    finally:
        db.close()


def _verify(db: Database, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["hub", "audit", "verify", "--db", _url(db)])
    return code, capsys.readouterr().out.splitlines()


def _url(db: Database) -> str:
    return db.url.target if db.dialect == "postgresql" else f"sqlite://{db.url.target}"


def _sql(db: Database, sql: str, params: tuple[Any, ...]) -> None:
    db.write_sync(lambda c: c.execute(sql, params))


def test_a_clean_store_verifies(store: Database, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _verify(store, capsys)
    assert lines == ["hub chain hub: seq 1 to 30", "checked 3 chains, 95 events: 0 problems"]
    assert code == 0


@pytest.mark.parametrize(
    ("column", "value"),
    [("data", canonical_json({"n": 17, "text": "otra cosa"})), ("kind", "note.deleted")],
)
def test_one_altered_event_is_reported_exactly(
    store: Database, capsys: pytest.CaptureFixture[str], column: str, value: str
) -> None:
    _sql(
        store,
        f"UPDATE audit_events SET {column} = ? WHERE device = ? AND seq = ?",  # noqa: S608
        (value, DESK, 17),
    )
    code, lines = _verify(store, capsys)
    assert lines == [
        f"device {DESK} seq 17: altered",
        "hub chain hub: seq 1 to 30",
        "checked 3 chains, 95 events: 1 problem",
    ]
    assert code == 1


def test_a_deleted_event_is_a_gap_and_a_rewritten_one_a_fork(
    store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(store, "DELETE FROM audit_events WHERE device = ? AND seq = ?", ("hub", 9))
    # A rewrite that keeps the event self-consistent (sealed again): the next one no
    # longer links to it.
    row = store.read_sync(
        lambda c: c.one("SELECT * FROM audit_events WHERE device = ? AND seq = 5", (OTHER,))
    )
    assert row is not None
    forged = seal(
        {
            "id": row["id"],
            "device": OTHER,
            "seq": 5,
            "at": row["at"],
            "actor": row["actor"],
            "kind": row["kind"],
            "conversation": row["conversation_id"],
            "data": {"n": 5, "text": "nunca dije eso"},
        },
        row["prev"],
    )
    _sql(
        store,
        "UPDATE audit_events SET data = ?, hash = ? WHERE device = ? AND seq = 5",
        (canonical_json(forged["data"]), forged["hash"], OTHER),
    )
    code, lines = _verify(store, capsys)
    assert lines == [
        f"device {OTHER} seq 6: fork",
        "device hub seq 9: gap",
        "hub chain hub: seq 1 to 30",
        "checked 3 chains, 94 events: 2 problems",
    ]
    assert code == 1


def test_the_acknowledged_head_must_be_held(
    store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(store, "UPDATE audit_devices SET acked_seq = 27 WHERE device = ?", (OTHER,))
    _sql(store, "UPDATE audit_devices SET last_hash = ? WHERE device = ?", ("f" * 64, DESK))
    code, lines = _verify(store, capsys)
    assert lines[:2] == [f"device {DESK} seq 40: altered", f"device {OTHER} seq 26: gap"]
    assert code == 1


def test_split_across_processes_it_finds_the_same_problems(store: Database) -> None:
    _sql(store, "DELETE FROM audit_events WHERE device = ? AND seq IN (7, 8, 14)", (DESK,))
    _sql(store, "UPDATE audit_events SET actor = 'x' WHERE device = ? AND seq = 21", (DESK,))
    _sql(store, "UPDATE audit_events SET prev = ? WHERE device = 'hub' AND seq = 15", ("0" * 64,))
    url = _url(store)
    single = verify_store(url, workers=1)
    # Ranges of 7 events: holes and tampering fall on and across their boundaries.
    split = verify_store(url, workers=2, segment_events=7)
    assert [(p.device, p.seq, p.problem) for p in single.problems] == [
        (DESK, 7, "gap"),
        (DESK, 14, "gap"),
        (DESK, 21, "altered"),
        ("hub", 15, "altered"),
        ("hub", 15, "fork"),
    ]
    assert split.problems == single.problems
    assert split.events == single.events == 92


def test_an_unreachable_store_is_exit_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["hub", "audit", "verify", "--db", "postgresql://127.0.0.1:9/none"])
    assert code == 2
    assert "WA_DB" in capsys.readouterr().err


def test_events_inserted_without_a_chain_head_are_reported(
    store: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    stray = "0190f0e0-cccc-7000-8000-000000000003/u-carla"
    events = make_chain(stray, "u-carla", 3)
    store.write_sync(lambda c: c.executemany(INSERT_EVENT, [event_row(e) for e in events]))
    code, lines = _verify(store, capsys)
    assert lines == [
        f"device {stray}: events without a chain head",
        "hub chain hub: seq 1 to 30",
        "checked 3 chains, 95 events: 1 problem",
    ]
    assert code == 1
