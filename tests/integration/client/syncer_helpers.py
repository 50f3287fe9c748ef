"""Shared by the EventSyncer tests: a desk signed in to a real hub, and a syncer running
against its local store (tuned to react in tenths of a second)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from hub_harness import PASSWORD, RunningHub

from wa_desk.client.backoff import Backoff
from wa_desk.client.event_syncer import EventSyncer, SyncStatus
from wa_desk.client.hub_api import HubApi
from wa_desk.store.local_store import LocalStore


@asynccontextmanager
async def signed_in_desk(
    hub: RunningHub, tmp_path: Path, name: str = "ana"
) -> AsyncIterator[tuple[str, HubApi, LocalStore]]:
    """A new hub user ``name`` signed in, with this computer's local store:
    ``(user_id, api, store)``."""
    me = hub.add_user(name)
    async with HubApi(hub.url) as api:
        await api.login(name, PASSWORD)
        with LocalStore.open(tmp_path / "desk.sqlite3") as store:
            yield me, api, store


@asynccontextmanager
async def syncing(
    store: LocalStore,
    api: HubApi,
    user_id: str,
    statuses: list[SyncStatus] | None = None,
    *,
    backoff: Backoff | None = None,
    **kw: Any,
) -> AsyncIterator[EventSyncer]:
    """An EventSyncer running for ``user_id``, woken by every append to ``store``; each
    status it reports goes to ``statuses``."""
    kw = {"linger": 0.05, "idle_poll": 0.2, **kw}
    on_status = statuses.append if statuses is not None else None
    backoff = backoff or Backoff(0.05, 0.3, jitter=1.0)
    syncer = EventSyncer(store, api, user_id, on_status, backoff=backoff, **kw)
    unlisten = store.on_actions_appended(syncer.wake)
    task = asyncio.create_task(syncer.run())
    try:
        yield syncer
    finally:
        unlisten()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
