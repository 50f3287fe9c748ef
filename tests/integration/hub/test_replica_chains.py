"""Hub replicas on one store each extend a chain of their own (``hub/<replica id>``),
gapless and verified, while whatever reads the hub's facts reads every replica's: a
request key one replica recorded is known to the other, ``audit verify`` lists and checks
each chain, ``audit export`` carries them all, and the key lookup stays on an index. On
SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from wa_desk.cli import main
from wa_desk.core.audit_chain import verify
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.hub.audit_verify import verify_store
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import audit_log

REPLICAS = ("east", "west")
WRITERS_EACH = 4
FACTS_EACH_WRITER = 15
_T0 = 1_796_000_000_000
_DAY = datetime.fromtimestamp(_T0 / 1000, UTC).date().isoformat()  # what an export reads
_KIND = AuditKind.NOTE_ADDED


@pytest.fixture
def replicas(db_url: str) -> Iterator[list[Database]]:
    dbs = [Database.open(db_url, readers=1, replica_id=replica) for replica in REPLICAS]
    try:
        yield dbs
    finally:
        for db in dbs:
            db.close()


def _fact(tag: str, n: int) -> Callable[[Conn], None]:
    def fn(conn: Conn) -> None:
        data = {"n": n, "idempotency_key": f"{tag}-{n}"}
        audit_log.append_hub_fact(conn, _KIND, "ana", f"c-{tag}", data, _T0 + n)

    return fn


def _record_many(db: Database, tag: str) -> None:
    async def run() -> None:
        async def one_writer(w: int) -> None:
            for i in range(FACTS_EACH_WRITER):
                await db.write(_fact(tag, w * FACTS_EACH_WRITER + i))

        await asyncio.gather(*(one_writer(w) for w in range(WRITERS_EACH)))

    asyncio.run(run())


def _both_record_at_once(replicas: list[Database]) -> None:
    writers = [
        threading.Thread(target=_record_many, args=(db, replica))
        for db, replica in zip(replicas, REPLICAS, strict=True)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)


def _url(db: Database) -> str:
    return db.url.target if db.dialect == "postgresql" else f"sqlite://{db.url.target}"


EACH = WRITERS_EACH * FACTS_EACH_WRITER


def test_replicas_recording_at_once_each_extend_their_own_chain(
    replicas: list[Database],
) -> None:
    _both_record_at_once(replicas)
    for replica in REPLICAS:
        device = audit_log.hub_chain(replica)
        assert device == f"hub/{replica}"
        chain = replicas[0].read_sync(lambda c, d=device: audit_log.chain_events(c, d, 0, 10_000))
        assert verify(chain) == []  # each link on the one before it
        assert [e["seq"] for e in chain] == list(range(1, EACH + 1))  # no gap
        assert sorted(e["data"]["n"] for e in chain) == list(range(EACH))
        assert {e["conversation"] for e in chain} == {f"c-{replica}"}  # its own facts only
    devices = replicas[0].read_sync(
        lambda c: [r["device"] for r in c.all("SELECT DISTINCT device FROM audit_events")]
    )
    assert sorted(devices) == ["hub/east", "hub/west"]  # none went to one shared chain
    report = verify_store(_url(replicas[0]))
    assert report.ok and report.events == 2 * EACH
    assert report.hub_chains == [("hub/east", 0, EACH), ("hub/west", 0, EACH)]


def test_a_request_key_recorded_by_one_replica_is_known_to_the_other(
    replicas: list[Database],
) -> None:
    east, west = replicas
    kinds = (AuditKind.CONVERSATION_ASSIGNED,)
    data = {"to_user": "bruno", "idempotency_key": "k-1"}

    def assign(conn: Conn) -> None:
        audit_log.append_hub_fact(conn, kinds[0], "lidia", "c-1", data, _T0)

    def known(conn: Conn) -> bool:
        return audit_log.keyed_fact_exists(conn, kinds, "lidia", "k-1", conversation_id="c-1")

    assert not west.read_sync(known)
    east.write_sync(assign)
    assert west.read_sync(known) and east.read_sync(known)


def test_audit_verify_lists_and_checks_every_hub_chain(
    replicas: list[Database], capsys: pytest.CaptureFixture[str]
) -> None:
    _both_record_at_once(replicas)
    url = _url(replicas[0])
    assert main(["hub", "audit", "verify", "--db", url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"hub chain hub/east: seq 1 to {EACH}",
        f"hub chain hub/west: seq 1 to {EACH}",
        f"checked 2 chains, {2 * EACH} events: 0 problems",
    ]
    replicas[1].write_sync(
        lambda c: c.execute(
            "UPDATE audit_events SET actor = 'mallory' WHERE device = 'hub/west' AND seq = 7"
        )
    )
    assert main(["hub", "audit", "verify", "--db", url]) == 1
    assert "device hub/west seq 7: altered" in capsys.readouterr().out.splitlines()


def test_audit_export_carries_every_hub_chain(
    replicas: list[Database], capsys: pytest.CaptureFixture[str]
) -> None:
    _both_record_at_once(replicas)
    url = _url(replicas[0])
    assert main(["hub", "audit", "export", "--from", _DAY, "--to", _DAY, "--db", url]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for replica in REPLICAS:
        # Exported in time order; in seq order, each chain is whole and links.
        chain = sorted((r for r in rows if r["device"] == f"hub/{replica}"), key=lambda r: r["seq"])
        assert [r["seq"] for r in chain] == list(range(1, EACH + 1))
        assert verify(chain) == []


@pytest.mark.parametrize("about_conversation", [True, False])
def test_the_key_lookup_over_every_hub_chain_is_found_through_an_index(
    db_url: str, about_conversation: bool
) -> None:
    db = Database.open(db_url, readers=1)
    sql = audit_log.keyed_facts_sql(2, about_conversation=about_conversation)
    params = ("lidia", "a", "b", 0, *(("c-1",) if about_conversation else ()))

    def plan(conn: Conn) -> str:
        if conn.dialect == "sqlite":
            rows = conn.all("EXPLAIN QUERY PLAN " + sql, params)
            return "\n".join(str(r["detail"]) for r in rows)
        # A near-empty table is read whole whatever its indexes: forbid that, so the
        # plan shows whether the condition on the hub's chains still allows an index.
        conn.execute("SET enable_seqscan = off")
        return "\n".join(str(r["QUERY PLAN"]) for r in conn.all("EXPLAIN " + sql, params))

    try:
        shown = db.read_sync(plan)
    finally:
        db.close()
    if db.dialect == "sqlite":
        assert shown.startswith("SEARCH audit_events USING INDEX"), shown
    else:
        assert "Index" in shown and "Seq Scan" not in shown, shown
