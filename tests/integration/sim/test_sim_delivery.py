"""Webhooks reach a real HTTP receiver on loopback, through 500s and downtime."""

from __future__ import annotations

import asyncio

import pytest
from sim_receiver import SECRET, Receiver, free_port

from wa_desk.sim.delivery import WebhookDeliverer
from wa_desk.sim.engine import CloudSimulator
from wa_desk.sim.serving import ServerThread, serve_asgi
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World
from wa_desk.sim.traffic import burst

pytestmark = pytest.mark.anyio

BODY = {
    "object": "whatsapp_business_account",
    "entry": [
        {
            "id": "1",
            "changes": [
                {
                    "field": "messages",
                    "value": {
                        "messaging_product": "whatsapp",
                        "messages": [
                            {
                                "id": "wamid.1",
                                "from": "34611111111",
                                "timestamp": "1",
                                "type": "text",
                                "text": {"body": "¿Está abierto?"},
                            }
                        ],
                    },
                }
            ],
        }
    ],
}


def fast_deliverer(url: str) -> WebhookDeliverer:
    return WebhookDeliverer(
        url + "/webhooks/whatsapp",
        SECRET,
        base_delay_s=0.02,
        max_delay_s=0.1,
        concurrency=8,
        timeout_s=2.0,
        seed=1,
    )


async def test_delivers_signed_body() -> None:
    receiver = Receiver()
    with serve_asgi(receiver.app) as url:
        deliverer = fast_deliverer(url)
        assert await deliverer.deliver(BODY)
        await deliverer.aclose()
    assert receiver.bodies == [BODY]
    assert receiver.bad_signatures == 0
    assert deliverer.stats.delivered == 1
    assert deliverer.stats.retried == 0


async def test_retries_while_the_hub_answers_500() -> None:
    receiver = Receiver(fail_first=3)
    with serve_asgi(receiver.app) as url:
        deliverer = fast_deliverer(url)
        assert await deliverer.deliver(BODY)
        await deliverer.aclose()
    assert receiver.bodies == [BODY]
    assert deliverer.stats.attempts == 4
    assert deliverer.stats.retried == 3
    assert deliverer.stats.pending == 0


async def test_keeps_retrying_until_the_hub_comes_up() -> None:
    port = free_port()
    receiver = Receiver()
    deliverer = fast_deliverer(f"http://127.0.0.1:{port}")
    delivery = deliverer.submit(BODY)
    assert not await delivery.first_attempt
    await asyncio.sleep(0.3)
    assert deliverer.stats.failed_attempts >= 2
    assert deliverer.stats.pending == 1
    thread = ServerThread(receiver.app, port=port)
    await asyncio.to_thread(thread.start)
    try:
        assert await deliverer.drain(5.0)
    finally:
        await asyncio.to_thread(thread.stop)
        await deliverer.aclose()
    assert receiver.bodies == [BODY]


async def test_gives_up_after_the_horizon() -> None:
    deliverer = WebhookDeliverer(
        f"http://127.0.0.1:{free_port()}/w",
        SECRET,
        base_delay_s=0.01,
        max_delay_s=0.02,
        give_up_after_s=0.1,
    )
    assert not await deliverer.deliver(BODY)
    assert deliverer.stats.given_up == 1
    await deliverer.aclose()


async def test_hub_killed_and_restarted_mid_burst_loses_nothing() -> None:
    port = free_port()
    receiver = Receiver()
    settings = SimSettings(
        app_secret=SECRET,
        hub_url=f"http://127.0.0.1:{port}",
        retry_base_s=0.02,
        retry_cap_s=0.2,
        delivery_concurrency=16,
        delivery_timeout_s=2.0,
        seed=5,
    )
    sim = CloudSimulator(World(seed=5), settings)
    first = ServerThread(receiver.app, port=port)
    await asyncio.to_thread(first.start)
    task = asyncio.create_task(burst(sim, 200, concurrency=16, seed=5))
    await asyncio.sleep(0.05)
    await asyncio.to_thread(first.stop)  # the hub goes away mid-burst
    wamids = await task
    second = ServerThread(receiver.app, port=port)
    await asyncio.to_thread(second.start)
    try:
        assert sim.deliverer is not None
        assert await sim.deliverer.drain(15.0)
    finally:
        await asyncio.to_thread(second.stop)
        await sim.aclose()
    assert len(set(wamids)) == 200
    assert set(wamids) <= receiver.message_ids()
    assert sim.deliverer is not None and sim.deliverer.stats.delivered == 200


async def test_a_webhook_submitted_while_closing_is_dropped_quietly() -> None:
    """Customers keep writing while the simulator shuts down: nothing more goes out and
    nothing raises into the loop (a closed HTTP client would)."""
    receiver = Receiver()
    with serve_asgi(receiver.app) as url:
        deliverer = fast_deliverer(url)
        assert await deliverer.deliver(BODY)
        await deliverer.aclose()
        late = deliverer.submit(BODY)
        assert late.done.done() and late.done.result() is False
        await asyncio.sleep(0.05)
    assert receiver.bodies == [BODY]
    assert deliverer.stats.pending == 0
    assert deliverer.stats.delivered == 1
