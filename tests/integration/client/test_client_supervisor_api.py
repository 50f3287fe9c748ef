"""SupervisorApi against a real hub on loopback: every endpoint the desktop's supervisor
view and "My day" use, with a lead, an agent (refused) and a conversation worked end to
end."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone

import anyio
import pytest
from hub_harness import PASSWORD, RunningHub

from wa_desk.client import HubApi, Refused
from wa_desk.client.supervisor_api import ALL_ALERTS, KEEP, SupervisorApi, report_bound
from wa_desk.core.agents import AgentStatus
from wa_desk.core.alert_kinds import AlertState
from wa_desk.core.clock import now_ms
from wa_desk.core.heatmap import HeatmapMetric, HeatmapRows
from wa_desk.core.kpis.report_groups import ReportGroup

pytestmark = pytest.mark.anyio

HOUR_MS = 3_600_000


async def _signed_in(hub: RunningHub, name: str) -> SupervisorApi:
    api = HubApi(hub.url)
    await api.login(name, PASSWORD)
    return SupervisorApi(api)


def _answered_conversation(hub: RunningHub) -> str:
    """A customer writes to ventas; ana claims and answers."""
    ana = hub.login("ana")
    cid = hub.new_conversation("34600000001", seen_by="ana")
    assert ana.post(f"/api/v1/conversations/{cid}/claim").status_code == 200
    sent = ana.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"type": "text", "text": "Buenos días"},
        headers={"Idempotency-Key": "k-answer-1"},
    )
    assert sent.status_code in (200, 201, 202), sent.text
    return cid


def test_report_bounds_are_dates_or_utc_minutes() -> None:
    assert report_bound(date(2026, 3, 1)) == "2026-03-01"
    madrid = timezone(timedelta(hours=1))
    assert report_bound(datetime(2026, 3, 1, 11, 30, tzinfo=madrid)) == "2026-03-01T10:30"


async def test_a_lead_reads_the_board_the_map_and_a_timeline(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.add_user("lola", role="supervisor")
    cid = _answered_conversation(hub)
    lead = await _signed_in(hub, "lola")
    async with lead.hub:
        board = await lead.wallboard()
        assert [q["queue"] for q in board["queues"]] == ["ventas"]
        assert {a["name"] for a in board["agents"]} >= {"ana"}

        end = now_ms() + HOUR_MS
        start = end - 24 * HOUR_MS
        volume = await lead.heatmap(HeatmapMetric.VOLUME, HeatmapRows.QUEUE, start, end)
        assert volume["metric"] == "volume" and len(volume["columns"]) >= 96
        assert sum(c for c in volume["cells"][0] if c) == 1  # the customer's one message

        weekly = await lead.weekly_heatmap(HeatmapMetric.CONVERSATIONS, HeatmapRows.AGENT, 4)
        assert len(weekly["columns"]) == 168

        behind = await lead.cell_conversations(HeatmapMetric.VOLUME, start, end, queue="ventas")
        assert [c["id"] for c in behind.items] == [cid]

        timeline = await lead.timeline(cid)
        assert timeline["conversation"]["id"] == cid
        texts = [i["text"] for i in timeline["items"] if i["source"] == "message"]
        assert texts == ["Hola", "Buenos días"]
        kinds = {i["kind"] for i in timeline["items"] if i["source"] == "hub"}
        assert "conversation.claimed" in kinds


async def test_a_lead_acts_and_reports(hub: RunningHub) -> None:
    ana_id = hub.add_user("ana")
    bea_id = hub.add_user("bea")
    hub.add_user("lola", role="supervisor")
    cid = _answered_conversation(hub)
    hub.login("bea")
    lead = await _signed_in(hub, "lola")
    async with lead.hub:
        moved = await lead.assign(cid, bea_id, key="k-assign-1")
        assert moved["assignee"] == bea_id

        agent = await lead.change_agent(ana_id, key="k-agent-1", capacity=3)
        assert agent["capacity"] == 3
        agent = await lead.change_agent(ana_id, key="k-agent-2", status=AgentStatus.AWAY)
        assert agent["status"] == "away" and agent["capacity"] == 3  # KEEP left it
        agent = await lead.change_agent(ana_id, key="k-agent-3", capacity=None)
        assert agent["capacity"] == 5  # back to the policy's default
        assert KEEP is not None

        history = await lead.status_history(ana_id, now_ms() - HOUR_MS, now_ms() + 1000)
        assert history[-1]["status"] == "away" and history[-1]["lasts"] is True

        today = datetime.now(UTC).date()
        report = await lead.report(today, today, ReportGroup.AGENT)
        assert {g["key"] for g in report["groups"]} == {ana_id, bea_id}

        async with lead.report_csv(today, today) as chunks:
            text = b"".join([chunk async for chunk in chunks]).decode()
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["id"] for r in rows] == [cid]

        mine = await lead.my_stats(today, today)
        assert mine["figures"] is None  # the lead held nothing


async def test_a_lead_takes_on_and_snoozes_alerts(hub: RunningHub) -> None:
    hub.add_user("lola", role="supervisor")
    # Three customer messages in a row with nobody answering: an alert of ventas.
    for n in range(3):
        hub.customer_writes(f"wamid.a{n}", "34600000002", f"¿Hola? {n}")
    lead = await _signed_in(hub, "lola")
    async with lead.hub:

        async def raised() -> list[dict[str, object]]:
            return (await lead.alerts()).items

        items: list[dict[str, object]] = []
        for _ in range(200):
            items = await raised()
            if items:
                break
            await _pause()
        assert items, "no alert was raised"
        first = items[0]
        acked = await lead.acknowledge(int(str(first["id"])), note="Lo miro yo")
        assert acked["state"] == AlertState.ACKNOWLEDGED
        assert (await lead.alerts()).items == [a for a in await raised() if a["id"] != first["id"]]
        everything = await lead.alerts(ALL_ALERTS)
        assert first["id"] in {a["id"] for a in everything.items}
        if len(items) > 1:
            snoozed = await lead.snooze(int(str(items[1]["id"])), 30, note="Después")
            assert snoozed["state"] == AlertState.SNOOZED


async def test_an_agent_is_refused_the_supervisor_api_but_sees_their_own_day(
    hub: RunningHub,
) -> None:
    hub.add_user("ana")
    _answered_conversation(hub)
    agent = await _signed_in(hub, "ana")
    async with agent.hub:
        with pytest.raises(Refused) as refused:
            await agent.wallboard()
        assert refused.value.status == 403
        today = datetime.now(UTC).date()
        mine = await agent.my_stats(today, today)
        assert mine["figures"] is not None
        assert mine["figures"]["conversations"] == 1


async def _pause() -> None:
    await anyio.sleep(0.05)
