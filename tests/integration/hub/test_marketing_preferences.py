"""A customer stops or resumes marketing messages in WhatsApp's own settings: Meta's
``user_preferences`` webhook (sent by the simulator as Meta sends it) opts them out or
back in at once, recorded in the hub's chain and announced; a redelivery changes
nothing, an older preference does not undo a newer change, other values change nothing,
and a customer the hub has not met is flagged before they write. SQLite, then PostgreSQL.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import SALES, WABA, RunningHub

from wa_desk.core.audit_chain import verify
from wa_desk.core.clock import to_rfc3339
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.queries import audit_log, stream_log
from wa_desk.hub.template_sync import sync_templates

MARKETING = {"type": "template", "template": "encuesta_satisfaccion", "language": "es"}


def _chain(hub: RunningHub) -> list[dict[str, Any]]:
    return hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 10_000)))


def _facts(hub: RunningHub, kind: str) -> list[dict[str, Any]]:
    return [e for e in _chain(hub) if e["kind"] == kind]


def _announced(hub: RunningHub) -> list[dict[str, Any]]:
    events = hub.run(hub.ctx.db.read(lambda c: stream_log.since(c, 0)))
    return [
        orjson.loads(e.data) for e in events if e.kind == StreamEventKind.CONTACT_OPT_OUT_CHANGED
    ]


def _stream_length(hub: RunningHub) -> int:
    return len(hub.run(hub.ctx.db.read(lambda c: stream_log.since(c, 0))))


def _claimed(hub: RunningHub, wa_id: str) -> tuple[httpx.Client, str]:
    hub.add_user("ana")
    ana = hub.login("ana")
    conv_id = hub.new_conversation(wa_id, seen_by="ana")
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    assert hub.run(sync_templates(hub.ctx)) > 0  # the hub knows each template's category
    return ana, conv_id


def _opt_out(ana: httpx.Client, conv_id: str) -> dict[str, Any] | None:
    conversation = ana.get(f"/api/v1/conversations/{conv_id}").json()
    found: dict[str, Any] | None = conversation["contact"]["marketing_opt_out"]
    return found


def _in_settings(hub: RunningHub, wa_id: str, stopped: bool) -> dict[str, Any]:
    """The customer flips "stop marketing" for the business in WhatsApp (the simulator),
    and its webhook reaches the hub: the body Meta sent."""
    answer = httpx.post(
        f"{hub.ctx.settings.graph_url}/_sim/customers/{wa_id}/marketing",
        json={"stopped": stopped, "phone_number_id": SALES, "wait": True},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["delivered"] is True
    body: dict[str, Any] = hub.world.webhooks[-1]
    [change] = body["entry"][0]["changes"]
    assert change["field"] == "user_preferences"
    return body


def _preference(wa_id: str, value: str, at_s: int) -> dict[str, Any]:
    """A user_preferences delivery as Meta's reference documents it."""
    preference = {
        "wa_id": wa_id,
        "detail": f"User requested to {value} marketing messages",
        "category": "marketing_messages",
        "value": value,
        "timestamp": at_s,
    }
    value_object = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "34600000001", "phone_number_id": SALES},
        "contacts": [{"profile": {"name": "Marta Gil"}, "wa_id": wa_id}],
        "user_preferences": [preference],
    }
    change = {"field": "user_preferences", "value": value_object}
    return {"object": "whatsapp_business_account", "entry": [{"id": WABA, "changes": [change]}]}


def _send_marketing(ana: httpx.Client, conv_id: str, key: str) -> httpx.Response:
    return ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json=MARKETING,
        headers={"Idempotency-Key": key},
    )


