"""Early alerts through the real hub (SQLite, then PostgreSQL): each kind raised by its
real cause (webhooks in WhatsApp's formats, agents' real actions, the simulator's
failures and template reviews), one alert per subject while its condition lasts,
resolved by itself when it clears; acknowledged and snoozed in a lead's name in the
hub's chain; who may see and act on which; pushed to leads, never to agents.

Time-based conditions that take minutes or hours are evaluated with the alert pass's
"now" moved ahead (``evaluate_once``) on a hub whose own loop waits an hour between
passes; the SLA test runs on the real loop, every 0.2 s, with a 2 s target."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import SUPPORT, RunningHub, running_hub, wait_for
from sse_reader import Sse, StreamReader

from wa_desk.core.clock import now_ms
from wa_desk.hub.alert_loop import evaluate_once
from wa_desk.hub.alerts import raise_alert
from wa_desk.hub.settings import policy_guidelines

POLICY = {
    "sla": [{"queue": "ventas", "first_response": 2, "next_response": 600, "at_risk": 0.5}],
    "rules": [{"id": "card", "pattern": r"\b\d{16}\b", "action": "block", "message": "No."}],
    "alerts": {
        "backlog_waiting": 2,
        "unanswered_in_a_row": 3,
        "agent_waiting_minutes": 1,
        "window_closing_minutes": 30,
        "failed_sends_minutes": 5,
        "failed_sends_critical": 3,
        "guideline_spike_count": 2,
        "guideline_spike_minutes": 5,
    },
}
MINUTE = 60


def _settings(interval: float) -> dict[str, Any]:
    return {"guidelines": policy_guidelines(POLICY), "alert_interval_seconds": interval}


def _people(hub: RunningHub) -> dict[str, httpx.Client]:
    hub.add_user("ana", "agent", ("ventas",))
    hub.add_user("lead_v", "supervisor", ("ventas",))
    hub.add_user("lead_s", "supervisor", ("soporte",))
    hub.add_user("root", "admin", ())
    return {name: hub.login(name) for name in ("ana", "lead_v", "lead_s", "root")}


@pytest.fixture
def frozen(db_url: str) -> Iterator[RunningHub]:
    """A hub whose loop passes once at start, then an hour later: the test moves time."""
    with running_hub(db_url, hub_settings=_settings(3600)) as hub:
        yield hub


def pass_at(hub: RunningHub, seconds_ahead: float = 0) -> None:
    hub.run(evaluate_once(hub.ctx, now_ms() + int(seconds_ahead * 1000)))


def alerts(client: httpx.Client, state: str = "all", **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/v1/supervisor/alerts", params={"state": state, **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def of_kind(client: httpx.Client, kind: str, state: str = "all") -> list[dict[str, Any]]:
    return [a for a in alerts(client, state, limit=500) if a["kind"] == kind]


def unresolved_per_subject(client: httpx.Client) -> list[tuple[str, str]]:
    return sorted((a["kind"], a["subject"]) for a in alerts(client, "all", limit=500)
                  if a["state"] != "resolved")  # fmt: skip


def reply(agent: httpx.Client, cid: str, text: str = "Hola, dime") -> None:
    response = agent.post(f"/api/v1/conversations/{cid}/messages", json={"text": text})
    assert response.status_code == 201, response.text


def claim(agent: httpx.Client, cid: str) -> None:
    response = agent.post(f"/api/v1/conversations/{cid}/claim")
    assert response.status_code == 200, response.text


def until(reader: StreamReader, match: Callable[[Sse], bool]) -> list[Sse]:
    """Every event up to and including the first that matches."""
    seen: list[Sse] = []
    while True:
        try:
            event = reader.events.get(timeout=15)
        except queue.Empty:
            raise AssertionError(f"never matched; saw {[e.event for e in seen]}") from None
        seen.append(event)
        if match(event):
            return seen


def alert_event(kind: str, alert_kind: str, subject: str | None = None) -> Callable[[Sse], bool]:
    return lambda e: (
        e.event == kind
        and e.data.get("kind") == alert_kind
        and (subject is None or e.data.get("subject") == subject)
    )


# -- SLA on the real loop; who hears it ---------------------------------------------------


def test_sla_at_risk_then_breached_reach_the_queues_leads_only_and_a_reply_resolves_it(
    db_url: str,
) -> None:
    with running_hub(db_url, hub_settings=_settings(0.2)) as hub:
        people = _people(hub)
        readers = {n: StreamReader(hub.url, hub.tokens[n]) for n in ("ana", "lead_v", "lead_s")}
        try:
            for reader in readers.values():
                reader.take("ready")
            cid = hub.new_conversation("34611300001", seen_by="ana")
            lead = readers["lead_v"]
            risk = until(lead, alert_event("alert.raised", "sla_at_risk", cid))[-1].data
            assert (risk["severity"], risk["state"], risk["queues"]) == (
                "warning",
                "open",
                ["ventas"],
            )
            assert risk["details"]["clock"] == "first_response"
            assert risk["details"]["conversation_id"] == cid
            breach = until(lead, alert_event("alert.raised", "sla_breached", cid))[-1].data
            assert breach["severity"] == "critical"
            gone = until(lead, alert_event("alert.resolved", "sla_at_risk", cid))[-1].data
            assert gone["id"] == risk["id"] and gone["state"] == "resolved"

            claim(people["ana"], cid)
            reply(people["ana"], cid)
            over = until(lead, alert_event("alert.resolved", "sla_breached", cid))[-1].data
            assert over["id"] == breach["id"] and over["resolved_at"] is not None

            # Later traffic in each queue: whatever came before it reached each reader.
            hub.customer_writes("wamid.sla.later", "34611300001", "¿Sigue ahí?")
            hub.customer_writes("wamid.sla.s", "34611300002", "Hola", phone_number_id=SUPPORT)
            for name, text in (("ana", "¿Sigue ahí?"), ("lead_s", "Hola")):
                seen = until(
                    readers[name],
                    lambda e, t=text: e.event == "message.created" and e.data.get("text") == t,
                )
                assert [e.event for e in seen if e.event.startswith("alert")] == [], name
        finally:
            for reader in readers.values():
                reader.close()
        lead_s_sees = [a["kind"] for a in alerts(people["lead_s"])]
        assert "sla_at_risk" not in lead_s_sees and "sla_breached" not in lead_s_sees
        resolved = of_kind(people["lead_v"], "sla_breached", "resolved")
        assert [a["id"] for a in resolved] == [breach["id"]]


# -- time-based conditions, once per subject, resolved by themselves ------------------------


def test_waiting_customers_raise_one_alert_per_subject_and_an_answer_clears_them(
    frozen: RunningHub,
) -> None:
    hub, people = frozen, _people(frozen)
    ana, lead = people["ana"], people["lead_v"]
    c1 = hub.new_conversation("34611300011", seen_by="ana")
    for i in (2, 3):
        hub.customer_writes(f"wamid.streak.{i}", "34611300011", f"¿Hola? {i}")
    pass_at(hub)
    (streak,) = of_kind(lead, "unanswered_streak")
    assert (streak["subject"], streak["count"], streak["severity"]) == (c1, 3, "warning")
    assert streak["details"]["messages"] == 3
    assert of_kind(lead, "queue_backlog") == []  # one customer waits; the threshold is 2

    hub.customer_writes("wamid.streak.4", "34611300011", "¿Nadie?")
    c2 = hub.new_conversation("34611300012", seen_by="ana")
    pass_at(hub)
    pass_at(hub)  # the same conditions again: nothing new
    (streak_now,) = of_kind(lead, "unanswered_streak")
    assert (streak_now["id"], streak_now["count"]) == (streak["id"], 4)
    (backlog,) = of_kind(lead, "queue_backlog")
    assert (backlog["subject"], backlog["count"], backlog["severity"]) == ("ventas", 2, "warning")
    assert backlog["details"]["threshold"] == 2

    claim(ana, c1)
    pass_at(hub, MINUTE + 10)
    (waiting,) = of_kind(lead, "agent_waiting")
    assert waiting["subject"] == hub.user_ids["ana"]
    assert (waiting["details"]["waiting"], waiting["details"]["conversation_id"]) == (1, c1)
    assert waiting["severity"] == "warning"
    ack = lead.post(f"/api/v1/supervisor/alerts/{waiting['id']}/ack", json={})
    assert ack.json()["state"] == "acknowledged"
    pass_at(hub, 2 * MINUTE + 10)  # twice agent_waiting_minutes: louder, so open again
    (louder,) = of_kind(lead, "agent_waiting")
    assert (louder["id"], louder["severity"]) == (waiting["id"], "critical")
    assert (louder["state"], louder["acknowledged"]) == ("open", None)

    pass_at(hub, 23 * 3600 + 40 * MINUTE)  # 20 minutes left of both windows
    closing = {a["subject"]: a for a in of_kind(lead, "window_closing")}
    assert set(closing) == {c1, c2}
    pass_at(hub, 23 * 3600 + 45 * MINUTE)
    subjects = unresolved_per_subject(lead)
    assert len(subjects) == len(set(subjects))  # one open alert per kind and subject

    reply(ana, c1)
    pass_at(hub, 23 * 3600 + 45 * MINUTE)
    for kind in ("unanswered_streak", "agent_waiting", "queue_backlog"):
        assert [a["state"] for a in of_kind(lead, kind)] == ["resolved"], kind
    states = {a["subject"]: a["state"] for a in of_kind(lead, "window_closing")}
    assert states == {c1: "resolved", c2: "open"}


def test_one_pass_raises_many_customers_alerts_together_each_once_and_announced(
    frozen: RunningHub,
) -> None:
    """A pass that finds many conditions at once raises their alerts together (one
    statement on PostgreSQL): every alert once, in the table and on the lead's stream."""
    hub, people = frozen, _people(frozen)
    lead = people["lead_v"]
    reader = StreamReader(hub.url, hub.tokens["lead_v"])
    try:
        reader.take("ready")
        waiting = []
        for k in range(4):
            number = f"3461130002{k}"
            waiting.append(hub.new_conversation(number, seen_by="ana"))
            for i in (2, 3):
                hub.customer_writes(f"wamid.together.{k}.{i}", number, f"¿Hola? {i}")
        pass_at(hub)
        streaks = of_kind(lead, "unanswered_streak")
        assert sorted(a["subject"] for a in streaks) == sorted(waiting)
        assert {(a["count"], a["severity"], a["state"]) for a in streaks} == {
            (3, "warning", "open")
        }
        (backlog,) = of_kind(lead, "queue_backlog")
        assert (backlog["subject"], backlog["count"]) == ("ventas", 4)
        # Other kinds may be raised for the same customers meanwhile (the SLA's clock runs).
        expected = {(a["kind"], a["subject"]): a["id"] for a in [*streaks, backlog]}
        announced: dict[tuple[str, str], int] = {}
        while len(announced) < len(expected):
            raised = until(reader, lambda e: e.event == "alert.raised")[-1].data
            key = (raised["kind"], raised["subject"])
            if key in expected:
                assert key not in announced  # once each
                announced[key] = raised["id"]
        assert announced == expected
        pass_at(hub)  # the same conditions again: nothing raised twice
        assert sorted(a["subject"] for a in of_kind(lead, "unanswered_streak")) == sorted(waiting)
    finally:
        reader.close()


