"""Hub replicas on one PostgreSQL: from a webhook taken by one replica to the live
streams held on every replica, and what a second replica adds to webhook throughput.

A durable PostgreSQL (:mod:`benchmarks.pg`) holds the store, with a supervisor of the
benchmark's business number added by the hub's own command line (:mod:`benchmarks.lead_hub`).
Each replica is ``wa-desk hub serve``, one process (:mod:`benchmarks.servers`); the
streams and the closed-loop webhooks are this process's, on uvloop. The open-loop
webhooks of the steady phases (4 and 5) are sent by a process of their own
(:mod:`benchmarks.sender_process`, on uvloop too): when this process's one loop also
decoded the streams' events, it sent 500 msg/s up to 0.6-1.2 s late (send lag p99), and
the figures at that rate measured the load generator. Both processes time with
``perf_counter``, one system-wide clock on Linux (``CLOCK_MONOTONIC``).

1. Throughput, one replica: replica 1 alone, a 1 s warm-up, then 16 keep-alive
   connections sending signed webhooks (a customer's text message each, as
   :mod:`benchmarks.webhook_ingest` sends them), each the moment the last is answered
   (closed loop), for ``--throughput-seconds``.
2. Replica 2 starts on the same store, and HAProxy in front of both when it is installed,
   with the documented deployment's configuration (:mod:`benchmarks.balancer`).
   Throughput, two replicas: 8 connections to each, as above; then 16 through HAProxy.
   Every answer must be 200. The store has grown by then: if anything, that favours the
   single replica.
3. ``--streams`` SSE streams of the supervisor open on each replica (raw sockets,
   :mod:`benchmarks.sse`), each until its ``ready`` event.
4. For each of ``--rates``: webhooks for ``--seconds`` on a fixed timetable (open loop,
   16 connections, from the sender process, the timetable's start set here), all to
   replica 1. For every stream and message, the time from the webhook's scheduled send
   to the stream receiving the ``message.created`` with that ``wamid``, apart for the
   streams on replica 1 (same replica) and on replica 2 (other replica, target
   p99 < 100 ms). Also from the webhook's 200 (the hub answers once the
   transaction committed) to the event: what the live stream adds to the commit.
5. With HAProxy: the first rate again, sent through it (each replica takes half of the
   webhooks, round robin), every stream pooled against the same target.

Checked in each phase (``=`` rows): every stream got every message's event, none twice,
in the order of their sequence numbers (the SSE ids), with the same numbers as every
other stream on either replica; every webhook answered 200.

CPU (:mod:`benchmarks.cpu`), over each phase's sending: each replica, PostgreSQL (its
postmaster and every backend), HAProxy, this process (the closed-loop webhooks; in the
steady phases, the streams) and, in the steady phases, the webhook sender. On a
2-core machine their sum against 2, and the "starved" rows, say whether a figure is the
code's or the machine's, and which of them is the limit.

Latencies are from the scheduled send: a send the load generator delayed counts against
the figure (no coordinated omission). On PostgreSQL every replica's streams, those of
the replica that took the webhook too, are fed from the store
(``wa_desk/hub/stream_follower.py``): the same replica is not expected to be faster.

    python -m benchmarks.replicas                       # 200 and 500 msg/s (~2 min)
    python -m benchmarks.replicas --quick               # short phases (~1 min)
    python -m benchmarks.replicas --rates 200 --seconds 30 --streams 10 --no-balancer
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson

from benchmarks import balancer, cpu, lead_hub, loop, pg, sender_process, servers
from benchmarks.bodies import Deliveries, build_deliveries
from benchmarks.cpu import CpuUse
from benchmarks.httpload import OpenLoopResult, closed_loop
from benchmarks.report import Figure, print_table
from benchmarks.sender_process import Job, Route, Sender
from benchmarks.sse import SseSubscriber, stream_request, subscribe
from benchmarks.stats import Summary
from wa_desk.core.stream_protocol import StreamEventKind

BENCH = "replicas"
CROSS_P99_TARGET_MS = 100.0
CONNECTIONS = 16
HOST = "127.0.0.1"
MESSAGE = StreamEventKind.MESSAGE_CREATED.value.encode()
WARMUP_S = 1.0
MAX_RATE = 3000.0  # deliveries built per second of a closed-loop phase
LOAD = "load generator + streams"
STREAMS = "SSE streams"  # this process in the steady phases: the sender has its own
SENDER = "webhook sender"
POSTGRESQL = "PostgreSQL"
HAPROXY = "HAProxy"


def replica_name(index: int) -> str:
    return f"replica {index + 1}"


# -- CPU ----------------------------------------------------------------------------------


@dataclass
class Meter:
    """CPU of every process of the deployment over a phase."""

    processes: dict[str, int]  # name -> pid, one process each (all its threads)
    postgresql: int  # the postmaster: its children are counted too
    own: str = LOAD  # what this process does meanwhile

    def with_sender(self, pid: int) -> Meter:
        """The steady phases': the webhooks from their own process, streams in this one."""
        return Meter({**self.processes, SENDER: pid}, self.postgresql, STREAMS)

    def start(self) -> Callable[[], dict[str, CpuUse]]:
        """Starts counting; call the result to stop and read what each used."""
        alone = {name: cpu.sample(pid) for name, pid in self.processes.items()}
        tree = cpu.tree_sample(self.postgresql)
        mine = cpu.sample()

        def stop() -> dict[str, CpuUse]:
            used = {name: cpu.sample(self.processes[name]).since(s) for name, s in alone.items()}
            used[POSTGRESQL] = cpu.tree_sample(self.postgresql).since(tree)
            used[self.own] = cpu.sample().since(mine)
            return used

        return stop