def test_stop_then_resume_in_whatsapps_settings(hub: RunningHub) -> None:
    wa_id = "34611300001"
    ana, conv_id = _claimed(hub, wa_id)
    body = _in_settings(hub, wa_id, stopped=True)
    stopped_at = body["entry"][0]["changes"][0]["value"]["user_preferences"][0]["timestamp"]

    flag = _opt_out(ana, conv_id)
    assert flag == {
        "at": to_rfc3339(stopped_at * 1000),  # when the customer stopped, not when told
        "source": "whatsapp_settings",
        "phone_number_id": SALES,
    }
    [fact] = _facts(hub, "contact.opted_out")
    assert fact["actor"] == "hub" and fact["conversation"] is None
    assert fact["data"] == {"wa_id": wa_id, "source": "whatsapp_settings", "phone_number_id": SALES}
    assert _announced(hub) == [{"wa_id": wa_id, "marketing_opt_out": flag}]
    # The hub refuses marketing before WhatsApp is asked: no 131050 needed.
    sent_before = list(hub.world.sent_to(wa_id))
    refused = _send_marketing(ana, conv_id, "m1")
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "opted_out"
    assert list(hub.world.sent_to(wa_id)) == sent_before

    _in_settings(hub, wa_id, stopped=False)
    assert _opt_out(ana, conv_id) is None
    [opted_in] = _facts(hub, "contact.opted_in")
    assert opted_in["data"] == {
        "wa_id": wa_id,
        "source": "whatsapp_settings",
        "phone_number_id": SALES,
    }
    assert [a["marketing_opt_out"] is None for a in _announced(hub)] == [False, True]
    sent = _send_marketing(ana, conv_id, "m2")
    assert sent.status_code == 201, sent.text
    assert verify(_chain(hub)) == []


def test_a_redelivered_preference_changes_nothing_and_records_nothing(hub: RunningHub) -> None:
    wa_id = "34611300002"
    ana, conv_id = _claimed(hub, wa_id)
    body = _in_settings(hub, wa_id, stopped=True)
    flag = _opt_out(ana, conv_id)
    chain, stream = len(_chain(hub)), _stream_length(hub)
    for _ in range(2):  # Meta retries a delivery it thinks was not taken
        assert hub.post_webhook(body).status_code == 200
    assert _opt_out(ana, conv_id) == flag
    assert (len(_chain(hub)), _stream_length(hub)) == (chain, stream)
    assert verify(_chain(hub)) == []


def test_an_older_preference_does_not_undo_a_newer_stop_phrase(hub: RunningHub) -> None:
    wa_id = "34611300003"
    ana, conv_id = _claimed(hub, wa_id)
    hub.customer_writes("wamid.baja", wa_id, "BAJA")
    flag = _opt_out(ana, conv_id)
    assert flag is not None and flag["source"] == "keyword"
    # A resume from WhatsApp's settings a minute before the BAJA, told only now.
    older = _preference(wa_id, "resume", int(time.time()) - 60)
    assert hub.post_webhook(older).status_code == 200
    assert _opt_out(ana, conv_id) == flag
    assert _facts(hub, "contact.opted_in") == [] and len(_announced(hub)) == 1


def test_a_resume_retried_after_a_newer_stop_does_not_undo_it(hub: RunningHub) -> None:
    wa_id = "34611300009"
    ana, conv_id = _claimed(hub, wa_id)
    now_s = int(time.time())
    assert hub.post_webhook(_preference(wa_id, "stop", now_s - 120)).status_code == 200
    flag = _opt_out(ana, conv_id)
    assert flag is not None and flag["at"] == to_rfc3339((now_s - 120) * 1000)
    # In WhatsApp: resume (its delivery fails at first), then stop again, which finds
    # the customer out already and changes nothing; Meta then retries the resume.
    assert hub.post_webhook(_preference(wa_id, "stop", now_s - 30)).status_code == 200
    assert _opt_out(ana, conv_id) == flag  # the first reason stays
    assert hub.post_webhook(_preference(wa_id, "resume", now_s - 60)).status_code == 200
    assert _opt_out(ana, conv_id) == flag
    assert _facts(hub, "contact.opted_in") == [] and len(_facts(hub, "contact.opted_out")) == 1


