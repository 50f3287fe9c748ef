"""EventSyncer against a real hub: the signed-in user's chain arrives whole, once, in
order; it waits out a stopped hub, resumes where the hub stands after a gap, stops a
chain whose fork persists, and never sends another user's chain."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from hub_harness import PASSWORD, RunningHub
from restartable_hub import RestartableHub, until
from syncer_helpers import signed_in_desk, syncing

from wa_desk.client.device_name import this_computer
from wa_desk.client.event_syncer import SyncStatus
from wa_desk.client.hub_api import HubApi
from wa_desk.core.alert_kinds import is_device_name
from wa_desk.core.audit_chain import seal, verify
from wa_desk.hub.queries import audit_log
from wa_desk.store.action_log import Action
from wa_desk.store.local_store import LocalStore

pytestmark = pytest.mark.anyio


def hub_chain(hub: RunningHub, device: str) -> list[dict[str, Any]]:
    return hub.ctx.db.read_sync(lambda c: audit_log.chain_events(c, device, 0, 1_000_000))


def fill(store: LocalStore, user_id: str, n: int) -> None:
    store.append_actions(
        Action("message.sent", user_id, None, {"text": f"respuesta {i} ✓"}) for i in range(n)
    )


async def test_a_backlog_arrives_whole_in_order_and_once_with_catch_up_progress(
    hub: RunningHub, tmp_path: Path
) -> None:
    statuses: list[SyncStatus] = []
    async with signed_in_desk(hub, tmp_path) as (me, api, store):
        fill(store, me, 1_234)
        device = store.chain_id(me)
        async with syncing(store, api, me, statuses, batch=100, catch_up_from=1_000):
            await until(lambda: statuses and statuses[-1].pending == 0)
            store.append_action("session.ended", me, None, {"reason": "signed_out"})
            await until(lambda: store.action_chains()[0].acked_seq == 1_235)
        local = store.chain_events(device, 0, 10_000)
        assert await api.acked_seq(device) == 1_235
    on_hub = hub_chain(hub, device)
    assert on_hub == local
    assert verify(on_hub) == []
    progress = [(s.catch_up_done, s.catch_up_total) for s in statuses if s.catch_up_total]
    assert progress[0] == (0, 1_234) and progress[-1] == (1_234, 1_234)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)


async def test_the_hub_away_is_waited_out_and_the_log_then_arrives(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    hub = hub_box.running
    statuses: list[SyncStatus] = []
    async with signed_in_desk(hub, tmp_path) as (me, api, store):
        device = store.chain_id(me)
        await asyncio.to_thread(hub_box.stop)
        async with syncing(store, api, me, statuses):
            for i in range(30):
                store.append_action("note.added", me, None, {"i": i})
            await until(lambda: statuses and statuses[-1].waiting_for_hub)
            assert statuses[-1].pending == 30
            await asyncio.to_thread(hub_box.start)
            await until(lambda: statuses[-1].pending == 0)
            assert not statuses[-1].waiting_for_hub
        local = store.chain_events(device, 0, 100)
    assert hub_chain(hub_box.running, device) == local


async def test_a_hub_that_lost_events_gets_them_again_from_where_it_stands(
    hub: RunningHub, tmp_path: Path
) -> None:
    statuses: list[SyncStatus] = []
    async with signed_in_desk(hub, tmp_path) as (me, api, store):
        fill(store, me, 20)
        device = store.chain_id(me)
        # This copy believes the hub holds 15 (the hub was restored from a backup).
        store.set_chain_acked(device, 15)
        async with syncing(store, api, me, statuses):
            await until(lambda: store.action_chains()[0].acked_seq == 20)
            await until(lambda: statuses[-1].pending == 0)
        assert statuses[-1].problem is None
        local = store.chain_events(device, 0, 100)
    assert hub_chain(hub, device) == local


async def test_the_alert_about_a_gap_names_this_computer(hub: RunningHub, tmp_path: Path) -> None:
    """The syncer sends the computer's host name with its batches: the supervisors' alert
    about the chain names it (and nothing secret goes with it)."""
    statuses: list[SyncStatus] = []
    name = this_computer()
    assert name is not None and is_device_name(name)
    async with signed_in_desk(hub, tmp_path) as (me, api, store):
        fill(store, me, 20)
        store.set_chain_acked(store.chain_id(me), 15)  # so the first batch leaves a gap
        async with syncing(store, api, me, statuses, device_name=name):
            await until(lambda: store.action_chains()[0].acked_seq == 20)
    rows = hub.ctx.db.read_sync(lambda c: c.all("SELECT kind, device_name FROM alerts"))
    assert [(r["kind"], r["device_name"]) for r in rows] == [("audit_gap", name)]


async def test_a_fork_that_persists_stops_the_chain_and_says_so(
    hub: RunningHub, tmp_path: Path
) -> None:
    statuses: list[SyncStatus] = []
    async with signed_in_desk(hub, tmp_path) as (me, api, store):
        fill(store, me, 5)
        device = store.chain_id(me)
        await api.post_events(store.chain_events(device, 0, 5))
        # This copy's seq 5 is rewritten (re-sealed, so it verifies locally) after the
        # hub took it: the two copies now disagree from seq 5 on.
        [fifth] = store.chain_events(device, 4, 1)
        forged = seal({**fifth, "data": {"text": "otra cosa"}}, fifth["prev"])
        store.db.execute(
            "UPDATE action_log SET data = ?, hash = ? WHERE device = ? AND seq = 5",
            ('{"text":"otra cosa"}', forged["hash"], device),
        )
        fill(store, me, 3)
        store.set_chain_acked(device, 5)
        async with syncing(store, api, me, statuses):
            await until(lambda: statuses and statuses[-1].problem is not None)
            assert "audit_fork" in (statuses[-1].problem or "")
            assert statuses[-1].pending == 3
    assert [e["seq"] for e in hub_chain(hub, device)] == [1, 2, 3, 4, 5]


async def test_only_the_signed_in_users_chain_is_sent(hub: RunningHub, tmp_path: Path) -> None:
    statuses: list[SyncStatus] = []
    async with signed_in_desk(hub, tmp_path) as (me, api, store):
        other = hub.add_user("beto")
        fill(store, other, 7)
        fill(store, me, 4)
        async with syncing(store, api, me, statuses):
            await until(lambda: statuses and statuses[-1].pending == 0)
            assert statuses[-1].others_pending == 7
        mine, theirs = store.chain_id(me), store.chain_id(other)
        assert len(hub_chain(hub, mine)) == 4 and hub_chain(hub, theirs) == []
        # Beto signs in on this computer: his chain goes too.
        await api.login("beto", PASSWORD)
        beto_statuses: list[SyncStatus] = []
        async with syncing(store, api, other, beto_statuses):
            await until(lambda: beto_statuses and beto_statuses[-1].pending == 0)
        assert hub_chain(hub, theirs) == store.chain_events(theirs, 0, 100)


async def test_an_expired_session_stops_the_syncer_until_the_next_sign_in(
    hub: RunningHub, tmp_path: Path
) -> None:
    statuses: list[SyncStatus] = []
    async with signed_in_desk(hub, tmp_path) as (me, api, store):
        fill(store, me, 3)
        async with HubApi(hub.url, api.token) as same_session:
            await same_session.logout()
        async with syncing(store, api, me, statuses) as syncer:
            await until(lambda: syncer.session_expired)
            assert statuses[-1].session_expired and statuses[-1].pending == 3
            assert store.action_chains()[0].unsynced == 3