def cpu_figures(used: dict[str, CpuUse], tag: str) -> list[Figure]:
    out = [Figure(BENCH, f"{name} CPU ({tag})", u.cores, "cores") for name, u in used.items()]
    out.append(Figure(BENCH, f"all CPU ({tag})", sum(u.cores for u in used.values()), "cores"))
    out += [
        Figure(BENCH, f"{name} starved of CPU ({tag})", u.starved, "threads")
        for name, u in used.items()
        if name != POSTGRESQL  # many processes, mostly idle: their sum says little
    ]
    return out


# -- throughput ---------------------------------------------------------------------------


@dataclass
class Throughput:
    label: str
    ok: int
    failed: int
    elapsed_s: float
    latencies_s: list[float] = field(repr=False)
    cpu: dict[str, CpuUse] = field(repr=False)

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed_s if self.elapsed_s > 0 else 0.0


async def _closed(ports: list[int], deliveries: Deliveries, seconds: float) -> Throughput:
    """``CONNECTIONS`` split evenly over ``ports``, all at once."""
    each = len(deliveries) // len(ports)
    runs = await asyncio.gather(
        *(
            closed_loop(
                HOST,
                port,
                deliveries.slice(k * each, (k + 1) * each).requests,
                connections=CONNECTIONS // len(ports),
                seconds=seconds,
            )
            for k, port in enumerate(ports)
        )
    )
    latencies = [t for r in runs for t in r.latencies_s]
    elapsed = max(r.elapsed_s for r in runs)
    return Throughput(
        "", sum(r.ok for r in runs), sum(r.failed for r in runs), elapsed, latencies, {}
    )


def throughput(label: str, ports: list[int], seconds: float, meter: Meter) -> Throughput:
    warm = build_deliveries(int(WARMUP_S * MAX_RATE))
    bulk = build_deliveries(int(seconds * MAX_RATE))
    print(f"[{BENCH}] max throughput, {label} ...", file=sys.stderr)
    warmed = loop.run(_closed(ports, warm, WARMUP_S))
    stop = meter.start()
    result = loop.run(_closed(ports, bulk, seconds))
    result.cpu = stop()
    result.label = label
    result.failed += warmed.failed
    if result.ok + result.failed >= len(bulk) - len(ports):
        print(f"[{BENCH}] {label}: ran out of deliveries; raise MAX_RATE", file=sys.stderr)
    print(f"[{BENCH}] {label}: {result.rate:,.0f} msg/s", file=sys.stderr)
    return result


