"""What agents see when WhatsApp refuses: each Graph error as a clear reason, retries
for rate limits, an operational alert for an expired token."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from hub_harness import ACCESS_TOKEN, RunningHub, running_hub, wait_for
from test_stream import StreamReader

from wa_desk.hub.graph import RetryPolicy


@contextmanager
def _claimed(hub: RunningHub, wa_id: str = "34611111111") -> Iterator[tuple[httpx.Client, str]]:
    hub.add_user("ana")
    hub.customer_writes(f"wamid.{wa_id}", wa_id, "hola")
    ana = hub.login("ana")
    conv_id = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    yield ana, conv_id


def _send(client: httpx.Client, conv_id: str, **body: Any) -> httpx.Response:
    return client.post(
        f"/api/v1/conversations/{conv_id}/messages", json={"type": "text", "text": "hola", **body}
    )


def _fast_retries(hub: RunningHub) -> None:
    hub.ctx.graph._retry = RetryPolicy(attempts=6, base_seconds=0.05, cap_seconds=0.4)


def test_throughput_limit_is_retried_with_backoff_until_it_goes_through(db_url: str) -> None:
    with (
        running_hub(db_url, sim_settings={"rate_per_number": 2.0}) as hub,
        _claimed(hub) as (ana, conv_id),
    ):
        _fast_retries(hub)
        statuses = [_send(ana, conv_id, text=f"mensaje {i}").status_code for i in range(6)]
        assert statuses == [201] * 6
        assert hub.ctx.graph.retries > 0  # some were refused with 130429 first
        assert len(hub.world.sent_to("34611111111")) == 6


def test_pair_rate_limit_is_retried_too(db_url: str) -> None:
    with (
        running_hub(db_url, sim_settings={"pair_burst": 1, "pair_per_second": 5.0}) as hub,
        _claimed(hub) as (ana, conv_id),
    ):
        _fast_retries(hub)
        assert [_send(ana, conv_id).status_code for _ in range(3)] == [201] * 3
        assert hub.ctx.graph.retries > 0


def test_an_unknown_template_is_refused_with_its_meaning(db_url: str) -> None:
    with running_hub(db_url, waba=False) as hub, _claimed(hub) as (ana, conv_id):
        # Templates were never synced: the hub lets WhatsApp judge, and says why it refused.
        refused = _send(ana, conv_id, type="template", template="no_such", language="es")
        assert refused.status_code == 422
        error = refused.json()["error"]
        assert error["code"] == "send_failed"
        assert error["whatsapp_error"]["code"] == 132001
        assert "does not exist" in error["message"]
        messages = ana.get(f"/api/v1/conversations/{conv_id}/messages").json()["items"]
        assert messages[-1]["status"] == "failed"
        assert messages[-1]["error"]["code"] == 132001


def test_an_expired_access_token_raises_an_operational_alert(hub: RunningHub) -> None:
    from wa_desk.hub.settings import Secret

    hub.add_user("lead", "supervisor", ("ventas",))
    hub.login("lead")
    lead_stream = StreamReader(hub.url, hub.tokens["lead"])
    try:
        lead_stream.take("ready")
        with _claimed(hub) as (ana, conv_id):
            hub.ctx.graph._token = Secret("expired-token")
            refused = _send(ana, conv_id)
            assert refused.status_code == 422
            assert refused.json()["error"]["whatsapp_error"]["code"] == 190
            alert = lead_stream.take("alert.raised")
            assert alert.data["kind"] == "whatsapp_auth"
            assert alert.data["severity"] == "critical"
            assert "expired" in alert.data["message"]
            assert alert.data["details"]["code"] == 190 and alert.data["count"] == 1
            assert _send(ana, conv_id).status_code == 422  # still refused: the same alert
            again = lead_stream.take("alert.updated")
            assert (again.data["id"], again.data["count"]) == (alert.data["id"], 2)
            hub.ctx.graph._token = Secret(ACCESS_TOKEN)  # renewed: the next send goes
            assert _send(ana, conv_id).status_code == 201
            over = lead_stream.take("alert.resolved")
            assert (over.data["id"], over.data["kind"]) == (alert.data["id"], "whatsapp_auth")
    finally:
        lead_stream.close()


def test_window_closed_at_meta_becomes_window_closed_for_the_agent(db_url: str) -> None:
    with running_hub(db_url) as hub, _claimed(hub) as (ana, conv_id):
        # The hub believes the window is open; WhatsApp knows better (a clock skew, say).
        hub.world.clock.advance(25 * 3600 * 1000)
        refused = _send(ana, conv_id)
        assert refused.status_code == 409
        assert refused.json()["error"]["code"] == "window_closed"
        assert refused.json()["error"]["whatsapp_error"]["code"] == 131047


def test_an_undeliverable_message_fails_later_with_its_reason(db_url: str) -> None:
    with (
        running_hub(db_url, sim_settings={"failure_probability": 1.0}) as hub,
        _claimed(hub) as (ana, conv_id),
    ):
        sent = _send(ana, conv_id)
        assert sent.status_code == 201
        message = wait_for(
            lambda: next(
                (
                    m
                    for m in ana.get(f"/api/v1/conversations/{conv_id}/messages").json()["items"]
                    if m["id"] == sent.json()["id"] and m["status"] == "failed"
                ),
                None,
            )
        )
        assert message["error"]["code"] == 131026
        assert "could not deliver" in message["error"]["meaning"]
