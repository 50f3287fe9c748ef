"""The central audit log: every device's action-log chain and the hub's own.

Events are kept as DESIGN.md's "Action-log event" defines them: ``at`` as the RFC 3339
text that was hashed, ``data`` as its canonical JSON, so an event read back hashes to
the same value it was stored with. ``audit_devices`` holds one row per chain: how far
the hub holds it (``acked_seq``, ``last_hash``) and where verification starts after
retention purged its oldest events (``base_seq``, ``base_hash``).

The hub's own facts are chains named ``hub`` (a hub running as one process, as on
SQLite) or ``hub/<replica id>`` (each replica on PostgreSQL its own, so replicas do not
take turns on one chain's head: :mod:`wa_desk.hub.replica_id`). Whatever reads "the
hub's facts" reads every one of them (:data:`HUB_CHAINS`); no desktop's chain is named so
(``audit_intake`` refuses it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.core.canonical_json import canonical_json
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.ids import uuid7
from wa_desk.hub.db.connection import Conn, LaterRow, Row
from wa_desk.hub.event_data import DATA_COLUMN, read_stored

HUB_DEVICE = "hub"  # the hub's chain when it runs as one process; every hub chain starts so
HUB_ACTOR = "hub"  # the hub itself, as the actor of a fact nobody else made
_REPLICA_CHAIN_PREFIX = f"{HUB_DEVICE}/"
# Rows of every hub chain (``device`` of ``audit_events`` or ``audit_devices``): exact on
# both stores (no LIKE, whose case and collation differ between them).
HUB_CHAINS = (
    f"(device = '{HUB_DEVICE}' "
    f"OR substr(device, 1, {len(_REPLICA_CHAIN_PREFIX)}) = '{_REPLICA_CHAIN_PREFIX}')"
)


def hub_chain(replica_id: str | None) -> str:
    """The chain a hub replica's facts go to: ``hub/<replica id>``, or ``hub``."""
    return HUB_DEVICE if replica_id is None else f"{_REPLICA_CHAIN_PREFIX}{replica_id}"


def is_hub_chain(device: str) -> bool:
    """Whether ``device`` names one of the hub's own chains (:data:`HUB_CHAINS`)."""
    return device == HUB_DEVICE or device.startswith(_REPLICA_CHAIN_PREFIX)