def test_a_repeat_contact_is_raised_when_the_customer_comes_back_and_resolved_when_answered(
    frozen: RunningHub,
) -> None:
    hub, people = frozen, _people(frozen)
    ana, lead = people["ana"], people["lead_v"]
    wa_id = "34611300021"
    first = hub.new_conversation(wa_id, seen_by="ana")
    claim(ana, first)
    reply(ana, first)
    closing = {"disposition": "resolved"}
    assert ana.post(f"/api/v1/conversations/{first}/close", json=closing).status_code == 200
    assert of_kind(lead, "repeat_contact") == []

    hub.customer_writes("wamid.back.1", wa_id, "Otra vez yo")
    (back,) = of_kind(lead, "repeat_contact")  # raised by the delivery itself
    again = back["subject"]
    assert again != first and back["severity"] == "info"
    assert (back["details"]["previous_id"], back["details"]["conversation_id"]) == (first, again)
    hub.customer_writes("wamid.back.2", wa_id, "¿Hola?")
    pass_at(hub)
    assert [a["id"] for a in of_kind(lead, "repeat_contact")] == [back["id"]]

    claim(ana, again)
    reply(ana, again)
    pass_at(hub)
    assert [a["state"] for a in of_kind(lead, "repeat_contact")] == ["resolved"]


