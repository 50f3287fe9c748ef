"""Heat-maps over a store of 1,000,000 messages, and what keeping their aggregates costs
webhook ingest, on SQLite and PostgreSQL.

The store holds nine weeks of history up to now: conversations of four queues and twenty
agents, ten messages each (five from the customer, five replies), opened more in the
day than at night. It is bulk-inserted, and its aggregates are built by the hub's own
backfill (migration 11's statements, the same rows the ingest and action paths keep).
Then, through the hub's ``Database`` (its reader threads):

- the 24 h × 15 min heat-map (``volume``, ``waiting`` and ``first_response``), and the
  8 weeks' weekday × hour (the same three), each several times: median and worst;
- webhook ingest into that store, in the hub's writer (group commit, durable) with
  deliveries parsed beforehand, in pairs of rounds with the aggregates' upkeep and
  without it (``heatmap_upkeep.customer_message_writes`` writing nothing): the median of
  the pairs' throughput ratios is the upkeep's cost; so is that of the CPU time the hub's
  process spends per delivery, which holds better on a machine other work shares.

    python -m benchmarks.heatmap                               # 1,000,000 messages, both stores
    python -m benchmarks.heatmap --messages 50000 --db sqlite  # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from benchmarks import pg
from benchmarks.bodies import text_update
from benchmarks.report import Figure, print_table
from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.heatmap import (
    BUCKET_MS,
    WEEK_MS,
    HeatmapLayout,
    HeatmapMetric,
    HeatmapRows,
    bucket_of,
    whole_weeks,
)
from wa_desk.core.opt_out import OptOutKeywords
from wa_desk.hub import heatmap_upkeep
from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn, Statement
from wa_desk.hub.db.database import Database
from wa_desk.hub.heatmap import HeatmapQuery, heatmap
from wa_desk.hub.ingest import ingest
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries.inbound import InboundAhead
from wa_desk.hub.settings import policy_guidelines
from wa_desk.whatsapp.updates import ParsedWebhook
from wa_desk.whatsapp.webhook_parser import parse_webhook

BENCH = "heat-map"
MAP_TARGET_MS = 200.0
UPKEEP_TARGET_RATIO = 0.90  # ingest with the aggregates ≥ 90 % of ingest without
QUEUES = ("ventas", "soporte", "cobros", "envios")
AGENTS_PER_QUEUE = 5
MESSAGES_PER_CONVERSATION = 10
HISTORY_WEEKS = 9
MIN: Millis = 60_000
HEATMAP_MIGRATION = 11
# Opened more in the day than at night (UTC hour → weight).
HOURLY = [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 13, 14, 14, 12, 10, 8, 6, 4, 3, 2, 1]
POLICY = {
    "sla": [
        {"queue": "*", "first_response": 300, "next_response": 600, "resolution": 3600},
        {"queue": "ventas", "first_response": 300, "time_zone": "Europe/Madrid"},
    ]
}
PHONE_NUMBER_ID = "100000000000001"


def _log(text: str) -> None:
    print(f"[{BENCH}] {text}", file=sys.stderr, flush=True)


# -- the store ---------------------------------------------------------------------


def _history(messages: int, now: Millis, seed: int = 11) -> Iterator[tuple[Any, ...]]:
    """Each conversation as (conversation row, its messages)."""
    rng = random.Random(seed)
    start = now - HISTORY_WEEKS * WEEK_MS
    days = HISTORY_WEEKS * 7
    hours = [h for h, w in enumerate(HOURLY) for _ in range(w)]
    for i in range(messages // MESSAGES_PER_CONVERSATION):
        queue = QUEUES[i % len(QUEUES)]
        agent = f"u{i % len(QUEUES)}{rng.randrange(AGENTS_PER_QUEUE)}"
        opened = (
            start + rng.randrange(days) * 24 * 3_600_000 + rng.choice(hours) * 3_600_000
        ) + rng.randrange(3_600_000)
        if opened >= now - 2 * 3_600_000:
            opened -= WEEK_MS
        t, rows = opened, []
        for k in range(MESSAGES_PER_CONVERSATION):
            inbound = k % 2 == 0
            sender = f"c{i}" if inbound else agent
            rows.append((f"m{i}.{k}", f"c{i}", "in" if inbound else "out", t, sender))
            t += rng.randrange(MIN, (20 if k == 0 else 6) * MIN)
        first_reply = rows[1][3]
        still_open = i % 500 == 0  # a few are open, the customer waiting
        closed = None if still_open else t + 2 * MIN
        waiting = rows[-2][3] if still_open else None
        conversation = (f"c{i}", f"c{i}", queue, "assigned" if still_open else "closed", agent)
        conversation += (opened, first_reply, waiting, rows[-2][3], closed)
        yield conversation, (rows[:-1] if still_open else rows)


def _insert(conn: Conn, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    if conn.dialect == "postgresql":
        with conn.raw.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" * len(rows[0]))
    conn.raw.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608 - constants


def build_store(url: str, messages: int, now: Millis) -> None:
    """The schema, nine weeks of history bulk-inserted, and migration 11's backfill."""
    db = Database.open(url)
    db.close()
    t = time.perf_counter()

    def fill(conn: Conn) -> None:
        users = [
            (f"u{q}{a}", f"agente{q}{a}", "agent", "x", 0)
            for q in range(len(QUEUES))
            for a in range(AGENTS_PER_QUEUE)
        ]
        _insert(conn, "users", "id, name, role, password_hash, created_at", users)
        batch_c: list[tuple[Any, ...]] = []
        batch_k: list[tuple[Any, ...]] = []
        batch_m: list[tuple[Any, ...]] = []

        def flush() -> None:
            _insert(conn, "contacts", "wa_id, first_seen_at, last_seen_at", batch_k)
            _insert(
                conn,
                "conversations",
                "id, wa_id, phone_number_id, queue, state, assignee, opened_at, "
                "first_response_at, waiting_since, last_inbound_at, closed_at, closed_by, "
                "last_message_at",
                batch_c,
            )
            _insert(
                conn,
                "messages",
                "id, conversation_id, direction, type, status, timestamp, sender, payload, "
                "created_at",
                batch_m,
            )
            batch_c.clear(), batch_k.clear(), batch_m.clear()

        for c, rows in _history(messages, now):
            cid, wa_id, queue, state, agent, opened, first, waiting, last_in, closed = c
            batch_k.append((wa_id, opened, last_in))
            closer = agent if closed else None
            row = (cid, wa_id, "p", queue, state, agent, opened, first, waiting, last_in)
            batch_c.append((*row, closed, closer, rows[-1][3]))
            batch_m.extend((m, cv, d, "text", "read", at, s, "{}", at) for m, cv, d, at, s in rows)
            if len(batch_m) >= 50_000:
                flush()
        flush()
        # The aggregates, as migration 11 builds them from a store's history.
        for statement in schema.MIGRATIONS[HEATMAP_MIGRATION - 1]:
            if statement.lstrip().startswith("INSERT"):
                conn.execute(statement)

    writer = Database.open(url)
    try:
        writer.write_sync(fill)
        if writer.url.dialect == "postgresql":
            writer.write_sync(lambda c: c.execute("ANALYZE"))
    finally:
        writer.close()
    _log(f"{messages:,} messages stored with their aggregates in {time.perf_counter() - t:.0f} s")


