"""Retention over a week of history played through the hub's own intake and actions: the
heat-maps' aggregates, the stream events tied to no conversation and the resolved alerts
go with the rest; a heat-map from the first whole hour after the cutoff is the same as
before the purge, and the stream still resumes from what is left. SQLite, then
PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from wa_desk.core.clock import DAY_MS, Millis, from_rfc3339
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.heatmap import HOUR_MS, HeatmapLayout, HeatmapMetric, HeatmapRows
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import heatmap_drilldown, retention, retention_steps
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.heatmap import HeatmapQuery, heatmap
from wa_desk.hub.history.seed import seed_history
from wa_desk.hub.queries import stream_log
from wa_desk.hub.settings import resolve_guidelines, resolve_queues

# A Monday noon; the week before it is seeded.
END = from_rfc3339("2026-11-30T12:00:00Z")
START = END - 7 * DAY_MS
# Not on a bucket: the heat-maps' rows go up to the next whole hour (the edge).
CUTOFF = END - 3 * DAY_MS - 7 * 60_000
EDGE = CUTOFF - CUTOFF % HOUR_MS + HOUR_MS
CONFIG = """
[[queues]]
name = "ventas"
phone_number_ids = ["100000000000001"]

[[queues]]
name = "soporte"
phone_number_ids = ["100000000000002"]

[[policy.sla]]
queue = "*"
first_response = 900
next_response = 900
resolution = 86400
"""
HEATMAP_TABLES = (
    "heatmap_counts",
    "heatmap_hourly_counts",
    "heatmap_conversation_counts",
    "heatmap_clocks",
    "heatmap_abandons",
    "heatmap_waits",
    "heatmap_conversations",
)


def _wallboard(conn: Conn, at: Millis) -> int:
    """A wallboard row's push, as the hub's pusher appends it (tied to no conversation)."""
    event = stream_log.append(
        conn,
        StreamEventKind.WALLBOARD_CHANGED,
        None,
        None,
        {"queue": "ventas", "waiting": 1},
        at,
        audience=frozenset({"ventas"}),
    )
    return event.seq


@pytest.fixture
def guidelines(tmp_path: Path) -> Guidelines:
    config = tmp_path / "hub.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return resolve_guidelines(config)


@pytest.fixture
def seeded(db_url: str, tmp_path: Path, guidelines: Guidelines) -> Iterator[Database]:
    config = tmp_path / "hub.toml"
    db = Database.open(db_url, readers=1)
    try:
        # Pushes from before the seeded week (numbered first: the stream's order is time's).
        db.write_sync(lambda c: [_wallboard(c, START - HOUR_MS + i) for i in range(3)])
        seed_history(db, resolve_queues(config), guidelines, weeks=1, seed=7, end=END)
        db.write_sync(lambda c: [_wallboard(c, END + i) for i in range(2)])
        # Every alert but the oldest resolved two hours after it was raised.
        db.write_sync(
            lambda c: c.execute(
                "UPDATE alerts SET resolved_at = at + ? WHERE id > (SELECT MIN(id) FROM alerts)",
                (2 * HOUR_MS,),
            )
        )
        yield db
    finally:
        db.close()


def _queries() -> Iterator[HeatmapQuery]:
    """Every metric, by queue and by agent, by 15 minutes, by hour and by weekday × hour,
    from the edge to the end of the seeded week."""
    for metric in HeatmapMetric:
        for rows in HeatmapRows:
            for width in (15 * 60_000, HOUR_MS):
                yield HeatmapQuery(metric, rows, HeatmapLayout.TIME, EDGE, END, width, 1, None)
            yield HeatmapQuery(
                metric, rows, HeatmapLayout.WEEKDAY_HOUR, EDGE, END, HOUR_MS, 1, None
            )


def _maps(db: Database, guidelines: Guidelines) -> list[dict[str, Any]]:
    return db.read_sync(lambda c: [heatmap(c, q, guidelines, END) for q in _queries()])


def _drilldown(db: Database, guidelines: Guidelines) -> list[list[str]]:
    """The conversations behind the kept range's cells of each counted metric (their
    figures are the report's, from the audit events, which the purge also thins)."""
    pages = []
    for metric in (HeatmapMetric.VOLUME, HeatmapMetric.FIRST_RESPONSE, HeatmapMetric.WAITING):
        cell = heatmap_drilldown.Cell(metric, EDGE, END, None, None, None)
        items, _more = db.read_sync(
            lambda c, cell=cell: heatmap_drilldown.page(c, cell, guidelines, END, "", 1000)
        )
        pages.append([str(item["id"]) for item in items])
    return pages


def _count(db: Database, sql: str, params: tuple[object, ...] = ()) -> int:
    return int(db.read_sync(lambda c: c.scalar(sql, params)) or 0)


def _purge(db: Database) -> retention.PurgePlan:
    return db.write_sync(lambda c: retention.purge(c, CUTOFF, 3, "test", END))


def _purge_in_steps(db: Database) -> retention.PurgePlan:
    """As the hub purges: in steps of a few conversations, each up to its own edge."""

    order = retention_steps.PurgeOrder(CUTOFF, 3, "test", END)
    steps = asyncio.run(retention_steps.purge_in_steps(db, order, rows=15))
    assert len(steps) > 2
    return retention_steps.merged(steps)


