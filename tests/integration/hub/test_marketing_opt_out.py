"""A customer stops marketing messages (a stop phrase, or WhatsApp's error 131050 from the
simulator): the hub flags the contact, records it in its chain, announces it, and
refuses marketing templates to them before WhatsApp is asked, while utility templates
and free text still go; a start phrase resumes marketing. SQLite, then PostgreSQL.
WhatsApp's own settings (the user_preferences webhook): test_marketing_preferences.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import SALES, RunningHub, running_hub, status_webhook, wait_for

from wa_desk.core.audit_chain import verify
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.queries import audit_log, stream_log
from wa_desk.hub.template_sync import sync_templates

MARKETING = {"type": "template", "template": "encuesta_satisfaccion", "language": "es"}
UTILITY = {"type": "template", "template": "bienvenida", "language": "es"}


def _chain(hub: RunningHub) -> list[dict[str, Any]]:
    return hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 10_000)))


def _facts(hub: RunningHub, kind: str) -> list[dict[str, Any]]:
    return [e for e in _chain(hub) if e["kind"] == kind]


def _announced(hub: RunningHub) -> list[dict[str, Any]]:
    events = hub.run(hub.ctx.db.read(lambda c: stream_log.since(c, 0)))
    return [
        orjson.loads(e.data) for e in events if e.kind == StreamEventKind.CONTACT_OPT_OUT_CHANGED
    ]


def _claimed(hub: RunningHub, wa_id: str) -> tuple[httpx.Client, str]:
    hub.add_user("ana")
    ana = hub.login("ana")
    conv_id = hub.new_conversation(wa_id, seen_by="ana")
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    assert hub.run(sync_templates(hub.ctx)) > 0  # the hub knows each template's category
    return ana, conv_id


def _opt_out(ana: httpx.Client, conv_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = ana.get(f"/api/v1/conversations/{conv_id}").json()["contact"][
        "marketing_opt_out"
    ]
    return found


@pytest.mark.parametrize(
    "text",
    [
        "BAJA",
        "  baja. ",
        "Bája",
        "No quiero  MÁS mensajes!",
        "no quiero mas mensajes",
        "STOP",
        "stop",
        "Não quero mais mensagens",
        "SAIR",
    ],
)
def test_a_stop_phrase_in_any_case_accent_or_spacing_opts_the_customer_out(
    hub: RunningHub, text: str
) -> None:
    wa_id = "34611200001"
    ana, conv_id = _claimed(hub, wa_id)
    assert _opt_out(ana, conv_id) is None
    hub.customer_writes("wamid.stop", wa_id, text)
    flag = _opt_out(ana, conv_id)
    assert flag is not None and flag["source"] == "keyword"
    assert flag["at"].endswith("Z") and flag["message"]
    [fact] = _facts(hub, "contact.opted_out")
    assert fact["data"]["wa_id"] == wa_id and fact["data"]["source"] == "keyword"
    assert fact["conversation"] == conv_id and fact["actor"] == "hub"
    [announced] = _announced(hub)
    assert announced == {"wa_id": wa_id, "marketing_opt_out": flag}
    assert verify(_chain(hub)) == []


@pytest.mark.parametrize(
    "text",
    ["bajar", "quiero darme de baja del gimnasio", "no pares", "stopped", "STOP 2", "baja?!1"],
)
def test_similar_words_or_a_phrase_inside_a_sentence_do_not(hub: RunningHub, text: str) -> None:
    wa_id = "34611200002"
    ana, conv_id = _claimed(hub, wa_id)
    hub.customer_writes("wamid.similar", wa_id, text)
    assert _opt_out(ana, conv_id) is None
    assert _facts(hub, "contact.opted_out") == [] and _announced(hub) == []


def test_marketing_is_refused_before_whatsapp_and_the_rest_still_goes(hub: RunningHub) -> None:
    wa_id = "34611200003"
    ana, conv_id = _claimed(hub, wa_id)
    hub.customer_writes("wamid.stop", wa_id, "BAJA")
    sent_before = list(hub.world.sent_to(wa_id))
    url = f"/api/v1/conversations/{conv_id}/messages"

    refused = ana.post(url, json=MARKETING, headers={"Idempotency-Key": "m1"})
    assert refused.status_code == 422, refused.text
    error = refused.json()["error"]
    assert error["code"] == "opted_out" and "encuesta_satisfaccion" in error["message"]
    assert list(hub.world.sent_to(wa_id)) == sent_before  # WhatsApp was never asked

    utility = ana.post(url, json=UTILITY, headers={"Idempotency-Key": "u1"})
    assert utility.status_code == 201, utility.text
    text = ana.post(
        url, json={"type": "text", "text": "¡Hecho!"}, headers={"Idempotency-Key": "t1"}
    )
    assert text.status_code == 201, text.text
    assert [r.type for r in hub.world.sent_to(wa_id)][len(sent_before) :] == ["template", "text"]


def test_error_131050_from_whatsapp_opts_the_customer_out(hub: RunningHub) -> None:
    wa_id = "34611200004"
    ana, conv_id = _claimed(hub, wa_id)
    # The customer stopped marketing in WhatsApp before the business took Meta's
    # user_preferences webhook: the hub was never told...
    hub.world.customer(wa_id).marketing_stopped.add(SALES)
    sent = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json=MARKETING,
        headers={"Idempotency-Key": "1"},
    )
    assert sent.status_code == 201, sent.text  # ...until WhatsApp fails the send by webhook
    message_id = sent.json()["id"]
    flag = wait_for(lambda: _opt_out(ana, conv_id))
    assert flag["source"] == "whatsapp_error" and flag["code"] == 131050
    assert flag["message"] == message_id
    listed = ana.get(f"/api/v1/conversations/{conv_id}/messages").json()["items"]
    [failed] = [m for m in listed if m["id"] == message_id]
    assert failed["status"] == "failed" and failed["error"]["code"] == 131050
    [fact] = _facts(hub, "contact.opted_out")
    assert fact["data"] == {
        "wa_id": wa_id,
        "source": "whatsapp_error",
        "code": 131050,
        "message": message_id,
    }
    # Meta redelivers the failed status: the customer was out already, nothing new.
    redelivered = status_webhook(failed["wamid"], wa_id, "failed", error=(131050, "User stopped"))
    assert hub.post_webhook(redelivered).status_code == 200
    assert len(_facts(hub, "contact.opted_out")) == 1
    assert verify(_chain(hub)) == []


def test_a_start_phrase_opts_back_in_and_marketing_goes_again(hub: RunningHub) -> None:
    wa_id = "34611200005"
    ana, conv_id = _claimed(hub, wa_id)
    hub.customer_writes("wamid.stop", wa_id, "stop")
    hub.customer_writes("wamid.stop2", wa_id, "BAJA")  # out already: nothing new
    assert _opt_out(ana, conv_id) is not None
    hub.customer_writes("wamid.start", wa_id, "Quiero recibir mensajes")
    assert _opt_out(ana, conv_id) is None
    [opted_in] = _facts(hub, "contact.opted_in")
    assert opted_in["data"]["source"] == "keyword"
    assert opted_in["data"]["keyword"] == "quiero recibir mensajes"
    assert len(_facts(hub, "contact.opted_out")) == 1
    assert [a["marketing_opt_out"] is None for a in _announced(hub)] == [False, True]
    sent = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json=MARKETING,
        headers={"Idempotency-Key": "1"},
    )
    assert sent.status_code == 201, sent.text
    assert verify(_chain(hub)) == []


def test_an_agent_records_the_customers_wish_and_only_for_customers_they_see(
    hub: RunningHub,
) -> None:
    wa_id = "34611200006"
    ana, conv_id = _claimed(hub, wa_id)
    url = f"/api/v1/contacts/{wa_id}/marketing"
    out = ana.put(url, json={"opted_out": True})
    assert out.status_code == 200, out.text
    flag = out.json()["marketing_opt_out"]
    assert flag["source"] == "user" and flag["user"] == hub.user_ids["ana"]
    assert flag["user_name"] == "ana" and _opt_out(ana, conv_id) == flag
    assert ana.put(url, json={"opted_out": True}).json()["marketing_opt_out"] == flag  # again
    [fact] = _facts(hub, "contact.opted_out")
    assert fact["actor"] == hub.user_ids["ana"] and fact["data"]["source"] == "user"
    refused = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json=MARKETING,
        headers={"Idempotency-Key": "1"},
    )
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "opted_out"

    hub.add_user("sol", "agent", ("soporte",))
    sol = hub.login("sol")
    hidden = sol.put(url, json={"opted_out": False})
    assert hidden.status_code == 404 and hidden.json()["error"]["code"] == "not_found"
    assert ana.put(url, json={"opted_out": "yes"}).status_code == 422
    back = ana.put(url, json={"opted_out": False})
    assert back.status_code == 200 and back.json()["marketing_opt_out"] is None
    [opted_in] = _facts(hub, "contact.opted_in")
    assert opted_in["data"] == {
        "wa_id": wa_id,
        "source": "user",
        "user": hub.user_ids["ana"],
        "user_name": "ana",
    }
    assert verify(_chain(hub)) == []


@pytest.fixture
def sync_errors_hub(db_url: str) -> Iterator[RunningHub]:
    """A simulator that refuses at once a marketing template to a customer who stopped
    marketing (Meta reports errors in the answer, by webhook, or both)."""
    with running_hub(db_url, sim_settings={"marketing_stopped_errors": "sync"}) as running:
        yield running


def test_131050_in_whatsapps_answer_opts_the_customer_out_too(
    sync_errors_hub: RunningHub,
) -> None:
    hub = sync_errors_hub
    wa_id = "34611200007"
    ana, conv_id = _claimed(hub, wa_id)
    hub.world.customer(wa_id).marketing_stopped.add(SALES)
    sent = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json=MARKETING,
        headers={"Idempotency-Key": "1"},
    )
    assert sent.status_code == 422 and sent.json()["error"]["code"] == "send_failed"
    assert sent.json()["error"]["whatsapp_error"]["code"] == 131050
    flag = _opt_out(ana, conv_id)
    assert flag is not None and flag["source"] == "whatsapp_error"
    assert flag["message"] == sent.json()["error"]["message_id"]
    assert [f["data"]["code"] for f in _facts(hub, "contact.opted_out")] == [131050]
    again = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json=MARKETING,
        headers={"Idempotency-Key": "2"},
    )
    assert again.status_code == 422 and again.json()["error"]["code"] == "opted_out"
    assert verify(_chain(hub)) == []