# -- the maps ----------------------------------------------------------------------


def _queries(now: Millis) -> list[tuple[str, HeatmapQuery]]:
    end = bucket_of(now) + BUCKET_MS
    start = end - 24 * 3_600_000
    lo, hi = whole_weeks(now, 8)
    out: list[tuple[str, HeatmapQuery]] = []
    for metric, rows in (
        (HeatmapMetric.VOLUME, HeatmapRows.QUEUE),
        (HeatmapMetric.VOLUME, HeatmapRows.AGENT),
        (HeatmapMetric.WAITING, HeatmapRows.QUEUE),
        (HeatmapMetric.FIRST_RESPONSE, HeatmapRows.AGENT),
    ):
        name = f"24 h × 15 min, {metric.value} by {rows.value}"
        q = HeatmapQuery(metric, rows, HeatmapLayout.TIME, start, end, BUCKET_MS, 1, None)
        out.append((name, q))
    for metric, rows in (
        (HeatmapMetric.VOLUME, HeatmapRows.QUEUE),
        (HeatmapMetric.VOLUME, HeatmapRows.AGENT),
        (HeatmapMetric.WAITING, HeatmapRows.QUEUE),
        (HeatmapMetric.FIRST_RESPONSE, HeatmapRows.QUEUE),
    ):
        name = f"8 weeks weekday × hour, {metric.value} by {rows.value}"
        q = HeatmapQuery(metric, rows, HeatmapLayout.WEEKDAY_HOUR, lo, hi, BUCKET_MS, 8, None)
        out.append((name, q))
    return out


