"""The wallboard's pushes in the stream live an hour, not the retention period (SQLite,
then PostgreSQL): ``wa-desk hub retention purge`` removes a push older than
``[audit] wallboard_retention_minutes`` once a newer push of its row replaced it; every
row's newest stays, and so does every other kind of event of the same age. A stream
resuming from before the purge still ends with every row as it is, and misses nothing
else. The purge's deletions go through an index on both stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from audit_rows import hub_facts
from hub_harness import RunningHub, running_hub, wait_for
from sse_reader import Sse, StreamReader

from wa_desk.cli import main
from wa_desk.core.clock import DAY_MS, now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import stream_purge
from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import stream_log
from wa_desk.hub.settings import (
    SettingsError,
    load_settings,
    resolve_wallboard_retention_minutes,
)

WALLBOARD = StreamEventKind.WALLBOARD_CHANGED
MINUTE = 60_000
NOW = now_ms()
VENTAS = frozenset({"ventas"})
SUBJECT_MIGRATION = "ALTER TABLE stream_events ADD COLUMN subject TEXT"


def push(conn: Conn, row: str, at: int, n: int) -> int:
    """A wallboard push of ``row`` ("queue:<name>", "agent:<id>": ``wallboard.Row.key``),
    as the hub's pusher appends it; its seq. The queues are none the test hub has, so its
    own pusher never pushes these rows."""
    kind, _, name = row.partition(":")
    data = {"type": kind, ("queue" if kind == "queue" else "id"): name, "n": n}
    return stream_log.append(
        conn, WALLBOARD, None, None, data, at, audience=VENTAS, subject=row
    ).seq


def other(conn: Conn, kind: StreamEventKind, at: int) -> int:
    return stream_log.append(conn, kind, None, None, {"at": at}, at, audience=VENTAS).seq


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    store = Database.open(db_url, readers=1)
    try:
        yield store
    finally:
        store.close()


def _url(db: Database) -> str:
    return db.url.target if db.dialect == "postgresql" else f"sqlite://{db.url.target}"


def stored(db: Database) -> list[int]:
    return [int(r["seq"]) for r in db.read_sync(lambda c: c.all("SELECT seq FROM stream_events"))]


def seed(db: Database) -> dict[str, int]:
    """Pushes and other events at several ages; the seq of each, by name."""

    def write(conn: Conn) -> dict[str, int]:
        return {
            "postventa_3h": push(conn, "queue:postventa", NOW - 180 * MINUTE, 1),
            "ana_3h": push(conn, "agent:u-ana", NOW - 180 * MINUTE, 1),  # ana's newest
            "alert_3h": other(conn, StreamEventKind.ALERT_RAISED, NOW - 180 * MINUTE),
            "status_3h": other(conn, StreamEventKind.AGENT_STATUS, NOW - 180 * MINUTE),
            "postventa_2h": push(conn, "queue:postventa", NOW - 120 * MINUTE, 2),
            "postventa_30m": push(conn, "queue:postventa", NOW - 30 * MINUTE, 3),
            "postventa_now": push(conn, "queue:postventa", NOW - 1000, 4),  # its newest
        }

    return db.write_sync(write)


def test_superseded_pushes_older_than_an_hour_go_and_everything_else_stays(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WA_AUDIT_RETENTION_DAYS", "90")
    monkeypatch.delenv("WA_WALLBOARD_RETENTION_MINUTES", raising=False)
    seqs = seed(db)
    # Older than the 90 days: these go whatever their kind, a row's newest too.
    ancient = db.write_sync(
        lambda c: [
            push(c, "agent:u-bruno", NOW - 100 * DAY_MS, 1),
            other(c, StreamEventKind.ALERT_RAISED, NOW - 100 * DAY_MS),
        ]
    )
    before = stored(db)

    assert main(["hub", "retention", "purge", "--dry-run", "--db", _url(db)]) == 0
    assert "4 stream events" in capsys.readouterr().out
    assert stored(db) == before

    assert main(["hub", "retention", "purge", "--db", _url(db)]) == 0
    assert "4 stream events" in capsys.readouterr().out
    gone = {seqs["postventa_3h"], seqs["postventa_2h"], *ancient}
    assert sorted(stored(db)) == sorted(set(before) - gone)
    (fact,) = db.read_sync(lambda c: hub_facts(c, "retention.purged"))
    assert fact["data"]["counts"]["stream_events"] == 4
    assert fact["data"]["wallboard_cutoff"] is not None


def test_the_lifetime_is_a_setting(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WA_AUDIT_RETENTION_DAYS", "90")
    monkeypatch.setenv("WA_WALLBOARD_RETENTION_MINUTES", "10")
    seqs = seed(db)
    assert main(["hub", "retention", "purge", "--db", _url(db)]) == 0
    capsys.readouterr()
    gone = {seqs["postventa_3h"], seqs["postventa_2h"], seqs["postventa_30m"]}
    assert sorted(stored(db)) == sorted(set(seqs.values()) - gone)


def test_with_retention_off_only_superseded_pushes_go(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WA_AUDIT_RETENTION_DAYS", raising=False)
    monkeypatch.delenv("WA_WALLBOARD_RETENTION_MINUTES", raising=False)
    seqs = seed(db)
    ancient = db.write_sync(lambda c: other(c, StreamEventKind.ALERT_RAISED, NOW - 900 * DAY_MS))
    facts = db.read_sync(lambda c: c.scalar("SELECT COUNT(*) FROM audit_events"))

    assert main(["hub", "retention", "purge", "--dry-run", "--db", _url(db)]) == 0
    assert "would purge 2 wallboard pushes" in capsys.readouterr().out
    assert main(["hub", "retention", "purge", "--db", _url(db)]) == 0
    out = capsys.readouterr().out
    assert "retention is off" in out and "purged 2 wallboard pushes" in out
    gone = {seqs["postventa_3h"], seqs["postventa_2h"]}
    assert sorted(stored(db)) == sorted({*seqs.values(), ancient} - gone)
    assert db.read_sync(lambda c: c.scalar("SELECT COUNT(*) FROM audit_events")) == facts


def test_the_lifetime_is_validated(tmp_path: Path) -> None:
    config = tmp_path / "hub.toml"
    config.write_text("[audit]\nwallboard_retention_minutes = 15\n")
    assert resolve_wallboard_retention_minutes(config, {}) == 15
    assert resolve_wallboard_retention_minutes(None, {}) == 60
    env = {"WA_WALLBOARD_RETENTION_MINUTES": "5"}
    assert resolve_wallboard_retention_minutes(config, env) == 5
    for bad in ("0", "-3", "1.5", "off", "an hour", "99999"):
        with pytest.raises(SettingsError, match="WA_WALLBOARD_RETENTION_MINUTES"):
            resolve_wallboard_retention_minutes(None, {"WA_WALLBOARD_RETENTION_MINUTES": bad})
    for bad_toml in ('"60"', "0", "1.5", "true", "20000"):
        config.write_text(f"[audit]\nwallboard_retention_minutes = {bad_toml}\n")
        with pytest.raises(SettingsError, match=r"\[audit\] wallboard_retention_minutes"):
            resolve_wallboard_retention_minutes(config, {})
    # The hub refuses to start with it too.
    config.write_text("[audit]\nwallboard_retention_minutes = 0\n")
    secrets = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "a"}
    with pytest.raises(SettingsError, match="wallboard_retention_minutes"):
        load_settings(config, {**secrets, "WA_DB": f"sqlite:///{tmp_path}/h.db"})
    config.write_text("[audit]\nwallboard_retention_minutes = 30\n")
    settings = load_settings(config, {**secrets, "WA_DB": f"sqlite:///{tmp_path}/h.db"})
    assert settings.wallboard_retention_minutes == 30


def _plan(conn: Conn, where: str, params: tuple[object, ...]) -> str:
    sql = f"DELETE FROM stream_events WHERE {where}"  # noqa: S608 - the module's own
    if conn.dialect == "sqlite":
        return "\n".join(str(r["detail"]) for r in conn.all("EXPLAIN QUERY PLAN " + sql, params))
    # A table this small is read whole whatever its indexes: ask whether one serves.
    conn.execute("SET enable_seqscan = off")
    return "\n".join(str(next(iter(r.values()))) for r in conn.all("EXPLAIN " + sql, params))


def test_every_deletion_of_the_purge_goes_through_an_index(db: Database) -> None:
    seed(db)
    cutoff, wallboard = NOW - 90 * DAY_MS, NOW - 60 * MINUTE

    def plans(conn: Conn) -> list[tuple[tuple[object, ...], str]]:
        found = stream_purge._deletions(conn, cutoff, wallboard)
        return [(params, _plan(conn, where, params)) for where, params in found]

    found = db.read_sync(plans)
    kinds = {p[0] for p, _ in found[:-1]}
    assert kinds == {WALLBOARD.value, "alert.raised", "agent.status"}  # the kinds stored
    for params, plan in found:
        assert "stream_events_kind_at" in plan, (params, plan)
        if db.dialect == "sqlite":
            assert "SCAN stream_events" not in plan, plan
        else:
            assert "Seq Scan" not in plan, plan


# -- the migration ---------------------------------------------------------------------


def test_pushes_stored_before_the_migration_go_only_with_the_retention_period(
    conn: Conn, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = list(schema.MIGRATIONS)
    number = next(i for i, m in enumerate(everything, start=1) if SUBJECT_MIGRATION in m)
    monkeypatch.setattr(schema, "MIGRATIONS", everything[: number - 1])
    assert schema.migrate(conn) == number - 1
    for i, at in enumerate((NOW - 180 * MINUTE, NOW - 120 * MINUTE)):
        conn.execute(
            "INSERT INTO stream_events (at, kind, data, audience) VALUES (?, ?, ?, ?)",
            (at, WALLBOARD.value, f'{{"type": "queue", "queue": "postventa", "n": {i}}}', None),
        )
    monkeypatch.setattr(schema, "MIGRATIONS", everything)
    assert schema.migrate(conn) == len(everything)

    rows = conn.all("SELECT seq, subject FROM stream_events ORDER BY seq")
    assert [r["subject"] for r in rows] == [None, None]  # no row named: none superseded
    newer = push(conn, "queue:postventa", NOW, 9)
    wallboard = stream_purge.wallboard_cutoff(60, NOW)
    assert stream_purge.count(conn, None, wallboard) == 0
    assert stream_purge.delete(conn, None, wallboard) == 0
    assert stream_purge.delete(conn, NOW - 150 * MINUTE, wallboard) == 1  # the retention cutoff
    remaining = conn.all("SELECT seq FROM stream_events ORDER BY seq")
    assert [r["seq"] for r in remaining] == [rows[1]["seq"], newer]


# -- a stream resuming from before the purge -------------------------------------------


def _until(reader: StreamReader, last: int) -> list[Sse]:
    seen: list[Sse] = []
    while not seen or (seen[-1].id or 0) < last:
        seen.append(reader.events.get(timeout=15))
    return [e for e in seen if e.id is not None]


def _resumed(hub: RunningHub, after: int, last: int) -> list[Sse]:
    reader = StreamReader(hub.url, hub.tokens["lead"], last_event_id=after)
    try:
        return [e for e in _until(reader, last) if e.id is not None and e.id <= last]
    finally:
        reader.close()


def _rows(events: list[Sse]) -> dict[tuple[str, str], dict[str, Any]]:
    """Each wallboard row as the last push of it says."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for e in events:
        if e.event == WALLBOARD.value:
            rows[(e.data["type"], e.data.get("queue") or e.data["id"])] = e.data
    return rows


