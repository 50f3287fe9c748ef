"""Live fan-out: from a webhook arriving to every supervisor's stream showing it.

The hub runs as one process. A supervisor of the benchmark's business number (with no
queue configuration, each phone_number_id is its own queue) is created with the CLI,
signs in over the API, and holds ``--subscribers`` SSE streams open (raw sockets). Then
webhooks arrive at a steady ``--rate`` for ``--seconds``; for every subscriber and every
message, the time from the webhook's scheduled send to that subscriber receiving the
``message.created`` event with the message's ``data.wamid`` is recorded.

    python -m benchmarks.stream_fanout --subscribers 100 --rate 200 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from dataclasses import dataclass, field

import orjson

from benchmarks import cpu, lead_hub, loop, servers
from benchmarks.bodies import build_deliveries
from benchmarks.cpu import CpuUse
from benchmarks.httpload import OpenLoopResult, open_loop
from benchmarks.report import Figure, print_table
from benchmarks.sse import SseSubscriber, stream_request, subscribe
from benchmarks.stats import Summary

BENCH = "stream fan-out"
P99_TARGET_MS = 100.0


@dataclass
class FanoutResult:
    subscribers: int
    messages: int
    latencies_s: list[float] = field(repr=False)
    per_subscriber: list[int] = field(repr=False)  # distinct messages each one received
    webhooks: OpenLoopResult
    load_cpu: CpuUse
    drain_s: float  # from the last scheduled send to the last subscriber complete
    hub_cpu: CpuUse | None = None


async def _fan_out(
    port: int, token: str, subscribers: int, rate: float, seconds: float, settle: float
) -> FanoutResult:
    deliveries = build_deliveries(int(rate * seconds))
    index_of = {w: i for i, w in enumerate(deliveries.wamids)}
    n = len(deliveries)
    seen: list[set[int]] = [set() for _ in range(subscribers)]
    latencies: list[float] = []
    all_in = asyncio.Event()
    complete = 0
    start = 0.0

    def on_start(t: float) -> None:
        nonlocal start
        start = t

    def on_event(sub: SseSubscriber, kind: bytes, data: bytes, now: float) -> None:
        nonlocal complete
        if kind != b"message.created":
            return
        i = index_of.get(orjson.loads(data)["wamid"])
        mine = seen[sub.index]
        if i is None or i in mine:
            return
        mine.add(i)
        latencies.append(now - (start + i / rate))
        if len(mine) == n:
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
        drained = time.perf_counter() - (start + (n - 1) / rate)
        load_cpu = cpu.sample().since(load0)
    finally:
        for s in subs:
            s.close()
    return FanoutResult(
        subscribers, n, latencies, [len(s) for s in seen], webhooks, load_cpu, drained
    )


def run(subscribers: int, rate: float, seconds: float, db: str, settle: float) -> list[Figure]:
    with lead_hub.store_with_lead(db, "bench_fanout") as (work, url):
        # Every subscriber is the same session: the hub's stream caps must let them in.
        # Every stream is the same session: the hub's stream caps must let them in.
        config = lead_hub.streams_config(work, subscribers)
        with servers.hub(f"hub-{db}", url, log_dir=work, config=config) as hub:
            token = lead_hub.login(hub.url)
            print(
                f"[{BENCH}] {subscribers} subscribers, {rate:.0f} msg/s for {seconds:.0f} s "
                f"({db}) ...",
                file=sys.stderr,
            )
            hub0 = hub.cpu_sample()
            result = loop.run(_fan_out(hub.port, token, subscribers, rate, seconds, settle))
            result.hub_cpu = hub.cpu_sample().since(hub0)
    return figures(result, db)


def figures(r: FanoutResult, db: str) -> list[Figure]:
    lat = Summary.of(r.latencies_s)
    hooks = Summary.of(r.webhooks.latencies_s)
    lag = Summary.of(r.webhooks.send_lag_s)
    complete = sum(1 for c in r.per_subscriber if c == r.messages)
    tag = f"{r.subscribers} subs, {r.webhooks.rate:.0f}/s, {db}"
    out = [
        Figure(BENCH, f"webhook → event p50 ({tag})", lat.p50_ms, "ms"),
        Figure(BENCH, f"webhook → event p99 ({tag})", lat.p99_ms, "ms", P99_TARGET_MS, "", "lower"),
        Figure(BENCH, f"webhook → event max ({tag})", lat.max_ms, "ms"),
        Figure(
            BENCH,
            "message.created per subscriber (min)",
            min(r.per_subscriber, default=0),
            "events",
            r.messages,
            "sent",
            "equal",
        ),
        Figure(
            BENCH,
            "message.created per subscriber (max)",
            max(r.per_subscriber, default=0),
            "events",
            r.messages,
            "sent",
            "equal",
        ),
        Figure(BENCH, "subscribers that got every event", complete, "", r.subscribers, "", "equal"),
        Figure(BENCH, "webhook 200 p99 during fan-out", hooks.p99_ms, "ms"),
        Figure(BENCH, "webhooks not answered 200", r.webhooks.failed, "", 0, "", "equal"),
        Figure(BENCH, "last event after last scheduled send", r.drain_s * 1000, "ms"),
    ]
    if r.hub_cpu is not None:
        out.append(Figure(BENCH, "hub CPU", r.hub_cpu.cores, "cores"))
        out.append(Figure(BENCH, "hub threads starved of CPU", r.hub_cpu.starved, "threads"))
    out += [
        Figure(BENCH, "load generator + subscribers CPU", r.load_cpu.cores, "cores"),
        Figure(BENCH, "load generator starved of CPU", r.load_cpu.starved, "threads"),
        Figure(BENCH, "load generator send lag p99", lag.p99_ms, "ms"),
    ]
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--subscribers", type=int, default=100)
    p.add_argument("--rate", type=float, default=200.0, help="webhooks per second (200)")
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--settle", type=float, default=20.0, help="max wait for stragglers (s)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    figs = run(args.subscribers, args.rate, args.seconds, args.db, args.settle)
    print_table("Stream fan-out", figs)
    return 0 if all(f.met() is not False for f in figs if f.better == "equal") else 1


if __name__ == "__main__":
    sys.exit(main())
