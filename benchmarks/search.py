"""The conversation search (``GET /api/v1/conversations?q=``) over 1,000,000 messages,
and what keeping its index costs webhook ingest, on SQLite and PostgreSQL.

The store holds nine weeks of conversations of ten messages each, in the demo's words:
customers write what the simulator's personas write (openings by topic with their
order numbers, follow-ups, insisting, thanks), agents what its simulated colleagues
answer, one customer message in ten is a photo without text; contacts are named from the
simulator's names and have two conversations each; one conversation in 50 is still
open. The rows are bulk-inserted at schema 16, then migration 17 builds the search index
from them (its backfill writes the same documents as the hub's own writes:
``tests/integration/hub/test_search_index.py``). Then, through the hub's ``Database``
(its reader threads), each search of :data:`SEARCHES` is run ``--repeats`` times as the
API runs it (a page of 50), for a supervisor (every queue) and for an agent of two of
the four queues: median and worst, target < 100 ms. Beside them, the work each costs,
which a shared machine does not inflate: SQLite's CPU time in the reader thread, and
PostgreSQL's execution time on the server (``EXPLAIN ANALYZE`` of each statement, best of
three). Last, webhook ingest into that store in the hub's writer (group commit, durable;
deliveries parsed beforehand, 8 at a time), in alternating rounds with the index kept and
without it (its writes skipped): the ratio of their median throughputs.

    python -m benchmarks.search                                # 1,000,000 messages, both stores
    python -m benchmarks.search --db sqlite --messages 100000  # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any

from benchmarks import pg
from benchmarks.bodies import text_update
from benchmarks.heatmap import HISTORY_WEEKS, HOURLY, PHONE_NUMBER_ID, _ingest_round, _insert
from benchmarks.report import Figure, print_table
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.heatmap import WEEK_MS
from wa_desk.hub.db import schema
from wa_desk.hub.db.connection import Conn, Dialect, Statement
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import conversations, search
from wa_desk.sim import agent_phrases, phrases
from wa_desk.whatsapp.updates import ParsedWebhook
from wa_desk.whatsapp.webhook_parser import parse_webhook

BENCH = "search"
TARGET_MS = 100.0
UPKEEP_TARGET_RATIO = 0.90  # ingest with the index ≥ 90 % of ingest without
SEARCH_MIGRATION = 17
MESSAGES_PER_CONVERSATION = 10
CONVERSATIONS_PER_CONTACT = 2
OPEN_EVERY = 50  # one conversation in 50 is still open (the index keeps those apart)
PAGE = 51  # the API's default page of 50, and one more to know whether there is a next
QUEUES = ("ventas", "soporte", "cobros", "envios")
# What an agent types, from the demo's words: a customer's name and what they wrote, a
# word and an order number's start, two of the commonest words, and two short starts.
SEARCHES = ("lucía pedido", "pedido 4821", "urgente gracias", "ma ga")
MIN: Millis = 60_000


def _log(text: str) -> None:
    print(f"[{BENCH}] {text}", file=sys.stderr, flush=True)


# -- the store ---------------------------------------------------------------------


def _language(rng: random.Random) -> str:
    return "es" if rng.random() < 0.8 else rng.choice(("en", "pt"))


def _customer_says(rng: random.Random, language: str, topic: str, k: int, ref: str) -> str:
    if k == 0:
        openings = phrases.OPENINGS.get(language, phrases.OPENINGS["es"])
        return rng.choice(openings[topic]).format(ref=ref)
    bank = rng.choices(
        (phrases.FOLLOW_UPS, phrases.INSISTING, phrases.CLOSINGS, phrases.CAPTIONS),
        weights=(6, 2, 2, 1),
    )[0]
    return rng.choice(bank.get(language) or bank["es"]).format(ref=ref)


def _agent_says(rng: random.Random, k: int, first_name: str) -> str:
    if k == 1:
        return rng.choice(agent_phrases.GREETINGS).format(name=first_name)
    return rng.choice(agent_phrases.ANSWERS)


def _history(messages: int, now: Millis, seed: int = 17) -> Iterator[tuple[Any, ...]]:
    """Each conversation as (contact row or None, conversation row, its message rows)."""
    rng = random.Random(seed)
    start = now - HISTORY_WEEKS * WEEK_MS
    hours = [h for h, w in enumerate(HOURLY) for _ in range(w)]
    people: list[tuple[str, str, str]] = []
    for i in range(messages // MESSAGES_PER_CONVERSATION):
        contact = None
        if i % CONVERSATIONS_PER_CONTACT == 0:
            language = _language(rng)
            name = rng.choice(phrases.NAMES[language])
            wa_id = phrases.COUNTRY_PREFIX[language] + f"{rng.randrange(10**9, 10**10)}"
            people.append((wa_id, name, language))
            contact = (wa_id, name, start, now)
        wa_id, name, language = rng.choice(people[-200:])
        topic = rng.choice(phrases.TOPICS)
        ref = f"{int(wa_id[-6:]) * 7 % 1_000_000:06d}"
        opened = start + rng.randrange(HISTORY_WEEKS * 7) * 24 * 3_600_000
        opened += rng.choice(hours) * 3_600_000 + rng.randrange(3_600_000)
        agent = f"u{rng.randrange(20)}"
        t, rows = opened, []
        for k in range(MESSAGES_PER_CONVERSATION):
            inbound = k % 2 == 0
            photo = inbound and k > 0 and rng.random() < 0.1
            if photo:
                text = None
            elif inbound:
                text = _customer_says(rng, language, topic, k, ref)
            else:
                text = _agent_says(rng, k, name.split()[0])
            rows.append(
                (
                    f"m{i}.{k}",
                    f"c{i}",
                    "in" if inbound else "out",
                    "image" if photo else "text",
                    text,
                    t,
                    wa_id if inbound else agent,
                )
            )
            t += rng.randrange(MIN, 6 * MIN)
        still_open = i % OPEN_EVERY == 0
        conversation = (f"c{i}", wa_id, PHONE_NUMBER_ID, QUEUES[i % len(QUEUES)])
        conversation += ("assigned" if still_open else "closed", agent, opened)
        conversation += (None if still_open else t, t)
        yield contact, conversation, rows


def _fill(conn: Conn, messages: int, now: Millis) -> None:
    agents = [(f"u{a}", f"agente{a}", "agent", "x", 0) for a in range(20)]
    _insert(conn, "users", "id, name, role, password_hash, created_at", agents)
    batch_k: list[tuple[Any, ...]] = []
    batch_c: list[tuple[Any, ...]] = []
    batch_m: list[tuple[Any, ...]] = []

    def flush() -> None:
        _insert(conn, "contacts", "wa_id, name, first_seen_at, last_seen_at", batch_k)
        _insert(
            conn,
            "conversations",
            "id, wa_id, phone_number_id, queue, state, assignee, opened_at, closed_at, "
            "last_message_at",
            batch_c,
        )
        _insert(
            conn,
            "messages",
            "id, conversation_id, direction, type, text, status, timestamp, sender, payload, "
            "created_at",
            batch_m,
        )
        batch_k.clear(), batch_c.clear(), batch_m.clear()

    for contact, conversation, rows in _history(messages, now):
        if contact is not None:
            batch_k.append(contact)
        batch_c.append(conversation)
        batch_m.extend(
            (m, c, d, ty, tx, "read", at, s, "{}", at) for m, c, d, ty, tx, at, s in rows
        )
        if len(batch_m) >= 50_000:
            flush()
    flush()


def _store_bytes(conn: Conn) -> int:
    if conn.dialect == "postgresql":
        return int(conn.scalar("SELECT pg_database_size(current_database())"))
    pages = conn.scalar("PRAGMA page_count")
    return int(pages) * int(conn.scalar("PRAGMA page_size"))


def build_store(url: str, messages: int, now: Millis) -> tuple[float, int, int]:
    """Schema 16, the rows bulk-inserted, then migration 17 (the index built from them):
    its seconds, and the store's bytes before and after it."""
    everything = list(schema.MIGRATIONS)
    schema.MIGRATIONS[:] = everything[: SEARCH_MIGRATION - 1]
    try:
        db = Database.open(url)
    finally:
        schema.MIGRATIONS[:] = everything
    try:
        t = time.perf_counter()
        db.write_sync(lambda c: _fill(c, messages, now))
        if db.dialect == "postgresql":
            db.write_sync(lambda c: c.execute("ANALYZE"))
        _log(f"{messages:,} messages bulk-inserted in {time.perf_counter() - t:.0f} s")
        before = db.read_sync(_store_bytes)
    finally:
        db.close()
    t = time.perf_counter()
    db = Database.open(url)  # migration 17 and its backfill
    took = time.perf_counter() - t
    try:
        if db.dialect == "postgresql":
            db.write_sync(lambda c: c.execute("ANALYZE"))
        after = db.read_sync(_store_bytes)
    finally:
        db.close()
    _log(f"migration 17 indexed them in {took:.0f} s ({(after - before) / 2**20:,.0f} MiB)")
    return took, before, after


