"""Occupancy in the report by agent and in ``/api/v1/me/stats``: docs/kpis.md
"Occupancy", worked out by hand from holds and status stretches written with chosen
instants into a real store (SQLite, then PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hub_harness import RunningHub, running_hub, wait_for

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, now_ms
from wa_desk.hub import kpi_report
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import users
from wa_desk.hub.queries.audit_log import append_hub_fact

# Three days ago (UTC), so every stretch has ended and "today" plays no part.
HOUR: Millis = 3_600_000
DAY = datetime.combine(datetime.now(UTC).date() - timedelta(days=3), datetime.min.time(), UTC)


def at(hh_mm: str) -> Millis:
    hours, minutes = (int(p) for p in hh_mm.split(":"))
    return int((DAY + timedelta(hours=hours, minutes=minutes)).timestamp() * 1000)


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    with running_hub(db_url) as running:
        running.add_user("ana", "agent", ("ventas",))
        running.add_user("bea", "agent", ("ventas",))
        running.add_user("lead", "supervisor", ("ventas",))
        yield running


def _conversation_of(hub: RunningHub, wamid: str, wa_id: str, written: Millis) -> str:
    hub.customer_writes(wamid, wa_id, "hola", ts=written // 1000)
    lead = hub.login("lead")

    def found() -> str | None:
        items = lead.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
        return str(items[0]["id"]) if items else None

    return str(wait_for(found))


def _stretch(conn: Conn, user_id: str, status: str, start: Millis, end: Millis) -> None:
    conn.execute(
        "INSERT INTO agent_status_history (user_id, status, started_at, ended_at, changed_by) "
        "VALUES (?, ?, ?, ?, ?)",
        (user_id, status, start, end, user_id),
    )


def _worked_day(hub: RunningHub) -> None:
    """ana, capacity 2: available 09:00-11:00, away 11:00-12:00, busy 12:00-13:00.
    A: written 08:50, ana claims it 08:55, closes it 10:00 -> held 1 h while available.
    B: written 09:30, ana claims it 09:30, transfers it to bea 12:30 -> 1.5 h + 0.5 h.
    Load 3 h; capacity time 2 x (2 h + 1 h) = 6 h: occupancy 50 %. bea held B from
    12:30 but was never available that day: no occupancy (null)."""
    ana, bea = hub.user_ids["ana"], hub.user_ids["bea"]
    a = _conversation_of(hub, "wamid.oa", "34611111111", at("08:50"))
    b = _conversation_of(hub, "wamid.ob", "34622222222", at("09:30"))

    def write(conn: Conn) -> None:
        users.set_capacity(conn, ana, 2)
        _stretch(conn, ana, "available", at("09:00"), at("11:00"))
        _stretch(conn, ana, "away", at("11:00"), at("12:00"))
        _stretch(conn, ana, "busy", at("12:00"), at("13:00"))
        _stretch(conn, ana, "offline", at("13:00"), at("23:00"))
        facts: list[tuple[AuditKind, str, dict[str, Any], str]] = [
            (AuditKind.CONVERSATION_CLAIMED, a, {}, "08:55"),
            (AuditKind.CONVERSATION_CLAIMED, b, {}, "09:30"),
            (AuditKind.CONVERSATION_CLOSED, a, {}, "10:00"),
            (AuditKind.CONVERSATION_TRANSFERRED, b, {"to_user": bea}, "12:30"),
        ]
        for kind, conversation, data, when in facts:
            append_hub_fact(conn, kind, ana, conversation, data, at(when))

    hub.ctx.db.write_sync(write)


def _agent_groups(hub: RunningHub, name: str = "lead") -> dict[str, Any]:
    day = DAY.date().isoformat()
    response = hub.login(name).get(
        "/api/v1/supervisor/report", params={"from": day, "to": day, "group": "agent"}
    )
    assert response.status_code == 200, response.text
    return {g["name"]: g for g in response.json()["groups"]}


def test_occupancy_is_the_load_held_over_the_capacity_while_available(hub: RunningHub) -> None:
    _worked_day(hub)
    groups = _agent_groups(hub)
    assert groups["ana"]["occupancy_percent"] == 50.0
    assert groups["bea"]["occupancy_percent"] is None


def test_an_agent_sees_their_own_occupancy(hub: RunningHub) -> None:
    _worked_day(hub)
    day = DAY.date().isoformat()
    mine = hub.login("ana").get("/api/v1/me/stats", params={"from": day, "to": day})
    assert mine.status_code == 200, mine.text
    assert mine.json()["figures"]["occupancy_percent"] == 50.0


def test_occupancy_is_a_figure_of_agents_only(hub: RunningHub) -> None:
    """By queue or by day an agent's capacity is shared by their queues: not defined."""
    _worked_day(hub)
    day = DAY.date().isoformat()
    lead = hub.login("lead")
    for group in ("queue", "day"):
        response = lead.get(
            "/api/v1/supervisor/report", params={"from": day, "to": day, "group": group}
        )
        assert response.status_code == 200, response.text
        assert [g["occupancy_percent"] for g in response.json()["groups"]] == [None]


def test_only_the_range_counts(hub: RunningHub) -> None:
    """Over [10:00, 24:00): ana holds B 10:00-11:00 and 12:00-12:30 (1.5 h; A closed at
    10:00); capacity time 2 x (1 h available + 1 h busy) = 4 h: 37.5 %."""
    _worked_day(hub)
    ana = hub.user_ids["ana"]
    guidelines = hub.ctx.settings.guidelines
    found = hub.ctx.db.read_sync(
        lambda c: kpi_report.occupancies(
            c, [ana], at("10:00"), at("10:00") + 14 * HOUR, guidelines, now_ms()
        )
    )
    assert found == {ana: 37.5}
