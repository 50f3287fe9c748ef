"""A desktop stand-in for the kill test: fills its action log, then syncs it to the hub
while it keeps appending, printing each seq once its append returned (``A <seq>``, or
``P <seq>`` for the last of a pre-fill batch). Each batch the hub acknowledged is
``K <acked seq>``. ``DONE`` when the chain reached ``--total`` events and the hub
acknowledged all of them.

With ``--stop-at N`` the sync stops dead at a chosen point, prints ``S`` and waits
to be killed: ``--stop-mode after``: once the hub has acknowledged seq ``N`` or more, after
its answer and before this copy records it; ``before``: just before sending a batch that
goes past ``N`` (``--stop-at 0``: before sending anything).

    python audit_sync_child.py STORE HUB_URL USER_ID --total N --prefill M \
        [--stop-at N --stop-mode after|before]   (token on stdin)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from wa_desk.client.backoff import Backoff
from wa_desk.client.event_syncer import EventSyncer
from wa_desk.client.hub_api import HubApi
from wa_desk.store.action_log import Action
from wa_desk.store.local_store import LocalStore


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class StoppingHubApi(HubApi):
    """The real client, reporting each acknowledgement and stopping at the chosen point."""

    def __init__(self, url: str, token: str, stop_at: int | None, mode: str) -> None:
        super().__init__(url, token)
        self._stop_at, self._mode = stop_at, mode

    async def post_events(
        self, events: list[dict[str, Any]], device_name: str | None = None
    ) -> int:
        stop = self._stop_at
        if stop is not None and self._mode == "before" and int(events[-1]["seq"]) > stop:
            await _stop_dead()
        acked = await super().post_events(events, device_name)
        say(f"K {acked}")
        if stop is not None and self._mode == "after" and acked >= stop:
            await _stop_dead()
        return acked


async def _stop_dead() -> None:
    say("S")
    await asyncio.Event().wait()  # until the parent kills this process


def last_seq(store: LocalStore, user_id: str) -> int:
    device = store.chain_id(user_id)
    return next((c.last_seq for c in store.action_chains() if c.device == device), 0)


async def main(args: argparse.Namespace, token: str) -> None:
    with LocalStore.open(args.store) as store:
        me = args.user_id
        while (n := last_seq(store, me)) < args.prefill:
            count = min(5_000, args.prefill - n)
            seqs = store.append_actions(
                Action("message.sent", me, None, {"text": f"mensaje {n + i} ✓"})
                for i in range(count)
            )
            say(f"P {seqs[-1]}")
        say("READY")
        async with StoppingHubApi(args.hub_url, token, args.stop_at, args.stop_mode) as api:
            syncer = EventSyncer(
                store, api, me, linger=0.05, idle_poll=0.2, backoff=Backoff(0.05, 0.5, jitter=1.0)
            )
            store.on_actions_appended(syncer.wake)
            task = asyncio.create_task(syncer.run())
            while (n := last_seq(store, me)) < args.total:
                seq = await asyncio.to_thread(
                    store.append_action, "note.added", me, None, {"n": n + 1}
                )
                say(f"A {seq}")
                await asyncio.sleep(0.002)
            while True:
                chain = next(c for c in store.action_chains() if c.user_id == me)
                if chain.acked_seq == chain.last_seq:
                    break
                if task.done():
                    raise SystemExit(f"the syncer stopped: {task.exception()!r}")
                await asyncio.sleep(0.05)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
    say("DONE")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("hub_url")
    parser.add_argument("user_id")
    parser.add_argument("--total", type=int, required=True)
    parser.add_argument("--prefill", type=int, default=0)
    parser.add_argument("--stop-at", type=int)
    parser.add_argument("--stop-mode", choices=("after", "before"), default="after")
    arguments = parser.parse_args()
    asyncio.run(main(arguments, sys.stdin.readline().strip()))