def test_guideline_blocks_in_a_short_while_raise_a_spike_for_the_queue(frozen: RunningHub) -> None:
    hub, people = frozen, _people(frozen)
    ana, lead = people["ana"], people["lead_v"]
    cid = hub.new_conversation("34611300031", seen_by="ana")
    claim(ana, cid)
    card = {"text": "¿Es la 4111111111111111?"}
    assert ana.post(f"/api/v1/conversations/{cid}/messages", json=card).status_code == 422
    pass_at(hub)
    assert of_kind(lead, "guideline_spike") == []
    assert ana.post(f"/api/v1/conversations/{cid}/messages", json=card).status_code == 422
    pass_at(hub)
    (spike,) = of_kind(lead, "guideline_spike")
    assert (spike["subject"], spike["count"]) == ("ventas", 2)
    assert (spike["details"]["blocked"], spike["details"]["overridden"]) == (2, 0)
    pass_at(hub, 6 * MINUTE)  # the blocks are older than guideline_spike_minutes
    assert [a["state"] for a in of_kind(lead, "guideline_spike")] == ["resolved"]


# -- facts: failed sends, templates ---------------------------------------------------------


def test_failed_sends_are_counted_per_queue_and_cause_and_resolve_when_quiet(
    db_url: str,
) -> None:
    sim = {"failure_probability": 1.0}  # WhatsApp accepts each send, then fails it (131026)
    with running_hub(db_url, hub_settings=_settings(3600), sim_settings=sim) as hub:
        people = _people(hub)
        ana, lead = people["ana"], people["lead_v"]
        cid = hub.new_conversation("34611300041", seen_by="ana")
        claim(ana, cid)
        reply(ana, cid, "Uno")
        reply(ana, cid, "Dos")

        def counted(n: int) -> dict[str, Any] | None:
            found = of_kind(lead, "send_failures")
            return found[0] if len(found) == 1 and found[0]["count"] == n else None

        group = wait_for(lambda: counted(2))
        assert (group["subject"], group["severity"]) == ("ventas/131026", "warning")
        assert group["details"] == {"queue": "ventas", "group": "131026", "last_code": 131026}
        reply(ana, cid, "Tres")
        assert wait_for(lambda: counted(3))["severity"] == "critical"

        # WhatsApp knows the window closed (the hub's clock says otherwise): 131047.
        hub.world.clock.advance(25 * 3600 * 1000)
        ana.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Cuatro"})
        groups = wait_for(lambda: len(of_kind(lead, "send_failures")) == 2 and
                          {a["subject"]: a for a in of_kind(lead, "send_failures")})  # fmt: skip
        assert groups["ventas/131047"]["count"] == 1
        assert of_kind(people["lead_s"], "send_failures") == []

        pass_at(hub, 4 * MINUTE)
        assert {a["state"] for a in of_kind(lead, "send_failures")} == {"open"}
        pass_at(hub, 6 * MINUTE)
        assert {a["state"] for a in of_kind(lead, "send_failures")} == {"resolved"}