# -- streams ------------------------------------------------------------------------------


@dataclass
class StreamRecord:
    """What one stream received of one phase's messages."""

    replica: int
    arrived: list[float] = field(repr=False)  # per message: perf_counter, nan until then
    seqs: list[int] = field(default_factory=list, repr=False)  # message.created ids, as come
    received: int = 0
    duplicates: int = 0
    out_of_order: int = 0


class Phase:
    """The events of one phase's messages, as every stream receives them."""

    def __init__(self, deliveries: Deliveries, replica_of: list[int]) -> None:
        self.messages = len(deliveries)
        self._index_of = {w: i for i, w in enumerate(deliveries.wamids)}
        # Every stream gets the same bytes for one event: parsed once.
        self._by_data: dict[bytes, int] = {}
        self.records = [StreamRecord(r, [math.nan] * self.messages) for r in replica_of]
        self.all_in = asyncio.Event()
        self._complete = 0

    def on_event(self, key: int, sub: SseSubscriber, kind: bytes, data: bytes, now: float) -> None:
        if kind != MESSAGE:
            return
        i = self._by_data.get(data)
        if i is None:
            found = self._index_of.get(orjson.loads(data)["wamid"])
            if found is None:
                return  # an earlier phase's straggler: counted missing there
            i = self._by_data[data] = found
        record = self.records[key]
        seq = int(sub.last_id)  # the frame's id, parsed before its event is handed over
        if record.seqs and seq <= record.seqs[-1]:
            record.out_of_order += 1
        record.seqs.append(seq)
        if not math.isnan(record.arrived[i]):
            record.duplicates += 1
            return
        record.arrived[i] = now
        record.received += 1
        if record.received == self.messages:
            self._complete += 1
            if self._complete == len(self.records):
                self.all_in.set()

    def missing(self) -> int:
        return sum(self.messages - r.received for r in self.records)

    def differing(self) -> int:
        """Streams whose sequence numbers are not the first stream's."""
        first = self.records[0].seqs if self.records else []
        return sum(1 for r in self.records if r.seqs != first)


class Streams:
    """The supervisor's streams on every replica; events go to the phase under way."""

    def __init__(self) -> None:
        self.phase: Phase | None = None
        self.replica_of: list[int] = []
        self.subs: list[SseSubscriber] = []

    async def open(self, port: int, replica: int, count: int, request: bytes) -> None:
        base = len(self.replica_of)

        def on_event(sub: SseSubscriber, kind: bytes, data: bytes, now: float) -> None:
            if self.phase is not None:
                self.phase.on_event(base + sub.index, sub, kind, data, now)

        self.subs += await subscribe(HOST, port, count, request, on_event)
        self.replica_of += [replica] * count

    def close(self) -> None:
        for sub in self.subs:
            sub.close()


@dataclass
class Sent:
    """Each message's scheduled send, the time to its answer after that, and the replica
    that took it (None: the balancer chose)."""

    scheduled: list[float] = field(repr=False)
    answer_s: list[float] = field(repr=False)
    sender: list[int | None] = field(repr=False)
    failed: int
    send_lag_s: list[float] = field(repr=False)

    @classmethod
    def of(cls, loops: list[tuple[OpenLoopResult, int | None]]) -> Sent:
        """Message ``i`` went through loop ``i % len(loops)``, as its ``i // len`` th."""
        n = sum(r.sent for r, _ in loops)
        scheduled, answer = [0.0] * n, [0.0] * n
        sender: list[int | None] = [None] * n
        for k, (result, replica) in enumerate(loops):
            for j in range(result.sent):
                i = j * len(loops) + k
                scheduled[i] = result.scheduled(j)
                answer[i] = result.latencies_s[j]
                sender[i] = replica
        failed = sum(r.failed for r, _ in loops)
        lag = [x for r, _ in loops for x in r.send_lag_s]
        return cls(scheduled, answer, sender, failed, lag)