# -- searching ---------------------------------------------------------------------


VIEWS = {"supervisor": None, "agent": frozenset(QUEUES[:2])}


def _server_ms(db: Database, f: conversations.ListFilter) -> float:
    """PostgreSQL: the search's statements' execution time on the server, each the best
    of three ``EXPLAIN ANALYZE``."""
    statements: list[tuple[str, list[Any]]] = []

    class Recording(Conn):
        def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
            statements.append((sql, list(params)))
            return super().all(sql, params)

        def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
            statements.append((sql, list(params)))
            return super().tuples(sql, params)

    db.read_sync(lambda c: conversations.list_page(Recording(c.raw, c.dialect), f, PAGE, None))
    total = 0.0
    for sql, params in statements:
        best = math.inf
        for _ in range(3):
            plan = db.read_sync(lambda c, s=sql, p=params: c.tuples("EXPLAIN ANALYZE " + s, p))
            best = min(best, float(str(plan[-1][0]).split()[-2]))  # "Execution Time: x ms"
        total += best
    return total


async def _time_searches(db: Database, repeats: int) -> dict[tuple[str, str], list[float]]:
    """Wall times of each search in each view; and under ("work", view, search), the
    work it cost (SQLite: CPU, PostgreSQL: on the server)."""
    times: dict[tuple[str, str], list[float]] = {}
    work: dict[tuple[str, str], list[float]] = {}
    for _ in range(repeats):  # each search in turn, so they share the machine's mood
        for view, queues in VIEWS.items():
            for q in SEARCHES:
                f = conversations.ListFilter(queues=queues, search=q)
                cpu: list[float] = []

                def search(c: Conn, f: conversations.ListFilter = f, cpu: list[float] = cpu) -> int:
                    t = time.thread_time()
                    n = len(conversations.list_page(c, f, PAGE, None))
                    cpu.append((time.thread_time() - t) * 1000)
                    return n

                t = time.perf_counter()
                await db.read(search)
                times.setdefault((view, q), []).append((time.perf_counter() - t) * 1000)
                if db.dialect == "sqlite":
                    work.setdefault((view, q), []).extend(cpu)
    if db.dialect == "postgresql":
        for view, queues in VIEWS.items():
            for q in SEARCHES:
                f = conversations.ListFilter(queues=queues, search=q)
                work[(view, q)] = [await asyncio.to_thread(_server_ms, db, f)]
    for (view, q), ms in times.items():
        _log(
            f"{view}, {q!r}: median {statistics.median(ms):.1f} ms, worst {max(ms):.1f} ms "
            f"(work {statistics.median(work[(view, q)]):.1f} ms)"
        )
    return {**times, **{("work " + v, q): ms for (v, q), ms in work.items()}}


