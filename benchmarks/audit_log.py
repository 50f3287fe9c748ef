"""The desktop's action log: appending locally, durably, and syncing it to a real hub.

- **batched append**: 100,000 events appended through ``LocalStore.append_actions`` in
  batches of 500, each batch one durable (``synchronous = FULL``) transaction, to a
  fresh store file. Target ≥ 10,000 events/s.
- **single durable append**: ``LocalStore.append_action`` one event at a time (one
  fsync'd commit each), as the app does for every agent action. Target p99 < 5 ms.
- **sync to the hub**: a store holding 100,000 events of one agent (appended before the
  clock starts) synced by the app's ``EventSyncer`` (batches of 500) to ``wa-desk hub
  serve`` on loopback (SQLite, one process), from the syncer's start until the hub
  acknowledged the last event. Target < 15 s. The ``=`` row checks that the hub holds
  every event.

    python -m benchmarks.audit_log [--events 100000] [--appends 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks import servers
from benchmarks.report import Figure, print_table
from benchmarks.stats import Summary
from wa_desk.client.event_syncer import EventSyncer
from wa_desk.client.hub_api import HubApi
from wa_desk.store.action_log import Action
from wa_desk.store.local_store import LocalStore

NAME = "audit_log"
USER = "agente"
# The benchmark hub's throwaway user: a password made for this run only.
PASSWORD = secrets.token_urlsafe(24)
BATCH = 500


def _actions(user_id: str, start: int, count: int) -> list[Action]:
    return [
        Action("message.sent", user_id, None, {"text": f"Respuesta número {i} ✓", "n": i})
        for i in range(start, start + count)
    ]


def batched_append(workdir: Path, events: int) -> list[Figure]:
    with LocalStore.open(workdir / "batched.sqlite3") as store:
        started = time.perf_counter()
        for start in range(0, events, BATCH):
            store.append_actions(_actions("u1", start, min(BATCH, events - start)))
        elapsed = time.perf_counter() - started
    rate = events / elapsed
    return [
        Figure(
            NAME, f"batched append ({BATCH}/transaction)", rate, "events/s", 10_000, "", "higher"
        )
    ]


def single_appends(workdir: Path, appends: int) -> list[Figure]:
    with LocalStore.open(workdir / "single.sqlite3") as store:
        for i in range(50):  # warm-up: file growth, statement cache
            store.append_action("note.added", "u1", "c1", {"i": i})
        samples = []
        for i in range(appends):
            started = time.perf_counter()
            store.append_action("agent.status_changed", "u1", None, {"status": "away", "i": i})
            samples.append(time.perf_counter() - started)
    s = Summary.of(samples)
    return [
        Figure(NAME, "single durable append p50", s.p50_ms, "ms"),
        Figure(NAME, "single durable append p99", s.p99_ms, "ms", 5.0, "", "lower"),
        Figure(NAME, "single durable append max", s.max_ms, "ms"),
    ]


def _add_user(db_url: str) -> None:
    argv = [*servers.wa_desk_command(), "hub", "user", "add", USER, "--role", "agent"]
    argv += ["--queue", "ventas", "--password-stdin", "--db", db_url]
    subprocess.run(
        argv, input=f"{PASSWORD}\n".encode(), check=True, capture_output=True, timeout=60
    )


async def _sync(url: str, store: LocalStore) -> tuple[float, int, int]:
    async with HubApi(url) as api:
        session = await api.login(USER, PASSWORD)
        user_id = str(session.user["id"])
        device = store.chain_id(user_id)
        syncer = EventSyncer(store, api, user_id, linger=0.0)
        total = next(c.last_seq for c in store.action_chains() if c.device == device)
        started = time.perf_counter()
        task = asyncio.create_task(syncer.run())
        while True:
            chain = next(c for c in store.action_chains() if c.device == device)
            if chain.acked_seq == total or task.done():
                break
            await asyncio.sleep(0.01)
        elapsed = time.perf_counter() - started
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        held = await api.acked_seq(device)
    return elapsed, total, held


def sync_to_hub(workdir: Path, events: int) -> list[Figure]:
    db_url = f"sqlite:///{workdir / 'hub.sqlite3'}"
    _add_user(db_url)
    with servers.hub("hub sqlite", db_url, log_dir=workdir) as hub:
        user_id = str(
            httpx.post(
                f"{hub.url}/api/v1/auth/login",
                json={"username": USER, "password": PASSWORD},
                timeout=30,
            ).json()["user"]["id"]
        )
        with LocalStore.open(workdir / "sync.sqlite3") as store:
            for start in range(0, events, 5_000):
                store.append_actions(_actions(user_id, start, min(5_000, events - start)))
            elapsed, total, held = asyncio.run(_sync(hub.url, store))
    return [
        Figure(NAME, f"{total:,} events synced to the hub", elapsed, "s", 15.0, "", "lower"),
        Figure(NAME, "sync throughput", total / elapsed, "events/s"),
        Figure(NAME, "events the hub holds", held, "events", total, "", "equal"),
    ]


def run(events: int = 100_000, appends: int = 2_000) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="wa-desk-audit-log-") as tmp:
        workdir = Path(tmp)
        figures = batched_append(workdir, events)
        figures += single_appends(workdir, appends)
        figures += sync_to_hub(workdir, events)
    return figures


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--events", type=int, default=100_000, help="events appended and synced")
    p.add_argument("--appends", type=int, default=2_000, help="single appends timed")
    args = p.parse_args()
    figures = run(args.events, args.appends)
    print_table("Desktop action log", figures)
    checks = [f for f in figures if f.better == "equal"]
    return 0 if all(f.met() is not False for f in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
