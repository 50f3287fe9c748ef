"""Early alerts: from a condition becoming true to ``alert.raised`` on a supervisor's stream.

The hub runs as one process with its default ``alert_interval_seconds`` and a policy whose
queue (the benchmark's business number) has a ``--target``-second first-response target,
at risk from half of it (the at-risk stretch must outlast a pass interval, or a pass finds
the clock already breached and raises that instead). Customers write at a steady
``--rate`` for ``--seconds``, each a new conversation nobody answers; a supervisor of the
queue holds one SSE stream. A
customer's SLA clock is at risk from ``waiting_since + at_risk × target`` (docs/kpis.md,
"Alerts"), computed from the alert's own ``details.waiting_since``; the figure is the time
from that instant to the stream delivering its ``sla_at_risk`` ``alert.raised``. Meanwhile
``--backlog`` customers wait in another queue (no target), so every pass of the alert
loop has real work.

    python -m benchmarks.alerts --rate 2 --seconds 30 --target 30 --backlog 500
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson

from benchmarks import lead_hub, loop, servers
from benchmarks.bodies import PHONE_NUMBER_ID, text_update, wire_request
from benchmarks.report import Figure, print_table
from benchmarks.sse import SseSubscriber, stream_request, subscribe
from benchmarks.stats import Summary
from wa_desk.core.clock import from_rfc3339
from wa_desk.hub.settings import HubSettings
from wa_desk.sim.webhooks import encode

BENCH = "alerts"
P99_TARGET_S = 15.0
AT_RISK = 0.5
OTHER_NUMBER = "100000000000009"  # a queue with customers waiting and no SLA target


@dataclass
class AlertResult:
    conditions: int
    latencies_s: list[float] = field(repr=False)
    duplicates: int = 0  # a second alert.raised for a subject already alerted


def _delivery(run: str, i: int, phone_number_id: str, customer: int) -> bytes:
    body = encode(
        text_update(
            f"wamid.ALERT{run}{phone_number_id[-1]}{i:08d}",
            str(customer),
            f"Cliente {i}",
            "Hola, ¿me ayudan con mi pedido?",
            int(time.time()),
            phone_number_id,
        )
    )
    return wire_request(body)


async def _post_all(
    port: int, make: Callable[[int], bytes], count: int, rate: float | None
) -> None:
    """Deliver ``make(i)`` for each i on one keep-alive connection (at ``rate`` per second,
    or as fast as the hub answers), each built as it is sent, so its WhatsApp timestamp
    is when the customer wrote; every answer must be 200."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    start = time.perf_counter()
    try:
        for i in range(count):
            if rate is not None:
                await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
            writer.write(make(i))
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = head.split(b" ", 2)[1]
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await reader.readexactly(length)
            if status != b"200":
                raise RuntimeError(f"webhook answered {status.decode()}")
    finally:
        writer.close()


async def _measure(
    port: int, token: str, rate: float, seconds: float, target: int, backlog: int
) -> AlertResult:
    run = secrets.token_hex(3).upper()
    if backlog:
        await _post_all(
            port, lambda i: _delivery(run, i, OTHER_NUMBER, 34622000000 + i), backlog, None
        )
    n = max(1, int(rate * seconds))
    latencies: list[float] = []
    subjects: set[str] = set()
    duplicates = 0
    all_in = asyncio.Event()

    def on_event(_sub: SseSubscriber, kind: bytes, data: bytes, _now: float) -> None:
        nonlocal duplicates
        if kind != b"alert.raised":
            return
        received = time.time()
        alert = orjson.loads(data)
        if alert["kind"] != "sla_at_risk":
            return
        if alert["subject"] in subjects:
            duplicates += 1
            return
        subjects.add(alert["subject"])
        began = from_rfc3339(alert["details"]["waiting_since"]) / 1000
        latencies.append(received - (began + math.ceil(AT_RISK * target * 1000) / 1000))
        if len(subjects) == n:
            all_in.set()

    request = stream_request("/api/v1/stream", {"Authorization": f"Bearer {token}"})
    (sub,) = await subscribe("127.0.0.1", port, 1, request, on_event)
    try:
        await _post_all(
            port, lambda i: _delivery(run, i, PHONE_NUMBER_ID, 34633000000 + i), n, rate
        )
        settle = AT_RISK * target + 3 * P99_TARGET_S
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(all_in.wait(), settle)
    finally:
        sub.close()
    return AlertResult(n, latencies, duplicates)


def run(rate: float, seconds: float, target: int, backlog: int, db: str) -> list[Figure]:
    with lead_hub.store_with_lead(db, "bench_alerts") as (work, url):
        config = work / "hub.toml"
        config.write_text(
            f'[[policy.sla]]\nqueue = "{PHONE_NUMBER_ID}"\nfirst_response = {target}\n'
            f"at_risk = {AT_RISK}\n"
        )
        with servers.hub(f"hub-{db}", url, log_dir=work, config=config) as hub:
            token = lead_hub.login(hub.url)
            print(
                f"[{BENCH}] {rate:g} customers/s for {seconds:g} s, target {target} s, "
                f"{backlog} waiting elsewhere ({db}) ...",
                file=sys.stderr,
            )
            result = loop.run(_measure(hub.port, token, rate, seconds, target, backlog))
    return figures(result, db, backlog)


def figures(r: AlertResult, db: str, backlog: int) -> list[Figure]:
    lat = Summary.of(r.latencies_s)
    interval = HubSettings.__dataclass_fields__["alert_interval_seconds"].default
    tag = f"interval {interval:g} s, {backlog} waiting elsewhere, {db}"
    target_ms = P99_TARGET_S * 1000
    return [
        Figure(BENCH, f"condition → alert.raised p50 ({tag})", lat.p50_ms, "ms"),
        Figure(BENCH, f"condition → alert.raised p99 ({tag})", lat.p99_ms, "ms", target_ms, "",
               "lower"),
        Figure(BENCH, f"condition → alert.raised max ({tag})", lat.max_ms, "ms", target_ms, "",
               "lower"),
        Figure(BENCH, "conditions that raised their alert", len(r.latencies_s), "", r.conditions,
               "", "equal"),
        Figure(BENCH, "second alerts for the same subject", r.duplicates, "", 0, "", "equal"),
    ]  # fmt: skip


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rate", type=float, default=2.0, help="new waiting customers per second")
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument(
        "--target", type=int, default=30, help="first-response target (seconds; at risk from half)"
    )
    p.add_argument("--backlog", type=int, default=500, help="customers waiting elsewhere")
    p.add_argument("--db", choices=["sqlite", "postgresql", "all"], default="sqlite")
    return p


def main() -> int:
    args = parser().parse_args()
    dbs = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    figures_all: list[Figure] = []
    for db in dbs:
        figures_all += run(args.rate, args.seconds, args.target, args.backlog, db)
    print_table("Early alerts", figures_all)
    return 0 if all(f.met() is not False for f in figures_all) else 1


if __name__ == "__main__":
    sys.exit(main())