def test_an_older_stop_does_not_undo_an_agents_later_opt_in(hub: RunningHub) -> None:
    wa_id = "34611300004"
    ana, conv_id = _claimed(hub, wa_id)
    stop = _in_settings(hub, wa_id, stopped=True)
    assert _opt_out(ana, conv_id) is not None
    # The customer asks an agent on the phone; the agent allows marketing again.
    back = ana.put(f"/api/v1/contacts/{wa_id}/marketing", json={"opted_out": False})
    assert back.status_code == 200 and back.json()["marketing_opt_out"] is None
    # Meta redelivers the stop, older than the agent's action: the agent's stands.
    assert hub.post_webhook(stop).status_code == 200
    assert _opt_out(ana, conv_id) is None
    assert len(_facts(hub, "contact.opted_out")) == 1
    assert [f["data"]["source"] for f in _facts(hub, "contact.opted_in")] == ["user"]
    # A stop newer than the agent's action still applies.
    newer = _preference(wa_id, "stop", int(time.time()) + 1)
    assert hub.post_webhook(newer).status_code == 200
    flag = _opt_out(ana, conv_id)
    assert flag is not None and flag["source"] == "whatsapp_settings"
    assert verify(_chain(hub)) == []


@pytest.mark.parametrize(
    "item",
    [
        {"value": "signup", "signup_id": "13176843987434774"},
        {"value": "interested"},
        {"category": "offers_and_announcements", "value": "stop"},
    ],
)
def test_other_values_and_categories_are_taken_and_change_nothing(
    hub: RunningHub, item: dict[str, Any]
) -> None:
    wa_id = "34611300005"
    ana, conv_id = _claimed(hub, wa_id)
    chain, stream = len(_chain(hub)), _stream_length(hub)
    body = _preference(wa_id, "stop", int(time.time()))
    body["entry"][0]["changes"][0]["value"]["user_preferences"][0].update(item)
    assert hub.post_webhook(body).status_code == 200
    assert _opt_out(ana, conv_id) is None
    assert (len(_chain(hub)), _stream_length(hub)) == (chain, stream)
    unreadable = hub.run(
        hub.ctx.db.read(lambda c: c.scalar("SELECT COUNT(*) FROM unreadable_updates"))
    )
    assert unreadable == 0


def test_a_customer_the_hub_has_not_met_is_flagged_before_they_write(hub: RunningHub) -> None:
    wa_id = "34611300006"
    stopped_at = int(time.time()) - 3600
    assert hub.post_webhook(_preference(wa_id, "stop", stopped_at)).status_code == 200
    [fact] = _facts(hub, "contact.opted_out")
    assert fact["data"]["wa_id"] == wa_id and fact["conversation"] is None
    assert _announced(hub) == []  # no conversation yet: no queue to tell
    ana, conv_id = _claimed(hub, wa_id)  # now they write "Hola"
    conversation = ana.get(f"/api/v1/conversations/{conv_id}").json()
    assert conversation["contact"]["marketing_opt_out"] == {
        "at": to_rfc3339(stopped_at * 1000),
        "source": "whatsapp_settings",
        "phone_number_id": SALES,
    }
    refused = _send_marketing(ana, conv_id, "m1")
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "opted_out"


def test_a_preference_that_names_no_customer_is_kept_for_an_operator(hub: RunningHub) -> None:
    body = _preference("34611300007", "stop", int(time.time()))
    del body["entry"][0]["changes"][0]["value"]["user_preferences"][0]["wa_id"]
    assert hub.post_webhook(body).status_code == 200
    rows = hub.run(
        hub.ctx.db.read(lambda c: c.all("SELECT reason, fragment FROM unreadable_updates"))
    )
    assert [r["reason"] for r in rows] == ["a user preference names no customer (no wa_id)"]
    assert orjson.loads(rows[0]["fragment"])["value"] == "stop"
    assert _facts(hub, "contact.opted_out") == []


def test_a_preference_without_a_timestamp_applies_as_of_its_arrival(hub: RunningHub) -> None:
    wa_id = "34611300008"
    ana, conv_id = _claimed(hub, wa_id)
    body = _preference(wa_id, "stop", 0)
    del body["entry"][0]["changes"][0]["value"]["user_preferences"][0]["timestamp"]
    before = int(time.time() * 1000)
    assert hub.post_webhook(body).status_code == 200
    flag = _opt_out(ana, conv_id)
    assert flag is not None and flag["source"] == "whatsapp_settings"
    assert flag["at"] >= to_rfc3339(before)