def test_a_stream_resuming_from_before_the_purge_ends_with_every_row_as_it_is(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WA_AUDIT_RETENTION_DAYS", "90")
    monkeypatch.delenv("WA_WALLBOARD_RETENTION_MINUTES", raising=False)
    with running_hub(db_url, waba=False, hub_settings={"retention_days": 90}) as hub:
        hub.add_user("lead", "supervisor", ("ventas",))
        hub.login("lead")
        # Something before the resume point that no purge removes.
        hub.ctx.db.write_sync(lambda c: other(c, StreamEventKind.AGENT_STATUS, NOW))
        after = hub.ctx.db.read_sync(stream_log.last_seq)
        seed(hub.ctx.db)
        hub.ctx.db.write_sync(lambda c: push(c, "queue:recambios", NOW - 90 * MINUTE, 1))
        last = hub.ctx.db.write_sync(lambda c: other(c, StreamEventKind.ALERT_RAISED, NOW))
        before = _resumed(hub, after, last)

        url = hub.ctx.db.url
        target = url.target if url.dialect == "postgresql" else f"sqlite://{url.target}"
        assert main(["hub", "retention", "purge", "--db", target]) == 0
        assert "2 stream events" in capsys.readouterr().out
        resumed = _resumed(hub, after, last)

    not_wallboard = [(e.id, e.event, e.data) for e in before if e.event != WALLBOARD.value]
    assert [(e.id, e.event, e.data) for e in resumed if e.event != WALLBOARD.value] == (
        not_wallboard
    )
    assert _rows(resumed) == _rows(before)  # every row as its newest push says
    assert len(_rows(before)) == 3  # postventa, recambios (its only push, old), ana
    pushes = [e.data["n"] for e in resumed if e.data.get("queue") == "postventa"]
    assert pushes == [3, 4]  # the superseded ones older than an hour are gone


def test_the_hubs_own_pushes_name_their_row(db_url: str) -> None:
    with running_hub(db_url, waba=False) as hub:
        hub.add_user("lead", "supervisor", ("ventas",))
        hub.add_user("ana", "agent", ("ventas",))
        hub.login("ana")
        hub.new_conversation("34611500001", seen_by="ana")

        def once_ventas_is_pushed() -> list[Any] | None:
            rows = hub.ctx.db.read_sync(
                lambda c: c.all(
                    "SELECT subject, data FROM stream_events WHERE kind = ?", (WALLBOARD.value,)
                )
            )
            return rows if any(r["subject"] == "queue:ventas" for r in rows) else None

        rows = wait_for(once_ventas_is_pushed)
    for r in rows:
        data = orjson.loads(r["data"])
        assert r["subject"] == f"{data['type']}:{data.get('queue') or data['id']}"