async def _time_maps(
    db: Database, guidelines: Guidelines, now: Millis, repeats: int
) -> list[tuple[str, list[float]]]:
    out: list[tuple[str, list[float]]] = []
    for name, q in _queries(now):
        times: list[float] = []
        for _ in range(repeats):
            t = time.perf_counter()
            body = await db.read(lambda c, q=q: heatmap(c, q, guidelines, now))
            times.append((time.perf_counter() - t) * 1000)
        cells = sum(len(r) for r in body["cells"])
        median = statistics.median(times)
        _log(f"{name}: {len(body['rows'])} rows, {cells} cells, median {median:.1f} ms")
        out.append((name, times))
    return out


# -- ingest ------------------------------------------------------------------------


def _deliveries(count: int, round_no: int, customers: int) -> list[ParsedWebhook]:
    now_s = int(time.time())
    out = []
    for i in range(count):
        k = i % customers
        wa_id = str(3460_000_0000 + round_no * 100_000 + k)
        wamid = f"wamid.HM{round_no:03d}{i:08d}{time.time_ns() % 10**6}"
        body = text_update(wamid, wa_id, f"Cliente {k}", f"¿Mi pedido {i}?", now_s, PHONE_NUMBER_ID)
        out.append(parse_webhook(body))
    return out


@contextlib.contextmanager
def _upkeep(on: bool) -> Iterator[None]:
    """With or without the aggregates' upkeep of a customer message (the only upkeep the
    webhook path does)."""
    kept = heatmap_upkeep.customer_message_writes

    def nothing(*_args: Any, **_kw: Any) -> list[Statement]:
        return []

    if not on:
        heatmap_upkeep.customer_message_writes = nothing
    try:
        yield
    finally:
        heatmap_upkeep.customer_message_writes = kept


async def _ingest_round(
    db: Database, deliveries: list[ParsedWebhook], queue_of: Callable[[str], str], senders: int
) -> tuple[float, float]:
    """Deliveries per second, ``senders`` at a time (Meta sends concurrently), and the
    CPU time this process spent per delivery (µs): what the other processes of a busy
    machine change least."""
    pending = iter(deliveries)
    alerts = AlertPolicy()

    async def sender() -> None:
        for parsed in pending:
            now = now_ms()
            ahead = InboundAhead(parsed)  # as the hub's webhook intake stores a delivery
            await db.write(
                lambda c, p=parsed, n=now, a=ahead: Outcome(
                    None, ingest(c, p, queue_of, n, alerts, OptOutKeywords(), None, a)
                ),
                ahead,
            )

    t, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(sender() for _ in range(senders)))
    n = len(deliveries)
    return n / (time.perf_counter() - t), (time.process_time() - cpu) / n * 1e6