_READ_HEAD = "SELECT * FROM audit_devices WHERE device = ?"
_LOCK_HEAD = "SELECT * FROM audit_devices WHERE device = ? FOR UPDATE"
_INSERT_EVENT = (
    "INSERT INTO audit_events (device, seq, id, at, at_ms, actor, kind, conversation_id, "
    "data, prev, hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def lock_head(conn: Conn, device: str) -> Row | None:
    """The chain's ``audit_devices`` row, locked until the transaction ends on PostgreSQL
    (so two hub replicas cannot both extend the same chain); None when unknown."""
    sql = _LOCK_HEAD if conn.dialect == "postgresql" else _READ_HEAD
    return conn.one(sql, (device,))


def ensure_head(conn: Conn, device: str, user_id: str | None, now: Millis) -> Row:
    """The chain's row, created empty (nothing held yet) when absent, and locked."""
    head = lock_head(conn, device)
    if head is not None:
        return head
    # ON CONFLICT: another replica may be creating the same row right now.
    conn.execute(
        "INSERT INTO audit_devices (device, user_id, acked_seq, last_hash, base_seq, base_hash, "
        "first_seen_at, last_seen_at) VALUES (?, ?, 0, ?, 0, ?, ?, ?) "
        "ON CONFLICT (device) DO NOTHING",
        (device, user_id, GENESIS, GENESIS, now, now),
    )
    head = lock_head(conn, device)
    assert head is not None
    return head


def store_events(
    conn: Conn,
    events: Sequence[dict[str, Any]],
    at_ms: Sequence[Millis],
    now: Millis,
    *,
    received_at: Sequence[Millis] | None = None,
) -> None:
    """Insert already-verified events of one chain; ``at_ms`` is each event's ``at``
    parsed; each was received ``now``, or at its own instant of ``received_at``."""
    received = [now] * len(events) if received_at is None else received_at
    conn.executemany(
        _INSERT_EVENT,
        [
            (
                e["device"],
                e["seq"],
                e["id"],
                e["at"],
                ms,
                e["actor"],
                e["kind"],
                e["conversation"],
                canonical_json(e["data"]),
                e["prev"],
                e["hash"],
                got,
            )
            for e, ms, got in zip(events, at_ms, received, strict=True)
        ],
    )


def advance_head(conn: Conn, device: str, acked_seq: int, last_hash: str, now: Millis) -> None:
    conn.execute(
        "UPDATE audit_devices SET acked_seq = ?, last_hash = ?, last_seen_at = ? WHERE device = ?",
        (acked_seq, last_hash, now, device),
    )


def append_hub_fact(
    conn: Conn,
    kind: str,
    actor: str,
    conversation_id: str | None,
    data: dict[str, Any],
    now: Millis,
) -> None:
    """Append a fact the hub observed or applied to this replica's chain
    (:func:`hub_chain` of ``conn.replica_id``), in the caller's transaction (so the fact
    exists exactly when the change it records does).

    In the store's writer (``Conn.holding``) the chain's head is locked and read once
    per transaction and its facts are written together before the commit
    (:class:`_HubChainTail`): a group commit of many webhooks extends the chain in three
    statements, not three per fact."""
    held = conn.held(_HUB_TAIL)
    if isinstance(held, _HubChainTail) and held.has_head():
        held.add(kind, actor, conversation_id, data, now)
        return
    # The first fact of the transaction, or of a chain whose head ``head_ahead`` found
    # missing: the head is made here.
    device = hub_chain(conn.replica_id)
    head = ensure_head(conn, device, None, now)
    tail = _HubChainTail(device, int(head["acked_seq"]), str(head["last_hash"]))
    tail.add(kind, actor, conversation_id, data, now)
    if conn.holding:
        conn.hold(_HUB_TAIL, tail)
    else:
        tail.write(conn)


_HUB_TAIL = "hub chain"


def head_ahead(conn: Conn) -> None:
    """The writer's ``BatchStart`` on PostgreSQL: this replica's chain head, locked and
    read in its transaction's first round trip, so that the batch's first hub fact waits
    for no read of its own."""
    device = hub_chain(conn.replica_id)
    conn.hold(_HUB_TAIL, _HubChainTail(device, 0, GENESIS, conn.sent_now(_LOCK_HEAD, (device,))))


class _HubChainTail:
    """A hub chain's facts of one transaction not yet written, after the head it
    locked: each sealed on the one before it as it is added."""

    tables: tuple[str, ...] = ("audit_events", "audit_devices")

    def __init__(self, device: str, seq: int, last_hash: str, head: LaterRow | None = None) -> None:
        self.device = device
        self.seq = seq
        self.last_hash = last_hash
        # The head as read ahead (``head_ahead``), taken at the first fact.
        self._head = head
        self._headless = False
        self.events: list[dict[str, Any]] = []
        self.at_ms: list[Millis] = []

    def has_head(self) -> bool:
        """Whether the chain's head is known (False: read ahead, and not there yet)."""
        head, self._head = self._head, None
        if head is not None:
            row = head.get()
            if row is None:
                self._headless = True
            else:
                self.seq, self.last_hash = int(row["acked_seq"]), str(row["last_hash"])
        return not self._headless

    def add(
        self,
        kind: str,
        actor: str,
        conversation_id: str | None,
        data: dict[str, Any],
        now: Millis,
    ) -> None:
        self.seq += 1
        event = seal(
            {
                "id": uuid7(),
                "device": self.device,
                "seq": self.seq,
                "at": to_rfc3339(now),
                "actor": actor,
                "kind": kind,
                "conversation": conversation_id,
                "data": data,
            },
            self.last_hash,
        )
        self.last_hash = event["hash"]
        self.events.append(event)
        self.at_ms.append(now)

    def write(self, conn: Conn) -> None:
        """The facts added since the last write, and the head after them."""
        if not self.events:
            return
        events, at_ms = self.events, self.at_ms
        self.events, self.at_ms = [], []
        store_events(conn, events, at_ms, at_ms[-1], received_at=at_ms)
        advance_head(conn, self.device, self.seq, self.last_hash, at_ms[-1])


# -- reads --------------------------------------------------------------------------


def acked_seq(conn: Conn, device: str) -> int:
    value = conn.scalar("SELECT acked_seq FROM audit_devices WHERE device = ?", (device,))
    return 0 if value is None else int(value)


def keyed_fact_exists(
    conn: Conn,
    kinds: Sequence[str],
    actor: str,
    key: str,
    *,
    conversation_id: str | None = None,
    since: Millis = 0,
) -> bool:
    """Whether one of the hub's chains (whichever replica recorded it) holds a fact of
    one of ``kinds`` by ``actor`` carrying the request key ``key`` (about
    ``conversation_id``, or about no conversation), received at or after ``since``: the
    request already took effect."""
    rows = conn.all(
        keyed_facts_sql(len(kinds), about_conversation=conversation_id is not None),
        (actor, *kinds, since) + (() if conversation_id is None else (conversation_id,)),
    )
    for row in rows:
        data = read_stored(row["data"]).value
        if isinstance(data, dict) and data.get("idempotency_key") == key:
            return True
    return False


def keyed_facts_sql(kinds: int, *, about_conversation: bool) -> str:
    """The hub's facts by one actor of ``kinds`` kinds received since an instant, about
    one conversation or about none: parameters actor, the kinds, since (and the
    conversation). Found through an index on both stores, whatever the number of hub
    chains."""
    about = "conversation_id = ?" if about_conversation else "conversation_id IS NULL"
    return (
        f"SELECT {DATA_COLUMN} FROM audit_events WHERE {HUB_CHAINS} AND actor = ? "  # noqa: S608 - constants
        f"AND kind IN ({', '.join('?' * kinds)}) AND received_at >= ? AND {about}"
    )


def event_at_ms(conn: Conn, device: str, seq: int) -> Millis | None:
    """A held event's ``at``; None when retention purged it (or it was never held)."""
    value = conn.scalar(
        "SELECT at_ms FROM audit_events WHERE device = ? AND seq = ?", (device, seq)
    )
    return None if value is None else int(value)


def chain_heads(conn: Conn) -> list[Row]:
    """Every chain the hub holds: one ``audit_devices`` row each, by device."""
    return conn.all("SELECT * FROM audit_devices ORDER BY device")


def held_hashes(conn: Conn, device: str, first_seq: int, last_seq: int) -> dict[int, str]:
    rows = conn.all(
        "SELECT seq, hash FROM audit_events WHERE device = ? AND seq >= ? AND seq <= ?",
        (device, first_seq, last_seq),
    )
    return {int(r["seq"]): str(r["hash"]) for r in rows}


def chain_events(conn: Conn, device: str, after_seq: int, limit: int) -> list[dict[str, Any]]:
    """A chain's events after ``after_seq``, in seq order, exactly as they were hashed."""
    rows = conn.all(
        "SELECT device, seq, id, at, actor, kind, conversation_id, data, prev, hash "
        "FROM audit_events WHERE device = ? AND seq > ? "
        "ORDER BY seq LIMIT ?",
        (device, after_seq, limit),
    )
    return [event_of(r) for r in rows]


def conversation_events(conn: Conn, conversation_id: str) -> list[dict[str, Any]]:
    """Every chain's events about one conversation, in time order."""
    rows = conn.all(
        "SELECT device, seq, id, at, actor, kind, conversation_id, data, prev, hash "
        "FROM audit_events WHERE conversation_id = ? "
        "ORDER BY at_ms, device, seq",
        (conversation_id,),
    )
    return [event_of(r) for r in rows]


def event_of(row: Row) -> dict[str, Any]:
    """An ``audit_events`` row in DESIGN.md's JSON shape, exactly as hashed, whatever the
    row's ``data`` holds: data that cannot be shown is ``None`` with a ``data_problem``."""
    data = read_stored(row["data"])
    event: dict[str, Any] = {
        "id": row["id"],
        "device": row["device"],
        "seq": int(row["seq"]),
        "at": row["at"],
        "actor": row["actor"],
        "kind": row["kind"],
        "conversation": row["conversation_id"],
        "data": data.value,
        "prev": row["prev"],
        "hash": row["hash"],
    }
    if data.problem is not None:
        event["data_problem"] = data.problem.value
    return event
