"""OutboxRunner against a real hub: queued while it is down, delivered once and in order
when it is back, refusals reported, replays of actions that already happened harmless."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import orjson
import pytest
from hub_harness import PASSWORD, RunningHub
from restartable_hub import RestartableHub, until
from store_reads import failed_entries, stored_message

from wa_desk.client import Backoff, HubApi, OutboxResult, OutboxRunner
from wa_desk.client.supervisor_api import SupervisorApi
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.hub.queries.audit_log import HUB_DEVICE
from wa_desk.store import LocalStore

pytestmark = pytest.mark.anyio


@asynccontextmanager
async def running(
    store: LocalStore, api: HubApi, user_id: str, results: list[OutboxResult]
) -> AsyncIterator[OutboxRunner]:
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
        yield runner
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def two_conversations(hub: RunningHub) -> dict[str, str]:
    hub.customer_writes("wamid.o1", "34611111111", "hola, soy uno")
    hub.customer_writes("wamid.o2", "34622222222", "hola, soy dos")
    client = hub.login("ana")
    items = client.get("/api/v1/conversations").json()["items"]
    return {c["contact"]["wa_id"]: c["id"] for c in items}


async def test_queued_while_the_hub_is_down_then_everything_once_in_order(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    hub = hub_box.running
    me = hub.add_user("ana")
    convs = two_conversations(hub)
    one, two = convs["34611111111"], convs["34622222222"]
    results: list[OutboxResult] = []
    async with HubApi(hub.url) as api:
        await api.login("ana", PASSWORD)
        with LocalStore.open(tmp_path / "desk.sqlite3") as store:
            await asyncio.to_thread(hub_box.stop)
            async with running(store, api, me, results) as runner:
                store.queue_action("claim", me, one)
                store.queue_send(one, me, text="Buenos días")
                store.queue_send(one, me, text="¿En qué le ayudo?")
                store.queue_action("claim", me, two)
                store.queue_send(two, me, text="Hola, dos")
                store.queue_action("close", me, one, {"disposition": "resolved"})
                runner.wake()
                await until(lambda: runner.waiting_for_hub)
                await asyncio.sleep(0.5)  # several failed attempts
                assert results == [] and store.outbox_count() == 6
                await asyncio.to_thread(hub_box.start)
                await until(lambda: store.outbox_count() == 0)
            assert [r.ok for r in results] == [True] * 6
            assert [r.kind for r in results] == ["claim", "send", "send", "claim", "send", "close"]
            assert [r.entry_id for r in results] == sorted(r.entry_id for r in results)
            # The cache shows the hub's copies, not the pending ones.
            cached = [m for m in store.messages_page(one).items if m["direction"] == "out"]
            assert [m["text"] for m in cached] == ["Buenos días", "¿En qué le ayudo?"]
            assert all(not m["id"].startswith("local-") for m in cached)
        on_hub = await api.messages(one)
        outbound = [m["text"] for m in on_hub.items if m["direction"] == "out"]
        assert outbound == ["Buenos días", "¿En qué le ayudo?"]
        assert [m["text"] for m in (await api.messages(two)).items if m["direction"] == "out"] == [
            "Hola, dos"
        ]
        assert (await api.conversation(one))["state"] == "closed"


async def test_a_refusal_is_reported_and_the_next_entries_still_go(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    hub = hub_box.running
    me = hub.add_user("ana")
    hub.add_user("luis")
    convs = two_conversations(hub)
    one, two = convs["34611111111"], convs["34622222222"]
    luis = hub.login("luis")
    assert luis.post(f"/api/v1/conversations/{one}/claim").status_code == 200
    results: list[OutboxResult] = []
    async with HubApi(hub.url) as api:
        await api.login("ana", PASSWORD)
        with LocalStore.open(tmp_path / "desk.sqlite3") as store:
            store.queue_action("claim", me, one)
            _, pending = store.queue_send(one, me, text="no llegará")
            store.queue_action("claim", me, two)
            async with running(store, api, me, results):
                await until(lambda: len(results) == 3)
            assert [(r.kind, r.ok, r.code) for r in results] == [
                ("claim", False, "already_assigned"),
                ("send", False, "not_assignee"),
                ("claim", True, None),
            ]
            assert results[0].message == "Another agent already took this conversation."
            failed = stored_message(store, pending["id"])
            assert failed is not None and failed["status"] == "failed"
            assert [e.kind for e in failed_entries(store)] == ["claim", "send"]
        assert (await api.conversation(two))["assignee"] == me


async def test_replays_after_a_crash_take_effect_once(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    """Entries that reached the hub just before the app died are sent again at the next
    start: the send's key and the runner's check make the replay a no-op."""
    hub = hub_box.running
    me = hub.add_user("ana")
    convs = two_conversations(hub)
    one = convs["34611111111"]
    path = tmp_path / "desk.sqlite3"
    results: list[OutboxResult] = []
    async with HubApi(hub.url) as api:
        await api.login("ana", PASSWORD)
        with LocalStore.open(path) as store:
            claim = store.queue_action("claim", me, one)
            send, _ = store.queue_send(one, me, text="una sola vez")
            release = store.queue_action("release", me, one)
            # What the previous run did before dying: every request reached the hub...
            await api.claim(one)
            await api.send_text(one, "una sola vez", send.idempotency_key)
            await api.release(one)
            # ...and the entries were in flight, never marked done.
            for entry in (claim, send, release):
                store.outbox_mark_sending(entry.id)
        with LocalStore.open(path) as store:
            assert store.outbox_count() == 3
            async with running(store, api, me, results):
                await until(lambda: len(results) == 3)
            assert [(r.kind, r.ok) for r in results] == [
                ("claim", True),
                ("send", True),
                ("release", True),
            ]
        texts = [m["text"] for m in (await api.messages(one)).items if m["direction"] == "out"]
        assert texts == ["una sola vez"]
        assert (await api.conversation(one))["state"] == "queued"


async def test_a_leads_assignment_replayed_after_a_crash_takes_effect_once(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    """An assignment that reached the hub just before the app died goes again at the
    next start, with its key: the hub recognises it and does nothing more, though the
    agent it went to has released the conversation since (a plain retry would hand it to
    them again)."""
    hub = hub_box.running
    lead = hub.add_user("lucia", "supervisor", ("ventas",))
    beto = hub.add_user("beto")
    hub.add_user("ana")
    one = two_conversations(hub)["34611111111"]
    path = tmp_path / "desk.sqlite3"
    results: list[OutboxResult] = []
    async with HubApi(hub.url) as api:
        await api.login("lucia", PASSWORD)
        with LocalStore.open(path) as store:
            entry = store.queue_action(OutboxKind.ASSIGN, lead, one, {"to_user": beto})
            # Logged first, with the key the request carries.
            (logged,) = [a for a in store.actions() if a["kind"] == "conversation.assigned"]
            assert logged["data"] == {"to_user": beto, "idempotency_key": entry.idempotency_key}
            # What the previous run did before dying: the request reached the hub...
            await SupervisorApi(api).assign(one, beto, key=entry.idempotency_key)
            store.outbox_mark_sending(entry.id)  # ...and the entry was never marked done.
        released = hub.login("beto").post(f"/api/v1/conversations/{one}/release")
        assert released.status_code == 200, released.text
        with LocalStore.open(path) as store:
            assert store.outbox_count() == 1
            async with running(store, api, lead, results):
                await until(lambda: len(results) == 1)
            assert [(r.kind, r.ok) for r in results] == [(OutboxKind.ASSIGN, True)]
        now = await api.conversation(one)
        assert (now["state"], now["assignee"]) == ("queued", None)
    facts = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT data FROM audit_events WHERE device = ? AND kind = ? AND conversation_id = ?",
            (HUB_DEVICE, "conversation.assigned", one),
        )
    )
    assert [orjson.loads(f["data"])["idempotency_key"] for f in facts] == [entry.idempotency_key]


async def test_a_refused_assignment_is_logged_after_its_intent(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    hub = hub_box.running
    lead = hub.add_user("lucia", "supervisor", ("ventas",))
    elsewhere = hub.add_user("carla", "agent", ("soporte",))
    hub.add_user("ana")
    one = two_conversations(hub)["34611111111"]
    results: list[OutboxResult] = []
    async with HubApi(hub.url) as api:
        await api.login("lucia", PASSWORD)
        with LocalStore.open(tmp_path / "desk.sqlite3") as store:
            entry = store.queue_action(OutboxKind.ASSIGN, lead, one, {"to_user": elsewhere})
            async with running(store, api, lead, results):
                await until(lambda: len(results) == 1)
            assert [(r.ok, r.code) for r in results] == [(False, "no_target")]
            kinds = [(a["kind"], a["data"]) for a in store.actions()]
            assert kinds[-2:] == [
                (
                    "conversation.assigned",
                    {"to_user": elsewhere, "idempotency_key": entry.idempotency_key},
                ),
                (
                    "conversation.assign_refused",
                    {
                        "idempotency_key": entry.idempotency_key,
                        "code": "no_target",
                        "message": results[0].message,
                    },
                ),
            ]
        assert (await api.conversation(one))["assignee"] is None


async def test_an_expired_session_holds_the_entry_and_stops_the_runner(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    hub = hub_box.running
    me = hub.add_user("ana")
    one = two_conversations(hub)["34611111111"]
    results: list[OutboxResult] = []
    async with HubApi(hub.url) as api:
        await api.login("ana", PASSWORD)
        async with HubApi(hub.url, api.token) as same_session:
            await same_session.logout()
        with LocalStore.open(tmp_path / "desk.sqlite3") as store:
            store.queue_action(OutboxKind.CLAIM, me, one)
            async with running(store, api, me, results) as runner:
                await until(lambda: runner.session_expired)
            [result] = results
            assert not result.ok and result.session_expired and result.kind is OutboxKind.CLAIM
            assert store.outbox_count() == 1  # held for the next sign-in, not refused
            entry = store.outbox_next()
            assert entry is not None and entry.error_code == "session_expired"


async def test_a_runner_woken_and_cancelled_at_once_stops(tmp_path: Path) -> None:
    """An action queued as the app stops wakes the runner in the same turn as its
    cancellation: the runner must end (it once went on for ever and held the stop up)."""
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        async with HubApi("http://127.0.0.1:9") as api:  # nothing listens: no request made
            runner = OutboxRunner(store, api, lambda _r: None, user_id="u1", idle_poll=30)
            task = asyncio.create_task(runner.run())
            await asyncio.sleep(0.05)  # idle, waiting to be woken
            runner.wake()
            task.cancel()
            done, _pending = await asyncio.wait([task], timeout=2)
            assert done == {task} and task.cancelled()
