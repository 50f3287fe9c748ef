"""``wa-desk hub audit verify``: every chain the hub holds, checked link by link.

For each row of ``audit_devices`` (the hub's own chains among them: ``hub``, and one
``hub/<replica id>`` per replica that recorded facts, each listed in the report) the events
are read in seq order from ``base_seq + 1`` with ``base_hash`` as the first ``prev``, in
chunks, never all at once. Each event's hash is recomputed from its columns
(:mod:`wa_desk.hub.audit_event_text`). Problems, as ``core.audit_chain`` names them:

- ``gap``: a seq is missing (reported at the first missing seq of each hole), including
  at the end, when the hub acknowledged more than it holds;
- ``fork``: an event's ``prev`` is not the hash of the event before it, or the hub holds
  events after the seq it acknowledged;
- ``altered``: an event's hash does not match its content, or the hash the hub
  acknowledged for a chain's head is not the head's.

Events whose device has no ``audit_devices`` row (written behind the hub's back: the hub
never stores an event without its chain's head) are reported per device, as
``device <id>: events without a chain head``.

After a hole the chain goes on from the next event's own ``prev``, and after an altered
event from its stored hash, so one tampered or deleted row is reported once, not as
every event after it.

Large stores are checked by several processes, each taking seq ranges of the chains
(a range starts from the stored hash of the event before it, exactly where a single
pass would be).
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from wa_desk.core.audit_chain import ChainProblem
from wa_desk.hub.audit_event_text import encode_basestring, event_text, text_hash
from wa_desk.hub.db.connection import numbered
from wa_desk.hub.db.database import DatabaseUrl
from wa_desk.hub.db.errors import StorageError, as_storage_error
from wa_desk.hub.queries.audit_log import is_hub_chain

CHUNK_ROWS = 5_000
SEGMENT_EVENTS = 250_000  # a unit of work for one process
PARALLEL_FROM = 200_000  # fewer events than this are checked in the calling process


@dataclass(frozen=True, slots=True)
class Segment:
    """Events ``lo < seq <= hi`` of one chain; ``prev`` is the hash expected of ``lo``'s
    successor's ``prev`` (None: the event ``lo`` is missing, so take the first one's)."""

    device: str
    lo: int
    hi: int
    prev: str | None


@dataclass(frozen=True, slots=True)
class SegmentResult:
    checked: int
    problems: tuple[ChainProblem, ...]


@dataclass
class VerifyReport:
    chains: int = 0
    events: int = 0
    problems: list[ChainProblem] = field(default_factory=list)
    headless: list[str] = field(default_factory=list)  # devices of events without a head
    # The hub's own chains, checked like every other: (device, base_seq, acked_seq).
    hub_chains: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.headless

    def lines(self) -> list[str]:
        out = [f"device {p.device} seq {p.seq}: {p.problem}" for p in self.problems]
        out += [f"device {device}: events without a chain head" for device in self.headless]
        out += [
            f"hub chain {device}: seq {base + 1} to {acked}"
            if acked > base
            else f"hub chain {device}: no events held"
            for device, base, acked in self.hub_chains
        ]
        count = len(self.problems) + len(self.headless)
        out.append(
            f"checked {self.chains:,} chains, {self.events:,} events: "
            f"{count} problem{'' if count == 1 else 's'}"
        )
        return out


def _connect(url: str) -> Any:
    parsed = DatabaseUrl.parse(url)
    if parsed.dialect == "sqlite":
        raw = sqlite3.connect(parsed.target, isolation_level=None, timeout=30)
        raw.execute("PRAGMA query_only=ON")
        return raw
    import psycopg

    try:
        # Numbered placeholders (``_sql``), as on the hub's own connections, whose
        # ``raw`` a purge hands to ``check_segment``.
        return psycopg.connect(parsed.target, autocommit=True, cursor_factory=psycopg.RawCursor)
    except psycopg.OperationalError as exc:
        raise StorageError(f"cannot connect to PostgreSQL: {exc}".splitlines()[0]) from exc


def _sql(conn: Any, sql: str) -> str:
    """``sql`` (written with ``?``) in the connection's placeholder style."""
    return sql if isinstance(conn, sqlite3.Connection) else numbered(sql)


_CHUNK = (
    "SELECT seq, id, at, actor, kind, conversation_id, data, prev, hash FROM audit_events "
    "WHERE device = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?"
)


def _rows(conn: Any, seg: Segment) -> Iterator[tuple[Any, ...]]:
    sql = _sql(conn, _CHUNK)
    after = seg.lo
    while after < seg.hi:
        chunk = conn.execute(sql, (seg.device, after, seg.hi, CHUNK_ROWS)).fetchall()
        if not chunk:
            return
        yield from chunk
        after = int(chunk[-1][0])


