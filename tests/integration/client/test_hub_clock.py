"""A workstation whose clock runs fast still has its actions taken by the hub: the app
stamps them in the hub's time, learnt from the hub's answers. Without it, the hub refuses
events more than a few minutes ahead of its clock, and sealed events stay refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hub_harness import PASSWORD, RunningHub
from restartable_hub import until
from syncer_helpers import syncing

from wa_desk.client.event_syncer import SyncStatus
from wa_desk.client.hub_api import HubApi
from wa_desk.client.hub_clock import HubClock
from wa_desk.core.clock import from_rfc3339, now_ms
from wa_desk.hub.queries import audit_log
from wa_desk.store.action_log import Action
from wa_desk.store.local_store import LocalStore

pytestmark = pytest.mark.anyio

TEN_MINUTES_MS = 10 * 60 * 1000


def fast_computer_clock() -> int:
    return now_ms() + TEN_MINUTES_MS


@pytest.mark.parametrize("follows_the_hub", [True, False])
async def test_a_fast_workstation_clock_is_corrected_by_the_hubs(
    hub: RunningHub, tmp_path: Path, follows_the_hub: bool
) -> None:
    me = hub.add_user("ana")
    clock = HubClock(local=fast_computer_clock)
    statuses: list[SyncStatus] = []
    async with HubApi(hub.url, clock=clock) as api:
        await api.login("ana", PASSWORD)
        with LocalStore.open(tmp_path / "desk.sqlite3") as store:
            if follows_the_hub:
                store.use_clock(clock.now)
            else:
                store.use_clock(fast_computer_clock)
            store.append_actions(Action("note.added", me, None, {"n": i}) for i in range(3))
            async with syncing(store, api, me, statuses):
                await until(
                    lambda: statuses and (statuses[-1].pending == 0 or statuses[-1].problem)
                )
            local = store.actions()
            device = str(local[0]["device"])
            held = hub.ctx.db.read_sync(lambda c: audit_log.chain_events(c, device, 0, 100))
            if follows_the_hub:
                assert statuses[-1].pending == 0 and statuses[-1].problem is None
                assert [e["id"] for e in held] == [a["id"] for a in local]
                assert all(abs(from_rfc3339(a["at"]) - now_ms()) < 60_000 for a in local)
            else:
                assert statuses[-1].refused and "ahead" in (statuses[-1].problem or "")
                assert held == []


def test_a_date_header_within_two_seconds_is_taken_as_no_difference() -> None:
    clock = HubClock(local=lambda: 1_700_000_000_400)
    clock.note("Tue, 14 Nov 2023 22:13:20 GMT")  # 1_700_000_000_000 ms
    assert clock.offset_ms == 0
    clock.note("Tue, 14 Nov 2023 22:23:20 GMT")  # ten minutes later than this computer
    assert clock.offset_ms == 600_000 + 500 - 400
    for odd in (None, "", "yesterday", "Tue, 99 Nov 2023 25:61:00 GMT"):
        clock.note(odd)
        assert clock.offset_ms == 600_100  # an unusable header changes nothing