def test_a_template_paused_then_rejected_is_one_alert_for_every_lead_until_reinstated(
    frozen: RunningHub,
) -> None:
    hub, people = frozen, _people(frozen)
    sim = hub.ctx.settings.graph_url

    def review(event: str) -> None:
        url = f"{sim}/_sim/templates/seguimiento_pedido/es/status"
        answer = httpx.post(url, json={"event": event, "reason": "LOW_QUALITY", "wait": True})
        assert answer.status_code == 200, answer.text

    review("PAUSED")
    (paused,) = of_kind(people["lead_s"], "template_status")  # every lead: any queue sends it
    assert (paused["subject"], paused["severity"]) == ("seguimiento_pedido/es", "warning")
    assert paused["details"]["status"] == "PAUSED"
    review("REJECTED")
    (rejected,) = of_kind(people["lead_v"], "template_status")
    assert (rejected["id"], rejected["severity"]) == (paused["id"], "critical")
    review("REINSTATED")
    assert [a["state"] for a in of_kind(people["root"], "template_status")] == ["resolved"]


# -- acting on an alert; who may -------------------------------------------------------------


def _hub_facts(hub: RunningHub, kind: str) -> list[dict[str, Any]]:
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT actor, conversation_id, data FROM audit_events WHERE device = 'hub' "
            "AND kind = ? ORDER BY seq",
            (kind,),
        )
    )
    return [{**r, "data": orjson.loads(r["data"])} for r in rows]


