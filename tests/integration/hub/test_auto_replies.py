"""Automatic replies against the simulator: a greeting on a conversation's first message
inside business hours, an away reply outside them (a closed weekday, a holiday), a
template when the customer service window has closed, each once per conversation, also
when Meta redelivers the webhook; sent under ``hub:auto``, recorded in the chain, and
no response in the figures. SQLite, then PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hub_harness import RunningHub, running_hub, text_webhook, wait_for

from wa_desk.core.audit_chain import verify
from wa_desk.core.auto_replies import AUTOMATIC_SENDER
from wa_desk.core.business_hours import WEEKDAYS
from wa_desk.core.clock import now_ms
from wa_desk.core.guidelines import Guidelines
from wa_desk.hub.alert_loop import evaluate_once
from wa_desk.hub.auto_reply_sending import send_queued
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.ingest import ingest
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import audit_log
from wa_desk.hub.settings import policy_guidelines
from wa_desk.whatsapp.webhook_parser import parse_webhook

GREETING = "¡Hola! Gracias por escribirnos: enseguida te atiende una persona."
AWAY = "Ahora estamos cerrados. Te responderemos en cuanto abramos."
ALL_DAY = ["00:00-24:00"]


def _policy(**hours: Any) -> Guidelines:
    return policy_guidelines(
        {
            "sla": [{"queue": "*", "first_response": 900, "time_zone": "UTC", **hours}],
            "auto_replies": [
                {
                    "queue": "*",
                    "greeting": GREETING,
                    "away": AWAY,
                    "away_template": {"name": "bienvenida", "language": "es"},
                }
            ],
        }
    )


def _today(ts: int) -> tuple[str, str]:
    """The weekday key and the date of ``ts`` (UTC)."""
    day = datetime.fromtimestamp(ts, UTC)
    return WEEKDAYS[day.weekday()], day.date().isoformat()


def _open_every_day() -> Guidelines:
    return _policy(hours=dict.fromkeys(WEEKDAYS, ALL_DAY))


def _hub(db_url: str, guidelines: Guidelines) -> Iterator[RunningHub]:
    with running_hub(db_url, hub_settings={"guidelines": guidelines}) as running:
        yield running


@pytest.fixture
def open_hub(db_url: str) -> Iterator[RunningHub]:
    yield from _hub(db_url, _open_every_day())


def _messages(hub: RunningHub, wa_id: str) -> list[dict[str, Any]]:
    return hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT m.* FROM messages m JOIN conversations v ON v.id = m.conversation_id "
            "WHERE v.wa_id = ? ORDER BY m.timestamp, m.created_at",
            (wa_id,),
        )
    )


def _automatic(hub: RunningHub, wa_id: str) -> list[dict[str, Any]]:
    return [m for m in _messages(hub, wa_id) if m["sender"] == AUTOMATIC_SENDER]


def _accepted(hub: RunningHub, wa_id: str) -> list[dict[str, Any]]:
    """The automatic replies once WhatsApp has taken every one of them."""

    def done() -> list[dict[str, Any]] | None:
        rows = _automatic(hub, wa_id)
        return rows if rows and all(r["wamid"] for r in rows) else None

    found: list[dict[str, Any]] = wait_for(done)
    return found


def _settled(hub: RunningHub) -> None:
    """Every queued automatic reply handed to WhatsApp (the sends after the commits run
    in the background: this one waits for the queue to be empty)."""
    hub.run(send_queued(hub.ctx))
    wait_for(
        lambda: (
            hub.ctx.db.read_sync(lambda c: c.scalar("SELECT COUNT(*) FROM auto_reply_sends")) == 0
        )
    )


def _chain(hub: RunningHub) -> list[dict[str, Any]]:
    return hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 10_000)))


def _auto_facts(hub: RunningHub) -> list[dict[str, Any]]:
    return [e for e in _chain(hub) if e["kind"] == "message.auto_sent"]


def test_a_first_message_in_hours_is_greeted_once_also_when_meta_redelivers(
    open_hub: RunningHub,
) -> None:
    hub = open_hub
    wa_id = "34611300001"
    first = text_webhook("wamid.auto.1", wa_id, "Hola, una pregunta")
    hub.world.note_inbound("100000000000001", wa_id, hub.world.now_ms())
    assert hub.post_webhook(first).status_code == 200
    [greeting] = _accepted(hub, wa_id)
    assert (greeting["type"], greeting["text"], greeting["direction"]) == ("text", GREETING, "out")
    assert greeting["status"] in {"accepted", "sent", "delivered", "read"}

    assert hub.post_webhook(first).status_code == 200  # Meta redelivers the same update
    hub.customer_writes("wamid.auto.2", wa_id, "¿Seguís ahí?")  # a second message
    _settled(hub)
    assert [m["text"] for m in _automatic(hub, wa_id)] == [GREETING]
    sent = [r for r in hub.world.sent_to(wa_id) if r.type == "text"]
    assert [r.body["text"]["body"] for r in sent] == [GREETING]

    [fact] = _auto_facts(hub)
    assert fact["actor"] == AUTOMATIC_SENDER
    assert fact["data"]["kind"] == "greeting" and fact["data"]["message"] == greeting["id"]
    assert verify(_chain(hub)) == []


def test_the_greeting_is_announced_as_automatic_and_is_no_response(
    open_hub: RunningHub,
) -> None:
    hub = open_hub
    wa_id = "34611300002"
    hub.add_user("ana")
    hub.add_user("lead", "supervisor")
    ana = hub.login("ana")
    conv_id = hub.new_conversation(wa_id, seen_by="ana")
    [greeting] = _accepted(hub, wa_id)
    listed = ana.get(f"/api/v1/conversations/{conv_id}/messages").json()["items"]
    automatic = [m for m in listed if m["automatic"]]
    assert [m["id"] for m in automatic] == [greeting["id"]]
    assert automatic[0]["sender"] == AUTOMATIC_SENDER

    def conversation() -> dict[str, Any]:
        row: dict[str, Any] = hub.ctx.db.read_sync(
            lambda c: c.one("SELECT * FROM conversations WHERE id = ?", (conv_id,))
        )
        return row

    waiting = conversation()
    # The customer still waits for a person, and has not been answered: in the store, on
    # the wallboard and in the heat-maps' standing of the conversation.
    assert waiting["first_response_at"] is None
    assert waiting["waiting_since"] is not None and waiting["unread"] == 1
    lead = hub.login("lead")
    board = lead.get("/api/v1/supervisor/wallboard").json()
    [ventas] = [q for q in board["queues"] if q["queue"] == "ventas"]
    assert ventas["waiting"] == 1
    standing = hub.ctx.db.read_sync(
        lambda c: c.one(
            "SELECT answered, waiting_since FROM heatmap_conversations WHERE conversation_id = ?",
            (conv_id,),
        )
    )
    assert standing is not None and not standing["answered"]
    assert standing["waiting_since"] == waiting["waiting_since"]

    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    sent = ana.post(
        f"/api/v1/conversations/{conv_id}/messages", json={"type": "text", "text": "Hola, soy Ana"}
    )
    assert sent.status_code in (200, 201), sent.text
    human = sent.json()
    answered = conversation()
    replied_at = hub.ctx.db.read_sync(
        lambda c: c.scalar("SELECT timestamp FROM messages WHERE id = ?", (human["id"],))
    )
    assert answered["first_response_at"] == replied_at > greeting["timestamp"]
    assert answered["waiting_since"] is None

    # The figures: from the customer's message to Ana's reply, the greeting between them.
    first_in = waiting["waiting_since"]
    today = datetime.now(UTC).date()
    span = {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()}
    report = lead.get("/api/v1/supervisor/report.csv", params=span)
    assert report.status_code == 200, report.text
    [row] = [r for r in csv.DictReader(io.StringIO(report.text)) if r["id"] == conv_id]
    assert int(row["first_response_ms"]) == replied_at - first_in
    assert row["sends"] == "1"  # Ana's: the greeting is no one's send
    timeline = lead.get(f"/api/v1/supervisor/conversations/{conv_id}/timeline")
    assert timeline.status_code == 200, timeline.text
    assert timeline.json()["durations"]["first_response_ms"] == replied_at - first_in


@pytest.mark.parametrize("closed", ["weekday", "holiday"])
def test_a_message_out_of_hours_gets_the_away_reply_once(db_url: str, closed: str) -> None:
    ts = int(time.time())
    weekday, date = _today(ts)
    if closed == "weekday":  # today closed, every other day open
        policy = _policy(hours={d: ALL_DAY for d in WEEKDAYS if d != weekday})
    else:
        policy = _policy(hours=dict.fromkeys(WEEKDAYS, ALL_DAY), holidays=[date])
    for hub in _hub(db_url, policy):
        wa_id = "34611300003"
        hub.customer_writes("wamid.away.1", wa_id, "Hola", ts=ts)
        [away] = _accepted(hub, wa_id)
        assert (away["type"], away["text"]) == ("text", AWAY)
        hub.customer_writes("wamid.away.2", wa_id, "¿Hola?", ts=ts + 1)
        _settled(hub)
        assert [m["text"] for m in _automatic(hub, wa_id)] == [AWAY]
        assert [f["data"]["kind"] for f in _auto_facts(hub)] == ["away"]
        assert verify(_chain(hub)) == []


def test_a_stop_phrase_does_not_stop_the_service_replies(open_hub: RunningHub) -> None:
    hub = open_hub
    wa_id = "34611300004"
    hub.customer_writes("wamid.baja", wa_id, "BAJA")
    [greeting] = _accepted(hub, wa_id)
    assert greeting["text"] == GREETING
    opted = hub.ctx.db.read_sync(
        lambda c: c.scalar("SELECT marketing_opt_out_at FROM contacts WHERE wa_id = ?", (wa_id,))
    )
    assert opted is not None


def test_an_away_delivery_after_the_window_closed_sends_the_template(db_url: str) -> None:
    """Meta delivering, after an outage, a message two days old: free text may no longer
    go, so the away reply is the approved template."""
    two_days_ago = int(time.time()) - 48 * 3600
    weekday, _ = _today(two_days_ago)
    policy = _policy(hours={d: ALL_DAY for d in WEEKDAYS if d != weekday})
    for hub in _hub(db_url, policy):
        wa_id = "34611300005"
        old = text_webhook("wamid.late", wa_id, "Hola", ts=two_days_ago)
        assert hub.post_webhook(old).status_code == 200
        [away] = _accepted(hub, wa_id)
        assert (away["type"], away["template_name"]) == ("template", "bienvenida")
        [sent] = [r for r in hub.world.sent_to(wa_id) if r.type == "template"]
        assert sent.body["template"]["name"] == "bienvenida"


def test_a_reply_decided_but_not_sent_goes_once_from_the_queue(open_hub: RunningHub) -> None:
    """A replica that stopped right after the webhook's commit: the decision is stored
    with the queued send, and the queue's sweep (any replica) sends it exactly once."""
    hub = open_hub
    wa_id = "34611300006"
    hub.world.note_inbound("100000000000001", wa_id, hub.world.now_ms())
    parsed = parse_webhook(text_webhook("wamid.crash", wa_id, "Hola"))
    guidelines = hub.ctx.settings.guidelines
    now = now_ms()

    def store(conn: Conn) -> Outcome[None]:
        events = ingest(
            conn, parsed, hub.ctx.settings.queue_for, now, guidelines.alerts,
            guidelines.opt_out, guidelines,
        )  # fmt: skip
        return Outcome(None, events)

    hub.run(hub.ctx.write(store))  # stored as a delivery is, with no send after it
    [queued] = _automatic(hub, wa_id)
    assert queued["status"] in {"pending", "accepted", "sent", "delivered", "read"}

    async def two_sweeps_at_once() -> list[int]:  # as two replicas would, racing
        return list(await asyncio.gather(send_queued(hub.ctx), send_queued(hub.ctx)))

    assert sum(hub.run(two_sweeps_at_once())) <= 1  # the loop's own sweep may come first
    _settled(hub)
    hub.run(send_queued(hub.ctx))  # a second sweep finds nothing left to send
    [sent] = _accepted(hub, wa_id)
    assert sent["id"] == queued["id"]
    assert [r.body["text"]["body"] for r in hub.world.sent_to(wa_id)] == [GREETING]
    # Meta redelivering the delivery now decides nothing more.
    assert hub.post_webhook(text_webhook("wamid.crash", wa_id, "Hola")).status_code == 200
    _settled(hub)
    assert len(_automatic(hub, wa_id)) == 1
    assert verify(_chain(hub)) == []


def test_customer_messages_after_the_greeting_still_raise_the_unanswered_alert(
    db_url: str,
) -> None:
    raw = {
        "sla": [{"queue": "*", "first_response": 900}],
        "auto_replies": [{"queue": "*", "greeting": GREETING}],
        "alerts": {"unanswered_in_a_row": 3},
    }
    settings = {"guidelines": policy_guidelines(raw), "alert_interval_seconds": 3600}
    with running_hub(db_url, hub_settings=settings) as hub:
        hub.add_user("lead", "supervisor", ("ventas",))
        lead = hub.login("lead")
        wa_id = "34611300007"
        for i in (1, 2, 3):
            hub.customer_writes(f"wamid.streak.{i}", wa_id, f"¿Hola? {i}")
        _accepted(hub, wa_id)
        hub.run(evaluate_once(hub.ctx, now_ms()))
        found = lead.get("/api/v1/supervisor/alerts", params={"state": "all"}).json()["items"]
        [streak] = [a for a in found if a["kind"] == "unanswered_streak"]
        assert streak["details"]["messages"] == 3
