"""Promises as desktop actions against a real hub: logged in the desk's own chain first,
carried by the outbox, recorded by the hub, across two agents on two desks and a
transfer; the desks' chains then reach the hub's audit trail."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from hub_harness import PASSWORD, RunningHub
from restartable_hub import until
from syncer_helpers import syncing

from wa_desk.client import Backoff, HubApi, OutboxResult, OutboxRunner
from wa_desk.core.ids import uuid7
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import audit_log
from wa_desk.store import LocalStore

pytestmark = pytest.mark.anyio

WA_ID = "34611133333"
DUE = "2099-03-01T17:00:00.000Z"
LATER = "2099-03-02T17:00:00.000Z"


@asynccontextmanager
async def desk(
    hub: RunningHub, folder: Path, name: str, user_id: str, results: list[OutboxResult]
) -> AsyncIterator[LocalStore]:
    """``name`` signed in on a desk of their own, its outbox and its syncer running."""
    await asyncio.to_thread(folder.mkdir)
    async with HubApi(hub.url) as api:
        await api.login(name, PASSWORD)
        with LocalStore.open(folder / "desk.sqlite3") as store:
            runner = OutboxRunner(
                store,
                api,
                results.append,
                user_id=user_id,
                backoff=Backoff(base=0.05, cap=0.3),
                idle_poll=0.05,
            )
            task = asyncio.create_task(runner.run())
            try:
                async with syncing(store, api, user_id) as syncer:
                    yield store
                    await until(lambda: store.outbox_count() == 0)
                    syncer.wake()
                    await until(lambda: all(c.unsynced == 0 for c in store.action_chains()))
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)


def _kinds(store: LocalStore, user_id: str) -> list[str]:
    return [e["kind"] for e in store.actions(user_id=user_id)]


async def test_a_promise_made_on_one_desk_is_kept_on_another(
    hub: RunningHub, tmp_path: Path
) -> None:
    ana_id, beto_id = hub.add_user("ana"), hub.add_user("beto")
    hub.customer_writes("wamid.cp1", WA_ID, "¿Cuándo me devolvéis el dinero?")
    conv_id = hub.login("ana").get("/api/v1/conversations").json()["items"][0]["id"]
    promise_id = uuid7()
    ana_results: list[OutboxResult] = []
    async with desk(hub, tmp_path / "ana", "ana", ana_id, ana_results) as store:
        store.queue_action(OutboxKind.CLAIM, ana_id, conv_id)
        sent, _pending = store.queue_send(conv_id, ana_id, text="El reembolso llega en 48 horas.")
        made = {
            "id": promise_id,
            "what": "El reembolso llega en 48 horas.",
            "due_at": DUE,
            "message_key": sent.idempotency_key,
        }
        store.queue_action(OutboxKind.PROMISE_MAKE, ana_id, conv_id, made)
        store.queue_action(OutboxKind.TRANSFER, ana_id, conv_id, {"to_user": beto_id})
        handed = {"promise": promise_id, "to_user": beto_id}
        store.queue_action(OutboxKind.PROMISE_TRANSFER, ana_id, conv_id, handed)
        # Logged on the desk before the hub heard of any of it.
        assert _kinds(store, ana_id)[-3:] == [
            "promise.made",
            "conversation.transferred",
            "promise.transferred",
        ]
        logged = store.actions(user_id=ana_id)[-3]["data"]
        assert logged["id"] == promise_id and logged["what"] == made["what"]
    assert [(r.kind, r.ok) for r in ana_results] == [
        ("claim", True),
        ("send", True),
        ("promise_make", True),
        ("transfer", True),
        ("promise_transfer", True),
    ]
    recorded = ana_results[2].response
    assert recorded is not None and recorded["message_id"] is not None
    assert ana_results[4].response is not None
    assert ana_results[4].response["owner"] == beto_id

    beto_results: list[OutboxResult] = []
    async with desk(hub, tmp_path / "beto", "beto", beto_id, beto_results) as store:
        later = {"promise": promise_id, "due_at": LATER, "reason": "El banco tarda un día más"}
        store.queue_action(OutboxKind.PROMISE_RESCHEDULE, beto_id, conv_id, later)
        store.queue_action(OutboxKind.PROMISE_KEEP, beto_id, conv_id, {"promise": promise_id})
        # A second keep (a double click) is harmless: the hub answers it as kept.
        store.queue_action(OutboxKind.PROMISE_KEEP, beto_id, conv_id, {"promise": promise_id})
        # Nothing changes a kept promise: the hub refuses, and the desk logs the refusal.
        broken = {"promise": promise_id, "reason": "Me equivoqué"}
        store.queue_action(OutboxKind.PROMISE_BREAK, beto_id, conv_id, broken)
        await until(lambda: len(beto_results) == 4)
        assert _kinds(store, beto_id) == [
            "promise.rescheduled",
            "promise.kept",
            "promise.kept",
            "promise.broken",
            "promise.break_refused",
        ]
    assert [(r.kind, r.ok, r.code) for r in beto_results] == [
        ("promise_reschedule", True, None),
        ("promise_keep", True, None),
        ("promise_keep", True, None),
        ("promise_break", False, "promise_closed"),
    ]
    final = beto_results[2].response
    assert final is not None
    assert (final["state"], final["owner"], final["due_at"]) == ("kept", beto_id, LATER)

    # The hub's trail: each desk's intents (synced) and the hub's facts, once each.
    def trail(device_prefix: str) -> list[str]:
        def read(c: Conn) -> list[str]:
            kinds: list[str] = []
            for head in audit_log.chain_heads(c):
                if head["device"].startswith(device_prefix):
                    events = audit_log.chain_events(c, head["device"], 0, 1000)
                    kinds += [e["kind"] for e in events if e["kind"].startswith("promise.")]
            return kinds

        return hub.run(hub.ctx.db.read(read))

    assert trail("hub") == [
        "promise.made",
        "promise.transferred",
        "promise.rescheduled",
        "promise.kept",
    ]
    desks = trail("")  # every chain: the two desks' and the hub's
    assert "promise.break_refused" in desks
    assert desks.count("promise.kept") == 3  # Beto's two intents, the hub's one fact
    assert desks.count("promise.made") == 2  # Ana's intent, the hub's fact
