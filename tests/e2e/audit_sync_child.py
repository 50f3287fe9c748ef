"""A desktop stand-in for the kill test: fills its action log, then syncs it to the hub
while it keeps appending, printing each seq once its append returned (``A <seq>``, or
``P <seq>`` for the last of a pre-fill batch). ``DONE`` when the chain reached
``--total`` events and the hub acknowledged all of them.

    python audit_sync_child.py STORE HUB_URL USER_ID --total N --prefill M   (token on stdin)
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from wa_desk.client.event_syncer import EventSyncer, FullJitter
from wa_desk.client.hub_api import HubApi
from wa_desk.store.action_log import Action
from wa_desk.store.local_store import LocalStore


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def last_seq(store: LocalStore, user_id: str) -> int:
    device = store.chain_id(user_id)
    return next((c.last_seq for c in store.action_chains() if c.device == device), 0)


async def main(args: argparse.Namespace, token: str) -> None:
    with LocalStore.open(args.store) as store:
        me = args.user_id
        while (n := last_seq(store, me)) < args.prefill:
            count = min(5_000, args.prefill - n)
            seqs = store.append_actions(
                Action("message.sent", me, "c1", {"text": f"mensaje {n + i} ✓"})
                for i in range(count)
            )
            say(f"P {seqs[-1]}")
        say("READY")
        async with HubApi(args.hub_url, token) as api:
            syncer = EventSyncer(
                store, api, me, linger=0.05, idle_poll=0.2, backoff=FullJitter(0.05, 0.5)
            )
            store.on_actions_appended(syncer.wake)
            task = asyncio.create_task(syncer.run())
            while (n := last_seq(store, me)) < args.total:
                seq = await asyncio.to_thread(
                    store.append_action, "note.added", me, "c1", {"n": n + 1}
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
    arguments = parser.parse_args()
    asyncio.run(main(arguments, sys.stdin.readline().strip()))
