"""``wa-desk hub audit verify`` over a million events (target: under 10 s).

The store holds ``--events`` action-log events (1,000,000 by default): the hub's own
chain with a tenth of them and the rest over ``--devices`` desktop chains (install/user),
with realistic kinds and data (closes with checklists, sends with template names,
Spanish text). Rows are sealed before any timing and inserted with ``executemany``;
the SQLite file is built once per size and ``GENERATOR`` and kept in
``$TMPDIR/wa-desk-bench/``. PostgreSQL (``--db postgresql``) is loaded into a throwaway
durable server on each run.

Figures: the whole command as an operator runs it (``python -m wa_desk.cli hub audit
verify``, interpreter start-up included), and ``verify_store`` in-process with two
processes and with one. Each is the best of ``--rounds`` (noise only slows it down).
The ``=`` row checks that verification found nothing wrong and counted every event.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.desktop_data import CACHE_DIR
from benchmarks.report import Figure, print_table
from wa_desk.core.audit_chain import GENESIS
from wa_desk.core.canonical_json import canonical_json
from wa_desk.core.clock import to_rfc3339
from wa_desk.hub.audit_event_text import encode_basestring, event_text, text_hash
from wa_desk.hub.audit_verify import verify_store
from wa_desk.hub.db.database import Database

GENERATOR = 1  # bump when the generated rows change, so a cached store is rebuilt
TARGET_S = 10.0
T0 = 1_780_000_000_000
BATCH = 20_000
INSERT = (
    "INSERT INTO audit_events (device, seq, id, at, at_ms, actor, kind, conversation_id, "
    "data, prev, hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
KINDS: list[tuple[str, dict[str, Any]]] = [
    ("conversation.claimed", {"queue": "ventas"}),
    ("message.sent", {"type": "text", "chars": 142, "message_id": "m"}),
    ("template.used", {"template": "seguimiento_pedido", "language": "es"}),
    ("checklist.checked", {"item": "saludó al cliente"}),
    (
        "conversation.closed",
        {"disposition": "resuelto", "checklist": {"greeted": True, "verified_id": False}},
    ),
    ("note.added", {"text": "Pide factura con NIF; llamará el lunes después de las 9 h."}),
]
HUB_KINDS: list[tuple[str, dict[str, Any]]] = [
    ("message.received", {"wamid": "wamid.HBgLMzQ2MDAwMDAwMDEVAgASGBQzQTk", "type": "text"}),
    ("message.status_changed", {"wamid": "wamid.HBgLMzQ2MDAwMDAwMDEVAgARGBI", "status": "read"}),
    ("conversation.routed", {"queue": "soporte", "wa_id": "34600123456"}),
]


def _chains(events: int, devices: int) -> list[tuple[str, str, int]]:
    """(device, actor, count) of every chain: the hub's tenth, then the desktops'."""
    hub = events // 10
    each, extra = divmod(events - hub, devices)
    chains = [("hub", "hub", hub)]
    for i in range(devices):
        user = f"u-agent{i:02d}"
        install = f"0190f0e0-{i:04x}-7000-8000-00000000{i:04x}"
        chains.append((f"{install}/{user}", user, each + (1 if i < extra else 0)))
    return chains


def _rows(device: str, actor: str, count: int) -> Iterator[tuple[Any, ...]]:
    """The chain's rows, sealed (the unit tests hold event_text equal to canonical JSON)."""
    kinds = HUB_KINDS if device == "hub" else KINDS
    datas = [(kind, canonical_json(data)) for kind, data in kinds]
    device_json = encode_basestring(device)
    prev = GENESIS
    tag = device.replace("/", "-")[:12]
    for seq in range(1, count + 1):
        kind, data = datas[seq % len(datas)]
        at_ms = T0 + seq * 1500
        at = to_rfc3339(at_ms)
        event_id = f"{tag}-{seq:09d}"
        conversation = f"c-{seq // 12:08d}"
        h = text_hash(
            event_text(device_json, seq, event_id, at, actor, kind, conversation, data, prev)
        )
        yield (device, seq, event_id, at, at_ms, actor, kind, conversation, data, prev, h, at_ms)
        prev = h


