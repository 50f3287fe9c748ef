"""``python -m benchmarks``: every benchmark with modest defaults, then their tables.

Takes about four minutes on two cores. Each benchmark also runs alone with
its own options: ``python -m benchmarks.webhook_ingest --help``,
``python -m benchmarks.stream_fanout --help``, ``python -m benchmarks.audit_verify --help``,
``python -m benchmarks.audit_log --help``, ``python -m benchmarks.heatmap --help``,
``python -m benchmarks.alerts --help``, ``python -m benchmarks.wallboard --help``,
``python -m benchmarks.retention_purge --help``, ``python -m benchmarks.rules --help``,
``python -m benchmarks.media_cache --help``, ``python -m benchmarks.replicas --help``.
"""

from __future__ import annotations

import argparse
import sys
import time

from benchmarks import (
    alerts,
    audit_log,
    audit_verify,
    heatmap,
    media_cache,
    replicas,
    retention_purge,
    rules,
    stream_fanout,
    wallboard,
    webhook_ingest,
)
from benchmarks.report import Figure, print_table


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", choices=["sqlite", "postgresql", "all"], default="all")
    p.add_argument("--rounds", type=int, default=3, help="webhook ingest rounds (3)")
    args = p.parse_args()
    dbs = ["sqlite", "postgresql"] if args.db == "all" else [args.db]
    started = time.perf_counter()
    ingest_args = ["--seconds", "3", "--latency-seconds", "3", "--rounds", str(args.rounds)]
    ingest_args += ["--db", args.db]
    ingest = webhook_ingest.run(
        webhook_ingest.options(webhook_ingest.parser().parse_args(ingest_args)), dbs
    )
    fanout = stream_fanout.run(subscribers=100, rate=200, seconds=10, db="sqlite", settle=20)
    audit = audit_verify.run(1_000_000, 20, rounds=1, dbs=["sqlite"])
    local_log = audit_log.run(100_000, 2_000)
    maps = heatmap.run(200_000, dbs, repeats=3, ingest_rounds=2, per_round=1000)
    early = alerts.run(rate=2, seconds=15, target=20, backlog=200, db="sqlite")
    board = wallboard.run(subscribers=20, rate=200, seconds=10, db="sqlite", settle=20)
    purge = retention_purge.run(200_000, dbs)
    text_rules = rules.run(2_000)
    cache = media_cache.run(round(media_cache.DEMO_RATE * 86_400), 250_000)
    spread: list[Figure] = []
    if "postgresql" in dbs:
        spread = replicas.run(
            replicas.Options(
                streams=3,
                rates=[200.0],
                seconds=5.0,
                throughput_seconds=2.0,
                settle=10.0,
                use_balancer=True,
            )
        )
    print_table("Webhook ingest", ingest)
    print_table("Stream fan-out", fanout)
    print_table("Audit verification", audit)
    print_table("Desktop action log", local_log)
    print_table("Heat-maps (200,000 messages)", maps)
    print_table("Early alerts", early)
    print_table("Live wallboard", board)
    print_table("Retention purge (200,000 messages)", purge)
    print_table("Text rules", text_rules)
    print_table("Media cache after a demo day", cache)
    if spread:
        print_table("Hub replicas on PostgreSQL", spread)
    print(f"\n(all benchmarks: {time.perf_counter() - started:.0f} s)")
    every = ingest + fanout + audit + local_log + maps + early + board + purge + text_rules
    every += cache + spread
    checks: list[Figure] = [f for f in every if f.better == "equal"]
    return 0 if all(f.met() is not False for f in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