# -- ingest ------------------------------------------------------------------------


def _deliveries(count: int, round_no: int, rng: random.Random) -> list[ParsedWebhook]:
    now_s = int(time.time())
    out = []
    customers = max(1, count // 10)
    for i in range(count):
        k = i % customers
        wa_id = str(3470_000_0000 + round_no * 100_000 + k)
        wamid = f"wamid.SE{round_no:03d}{i:08d}{time.time_ns() % 10**6}"
        name = phrases.NAMES["es"][k % len(phrases.NAMES["es"])]
        text = _customer_says(rng, "es", rng.choice(phrases.TOPICS), i // customers, f"{k:06d}")
        body = text_update(wamid, wa_id, name, text, now_s, PHONE_NUMBER_ID)
        out.append(parse_webhook(body))
    return out


@contextlib.contextmanager
def _index(on: bool) -> Iterator[None]:
    """With or without the search index's writes of a new conversation and message."""
    kept = search.message_writes, search.conversation_opened

    def no_writes(_d: Dialect, _c: str, _m: str, _t: str | None) -> list[Statement]:
        return []

    def no_document(_conn: Conn, _c: str, _w: str) -> None:
        return None

    if not on:
        search.message_writes, search.conversation_opened = no_writes, no_document
    try:
        yield
    finally:
        search.message_writes, search.conversation_opened = kept


async def _time_ingest(db: Database, per_round: int, rounds: int) -> dict[bool, list[float]]:
    def queue_of(_pid: str) -> str:
        return "ventas"

    rng = random.Random(5)
    rates: dict[bool, list[float]] = {True: [], False: []}
    for r in range(rounds):
        for on in (False, True) if r % 2 == 0 else (True, False):
            deliveries = _deliveries(per_round, 2 * r + int(on), rng)
            with _index(on):
                rate, _cpu = await _ingest_round(db, deliveries, queue_of, senders=8)
            rates[on].append(rate)
            _log(f"ingest round {r + 1}, index {'on' if on else 'off'}: {rate:,.0f} msg/s")
    return rates


# -- the run -----------------------------------------------------------------------


def measure(
    url: str, store: str, messages: int, repeats: int, ingest_rounds: int, per_round: int
) -> list[Figure]:
    bench = f"{BENCH} ({store})"
    load_before = os.getloadavg()[0]
    took, before, after = build_store(url, messages, now_ms())

    async def go() -> tuple[dict[str, list[float]], dict[bool, list[float]]]:
        db = Database.open(url)
        try:
            times = await _time_searches(db, repeats)
            rates = await _time_ingest(db, per_round, ingest_rounds)
        finally:
            db.close()
        return times, rates

    times, rates = asyncio.run(go())
    work = "CPU in the reader" if store == "sqlite" else "execution on the server"
    figures = [
        Figure(bench, "machine load (1 min average) before the build", load_before, ""),
        Figure(bench, "migration 17: index built from the stored messages", took, "s"),
        Figure(bench, "store size before the index", before / 2**20, "MiB"),
        Figure(bench, "store size with the index", after / 2**20, "MiB", before / 2**20),
    ]
    for view in VIEWS:
        for q in SEARCHES:
            ms = times[(view, q)]
            for label, value in (("median", statistics.median(ms)), ("worst", max(ms))):
                figures.append(
                    Figure(
                        bench, f"{view}: {q!r}, {label}", value, "ms", TARGET_MS, "target", "lower"
                    )
                )
            spent = statistics.median(times[("work " + view, q)])
            figures.append(Figure(bench, f"{view}: {q!r}, {work} (median)", spent, "ms"))
    off, on = statistics.median(rates[False]), statistics.median(rates[True])
    figures += [
        Figure(bench, "ingest without the index (median)", off, "msg/s"),
        Figure(bench, "ingest with the index (median)", on, "msg/s", off, "without", "info"),
        Figure(
            bench, "ingest with ÷ without", on / off, "×", UPKEEP_TARGET_RATIO, "target", "higher"
        ),
        Figure(bench, "machine load (1 min average) at the end", os.getloadavg()[0], ""),
    ]
    return figures


def run(
    messages: int, dbs: list[str], repeats: int = 9, ingest_rounds: int = 3, per_round: int = 2000
) -> list[Figure]:
    figures: list[Figure] = []
    for store in dbs:
        with pg.store_url(store, "search", _log) as url:
            if url is not None:
                figures += measure(url, store, messages, repeats, ingest_rounds, per_round)
    return figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--messages", type=int, default=1_000_000, help="messages in the store (1,000,000)"
    )
    p.add_argument("--db", choices=["sqlite", "postgresql", "all"], default="all")
    p.add_argument("--repeats", type=int, default=9, help="times each search runs (9)")
    p.add_argument("--ingest-rounds", type=int, default=3, help="ingest rounds each way (3)")
    p.add_argument("--per-round", type=int, default=2000, help="deliveries per ingest round (2000)")
    args = p.parse_args(argv)
    dbs = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    figures = run(args.messages, dbs, args.repeats, args.ingest_rounds, args.per_round)
    print_table(f"Conversation search over {args.messages:,} messages", figures)
    return 0 if all(f.met() is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
