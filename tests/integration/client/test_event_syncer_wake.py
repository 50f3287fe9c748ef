"""EventSyncer while the hub is away: a new action or "sync now" cuts the backoff short
(an action only down to the wake floor, so a busy agent does not hammer a dead hub), and
``flush`` gives the backlog a bounded chance to go out at once (sign-out)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from restartable_hub import RestartableHub, until
from syncer_helpers import signed_in_desk, syncing

from wa_desk.client.backoff import Backoff
from wa_desk.client.event_syncer import EventSyncer
from wa_desk.store.local_store import LocalStore

pytestmark = pytest.mark.anyio

AN_HOUR = 3600.0


def long_backoff() -> Backoff:
    """Every failure waits an hour: only a wake can bring the next try sooner."""
    return Backoff(AN_HOUR, AN_HOUR, jitter=0.0)


async def _hub_away_with_backlog(
    hub_box: RestartableHub, store: LocalStore, me: str, syncer: EventSyncer
) -> None:
    await asyncio.to_thread(hub_box.stop)
    for i in range(5):
        store.append_action("note.added", me, None, {"i": i})
    await until(lambda: syncer.status.waiting_for_hub)


async def test_an_action_after_the_hub_is_back_drains_the_backlog_without_the_backoff(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    async with signed_in_desk(hub_box.running, tmp_path) as (me, api, store):
        async with syncing(
            store, api, me, backoff=long_backoff(), wake_floor=(0.05, 0.1)
        ) as syncer:
            await _hub_away_with_backlog(hub_box, store, me, syncer)
            await asyncio.to_thread(hub_box.start)
            store.append_action("conversation.claimed", me, None, {})
            await until(lambda: syncer.status.pending == 0)
            assert not syncer.status.waiting_for_hub
        device = store.chain_id(me)
        assert await api.acked_seq(device) == 6


async def test_a_busy_agent_does_not_make_the_syncer_hammer_a_dead_hub(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    async with (
        signed_in_desk(hub_box.running, tmp_path) as (me, api, store),
        syncing(store, api, me, backoff=long_backoff(), wake_floor=(AN_HOUR, AN_HOUR)) as syncer,
    ):
        await _hub_away_with_backlog(hub_box, store, me, syncer)
        tries = syncer.hub_failures
        for i in range(20):
            store.append_action("note.added", me, None, {"busy": i})
            await asyncio.sleep(0.02)  # each append is seen by the waiting syncer
        # Within the floor no append brings another try.
        assert syncer.hub_failures == tries
        assert store.action_chains()[0].unsynced == 25


async def test_sync_now_tries_at_once_whatever_the_backoff_and_floor(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    async with (
        signed_in_desk(hub_box.running, tmp_path) as (me, api, store),
        syncing(store, api, me, backoff=long_backoff(), wake_floor=(AN_HOUR, AN_HOUR)) as syncer,
    ):
        await _hub_away_with_backlog(hub_box, store, me, syncer)
        await asyncio.to_thread(hub_box.start)
        syncer.sync_now()
        await until(lambda: syncer.status.pending == 0)


async def test_flush_sends_a_short_backlog_at_once_without_lingering(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    # A batch would otherwise wait an hour for more events to join it.
    async with (
        signed_in_desk(hub_box.running, tmp_path) as (me, api, store),
        syncing(store, api, me, backoff=long_backoff(), linger=AN_HOUR) as syncer,
    ):
        store.append_action("note.added", me, None, {"i": 1})
        store.append_action("session.ended", me, None, {"reason": "signed_out"})
        assert await syncer.flush(within=30.0)
        assert await api.acked_seq(store.chain_id(me)) == 2


async def test_flush_gives_up_when_the_hub_is_away_and_the_events_stay(
    hub_box: RestartableHub, tmp_path: Path
) -> None:
    async with signed_in_desk(hub_box.running, tmp_path) as (me, api, store):
        async with syncing(store, api, me, backoff=long_backoff()) as syncer:
            await _hub_away_with_backlog(hub_box, store, me, syncer)
            tries = syncer.hub_failures
            store.append_action("session.ended", me, None, {"reason": "signed_out"})
            assert not await syncer.flush(within=AN_HOUR)
            # It gave up because a new try failed, not because time ran out.
            assert syncer.hub_failures == tries + 1
        assert store.action_chains()[0].unsynced == 6