def test_a_lead_acknowledges_and_snoozes_in_their_name_and_the_chain_keeps_it(
    frozen: RunningHub,
) -> None:
    hub, people = frozen, _people(frozen)
    lead = people["lead_v"]
    cid = hub.new_conversation("34611300051", seen_by="ana")
    for i in (2, 3):
        hub.customer_writes(f"wamid.ack.{i}", "34611300051", f"¿Hola? {i}")
    reader = StreamReader(hub.url, hub.tokens["lead_v"])
    try:
        reader.take("ready")
        pass_at(hub)
        (alert,) = of_kind(lead, "unanswered_streak", "open")
        url = f"/api/v1/supervisor/alerts/{alert['id']}"
        acked = lead.post(f"{url}/ack", json={"note": "Lo miro yo"})
        assert acked.status_code == 200, acked.text
        assert acked.json()["state"] == "acknowledged"
        assert acked.json()["acknowledged"]["by"] == hub.user_ids["lead_v"]
        pushed = until(reader, alert_event("alert.updated", "unanswered_streak", cid))[-1]
        assert pushed.data["acknowledged"]["note"] == "Lo miro yo"
        assert lead.post(f"{url}/ack", json={}).status_code == 200  # again: nothing new
        (fact,) = _hub_facts(hub, "alert.acknowledged")
        assert (fact["actor"], fact["conversation_id"]) == (hub.user_ids["lead_v"], cid)
        assert fact["data"] == {
            "alert": alert["id"], "kind": "unanswered_streak", "subject": cid,
            "note": "Lo miro yo",
        }  # fmt: skip
        assert [a["id"] for a in alerts(lead, "acknowledged")] == [alert["id"]]
        assert of_kind(lead, "unanswered_streak", "open") == []

        snoozed = lead.post(f"{url}/snooze", json={"minutes": 30, "note": "Tras la reunión"})
        assert snoozed.status_code == 200, snoozed.text
        assert snoozed.json()["state"] == "snoozed"
        assert snoozed.json()["snoozed"]["note"] == "Tras la reunión"
        (fact,) = _hub_facts(hub, "alert.snoozed")
        assert fact["actor"] == hub.user_ids["lead_v"]
        assert (fact["data"]["minutes"], fact["data"]["note"]) == (30, "Tras la reunión")
        assert [a["id"] for a in alerts(lead, "snoozed")] == [alert["id"]]
    finally:
        reader.close()

    for bad in (
        {"minutes": 0},
        {"minutes": 10081},
        {"note": "x"},
        {"minutes": 5, "note": "x" * 501},
    ):
        refused = lead.post(f"{url}/snooze", json=bad)
        assert refused.status_code == 422, bad
    refused = lead.get("/api/v1/supervisor/alerts", params={"state": "bogus"})
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "bad_state")

    claim(people["ana"], cid)
    reply(people["ana"], cid)
    pass_at(hub)
    gone = lead.post(f"{url}/ack", json={})
    assert (gone.status_code, gone.json()["error"]["code"]) == (409, "alert_resolved")


def test_agents_are_refused_and_a_supervisor_reaches_only_their_queues_alerts(
    frozen: RunningHub,
) -> None:
    hub, people = frozen, _people(frozen)
    cid = hub.new_conversation("34611300061", seen_by="ana")
    for i in (2, 3):
        hub.customer_writes(f"wamid.acc.{i}", "34611300061", f"¿Hola? {i}")
    pass_at(hub)
    hub.run(raise_alert(hub.ctx, "whatsapp_auth", "(190) expired", {"code": 190}))
    (alert,) = of_kind(people["lead_v"], "unanswered_streak")
    url = f"/api/v1/supervisor/alerts/{alert['id']}"

    ana = people["ana"]
    assert ana.get("/api/v1/supervisor/alerts").status_code == 403
    assert ana.post(f"{url}/ack", json={}).status_code == 403
    assert ana.post(f"{url}/snooze", json={"minutes": 5}).status_code == 403

    other = people["lead_s"]
    assert [a["kind"] for a in alerts(other)] == ["whatsapp_auth"]  # every lead's
    for action, body in (("ack", {}), ("snooze", {"minutes": 5})):
        response = other.post(f"{url}/{action}", json=body)
        assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    assert other.post("/api/v1/supervisor/alerts/999999/ack", json={}).status_code == 404

    everything = {a["kind"] for a in alerts(people["root"])}
    assert {"unanswered_streak", "whatsapp_auth"} <= everything
    assert cid in {a["subject"] for a in alerts(people["root"])}

    # Paged like every list: one at a time, newest first, each once.
    lead, seen, cursor = people["lead_v"], [], None
    while True:
        params: dict[str, Any] = {"state": "all", "limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = lead.get("/api/v1/supervisor/alerts", params=params).json()
        seen.extend(a["id"] for a in page["items"])
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == sorted({a["id"] for a in alerts(lead, limit=500)}, reverse=True)
    assert len(seen) >= 2
    bad = lead.get("/api/v1/supervisor/alerts", params={"cursor": "nope"})
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "bad_cursor")
