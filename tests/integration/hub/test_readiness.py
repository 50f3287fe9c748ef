"""``GET /readyz`` for a load balancer, and a hub that is stopping: its streams end with a
``retry:`` hint (their clients resume elsewhere), new ones are refused, and it is no
longer ready."""

from __future__ import annotations

import httpx
import pytest
from hub_harness import RunningHub, running_hub, wait_for
from sse_reader import StreamReader

from wa_desk.core.stream_protocol import HUB_STOPPING, MOVE_RETRY_MS
from wa_desk.hub.db.schema import MIGRATIONS
from wa_desk.hub.readiness import SchemaState, schema_state


def test_a_running_hub_is_ready(hub: RunningHub) -> None:
    # On PostgreSQL, once its live stream listens to the store (a moment after the start).
    response = wait_for(lambda: _ready(hub))
    assert response.json() == {
        "status": "ready",
        "store": "ok",
        "schema": "current",
        "stream": "caught_up",
        "stopping": False,
    }


def _ready(hub: RunningHub) -> httpx.Response | None:
    response = httpx.get(f"{hub.url}/readyz")
    return response if response.status_code == 200 else None


@pytest.mark.parametrize(
    ("version", "state"),
    [
        (None, SchemaState.BEHIND),
        (len(MIGRATIONS) - 1, SchemaState.BEHIND),
        (len(MIGRATIONS), SchemaState.CURRENT),
        (len(MIGRATIONS) + 1, SchemaState.AHEAD),
    ],
)
def test_only_the_schema_this_hub_was_written_for_is_current(
    version: int | None, state: SchemaState
) -> None:
    assert schema_state(version) is state


def test_a_stopping_hub_moves_its_streams_refuses_new_ones_and_is_not_ready(
    hub: RunningHub,
) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    hub.login("ana")
    reader = StreamReader(hub.url, hub.tokens["ana"])
    try:
        ready = reader.take("ready")
        hub.customer_writes("wamid.before", "34611111111", "antes")
        assert reader.take("message.created").data["text"] == "antes"
        loop = hub.ctx._loop
        assert loop is not None
        loop.call_soon_threadsafe(hub.ctx.broker.drain)
        assert reader.finished.wait(10)
        assert reader.retries[-1] == MOVE_RETRY_MS  # reconnect soon, not in 2 s
    finally:
        reader.close()
    streams = hub.client("ana").get("/api/v1/stream", headers={"Last-Event-ID": str(ready.id)})
    assert streams.status_code == 503
    assert streams.json()["error"]["code"] == HUB_STOPPING
    response = httpx.get(f"{hub.url}/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "not_ready"
    assert response.json()["stopping"] is True


@pytest.mark.postgres
def test_a_replica_whose_stream_stopped_following_the_store_is_not_ready(pg_url: str) -> None:
    with running_hub(pg_url, waba=False) as hub:
        wait_for(lambda: _ready(hub))
        follower = hub.ctx.follower
        assert follower is not None
        follower.stop()  # as when its connection to the store is lost
        response = httpx.get(f"{hub.url}/readyz")
        assert response.status_code == 503
        assert response.json()["stream"] == "behind"
