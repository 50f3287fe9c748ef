"""The satisfaction survey after a close, against the simulator: sent once as a list
message the simulated Graph API validates, answered through the simulator's customer,
stored on the closed conversation without reopening it, a low rating raising an alert.
SQLite, then PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from hub_harness import SALES, RunningHub, running_hub, text_webhook, wait_for

from wa_desk.core.audit_chain import verify
from wa_desk.core.clock import now_ms
from wa_desk.core.csat import SURVEY_SENDER, row_id
from wa_desk.hub import actions
from wa_desk.hub.csat_sending import send_queued_survey
from wa_desk.hub.csat_survey import unsent_surveys
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import audit_log, users
from wa_desk.hub.settings import policy_guidelines

RESOLVED = {"disposition": "resolved"}
POLICY = policy_guidelines(
    {
        "csat": [
            {"queue": "*", "alert_below": 2},
            {"queue": "soporte", "enabled": False},
        ]
    }
)


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    with running_hub(db_url, hub_settings={"guidelines": POLICY}) as running:
        yield running


def _chain(hub: RunningHub) -> list[dict[str, Any]]:
    return hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 10_000)))


def _facts(hub: RunningHub, kind: str) -> list[dict[str, Any]]:
    return [e for e in _chain(hub) if e["kind"] == kind]


def _sim(hub: RunningHub) -> httpx.Client:
    client = httpx.Client(base_url=hub.ctx.settings.graph_url, timeout=10)
    hub.clients.append(client)
    return client


def _surveys_sent(hub: RunningHub, wa_id: str) -> list[dict[str, Any]]:
    items = _sim(hub).get("/_sim/sent", params={"to": wa_id, "type": "interactive"}).json()
    return list(items["items"])


def _closed(hub: RunningHub, wa_id: str) -> tuple[httpx.Client, str]:
    hub.add_user("ana")
    ana = hub.login("ana")
    conv_id = hub.new_conversation(wa_id, seen_by="ana")
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    closed = ana.post(f"/api/v1/conversations/{conv_id}/close", json={"disposition": "resolved"})
    assert closed.status_code == 200, closed.text
    return ana, conv_id


def _conversation(hub: RunningHub, conv_id: str) -> dict[str, Any]:
    row = hub.run(
        hub.ctx.db.read(lambda c: c.one("SELECT * FROM conversations WHERE id = ?", (conv_id,)))
    )
    assert row is not None
    return row


def _answer(hub: RunningHub, wa_id: str, survey_wamid: str, rating: int) -> str:
    body = {
        "type": "list_reply",
        "text": f"{rating} – Nota",
        "context": survey_wamid,
        "choice_id": row_id(rating),
        "wait": True,
    }
    sent = _sim(hub).post(f"/_sim/customers/{wa_id}/messages", json=body)
    assert sent.status_code == 200 and sent.json()["delivered"], sent.text
    return str(sent.json()["wamid"])


def test_a_close_sends_one_survey_that_the_graph_api_accepts(hub: RunningHub) -> None:
    wa_id = "34611300001"
    ana, conv_id = _closed(hub, wa_id)
    [sent] = _surveys_sent(hub, wa_id)
    interactive = sent["body"]["interactive"]
    assert interactive["type"] == "list"
    rows = interactive["action"]["sections"][0]["rows"]
    assert [r["id"] for r in rows] == [row_id(r) for r in range(1, 6)]
    assert rows[4]["title"] == "5 – Excelente"
    [fact] = _facts(hub, "csat.sent")
    assert fact["conversation"] == conv_id and fact["data"]["wamid"] == sent["wamid"]
    assert fact["data"]["agent"] == hub.user_ids["ana"] and fact["data"]["queue"] == "ventas"
    row = _conversation(hub, conv_id)
    assert row["csat_sent_at"] is not None and row["csat_rating"] is None
    # The survey is in the conversation, from no user: no human reply.
    messages = ana.get(f"/api/v1/conversations/{conv_id}/messages").json()["items"]
    [survey] = [m for m in messages if m["type"] == "interactive"]
    assert survey["sender"] == SURVEY_SENDER and survey["wamid"] == sent["wamid"]
    # A second attempt (a retried request, another replica, the sweep) sends nothing.
    hub.run(send_queued_survey(hub.ctx, conv_id))
    assert hub.run(hub.ctx.db.read(unsent_surveys)) == []
    assert len(_surveys_sent(hub, wa_id)) == 1
    assert verify(_chain(hub)) == []


def test_the_answer_is_stored_on_the_closed_conversation_once(hub: RunningHub) -> None:
    wa_id = "34611300002"
    ana, conv_id = _closed(hub, wa_id)
    [sent] = _surveys_sent(hub, wa_id)
    answer = _answer(hub, wa_id, sent["wamid"], 4)
    row = wait_for(lambda: (r := _conversation(hub, conv_id))["csat_rating"] is not None and r)
    assert row["csat_rating"] == 4 and row["state"] == "closed"
    [fact] = _facts(hub, "csat.answered")
    assert fact["data"]["rating"] == 4 and fact["data"]["answer_wamid"] == answer
    # No new conversation, no reopen, no customer message counted.
    listed = ana.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
    assert [c["id"] for c in listed] == [conv_id]
    assert listed[0]["state"] == "closed" and listed[0]["unread"] == 0
    assert _facts(hub, "conversation.reopened") == []
    assert len(_facts(hub, "message.received")) == 1  # the "Hola" only
    # Meta redelivers the answer, and the customer picks another row: stored once.
    again = text_webhook(answer, wa_id, "", context=sent["wamid"])
    message = again["entry"][0]["changes"][0]["value"]["messages"][0]
    del message["text"]
    message.update(
        type="interactive",
        interactive={"type": "list_reply", "list_reply": {"id": row_id(4), "title": "4"}},
    )
    assert hub.post_webhook(again).status_code == 200
    _answer(hub, wa_id, sent["wamid"], 1)
    assert len(_facts(hub, "csat.answered")) == 1
    assert _conversation(hub, conv_id)["csat_rating"] == 4
    assert verify(_chain(hub)) == []


def test_a_low_rating_raises_an_alert_naming_the_agent(hub: RunningHub) -> None:
    wa_id = "34611300003"
    _closed(hub, wa_id)
    conv_id = _conversation_of(hub, wa_id)
    hub.add_user("lucia", "supervisor", ("ventas",))
    lead = hub.login("lucia")
    [sent] = _surveys_sent(hub, wa_id)
    _answer(hub, wa_id, sent["wamid"], 2)

    def low() -> list[dict[str, Any]]:
        items = lead.get("/api/v1/supervisor/alerts").json()["items"]
        return [a for a in items if a["kind"] == "low_csat"]

    [alert] = wait_for(low)
    assert alert["subject"] == conv_id
    details = alert["details"]
    assert details["rating"] == 2 and details["user"] == hub.user_ids["ana"]
    assert details["user_name"] == "ana" and details["conversation_id"] == conv_id
    # The supervisor's timeline of the conversation shows the survey and its rating.
    timeline = lead.get(f"/api/v1/supervisor/conversations/{conv_id}/timeline").json()
    assert timeline["conversation"]["csat"]["rating"] == 2
    assert timeline["conversation"]["csat"]["agent"] == hub.user_ids["ana"]
    kinds = [i.get("kind") for i in timeline["items"]]
    assert kinds.index("conversation.closed") < kinds.index("csat.sent")
    assert kinds.index("csat.sent") < kinds.index("csat.answered")
    [survey] = [i for i in timeline["items"] if i.get("type") == "interactive"]
    assert survey["sender"]["id"] == SURVEY_SENDER


def test_a_good_rating_raises_no_alert(hub: RunningHub) -> None:
    wa_id = "34611300004"
    _closed(hub, wa_id)
    hub.add_user("lucia", "supervisor", ("ventas",))
    lead = hub.login("lucia")
    [sent] = _surveys_sent(hub, wa_id)
    _answer(hub, wa_id, sent["wamid"], 3)
    wait_for(lambda: _facts(hub, "csat.answered"))
    items = lead.get("/api/v1/supervisor/alerts").json()["items"]
    assert [a for a in items if a["kind"] == "low_csat"] == []


def _conversation_of(hub: RunningHub, wa_id: str) -> str:
    found = hub.run(
        hub.ctx.db.read(
            lambda c: c.scalar("SELECT id FROM conversations WHERE wa_id = ?", (wa_id,))
        )
    )
    return str(found)


def test_no_survey_once_the_window_has_closed(hub: RunningHub) -> None:
    wa_id = "34611300005"
    hub.add_user("ana")
    ana = hub.login("ana")
    hub.customer_wrote_outside_the_window("wamid.old", wa_id, "Hola")
    conv_id = wait_for(
        lambda: _conversation_of(hub, wa_id) != "None" and _conversation_of(hub, wa_id)
    )
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    closed = ana.post(f"/api/v1/conversations/{conv_id}/close", json={"disposition": "resolved"})
    assert closed.status_code == 200, closed.text
    assert _surveys_sent(hub, wa_id) == []
    assert _conversation(hub, conv_id)["csat_message_id"] is None
    assert _facts(hub, "csat.sent") == []


def test_no_survey_in_a_queue_that_does_not_send_it(hub: RunningHub) -> None:
    wa_id = "34611300006"
    hub.add_user("carla", queues=("soporte",))
    carla = hub.login("carla")
    hub.customer_writes("wamid.support", wa_id, "Hola", phone_number_id=_support(hub))
    conv_id = wait_for(
        lambda: _conversation_of(hub, wa_id) != "None" and _conversation_of(hub, wa_id)
    )
    assert carla.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    closed = carla.post(f"/api/v1/conversations/{conv_id}/close", json={"disposition": "resolved"})
    assert closed.status_code == 200, closed.text
    assert _surveys_sent(hub, wa_id) == []
    assert _facts(hub, "csat.sent") == []


def _support(hub: RunningHub) -> str:
    [queue] = [q for q in hub.ctx.settings.queues if q.name == "soporte"]
    number = queue.phone_number_ids[0]
    assert number != SALES
    return number


def _range() -> dict[str, str]:
    today = datetime.now(UTC).date()
    return {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()}


def test_the_report_and_my_figures_give_csat_per_agent_and_queue(hub: RunningHub) -> None:
    # ana closes three (rated 5 and 2, one unanswered); bruno closes one (rated 4).
    hub.add_user("ana")
    hub.add_user("bruno")
    hub.add_user("lucia", "supervisor", ("ventas",))
    ana, bruno, lead = hub.login("ana"), hub.login("bruno"), hub.login("lucia")
    plan = [("34611300101", ana, 5), ("34611300102", ana, 2), ("34611300103", ana, None)]
    plan.append(("34611300104", bruno, 4))
    for wa_id, agent, rating in plan:
        conv_id = hub.new_conversation(wa_id, seen_by="lucia")
        assert agent.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
        close = agent.post(f"/api/v1/conversations/{conv_id}/close", json=RESOLVED)
        assert close.status_code == 200, close.text
        if rating is not None:
            [sent] = _surveys_sent(hub, wa_id)
            _answer(hub, wa_id, sent["wamid"], rating)
    wait_for(lambda: len(_facts(hub, "csat.answered")) == 3)
    report = lead.get("/api/v1/supervisor/report", params={**_range(), "group": "agent"})
    by_agent = {g["name"]: g for g in report.json()["groups"]}
    # ana: 3 surveys, 2 responses (5, 2): CSAT % = 100 × 1 ÷ 2, average 3.5, 66.7 % answered.
    assert {k: v for k, v in by_agent["ana"].items() if k.startswith("csat_")} == {
        "csat_surveys": 3,
        "csat_responses": 2,
        "csat_percent": 50.0,
        "csat_average_rating": 3.5,
        "csat_response_percent": 66.7,
    }
    assert by_agent["bruno"]["csat_percent"] == 100.0
    assert by_agent["bruno"]["csat_surveys"] == 1
    queue = lead.get("/api/v1/supervisor/report", params={**_range(), "group": "queue"})
    [ventas] = queue.json()["groups"]
    assert (ventas["csat_surveys"], ventas["csat_responses"]) == (4, 3)
    assert (ventas["csat_percent"], ventas["csat_average_rating"]) == (66.7, 3.67)
    mine = ana.get("/api/v1/me/stats", params=_range()).json()["figures"]
    assert mine["csat_percent"] == 50.0 and mine["csat_surveys"] == 3
    rows = lead.get("/api/v1/supervisor/report.csv", params=_range()).text
    ratings = sorted(r["csat_rating"] for r in csv.DictReader(io.StringIO(rows)))
    assert ratings == ["", "2", "4", "5"]
    # Each survey is a send WhatsApp accepted, and no one's: no row counts a send.
    assert len(_facts(hub, "message.sent")) == 4
    assert [r["sends"] for r in csv.DictReader(io.StringIO(rows))] == ["0"] * 4
    # The surveys changed no response figure: nobody answered a customer by hand.
    assert ventas["first_response_median_ms"] is None


def test_a_survey_left_queued_by_a_stopped_hub_is_sent_once_by_racing_senders(
    hub: RunningHub,
) -> None:
    """A close committed by a hub that stopped before sending: the survey waits in the
    store; the sweep and another replica racing for it send it exactly once."""
    wa_id = "34611300201"
    hub.add_user("ana")
    hub.login("ana")
    conv_id = hub.new_conversation(wa_id, seen_by="ana")
    ana = hub.run(hub.ctx.db.read(lambda c: users.get_user(c, hub.user_ids["ana"])))
    assert ana is not None
    guidelines = hub.ctx.settings.guidelines

    def claim_and_close(c: Conn) -> Outcome[None]:
        actions.claim(c, ana, conv_id, now_ms())
        actions.close(c, ana, conv_id, actions.Closing("resolved"), guidelines, now_ms())
        return Outcome(None)

    hub.run(hub.ctx.write(claim_and_close))  # committed, never sent
    assert hub.run(hub.ctx.db.read(unsent_surveys)) == [conv_id]
    assert _surveys_sent(hub, wa_id) == []

    async def race() -> None:
        await asyncio.gather(*(send_queued_survey(hub.ctx, conv_id) for _ in range(3)))

    hub.run(race())
    assert len(_surveys_sent(hub, wa_id)) == 1
    assert len(_facts(hub, "csat.sent")) == 1
    assert hub.run(hub.ctx.db.read(unsent_surveys)) == []
