"""How long a retention purge holds the hub's only writer, on SQLite and PostgreSQL: a
large first purge made in one write (as the hub did before) against the same purge in
steps (as it does now), on two copies of one store.

The store holds nine weeks of history (the heat-map benchmark's: conversations of four
queues, ten messages each, with their aggregates); the retention period keeps the last
four weeks, so more than half of it goes. While each purge runs, a stand-in for webhook
deliveries writes one small row every 10 ms through the same writer and times how long
each waited: its worst wait is how long a customer's message would wait to be stored.

    python -m benchmarks.retention_purge                         # 300,000 messages, both stores
    python -m benchmarks.retention_purge --messages 50000 --db sqlite   # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import pg
from benchmarks.heatmap import build_store
from benchmarks.report import Figure, print_table
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.heatmap import WEEK_MS
from wa_desk.hub import retention, retention_steps
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database

BENCH = "retention purge"
KEPT_WEEKS = 4
TICK_S = 0.010  # a stand-in delivery every 10 ms
WAIT_TARGET_MS = 250.0  # a delivery waits at most this long for the writer


def _log(text: str) -> None:
    print(f"[{BENCH}] {text}", file=sys.stderr, flush=True)


def _deliver(conn: Conn, *, n: int) -> None:
    conn.execute(
        "INSERT INTO contacts (wa_id, first_seen_at, last_seen_at) VALUES (?, ?, ?)",
        (f"bench{n}", n, n),
    )


async def _purge_with_deliveries(
    db: Database, purge: Callable[[], Awaitable[object]]
) -> tuple[float, list[float]]:
    """Run ``purge`` while deliveries tick; its seconds, and each delivery's wait (ms)."""
    waits: list[float] = []
    done = asyncio.Event()

    async def deliveries() -> None:
        n = 0
        while not done.is_set():
            n += 1
            t = time.perf_counter()
            await db.write(functools.partial(_deliver, n=n))
            waits.append((time.perf_counter() - t) * 1000)
            await asyncio.sleep(TICK_S)

    ticking = asyncio.ensure_future(deliveries())
    await asyncio.sleep(0.2)  # deliveries under way before the purge starts
    t = time.perf_counter()
    await purge()
    seconds = time.perf_counter() - t
    done.set()
    await ticking
    return seconds, waits


def _one_write(db: Database, cutoff: Millis, now: Millis) -> Callable[[], Awaitable[object]]:
    return lambda: db.write(lambda c: retention.purge(c, cutoff, 28, "bench", now))


def _in_steps(
    db: Database, cutoff: Millis, now: Millis, steps: list[int]
) -> Callable[[], Awaitable[object]]:
    async def purge() -> None:
        order = retention_steps.PurgeOrder(cutoff, 28, "bench", now)
        done = await retention_steps.purge_in_steps(db, order)
        steps.append(len(done))

    return purge


def _measure_one(url: str, how: str, cutoff: Millis, now: Millis) -> dict[str, float]:
    db = Database.open(url)
    steps: list[int] = []
    try:
        purge = (
            _one_write(db, cutoff, now) if how == "one write" else _in_steps(db, cutoff, now, steps)
        )
        seconds, waits = asyncio.run(_purge_with_deliveries(db, purge))
        gone = db.read_sync(lambda c: c.scalar("SELECT COUNT(*) FROM conversations"))
    finally:
        db.close()
    _log(f"{how}: {seconds:.2f} s, {len(waits)} deliveries, {gone:,} conversations left")
    return {
        "seconds": seconds,
        "worst_wait": max(waits),
        "p99_wait": statistics.quantiles(waits, n=100, method="inclusive")[98]
        if len(waits) > 1
        else max(waits),
        "steps": float(steps[0]) if steps else 1.0,
    }


@contextmanager
def _two_stores(
    store: str, tmp: Path, messages: int, now: Millis
) -> Iterator[tuple[str, str] | None]:
    """Two equal stores: one for each way of purging."""
    if store == "sqlite":
        first = tmp / "a.sqlite3"
        build_store(f"sqlite:///{first}", messages, now)
        second = tmp / "b.sqlite3"
        shutil.copy(first, second)
        yield f"sqlite:///{first}", f"sqlite:///{second}"
        return
    reason = pg.unavailable_reason()
    if reason is not None:
        _log(f"PostgreSQL skipped: {reason}")
        yield None
        return
    with pg.durable_postgresql() as server:
        urls = (server.new_database("purge_a"), server.new_database("purge_b"))
        for url in urls:
            build_store(url, messages, now)
        yield urls


def run(messages: int, dbs: list[str]) -> list[Figure]:
    figures: list[Figure] = []
    now = now_ms()
    cutoff = now - KEPT_WEEKS * WEEK_MS
    for store in dbs:
        with (
            tempfile.TemporaryDirectory(prefix="wadesk-purge-") as tmp,
            _two_stores(store, Path(tmp), messages, now) as urls,
        ):
            if urls is None:
                continue
            whole = _measure_one(urls[0], "one write", cutoff, now)
            steps = _measure_one(urls[1], "in steps", cutoff, now)
            name = f"{BENCH} ({store})"
            figures += [
                Figure(name, "purge in one write: time", whole["seconds"] * 1000, "ms"),
                Figure(
                    name,
                    "  a delivery's worst wait",
                    whole["worst_wait"],
                    "ms",
                    WAIT_TARGET_MS,
                    "target",
                    "lower",
                ),
                Figure(
                    name,
                    "purge in steps: time",
                    steps["seconds"] * 1000,
                    "ms",
                    whole["seconds"] * 1000,
                    "one write",
                    "info",
                ),
                Figure(name, "  steps", steps["steps"], ""),
                Figure(
                    name,
                    "  a delivery's worst wait",
                    steps["worst_wait"],
                    "ms",
                    WAIT_TARGET_MS,
                    "target",
                    "lower",
                ),
                Figure(
                    name,
                    "  a delivery's p99 wait",
                    steps["p99_wait"],
                    "ms",
                    WAIT_TARGET_MS,
                    "target",
                    "lower",
                ),
                Figure(
                    name,
                    "  worst wait vs one write",
                    steps["worst_wait"],
                    "ms",
                    whole["worst_wait"],
                    "one write",
                    "lower",
                ),
            ]
    return figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--messages", type=int, default=300_000, help="messages in the store (300,000)")
    p.add_argument("--db", choices=["sqlite", "postgresql", "all"], default="all")
    args = p.parse_args(argv)
    dbs = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    print_table(
        f"Retention purge of a store of {args.messages:,} messages", run(args.messages, dbs)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
