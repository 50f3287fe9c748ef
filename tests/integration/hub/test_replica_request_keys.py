"""Two hub replicas on one store, each recording to its own chain: a lead's request sent
again to the other replica (its answer was lost, the balancer moved it) acts once, and
what reads the hub's facts (timeline, export) reads both replicas'. On SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, running_hub

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.hub import audit_export

TEAM = {
    "bruno": ("agent", ("ventas",)),
    "carla": ("agent", ("ventas",)),
    "lidia": ("supervisor", ("ventas",)),
}


@pytest.fixture
def east_and_west(db_url: str) -> Iterator[tuple[RunningHub, RunningHub]]:
    with (
        running_hub(db_url, hub_settings={"replica_id": "east"}) as east,
        running_hub(db_url, hub_settings={"replica_id": "west"}) as west,
    ):
        east.sign_in_team(TEAM)
        west.user_ids.update(east.user_ids)
        west.tokens.update(east.tokens)  # a session holds on every replica
        yield east, west


def _assign(hub: RunningHub, conv_id: str, agent: str, key: str) -> httpx.Response:
    return hub.client("lidia").post(
        f"/api/v1/supervisor/conversations/{conv_id}/assign",
        json={"agent": hub.user_ids[agent]},
        headers={"Idempotency-Key": key},
    )


def _assigned_facts(hub: RunningHub, conv_id: str) -> list[tuple[str, str]]:
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT device, data FROM audit_events WHERE kind = ? AND conversation_id = ? "
            "ORDER BY received_at, device, seq",
            (AuditKind.CONVERSATION_ASSIGNED.value, conv_id),
        )
    )
    return [(str(r["device"]), str(r["data"])) for r in rows]


def _assignees(hub: RunningHub, conv_id: str) -> list[str]:
    today = datetime.now(UTC).date()
    rng = audit_export.parse_range(str(today - timedelta(days=1)), str(today + timedelta(days=1)))
    rows = hub.ctx.db.read_sync(
        lambda c: list(audit_export.conversation_rows(c, rng, redacted=False))
    )
    (row,) = [r for r in rows if r["id"] == conv_id]
    held: list[str] = row["assignees"]
    return held


def test_a_request_sent_again_to_the_other_replica_acts_once(
    east_and_west: tuple[RunningHub, RunningHub],
) -> None:
    east, west = east_and_west
    conv_id = east.new_conversation("34633000071", seen_by="lidia")
    assert _assign(east, conv_id, "bruno", key="r-1").status_code == 200
    # Meanwhile, through the other replica, it went on to Carla.
    assert _assign(west, conv_id, "carla", key="r-2").status_code == 200
    # The first request again, now on the replica that did not record it.
    again = _assign(west, conv_id, "bruno", key="r-1")
    assert again.status_code == 200, again.text
    assert again.json()["assignee"] == west.user_ids["carla"]  # as it is now: no second effect
    facts = _assigned_facts(east, conv_id)
    assert [device for device, _data in facts] == ["hub/east", "hub/west"]
    # Who held it, from both replicas' facts.
    assert _assignees(west, conv_id) == ["bruno", "carla"]


def test_the_timeline_shows_either_replicas_facts_as_the_hubs(
    east_and_west: tuple[RunningHub, RunningHub],
) -> None:
    east, west = east_and_west
    conv_id = east.new_conversation("34633000072", seen_by="lidia")
    assert _assign(west, conv_id, "bruno", key="t-1").status_code == 200
    body: dict[str, Any] = (
        east.client("lidia").get(f"/api/v1/supervisor/conversations/{conv_id}/timeline").json()
    )
    events = [i for i in body["items"] if i["source"] != "message"]
    kinds = {(i["kind"], i["source"]) for i in events}
    assert (AuditKind.CONVERSATION_ASSIGNED.value, "hub") in kinds  # recorded by west
    assert (AuditKind.CONVERSATION_OPENED.value, "hub") in kinds  # recorded by east
    assert {i["source"] for i in events} == {"hub"}