@dataclass
class Steady:
    label: str
    phase: Phase = field(repr=False)
    sent: Sent = field(repr=False)
    cpu: dict[str, CpuUse] = field(repr=False)

    @property
    def senders_known(self) -> bool:
        return all(s is not None for s in self.sent.sender)

    def latencies(self, same: bool | None, *, from_answer: bool = False) -> list[float]:
        """Message sent (or answered 200) → event, on the streams of the replica that
        took it (``same``), of the other one (not ``same``), or every stream (None)."""
        sent = self.sent
        out: list[float] = []
        for record in self.phase.records:
            for i, at in enumerate(record.arrived):
                if math.isnan(at):
                    continue
                if same is not None and (record.replica == sent.sender[i]) != same:
                    continue
                since = sent.scheduled[i] + (sent.answer_s[i] if from_answer else 0.0)
                out.append(at - since)
        return out


Targets = list[tuple[int, int | None]]  # (port, the replica behind it or None)


def routes(targets: Targets, deliveries: Deliveries, rate: float) -> list[Route]:
    """Message ``i`` to ``targets[i % len(targets)]``, on one timetable: target ``k``'s
    loop sends messages ``k, k + len, ...``, its first ``k / rate`` after the start."""
    ways = len(targets)
    return [
        Route(port, deliveries.requests[k::ways], rate / ways, CONNECTIONS // ways, k / rate)
        for k, (port, _) in enumerate(targets)
    ]


async def _send_loaded(
    sender: Sender, meter: Meter
) -> tuple[list[OpenLoopResult], dict[str, CpuUse]]:
    """Starts the sender's loaded phase; CPU counted from its first send to its last answer."""
    # One clock on both sides: perf_counter times the sends and answers in the sender
    # (httpload) and the events here (sse); on Linux it is CLOCK_MONOTONIC, system-wide
    # (checked by sender_process.check_shared_clock).
    start = time.perf_counter() + sender_process.LEAD_IN_S
    sender.start(start)
    await asyncio.sleep(start - time.perf_counter())
    stop = meter.start()
    loops = await sender.results()
    return loops, stop()


async def _steady(
    label: str,
    targets: Targets,
    streams: Streams,
    sender: Sender,
    deliveries: Deliveries,
    rate: float,
    settle: float,
    meter: Meter,
) -> Steady:
    """Message ``i`` to ``targets[i % len(targets)]``, sent by the sender process."""
    print(f"[{BENCH}] {label} ...", file=sys.stderr)
    await sender.load(Job(HOST, routes(targets, deliveries, rate)))
    phase = Phase(deliveries, streams.replica_of)
    streams.phase = phase
    loops, used = await _send_loaded(sender, meter)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(phase.all_in.wait(), settle)
    streams.phase = None
    sent = Sent.of([(r, replica) for r, (_, replica) in zip(loops, targets, strict=True)])
    result = Steady(label, phase, sent, used)
    other = Summary.of(result.latencies(False if result.senders_known else None))
    print(
        f"[{BENCH}] {label}: p50 {other.p50_ms:.1f} ms, p99 {other.p99_ms:.1f} ms, "
        f"max {other.max_ms:.1f} ms, missing {phase.missing()}",
        file=sys.stderr,
    )
    return result


@dataclass(frozen=True)
class Options:
    streams: int
    rates: list[float]
    seconds: float
    throughput_seconds: float
    settle: float
    use_balancer: bool


def _plans(
    opts: Options, ports: list[int], balanced: int | None
) -> list[tuple[str, Targets, float]]:
    plans: list[tuple[str, Targets, float]] = []
    for rate in opts.rates:
        alone: Targets = [(ports[0], 0)]
        plans.append((f"{rate:.0f}/s to {replica_name(0)}", alone, rate))
        both: Targets = [(port, replica) for replica, port in enumerate(ports)]
        plans.append((f"{rate:.0f}/s alternating", both, rate))
        if balanced is not None:
            plans.append((f"{rate:.0f}/s through {HAPROXY}", [(balanced, None)], rate))
    return plans


async def _stream_phases(
    opts: Options, ports: list[int], balanced: int | None, token: str, meter: Meter
) -> list[Steady]:
    plans = _plans(opts, ports, balanced)
    loads = [build_deliveries(int(rate * opts.seconds)) for _, _, rate in plans]
    streams = Streams()
    request = stream_request("/api/v1/stream", {"Authorization": f"Bearer {token}"})
    # Started first: the sender process starts up while the streams open.
    with sender_process.sender() as sender:
        meter = meter.with_sender(sender.pid)
        try:
            for replica, port in enumerate(ports):
                await streams.open(port, replica, opts.streams, request)
            return [
                await _steady(label, targets, streams, sender, load, rate, opts.settle, meter)
                for (label, targets, rate), load in zip(plans, loads, strict=True)
            ]
        finally:
            streams.close()


# -- the run ------------------------------------------------------------------------------


@dataclass
class RunResult:
    streams: int
    single: Throughput
    pair: Throughput
    balanced: Throughput | None
    steady: list[Steady]


def run(opts: Options) -> list[Figure]:
    reason = pg.unavailable_reason()
    if reason is not None:
        print(f"[{BENCH}] skipped: {reason}", file=sys.stderr)
        return []
    haproxy_found = balancer.find_haproxy() is not None
    if opts.use_balancer and not haproxy_found:
        print(f"[{BENCH}] haproxy not installed: no balancer phases", file=sys.stderr)
    with (
        lead_hub.store_with_lead("postgresql", "bench_replicas") as (work, url),
        contextlib.ExitStack() as stack,
    ):
        # Every stream is the lead's one session: each replica's caps must let them in.
        config = lead_hub.streams_config(work, opts.streams)
        first = stack.enter_context(servers.hub("replica1", url, log_dir=work, config=config))
        meter = Meter({replica_name(0): first.pid}, pg.server_pid(url))
        single = throughput("1 replica", [first.port], opts.throughput_seconds, meter)
        second = stack.enter_context(servers.hub("replica2", url, log_dir=work, config=config))
        meter.processes[replica_name(1)] = second.pid
        ports = [first.port, second.port]
        pair = throughput("2 replicas", ports, opts.throughput_seconds, meter)
        balanced: Throughput | None = None
        front: servers.ServerProcess | None = None
        if opts.use_balancer and haproxy_found:
            front = stack.enter_context(balancer.haproxy(ports, log_dir=work))
            meter.processes[HAPROXY] = front.pid
            balanced = throughput(
                f"2 replicas through {HAPROXY}", [front.port], opts.throughput_seconds, meter
            )
        token = lead_hub.login(first.url)
        steady = loop.run(
            _stream_phases(opts, ports, None if front is None else front.port, token, meter)
        )
    return figures(RunResult(opts.streams, single, pair, balanced, steady))


def figures(r: RunResult) -> list[Figure]:
    out: list[Figure] = []
    base = r.single.rate
    for tp in (r.single, r.pair, r.balanced):
        if tp is None:
            continue
        first = tp is r.single
        out.append(
            Figure(
                BENCH,
                f"max throughput, {tp.label} ({CONNECTIONS} conns)",
                tp.rate,
                "msg/s",
                None if first else base,
                "" if first else "(1 replica)",
                "info" if first else "higher",
            )
        )
        out.append(
            Figure(
                BENCH, f"webhook 200 p99 ({tp.label}, max)", Summary.of(tp.latencies_s).p99_ms, "ms"
            )
        )
    every = [tp for tp in (r.single, r.pair, r.balanced) if tp is not None]
    out.append(
        Figure(
            BENCH,
            "webhooks not answered 200 (throughput)",
            sum(tp.failed for tp in every),
            "",
            0,
            "",
            "equal",
        )
    )
    for tp in every[1:]:
        out += cpu_figures(tp.cpu, f"max, {tp.label}")
    out.append(Figure(BENCH, "SSE streams on each replica", r.streams, ""))
    for s in r.steady:
        out += steady_figures(s)
    return out


def steady_figures(s: Steady) -> list[Figure]:
    tag = s.label
    out: list[Figure] = []
    groups: list[tuple[str, bool | None, bool]]
    if s.senders_known:
        groups = [("same replica", True, False), ("other replica", False, True)]
    else:
        groups = [("every stream", None, True)]
    for name, same, target in groups:
        lat = Summary.of(s.latencies(same))
        after = Summary.of(s.latencies(same, from_answer=True))
        out += [
            Figure(BENCH, f"send → event p50, {name} ({tag})", lat.p50_ms, "ms"),
            Figure(
                BENCH,
                f"send → event p99, {name} ({tag})",
                lat.p99_ms,
                "ms",
                CROSS_P99_TARGET_MS if target else None,
                "",
                "lower" if target else "info",
            ),
            Figure(BENCH, f"send → event max, {name} ({tag})", lat.max_ms, "ms"),
            Figure(BENCH, f"200 → event p50, {name} ({tag})", after.p50_ms, "ms"),
            Figure(BENCH, f"200 → event p99, {name} ({tag})", after.p99_ms, "ms"),
        ]
    hooks = Summary.of(s.sent.answer_s)
    lag = Summary.of(s.sent.send_lag_s)
    phase = s.phase
    checks = [
        ("events missing", phase.missing()),
        ("events received twice", sum(x.duplicates for x in phase.records)),
        ("events out of order", sum(x.out_of_order for x in phase.records)),
        ("streams whose ids differ", phase.differing()),
        ("webhooks not answered 200", s.sent.failed),
    ]
    out += [Figure(BENCH, f"{what} ({tag})", n, "", 0, "", "equal") for what, n in checks]
    out += [
        Figure(BENCH, f"webhook 200 p99 ({tag})", hooks.p99_ms, "ms"),
        Figure(BENCH, f"load generator send lag p99 ({tag})", lag.p99_ms, "ms"),
    ]
    return out + cpu_figures(s.cpu, tag)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--streams", type=int, default=5, help="SSE streams on each replica (5)")
    p.add_argument("--rates", type=float, nargs="+", default=[200.0, 500.0], help="msg/s (200 500)")
    p.add_argument("--seconds", type=float, default=10.0, help="each steady phase (10)")
    p.add_argument("--throughput-seconds", type=float, default=5.0, help="each max phase (5)")
    p.add_argument("--settle", type=float, default=10.0, help="max wait for stragglers (s)")
    p.add_argument("--no-balancer", action="store_true", help="without HAProxy")
    p.add_argument(
        "--quick", action="store_true", help="3 streams each, 3 s phases, 2 s max phases"
    )
    return p


def options(args: argparse.Namespace) -> Options:
    if args.quick:
        args.streams, args.seconds, args.throughput_seconds = 3, 3.0, 2.0
    return Options(
        streams=args.streams,
        rates=args.rates,
        seconds=args.seconds,
        throughput_seconds=args.throughput_seconds,
        settle=args.settle,
        use_balancer=not args.no_balancer,
    )


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    figs = run(options(parser().parse_args(argv)))
    print_table("Hub replicas on PostgreSQL", figs)
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0 if all(f.met() is not False for f in figs if f.better == "equal") else 1


if __name__ == "__main__":
    sys.exit(main())
