"""Live wallboard: from a webhook arriving to every supervisor's stream showing it in the
queue's ``wallboard.changed`` row.

The hub runs as one process. A supervisor of the benchmark's business number (with no
queue configuration, each phone_number_id is its own queue) holds ``--subscribers`` SSE
streams open. Webhooks then arrive at ``--rate`` for ``--seconds``, each from a new
customer, so message ``i`` opens the queue's ``i + 1``-th conversation: a stream has
seen message ``i`` once a queue row with ``open > i`` reaches it. For every stream and
every message, the time from the webhook's scheduled send to that row is recorded.

Rows are coalesced to one a second (docs/kpis.md, "When a row is pushed"), so under
steady traffic a message waits for the next push: up to a second, plus the time a push
takes (reading and computing the queue's row, appending it, the fan-out). Two targets
follow from that: a change reaches the streams within 2 s, and a pushed row reaches all
20 streams within 1 s of its pass beginning to read (p99 of each).

    python -m benchmarks.wallboard --subscribers 20 --rate 200 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import sys
import time
from dataclasses import dataclass, field

import orjson

from benchmarks import cpu, lead_hub, loop, servers
from benchmarks.bodies import PHONE_NUMBER_ID, build_deliveries
from benchmarks.cpu import CpuUse
from benchmarks.httpload import OpenLoopResult, open_loop
from benchmarks.report import Figure, print_table
from benchmarks.sse import SseSubscriber, stream_request, subscribe
from benchmarks.stats import Summary
from wa_desk.core.clock import from_rfc3339
from wa_desk.core.stream_protocol import StreamEventKind

BENCH = "wallboard"
# A change shows on every stream within 2 s; a pushed row reaches them all within 1 s.
CHANGE_P99_TARGET_MS = 2000.0
FANOUT_P99_TARGET_MS = 1000.0
# What a push costs once the queue has thousands of conversations open: reading and
# computing its row, appending it, the fan-out. 150-250 ms before the pusher kept the
# day's conversations between passes (4,000 open, 2 shared cores).
PUSH_COST_TARGET_MS = 50.0
WALLBOARD = StreamEventKind.WALLBOARD_CHANGED.value.encode()


@dataclass
class WallboardResult:
    subscribers: int
    messages: int
    seconds: float
    latencies_s: list[float] = field(repr=False)
    reflected: list[int] = field(repr=False)  # per stream: messages its last row showed
    queue_rows: list[int] = field(repr=False)  # per stream: queue rows received
    gaps_s: list[float] = field(repr=False)  # between consecutive queue rows of a stream
    # Per queue row a stream got in the run's last quarter (the most conversations open):
    # from the row's ``taken_at`` (when its pass began reading) to the stream.
    ages_s: list[float] = field(repr=False)
    # The same for every queue row of the run: what the 1 s target of a push is held to.
    fanout_s: list[float] = field(repr=False)
    webhooks: OpenLoopResult
    load_cpu: CpuUse
    hub_cpu: CpuUse | None = None


async def _watch(
    port: int, token: str, subscribers: int, rate: float, seconds: float, settle: float
) -> WallboardResult:
    n = int(rate * seconds)
    deliveries = build_deliveries(n, customers=n)  # every message a new conversation
    reflected = [0] * subscribers
    rows = [0] * subscribers
    last_row: list[float | None] = [None] * subscribers
    gaps: list[float] = []
    ages: list[float] = []
    fanout: list[float] = []
    wall = time.time() - time.perf_counter()  # the subscribers' clock to epoch seconds
    latencies: list[float] = []
    all_in = asyncio.Event()
    complete = 0
    start = 0.0

    def on_start(t: float) -> None:
        nonlocal start
        start = t

    def on_event(sub: SseSubscriber, kind: bytes, data: bytes, now: float) -> None:
        nonlocal complete
        if kind != WALLBOARD:
            return
        row = orjson.loads(data)
        if row["type"] != "queue" or row["queue"] != PHONE_NUMBER_ID:
            return
        rows[sub.index] += 1
        previous = last_row[sub.index]
        if previous is not None:
            gaps.append(now - previous)
        last_row[sub.index] = now
        shown = min(int(row["open"]), n)
        age = now + wall - from_rfc3339(row["taken_at"]) / 1000
        fanout.append(age)
        if shown * 4 >= n * 3:
            ages.append(age)
        before = reflected[sub.index]
        if shown <= before:
            return
        latencies.extend(now - (start + i / rate) for i in range(before, shown))
        reflected[sub.index] = shown
        if shown == n:
            complete += 1
            if complete == subscribers:
                all_in.set()

    request = stream_request("/api/v1/stream", {"Authorization": f"Bearer {token}"})
    subs = await subscribe("127.0.0.1", port, subscribers, request, on_event)
    try:
        load0 = cpu.sample()
        webhooks = await open_loop(
            "127.0.0.1", port, deliveries.requests, rate=rate, connections=16, on_start=on_start
        )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(all_in.wait(), settle)
        load_cpu = cpu.sample().since(load0)
    finally:
        for s in subs:
            s.close()
    return WallboardResult(
        subscribers, n, seconds, latencies, reflected, rows, gaps, ages, fanout, webhooks, load_cpu
    )


def run(subscribers: int, rate: float, seconds: float, db: str, settle: float) -> list[Figure]:
    with lead_hub.store_with_lead(db, "bench_wallboard") as (work, url):
        # Every stream is the same session: the hub's stream caps must let them in.
        config = lead_hub.streams_config(work, subscribers)
        with servers.hub(f"hub-{db}", url, log_dir=work, config=config) as hub:
            token = lead_hub.login(hub.url)
            print(
                f"[{BENCH}] {subscribers} streams, {rate:.0f} msg/s for {seconds:.0f} s ({db}) ...",
                file=sys.stderr,
            )
            hub0 = hub.cpu_sample()
            result = loop.run(_watch(hub.port, token, subscribers, rate, seconds, settle))
            result.hub_cpu = hub.cpu_sample().since(hub0)
    return figures(result, db)


def figures(r: WallboardResult, db: str) -> list[Figure]:
    lat = Summary.of(r.latencies_s)
    age = Summary.of(r.ages_s)
    fanout = Summary.of(r.fanout_s)
    last = f"≥ {r.messages * 3 // 4:,} open"
    hooks = Summary.of(r.webhooks.latencies_s)
    complete = sum(1 for c in r.reflected if c == r.messages)
    tag = f"{r.subscribers} streams, {r.webhooks.rate:.0f}/s, {db}"
    out = [
        Figure(BENCH, f"webhook → row p50 ({tag})", lat.p50_ms, "ms"),
        Figure(
            BENCH, f"webhook → row p99 ({tag})", lat.p99_ms, "ms", CHANGE_P99_TARGET_MS, "", "lower"
        ),
        Figure(BENCH, f"webhook → row max ({tag})", lat.max_ms, "ms"),
        Figure(
            BENCH,
            "streams whose last row showed every message",
            complete,
            "",
            r.subscribers,
            "",
            "equal",
        ),
        # At most one row a second: the hub spaces its pushes' commits by a second; what
        # a stream sees adds the fan-out's jitter.
        Figure(
            BENCH,
            "shortest gap between two queue rows",
            min(r.gaps_s, default=math.nan) * 1000,
            "ms",
            1000.0,
            "1 row/s",
            "higher",
        ),
        Figure(BENCH, "queue rows per stream (max)", max(r.queue_rows, default=0), "events"),
        Figure(
            BENCH,
            f"row read → all {r.subscribers} streams p99 (every row)",
            fanout.p99_ms,
            "ms",
            FANOUT_P99_TARGET_MS,
            "",
            "lower",
        ),
        Figure(
            BENCH,
            f"push cost: row read → stream p50 ({last})",
            age.p50_ms,
            "ms",
            PUSH_COST_TARGET_MS,
            "",
            "lower",
        ),
        Figure(
            BENCH,
            f"push cost: row read → stream max ({last})",
            age.max_ms,
            "ms",
            PUSH_COST_TARGET_MS,
            "",
            "lower",
        ),
        Figure(BENCH, "webhook 200 p99 while pushing", hooks.p99_ms, "ms"),
        Figure(BENCH, "webhooks not answered 200", r.webhooks.failed, "", 0, "", "equal"),
    ]
    if r.hub_cpu is not None:
        out.append(Figure(BENCH, "hub CPU", r.hub_cpu.cores, "cores"))
        out.append(Figure(BENCH, "hub threads starved of CPU", r.hub_cpu.starved, "threads"))
    out += [
        Figure(BENCH, "load generator + streams CPU", r.load_cpu.cores, "cores"),
        Figure(BENCH, "load generator starved of CPU", r.load_cpu.starved, "threads"),
    ]
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--subscribers", type=int, default=20, help="supervisor streams (20)")
    p.add_argument("--rate", type=float, default=200.0, help="webhooks per second (200)")
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--settle", type=float, default=20.0, help="max wait for the last row (s)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    figs = run(args.subscribers, args.rate, args.seconds, args.db, args.settle)
    print_table("Live wallboard", figs)
    return 0 if all(f.met() is not False for f in figs if f.better == "equal") else 1


if __name__ == "__main__":
    sys.exit(main())