def load(db: Database, events: int, devices: int) -> None:
    chains = _chains(events, devices)
    for device, actor, count in chains:
        last_hash = GENESIS
        batch: list[tuple[Any, ...]] = []
        for row in _rows(device, actor, count):
            batch.append(row)
            last_hash = row[10]
            if len(batch) == BATCH:
                rows = batch
                db.write_sync(lambda c, rows=rows: c.executemany(INSERT, rows))
                batch = []
        if batch:
            db.write_sync(lambda c, rows=batch: c.executemany(INSERT, rows))
        user = None if device == "hub" else actor
        db.write_sync(
            lambda c, d=device, u=user, n=count, h=last_hash: c.execute(
                "INSERT INTO audit_devices (device, user_id, acked_seq, last_hash, base_seq, "
                "base_hash, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
                (d, u, n, h, GENESIS, T0, T0),
            )
        )


def sqlite_store(events: int, devices: int) -> Path:
    """A cached SQLite store of that size (built on first use), copied for this run."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cached = CACHE_DIR / f"audit-{events}-{devices}-g{GENERATOR}.sqlite3"
    if not cached.exists():
        started = time.perf_counter()
        building = cached.with_suffix(".building")
        building.unlink(missing_ok=True)
        db = Database.open(f"sqlite:///{building}", readers=1)
        try:
            load(db, events, devices)
        finally:
            db.close()
        building.rename(cached)
        print(f"(built {cached} in {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    copy = CACHE_DIR / f"audit-run-{os.getpid()}.sqlite3"
    shutil.copyfile(cached, copy)
    return copy


def _time_command(url: str) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WA_")}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "wa_desk.cli", "hub", "audit", "verify", "--db", url],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    return elapsed, (done.stdout.strip().splitlines() or [""])[-1]


def measure(name: str, url: str, events: int, rounds: int) -> list[Figure]:
    command, summary = min(_time_command(url) for _ in range(rounds))
    two = min(_timed(lambda: verify_store(url, workers=2)) for _ in range(rounds))
    one = min(_timed(lambda: verify_store(url, workers=1)) for _ in range(rounds))
    report = verify_store(url, workers=2)
    print(f"({name}: {summary})", file=sys.stderr)
    bench = f"audit_verify {name}"
    return [
        Figure(bench, "wa-desk hub audit verify", command, "s", TARGET_S, "", "lower"),
        Figure(bench, "verify_store, 2 processes", two, "s", TARGET_S, "", "lower"),
        Figure(bench, "verify_store, 1 process", one, "s", TARGET_S, "", "lower"),
        Figure(bench, "events per second (2 processes)", events / two, "events/s"),
        Figure(bench, "events checked", report.events, "events", events, "", "equal"),
        Figure(bench, "problems found", len(report.problems), "", 0, "", "equal"),
    ]


def _timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run(events: int, devices: int, rounds: int, dbs: list[str]) -> list[Figure]:
    figures: list[Figure] = []
    if "sqlite" in dbs:
        path = sqlite_store(events, devices)
        try:
            figures += measure("sqlite", f"sqlite:///{path}", events, rounds)
        finally:
            path.unlink(missing_ok=True)
    if "postgresql" in dbs:
        figures += _postgresql(events, devices, rounds)
    return figures


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--events", type=int, default=1_000_000)
    p.add_argument("--devices", type=int, default=20, help="desktop chains (20)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--db", choices=["sqlite", "postgresql", "all"], default="sqlite")
    args = p.parse_args()
    dbs = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    figures = run(args.events, args.devices, args.rounds, dbs)
    print_table("Audit verification", figures)
    checks = [f for f in figures if f.better == "equal"]
    return 0 if all(f.met() is not False for f in checks) else 1


def _postgresql(events: int, devices: int, rounds: int) -> list[Figure]:
    from benchmarks import pg

    reason = pg.unavailable_reason()
    if reason:
        print(f"(PostgreSQL skipped: {reason})", file=sys.stderr)
        return []
    with pg.durable_postgresql() as server:
        url = server.new_database("audit_verify")
        db = Database.open(url, readers=1)
        try:
            load(db, events, devices)
        finally:
            db.close()
        return measure("postgresql", url, events, rounds)


if __name__ == "__main__":
    sys.exit(main())