def check_segment(conn: Any, seg: Segment) -> SegmentResult:
    """Problems among the events of one seq range of one chain."""
    problems: list[ChainProblem] = []
    device = seg.device
    device_json = encode_basestring(device)
    expected = seg.lo + 1
    prev = seg.prev
    # The event before the range is missing: the range before reported that hole, which
    # goes on until this range's first event.
    in_hole = prev is None
    checked = 0
    for seq, event_id, at, actor, kind, conv, data, row_prev, stored in _rows(conn, seg):
        checked += 1
        if seq != expected:
            if not in_hole:
                problems.append(ChainProblem(device, expected, "gap"))
        elif prev is not None and row_prev != prev:
            problems.append(ChainProblem(device, seq, "fork"))
        text = event_text(device_json, seq, event_id, at, actor, kind, conv, data, row_prev)
        if text_hash(text) != stored:
            problems.append(ChainProblem(device, seq, "altered"))
        prev, expected, in_hole = stored, seq + 1, False
    if expected <= seg.hi and not in_hole:
        problems.append(ChainProblem(device, expected, "gap"))
    return SegmentResult(checked, tuple(problems))


def _check_segments(url: str, segments: list[Segment]) -> SegmentResult:
    conn = _connect(url)
    try:
        checked = 0
        problems: list[ChainProblem] = []
        for seg in segments:
            result = check_segment(conn, seg)
            checked += result.checked
            problems.extend(result.problems)
        return SegmentResult(checked, tuple(problems))
    except Exception as exc:
        # A damaged or lost store, raised whole from a worker process (a driver's own
        # exception loses its error code on the way).
        error = as_storage_error(exc, DatabaseUrl.parse(url).redacted())
        if error is None:
            raise
        raise error from None
    finally:
        conn.close()


def _hash_at(conn: Any, device: str, seq: int) -> str | None:
    row = conn.execute(
        _sql(conn, "SELECT hash FROM audit_events WHERE device = ? AND seq = ?"), (device, seq)
    ).fetchone()
    return None if row is None else str(row[0])


_HEADLESS = (
    "SELECT DISTINCT device FROM audit_events WHERE NOT EXISTS "
    "(SELECT 1 FROM audit_devices d WHERE d.device = audit_events.device) ORDER BY device"
)


def headless_devices(conn: Any) -> list[str]:
    """Devices that have events in the store but no chain head (``audit_devices`` row)."""
    return [str(row[0]) for row in conn.execute(_HEADLESS).fetchall()]


@dataclass(slots=True)
class _Plan:
    chains: int
    segments: list[Segment]
    problems: list[ChainProblem]  # of the chains' heads (acked seq and hash)
    hub_chains: list[tuple[str, int, int]]  # (device, base_seq, acked_seq)


def _plan(conn: Any, segment_events: int) -> _Plan:
    """The chains' segments, and the problems of their heads (acked seq and hash)."""
    devices = conn.execute(
        "SELECT device, acked_seq, last_hash, base_seq, base_hash FROM audit_devices "
        "ORDER BY device"
    ).fetchall()
    segments: list[Segment] = []
    problems: list[ChainProblem] = []
    hub_chains: list[tuple[str, int, int]] = []
    for device, acked, last_hash, base_seq, base_hash in devices:
        acked, base_seq = int(acked), int(base_seq)
        if is_hub_chain(device):
            hub_chains.append((device, base_seq, acked))
        top = conn.execute(
            _sql(conn, "SELECT MAX(seq) FROM audit_events WHERE device = ?"), (device,)
        ).fetchone()[0]
        held = int(top) if top is not None else base_seq
        if held > acked:
            problems.append(ChainProblem(device, acked + 1, "fork"))
        if acked > base_seq:
            head = _hash_at(conn, device, acked)
            if head is not None and head != last_hash:
                problems.append(ChainProblem(device, acked, "altered"))
        end = max(acked, held)
        lo = base_seq
        while lo < end:
            hi = min(lo + segment_events, end)
            prev = base_hash if lo == base_seq else _hash_at(conn, device, lo)
            segments.append(Segment(device, lo, hi, prev))
            lo = hi
    return _Plan(len(devices), segments, problems, hub_chains)


def verify_store(
    url: str, *, workers: int | None = None, segment_events: int = SEGMENT_EVENTS
) -> VerifyReport:
    """Check every chain of the store at ``url``; ``workers`` processes (default: one per
    CPU, up to 2, for stores of at least :data:`PARALLEL_FROM` events)."""
    conn = _connect(url)
    try:
        plan = _plan(conn, segment_events)
        headless = headless_devices(conn)
    finally:
        conn.close()
    segments = plan.segments
    total = sum(s.hi - s.lo for s in segments)
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
    if workers <= 1 or len(segments) <= 1:
        results = [_check_segments(url, segments)]
    else:
        shares = _share(segments, workers)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=len(shares), mp_context=ctx) as pool:
            results = list(pool.map(_check_segments, [url] * len(shares), shares))
    report = VerifyReport(chains=plan.chains, headless=headless, hub_chains=plan.hub_chains)
    found = set(plan.problems)
    for result in results:
        report.events += result.checked
        found.update(result.problems)
    report.problems = sorted(found, key=lambda p: (p.device, p.seq, p.problem))
    return report


def _share(segments: list[Segment], workers: int) -> list[list[Segment]]:
    """Segments dealt to ``workers`` lists of about the same number of events."""
    shares: list[list[Segment]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for seg in sorted(segments, key=lambda s: s.hi - s.lo, reverse=True):
        i = loads.index(min(loads))
        shares[i].append(seg)
        loads[i] += seg.hi - seg.lo
    return [s for s in shares if s]