async def _time_ingest(
    db: Database, per_round: int, rounds: int
) -> tuple[dict[bool, list[float]], dict[bool, list[float]]]:
    """Rates and CPU µs per delivery, with the aggregates (True) and without, one pair of
    rounds after the other (off-on, then on-off: a drift of the machine or the store
    weighs on both sides of a pair alike)."""

    def queue_of(_pid: str) -> str:
        return "ventas"

    rates: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for r in range(rounds):
        for on in (False, True) if r % 2 == 0 else (True, False):
            deliveries = _deliveries(per_round, 2 * r + int(on), customers=max(1, per_round // 10))
            with _upkeep(on):
                rate, cpu_us = await _ingest_round(db, deliveries, queue_of, senders=8)
            rates[on].append(rate)
            cpu[on].append(cpu_us)
            _log(
                f"ingest round {r + 1}, aggregates {'on' if on else 'off'}: {rate:,.0f} msg/s, "
                f"{cpu_us:.0f} µs CPU each"
            )
    return rates, cpu


def paired_ratio(top: list[float], bottom: list[float]) -> float:
    """The median of the rounds' own ratios, ``top[i] / bottom[i]``: each pair ran side
    by side, so what drifts between pairs (a checkpoint, a growing store, another
    process) does not move it as it moves a ratio of two medians."""
    return statistics.median(a / b for a, b in zip(top, bottom, strict=True))


# -- the run -----------------------------------------------------------------------


def measure(
    url: str, store: str, messages: int, repeats: int, ingest_rounds: int, per_round: int
) -> list[Figure]:
    now = now_ms()
    build_store(url, messages, now)
    guidelines = policy_guidelines(POLICY)

    async def go() -> tuple[
        list[tuple[str, list[float]]], tuple[dict[bool, list[float]], dict[bool, list[float]]]
    ]:
        db = Database.open(url)
        try:
            maps = await _time_maps(db, guidelines, now, repeats)
            ingested = await _time_ingest(db, per_round, ingest_rounds)
        finally:
            db.close()
        return maps, ingested

    maps, (rates, cpu) = asyncio.run(go())
    figures: list[Figure] = []
    for name, times in maps:
        figures.append(
            Figure(
                f"{BENCH} ({store})",
                f"{name}, median",
                statistics.median(times),
                "ms",
                MAP_TARGET_MS,
                "target",
                "lower",
            )
        )
        figures.append(
            Figure(
                f"{BENCH} ({store})",
                f"{name}, worst",
                max(times),
                "ms",
                MAP_TARGET_MS,
                "target",
                "lower",
            )
        )
    off, on = statistics.median(rates[False]), statistics.median(rates[True])
    figures.append(Figure(f"{BENCH} ({store})", "ingest without aggregates (median)", off, "msg/s"))
    figures.append(
        Figure(
            f"{BENCH} ({store})",
            "ingest with aggregates (median)",
            on,
            "msg/s",
            off,
            "without",
            "info",
        )
    )
    figures.append(
        Figure(
            f"{BENCH} ({store})",
            "ingest with ÷ without (median of the pairs)",
            paired_ratio(rates[True], rates[False]),
            "×",
            UPKEEP_TARGET_RATIO,
            "target",
            "higher",
        )
    )
    cpu_off, cpu_on = statistics.median(cpu[False]), statistics.median(cpu[True])
    figures.append(
        Figure(f"{BENCH} ({store})", "CPU per delivery without aggregates (median)", cpu_off, "µs")
    )
    figures.append(
        Figure(
            f"{BENCH} ({store})",
            "CPU per delivery with aggregates (median)",
            cpu_on,
            "µs",
            cpu_off,
            "without",
            "info",
        )
    )
    figures.append(
        Figure(
            f"{BENCH} ({store})",
            "CPU per delivery, without ÷ with (median of the pairs)",
            paired_ratio(cpu[False], cpu[True]),
            "×",
            UPKEEP_TARGET_RATIO,
            "target",
            "higher",
        )
    )
    return figures


def run(
    messages: int, dbs: list[str], repeats: int = 7, ingest_rounds: int = 9, per_round: int = 1000
) -> list[Figure]:
    figures: list[Figure] = []
    for store in dbs:
        with pg.store_url(store, "heatmap", _log) as url:
            if url is not None:
                figures += measure(url, store, messages, repeats, ingest_rounds, per_round)
    return figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--messages", type=int, default=1_000_000, help="messages in the store (1,000,000)"
    )
    p.add_argument("--db", choices=["sqlite", "postgresql", "all"], default="all")
    p.add_argument("--repeats", type=int, default=7, help="times each map is drawn (7)")
    p.add_argument("--ingest-rounds", type=int, default=9, help="pairs of ingest rounds (9)")
    p.add_argument("--per-round", type=int, default=1000, help="deliveries per ingest round (1000)")
    args = p.parse_args(argv)
    dbs = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    figures = run(args.messages, dbs, args.repeats, args.ingest_rounds, args.per_round)
    print_table(f"Heat-maps over {args.messages:,} messages", figures)
    return 0 if all(f.met() is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