@pytest.mark.parametrize("purge", [_purge, _purge_in_steps], ids=["one write", "in steps"])
def test_heatmaps_from_the_edge_on_are_the_same_after_the_purge(
    seeded: Database, guidelines: Guidelines, purge: Callable[[Database], retention.PurgePlan]
) -> None:
    db = seeded
    maps, drilldown = _maps(db, guidelines), _drilldown(db, guidelines)
    waiting_now = db.read_sync(
        lambda c: c.all("SELECT queue, agent, n FROM heatmap_waiting_now ORDER BY queue, agent")
    )
    rows_before = sum(_count(db, f"SELECT COUNT(*) FROM {t}") for t in HEATMAP_TABLES)  # noqa: S608 - fixed table names
    dry = db.read_sync(lambda c: retention.plan(c, CUTOFF))
    assert dry.heatmap_rows > 1000  # half the week's aggregates

    result = purge(db)

    assert result.heatmap_rows == dry.heatmap_rows
    rows_after = sum(_count(db, f"SELECT COUNT(*) FROM {t}") for t in HEATMAP_TABLES)  # noqa: S608 - fixed table names
    assert rows_after == rows_before - result.heatmap_rows
    assert _maps(db, guidelines) == maps
    assert _drilldown(db, guidelines) == drilldown
    assert drilldown[0]  # the kept range has conversations to list
    assert (
        db.read_sync(
            lambda c: c.all("SELECT queue, agent, n FROM heatmap_waiting_now ORDER BY queue, agent")
        )
        == waiting_now
    )

    # Nothing counted before the edge is left, but an unanswered period's abandon.
    for table in ("heatmap_counts", "heatmap_hourly_counts", "heatmap_conversation_counts"):
        assert _count(db, f"SELECT COUNT(*) FROM {table} WHERE bucket < ?", (EDGE,)) == 0  # noqa: S608 - fixed table names
    assert _count(db, "SELECT COUNT(*) FROM heatmap_clocks WHERE bucket < ?", (EDGE,)) == 0
    assert _count(db, "SELECT COUNT(*) FROM heatmap_waits WHERE stopped_at < ?", (EDGE,)) == 0
    assert (
        _count(
            db,
            "SELECT COUNT(*) FROM heatmap_abandons a WHERE bucket < ? AND NOT EXISTS (SELECT 1 "
            "FROM heatmap_conversations h WHERE h.conversation_id = a.conversation_id "
            "AND h.period_start = a.period_start AND h.answered = 0)",
            (EDGE,),
        )
        == 0
    )
    # No row of a purged conversation is left.
    for table in HEATMAP_TABLES[2:]:
        orphans = _count(
            db,
            f"SELECT COUNT(*) FROM {table} WHERE conversation_id NOT IN "  # noqa: S608 - fixed table names
            "(SELECT id FROM conversations)",
        )
        assert orphans == 0, table

    # Over the purged range a map shows what is left: no queue has a message there.
    old = HeatmapQuery(
        HeatmapMetric.VOLUME, HeatmapRows.QUEUE, HeatmapLayout.TIME, START, EDGE, HOUR_MS, 1, None
    )
    purged_map = db.read_sync(lambda c: heatmap(c, old, guidelines, END))
    assert purged_map["rows"] == [] and purged_map["cells"] == []


def test_stream_events_and_resolved_alerts_older_than_the_cutoff_go(seeded: Database) -> None:
    db = seeded
    older = _count(db, "SELECT COUNT(*) FROM stream_events WHERE at < ?", (CUTOFF,))
    queue_less = _count(
        db,
        "SELECT COUNT(*) FROM stream_events WHERE at < ? AND conversation_id IS NULL",
        (CUTOFF,),
    )
    assert queue_less >= 3  # the wallboard's pushes, agents' statuses, raised alerts
    alerts = db.read_sync(lambda c: c.all("SELECT id, at, resolved_at FROM alerts ORDER BY id"))
    resolved_before = [
        a for a in alerts if a["resolved_at"] is not None and a["resolved_at"] < CUTOFF
    ]
    assert resolved_before and len(resolved_before) < len(alerts) - 1
    oldest_alert = alerts[0]
    newest = db.read_sync(stream_log.last_seq)

    result = _purge(db)

    assert result.stream_events == older
    assert result.alerts == len(resolved_before)
    assert result.counts()["alerts"] == len(resolved_before)
    assert _count(db, "SELECT COUNT(*) FROM stream_events WHERE at < ?", (CUTOFF,)) == 0
    kinds = {
        r["kind"] for r in db.read_sync(lambda c: c.all("SELECT DISTINCT kind FROM stream_events"))
    }
    assert StreamEventKind.WALLBOARD_CHANGED.value in kinds  # the recent pushes stay
    left = {int(r["id"]) for r in db.read_sync(lambda c: c.all("SELECT id FROM alerts"))}
    assert left == {int(a["id"]) for a in alerts} - {int(a["id"]) for a in resolved_before}
    assert int(oldest_alert["id"]) in left  # unresolved: kept, however old
    fact = db.read_sync(
        lambda c: c.one(
            "SELECT data FROM audit_events WHERE kind = 'retention.purged' ORDER BY seq DESC"
        )
    )
    assert fact is not None and '"alerts"' in fact["data"] and '"heatmap_rows"' in fact["data"]

    # Resuming: from before the oldest event kept, less one, is refused (reload); from the
    # last purged one, or anything later, it goes on.
    oldest = _count(db, "SELECT MIN(seq) FROM stream_events")
    horizon = CUTOFF  # the hub's, with the period the purge ran with

    def expired(after: int) -> bool:
        return bool(db.read_sync(lambda c: stream_log.resume_expired(c, after, horizon)))

    assert expired(0) and expired(1) and expired(oldest - 2)
    assert not expired(oldest - 1) and not expired(oldest) and not expired(newest)
    assert db.read_sync(lambda c: [e.seq for e in stream_log.since(c, oldest - 1, 1)]) == [oldest]
