"""The audit trail never records what did not happen. A desktop logs an action before the
hub acts on it; when the hub refuses it, the desktop logs the refusal after it, in the
same chain and with the same key, and the hub's timeline, the per-conversation export and
the durations take what happened from the hub's own facts, showing the refused attempt as
a refused attempt. Every refusable state change, on both stores, through the real outbox
runner and action-log syncer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, running_hub

from wa_desk.client.backoff import Backoff
from wa_desk.client.event_syncer import EventSyncer
from wa_desk.client.hub_api import HubApi
from wa_desk.client.outbox_runner import OutboxResult, OutboxRunner
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.hub import audit_export
from wa_desk.store.local_store import LocalStore

TEAM = {"bruno": "agent", "carla": "agent", "lidia": "supervisor"}


@pytest.fixture(scope="module")
def hub(module_db_url: str) -> Iterator[RunningHub]:
    with running_hub(module_db_url) as running:
        for name, role in TEAM.items():
            running.add_user(name, role, ("ventas",))
            running.login(name)
        yield running


def _client(hub: RunningHub, name: str) -> httpx.Client:
    return hub.client(name)


def _conversation(hub: RunningHub, customer: str) -> str:
    """A customer writes in: a new conversation, queued in ``ventas``."""
    return hub.new_conversation(customer, seen_by="lidia")


def _as(hub: RunningHub, name: str, action: str, conv_id: str, **body: Any) -> None:
    response = _client(hub, name).post(f"/api/v1/conversations/{conv_id}/{action}", json=body)
    assert response.status_code == 200, response.text


async def _device_does(
    hub: RunningHub, store_path: Path, name: str, kind: OutboxKind, conv_id: str, payload: Any
) -> tuple[OutboxResult, list[dict[str, Any]]]:
    """``name``'s desktop takes the action: logged and queued, carried to the hub by the
    outbox runner, and its log synced to the hub; the result and the local log."""
    user_id = hub.user_ids[name]
    results: list[OutboxResult] = []
    answered = asyncio.Event()

    def on_result(result: OutboxResult) -> None:
        results.append(result)
        answered.set()

    with LocalStore.open(store_path) as store:
        async with HubApi(hub.url, hub.tokens[name]) as api:
            store.queue_action(kind, user_id, conv_id, payload)
            runner = OutboxRunner(
                store, api, on_result, user_id=user_id, backoff=Backoff(0.05, 0.3)
            )
            syncer = EventSyncer(store, api, user_id, linger=0.05, idle_poll=0.2)
            tasks = [asyncio.create_task(runner.run()), asyncio.create_task(syncer.run())]
            try:
                await asyncio.wait_for(answered.wait(), 15)
                assert await syncer.flush(within=10), "the log did not reach the hub"
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        return results[0], store.actions(user_id=user_id)


@dataclass(frozen=True)
class Refusable:
    kind: OutboxKind
    payload: dict[str, Any]
    before: Callable[[RunningHub, str], None]  # what makes the hub refuse it
    code: str
    intent: AuditKind
    refused: AuditKind


def _bruno_has_it(hub: RunningHub, conv_id: str) -> None:
    _as(hub, "bruno", "claim", conv_id)


CASES = {
    "claim": Refusable(
        OutboxKind.CLAIM,
        {},
        _bruno_has_it,
        "already_assigned",
        AuditKind.CONVERSATION_CLAIMED,
        AuditKind.CONVERSATION_CLAIM_REFUSED,
    ),
    "release": Refusable(
        OutboxKind.RELEASE,
        {},
        _bruno_has_it,
        "not_assignee",
        AuditKind.CONVERSATION_RELEASED,
        AuditKind.CONVERSATION_RELEASE_REFUSED,
    ),
    "transfer": Refusable(
        OutboxKind.TRANSFER,
        {"to_user": None, "to_queue": "ventas", "note": None},
        _bruno_has_it,
        "not_assignee",
        AuditKind.CONVERSATION_TRANSFERRED,
        AuditKind.CONVERSATION_TRANSFER_REFUSED,
    ),
    "close": Refusable(
        OutboxKind.CLOSE,
        {"disposition": "resolved", "note": None},
        _bruno_has_it,
        "not_assignee",
        AuditKind.CONVERSATION_CLOSED,
        AuditKind.CONVERSATION_CLOSE_REFUSED,
    ),
    "reopen": Refusable(
        OutboxKind.REOPEN,
        {},
        _bruno_has_it,  # open, not closed
        "conversation_open",
        AuditKind.CONVERSATION_REOPENED,
        AuditKind.CONVERSATION_REOPEN_REFUSED,
    ),
    "takeover": Refusable(
        OutboxKind.TAKE_OVER,
        {},
        _bruno_has_it,  # carla is an agent, not a supervisor
        "supervisor_only",
        AuditKind.CONVERSATION_TAKEN_OVER,
        AuditKind.CONVERSATION_TAKEOVER_REFUSED,
    ),
    "assign": Refusable(
        OutboxKind.ASSIGN,
        {"to_user": "anyone"},
        _bruno_has_it,  # carla is an agent, not a lead
        "forbidden",
        AuditKind.CONVERSATION_ASSIGNED,
        AuditKind.CONVERSATION_ASSIGN_REFUSED,
    ),
}


def _export_row(hub: RunningHub, conv_id: str) -> dict[str, Any]:
    today = datetime.now(UTC).date()
    rng = audit_export.parse_range(str(today - timedelta(days=1)), str(today + timedelta(days=1)))
    rows = hub.run(
        hub.ctx.db.read(lambda c: list(audit_export.conversation_rows(c, rng, redacted=False)))
    )
    (row,) = [r for r in rows if r["id"] == conv_id]
    return row


def _timeline(hub: RunningHub, conv_id: str) -> list[dict[str, Any]]:
    response = _client(hub, "lidia").get(f"/api/v1/supervisor/conversations/{conv_id}/timeline")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


@pytest.mark.parametrize("action", list(CASES))
def test_a_refused_action_is_logged_refused_and_shown_refused(
    hub: RunningHub, tmp_path: Path, action: str
) -> None:
    case = CASES[action]
    customer = f"3461100{list(CASES).index(action):04d}"
    conv_id = _conversation(hub, customer)
    case.before(hub, conv_id)

    result, log = asyncio.run(
        _device_does(hub, tmp_path / "carla.sqlite3", "carla", case.kind, conv_id, case.payload)
    )

    # The app heard the refusal, and carla's log says both: what she tried, then that it
    # was refused, with the same key and the hub's code.
    assert not result.ok and result.code == case.code
    mine = [e for e in log if e["conversation"] == conv_id]
    assert [e["kind"] for e in mine] == [case.intent, case.refused]
    intent, refusal = mine
    assert refusal["data"]["idempotency_key"] == intent["data"]["idempotency_key"]
    assert refusal["data"]["code"] == case.code

    # The timeline shows her intent as refused, with the hub's reason.
    items = _timeline(hub, conv_id)
    (shown,) = [i for i in items if i["source"] == "device" and i["kind"] == case.intent]
    assert shown["outcome"]["state"] == "refused"
    assert shown["outcome"]["code"] == case.code
    assert any(i["source"] == "device" and i["kind"] == case.refused for i in items)

    # The export takes what happened from the hub: bruno held it and still does, it is
    # open, and carla's attempt is listed as refused.
    row = _export_row(hub, conv_id)
    assert row["assignees"] == ["bruno"]
    assert row["state"] == "assigned" and row["disposition"] is None
    assert row["refused_attempts"] == [f"carla: {case.refused} ({case.code})"]


def test_an_action_the_hub_took_is_shown_done(hub: RunningHub, tmp_path: Path) -> None:
    conv_id = _conversation(hub, "34611009999")
    result, _log = asyncio.run(
        _device_does(hub, tmp_path / "carla.sqlite3", "carla", OutboxKind.CLAIM, conv_id, {})
    )
    assert result.ok
    items = _timeline(hub, conv_id)
    (intent,) = [
        i for i in items if i["source"] == "device" and i["kind"] == "conversation.claimed"
    ]
    assert intent["outcome"] == {"state": "done"}
    (fact,) = [i for i in items if i["source"] == "hub" and i["kind"] == "conversation.claimed"]
    assert fact["data"]["idempotency_key"] == intent["data"]["idempotency_key"]
    assert fact["actor"]["name"] == "carla"
    row = _export_row(hub, conv_id)
    assert row["assignees"] == ["carla"] and row["refused_attempts"] == []


def test_a_supervisors_takeover_is_shown_done(hub: RunningHub, tmp_path: Path) -> None:
    conv_id = _conversation(hub, "34611008888")
    _bruno_has_it(hub, conv_id)
    result, log = asyncio.run(
        _device_does(hub, tmp_path / "lidia.sqlite3", "lidia", OutboxKind.TAKE_OVER, conv_id, {})
    )
    assert result.ok and result.response is not None
    assert result.response["assignee"] == hub.user_ids["lidia"]
    assert [e["kind"] for e in log if e["conversation"] == conv_id] == [
        AuditKind.CONVERSATION_TAKEN_OVER
    ]
    items = _timeline(hub, conv_id)
    (intent,) = [
        i for i in items if i["source"] == "device" and i["kind"] == "conversation.taken_over"
    ]
    assert intent["outcome"] == {"state": "done"}
    (fact,) = [i for i in items if i["source"] == "hub" and i["kind"] == "conversation.taken_over"]
    assert fact["data"]["from_user"] == hub.user_ids["bruno"]
    assert fact["data"]["idempotency_key"] == intent["data"]["idempotency_key"]
    row = _export_row(hub, conv_id)
    assert row["assignees"] == ["bruno", "lidia"] and row["refused_attempts"] == []


def test_a_leads_assignment_is_shown_done(hub: RunningHub, tmp_path: Path) -> None:
    """A lead's hand-over, logged on their computer and carried by the outbox: the hub
    holds the lead's intent once, shown done beside the hub's own fact with its key."""
    conv_id = _conversation(hub, "34611007777")
    _bruno_has_it(hub, conv_id)
    carla = hub.user_ids["carla"]
    result, log = asyncio.run(
        _device_does(
            hub,
            tmp_path / "lidia.sqlite3",
            "lidia",
            OutboxKind.ASSIGN,
            conv_id,
            {"to_user": carla},
        )
    )
    assert result.ok and result.response is not None
    assert result.response["assignee"] == carla
    (logged,) = [e for e in log if e["conversation"] == conv_id]
    assert logged["kind"] == AuditKind.CONVERSATION_ASSIGNED
    items = _timeline(hub, conv_id)
    (intent,) = [
        i for i in items if i["source"] == "device" and i["kind"] == "conversation.assigned"
    ]
    assert intent["outcome"] == {"state": "done"}
    assert intent["data"] == logged["data"]
    (fact,) = [i for i in items if i["source"] == "hub" and i["kind"] == "conversation.assigned"]
    assert fact["data"]["idempotency_key"] == intent["data"]["idempotency_key"]
    assert (fact["data"]["from_user"], fact["data"]["to_user"]) == (hub.user_ids["bruno"], carla)
    assert fact["actor"]["name"] == "lidia"
    row = _export_row(hub, conv_id)
    assert row["assignees"] == ["bruno", "carla"] and row["refused_attempts"] == []
