"""A write of the alert pass decides its share of the alerts as the whole pass would
(SQLite, then PostgreSQL): for every share the read makes, the pass made again for that
share alone finds exactly the whole pass's changes to those alerts, conversation, queue
and agent alerts alike, and reads only the customers they are about."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alert_pass_hub import hub_passing_hourly
from hub_harness import RunningHub, wait_for

from wa_desk.core.alert_kinds import AlertKind
from wa_desk.core.alert_rules import MINUTE_MS
from wa_desk.core.clock import Millis, now_ms
from wa_desk.hub import alert_pass, alert_scope
from wa_desk.hub.alert_pass import PassPlan
from wa_desk.hub.alert_scope import Scope

POLICY = {"alerts": {"unanswered_in_a_row": 2, "backlog_waiting": 2, "agent_waiting_minutes": 10}}
CUSTOMERS = [f"3461160000{k}" for k in range(6)]


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    with hub_passing_hourly(db_url, POLICY) as running:
        yield running


def waiting_customers(hub: RunningHub) -> list[str]:
    """Six customers waiting, each having written twice; ana claimed the first three."""
    agent = hub.client("ana")
    ids = []
    for k, wa_id in enumerate(CUSTOMERS):
        cid = hub.new_conversation(wa_id, seen_by="ana")
        hub.customer_writes(f"wamid.scoped.{wa_id}", wa_id, "¿Alguien?")
        wait_for(lambda c=cid: _unanswered(hub, c) == 2)
        if k < 3:
            assert agent.post(f"/api/v1/conversations/{cid}/claim").status_code == 200
        ids.append(cid)
    return ids


def _unanswered(hub: RunningHub, cid: str) -> int:
    waiting = hub.ctx.db.read_sync(alert_pass.waiting_now)
    return next((w.unanswered for w in waiting if w.id == cid), 0)


def plan_of(hub: RunningHub, now: Millis, scope: Scope | None = None) -> PassPlan:
    guidelines = hub.ctx.settings.guidelines
    return hub.ctx.db.read_sync(lambda c: alert_pass.plan(c, guidelines, now, scope))


def decided(found: PassPlan) -> dict[tuple[str, str], object]:
    """Each key's change: what is raised or updated to (severity, count), or resolved."""
    a = found.alerts
    out: dict[tuple[str, str], object] = {}
    out.update({c.key: ("raise", c.severity, c.count) for c in a.raise_})
    out.update({alert.key: ("update", c.severity, c.count) for alert, c in a.update})
    out.update({alert.key: "resolve" for alert in (*a.resolve, *found.repeat_contacts)})
    return out


def test_every_share_decides_its_alerts_as_the_whole_pass(hub: RunningHub) -> None:
    ids = waiting_customers(hub)
    now = now_ms() + 15 * MINUTE_MS  # ana's three have waited long enough
    whole = plan_of(hub, now)
    kinds = {kind for kind, _ in decided(whole)}
    assert {AlertKind.UNANSWERED_STREAK, AlertKind.QUEUE_BACKLOG, AlertKind.AGENT_WAITING} <= kinds
    assert {(AlertKind.UNANSWERED_STREAK.value, cid) for cid in ids} <= set(decided(whole))

    shares = alert_scope.writes(whole.keys(), whole.quiet_failures, 4)
    assert [len(s.keys) for s in shares] == [4] * (len(whole.keys()) // 4) + (
        [len(whole.keys()) % 4] if len(whole.keys()) % 4 else []
    )
    first = {kind for kind, _ in shares[0].keys}  # the queue's and the agent's go first
    assert {AlertKind.QUEUE_BACKLOG, AlertKind.AGENT_WAITING} <= first
    together: dict[tuple[str, str], object] = {}
    for share in shares:
        part = decided(plan_of(hub, now, share))
        assert set(part) == set(share.keys)  # nothing outside its share
        together.update(part)
    assert together == decided(whole)


def test_a_share_reads_only_the_customers_its_alerts_are_about(hub: RunningHub) -> None:
    ids = waiting_customers(hub)
    streak = AlertKind.UNANSWERED_STREAK.value
    one = Scope(frozenset({(streak, ids[4])}))
    (only,) = hub.ctx.db.read_sync(lambda c: alert_pass.waiting_now(c, one))
    assert (only.id, only.unanswered) == (ids[4], 2)

    queue = Scope(frozenset({(AlertKind.QUEUE_BACKLOG.value, "ventas")}))
    in_queue = hub.ctx.db.read_sync(lambda c: alert_pass.waiting_now(c, queue))
    assert sorted(w.id for w in in_queue) == sorted(ids)
    (ana,) = {w.assignee for w in in_queue if w.assignee is not None}
    agent = Scope(frozenset({(AlertKind.AGENT_WAITING.value, ana)}))
    on_ana = hub.ctx.db.read_sync(lambda c: alert_pass.waiting_now(c, agent))
    assert sorted(w.id for w in on_ana) == sorted(ids[:3])
    assert hub.ctx.db.read_sync(lambda c: alert_pass.waiting_now(c, Scope(frozenset()))) == []
