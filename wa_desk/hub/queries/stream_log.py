"""The hub's ordered stream: every change clients must see, numbered by ``seq``.

Events are appended in the same transaction as the change they describe, so the stream
never shows something that was rolled back, and a client that resumes from its last
``seq`` misses nothing.

In the store's writer (``Conn.holding``) a group commit's appends are held back and
written together before the commit (:class:`_HeldAppends`): on PostgreSQL that is one
round trip for the whole batch instead of one per event, on the path of every webhook
delivery. An event is numbered then; nothing reads ``seq`` before the commit.

On PostgreSQL the writer's transactions number their appends themselves
(:func:`number_ahead`): the stream's last number is read in the transaction's first
round trip, the appends are written with the numbers after it, and the stream's sequence
is moved past them, all sent with the commit. Only one transaction appends at a time
(:mod:`wa_desk.hub.db.stream_order`: each holds the stream's order from its beginning,
and every other insert waits for it), so no other draws those numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from wa_desk.core.clock import Millis
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.db.connection import Conn, LaterRow, Params

# An event's payload, or what gives it when the event is written (``append``).
EventData = dict[str, Any] | Callable[[], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class StreamEvent:
    seq: int
    at: Millis
    kind: str
    queue: str | None  # None: not tied to a queue (seen by leads, or by its audience)
    conversation_id: str | None
    data: bytes  # JSON of the event's payload
    sse: bytes  # the event as one server-sent-events frame, built once for every subscriber
    # Not tied to one queue but to the leads of these (an agent's supervisors); None: the
    # event goes by ``queue``.
    audience: frozenset[str] | None = None
    # With an audience: every member of those queues sees it, agents too, not only leads.
    # Without an audience or a queue: every signed-in user sees it.
    audience_members: bool = False

    def numbered(self, seq: int, data: bytes) -> None:
        """Give an event held back by the store's writer its ``seq`` and its data, once
        its row is written (before the commit, so before any reader sees the event)."""
        object.__setattr__(self, "seq", seq)
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "sse", sse_frame(seq, self.kind, data))

    def visible_to(self, queues: frozenset[str] | None, user_id: str | None = None) -> bool:
        """``queues`` None means every queue (admins)."""
        if queues is None:
            return True
        if self.queue is None:
            return False
        return self.queue in queues


def append(
    conn: Conn,
    kind: StreamEventKind,
    queue: str | None,
    conversation_id: str | None,
    data: EventData,
    now: Millis,
    *,
    audience: frozenset[str] | None = None,
    audience_members: bool = False,
    subject: str | None = None,
) -> StreamEvent:
    """``data``: the payload, or what gives it when the event is written (in the store's
    writer, when its appends are; a payload read by a statement still on its way).
    ``audience`` (with no ``queue``): the queues whose leads see the event, or, with
    ``audience_members``, whose every member sees it; ``audience_members`` with neither a
    queue nor an audience: every signed-in user sees it (the account's templates).
    ``subject``: what a newer event of the same kind and subject replaces whole (a
    wallboard row), so retention may drop the older ones (``hub.stream_purge``)."""
    stored_audience = None if audience is None else orjson.dumps(sorted(audience)).decode()
    row = (
        now,
        queue,
        conversation_id,
        kind.value,
        stored_audience,
        int(audience_members),
        subject,
    )
    if conn.holding:
        event = StreamEvent(
            0, now, kind.value, queue, conversation_id, b"", b"", audience, audience_members
        )
        _held_appends(conn).add(row, data, event)
        return event
    blob = orjson.dumps(data() if callable(data) else data)
    seq = int(conn.scalar(_INSERT, (*row, blob.decode("utf-8"))))
    frame = sse_frame(seq, kind.value, blob)
    return StreamEvent(
        seq, now, kind.value, queue, conversation_id, blob, frame, audience, audience_members
    )


_INSERT = (
    "INSERT INTO stream_events "
    "(at, queue, conversation_id, kind, audience, audience_members, subject, data) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq"
)
_INSERT_NUMBERED = (
    "INSERT INTO stream_events "
    "(at, queue, conversation_id, kind, audience, audience_members, subject, data, seq) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SEQUENCE = "pg_get_serial_sequence('stream_events', 'seq')"
_LAST_NUMBER = f"SELECT COALESCE(pg_sequence_last_value({_SEQUENCE}), 0) AS seq"
_MOVE_SEQUENCE = f"SELECT setval({_SEQUENCE}, ?)"
_HELD = "stream appends"


class _HeldAppends:
    """A transaction's stream events not written yet, in the order appended."""

    tables: tuple[str, ...] = ("stream_events",)

    def __init__(self, last: LaterRow | None = None) -> None:
        self.held: list[tuple[Params, EventData, StreamEvent]] = []
        # The stream's last number as the transaction began (``number_ahead``), and the
        # next one this transaction gives; None: the sequence numbers the rows.
        self._last = last
        self._next: int | None = None

    def add(self, row: Params, data: EventData, event: StreamEvent) -> None:
        self.held.append((row, data, event))

    def write(self, conn: Conn) -> None:
        """The events added since the last write, numbered in the order appended."""
        if not self.held:
            return
        held, self.held = self.held, []
        blobs = [orjson.dumps(data() if callable(data) else data) for _row, data, _e in held]
        rows = [
            (*row, blob.decode("utf-8")) for (row, _data, _e), blob in zip(held, blobs, strict=True)
        ]
        first = self._first_number()
        if first is None:
            seqs = [int(seq) for seq in conn.returning_many(_INSERT, rows)]
        else:
            seqs = list(range(first, first + len(rows)))
            conn.executemany(
                _INSERT_NUMBERED, [(*r, seq) for r, seq in zip(rows, seqs, strict=True)]
            )
            conn.execute(_MOVE_SEQUENCE, (seqs[-1],))
            self._next = seqs[-1] + 1
        for (_row, _data, event), blob, seq in zip(held, blobs, seqs, strict=True):
            event.numbered(seq, blob)

    def _first_number(self) -> int | None:
        if self._next is None and self._last is not None:
            row = self._last.get()
            assert row is not None  # an aggregate: always one row
            self._next = int(row["seq"]) + 1
        return self._next


def number_ahead(conn: Conn) -> None:
    """The writer's ``BatchStart`` on PostgreSQL: its transaction numbers its own appends
    after the stream's last number, read in its first round trip, so that the appends
    are sent with the commit and wait for no numbers to come back."""
    conn.hold(_HELD, _HeldAppends(conn.sent_now(_LAST_NUMBER)))


def _held_appends(conn: Conn) -> _HeldAppends:
    held = conn.held(_HELD)
    if isinstance(held, _HeldAppends):
        return held
    appends = _HeldAppends()
    conn.hold(_HELD, appends)
    return appends


def sse_frame(seq: int, kind: str, data: bytes) -> bytes:
    return b"id: %d\nevent: %s\ndata: %s\n\n" % (seq, kind.encode(), data)


def since(conn: Conn, after_seq: int, limit: int = 1000) -> list[StreamEvent]:
    rows = conn.all(
        "SELECT seq, at, queue, conversation_id, kind, data, audience, audience_members "
        "FROM stream_events WHERE seq > ? ORDER BY seq LIMIT ?",
        (after_seq, limit),
    )
    events = []
    for r in rows:
        seq, data = int(r["seq"]), r["data"].encode("utf-8")
        frame = sse_frame(seq, r["kind"], data)
        audience = None if r["audience"] is None else frozenset(orjson.loads(r["audience"]))
        events.append(
            StreamEvent(
                seq,
                r["at"],
                r["kind"],
                r["queue"],
                r["conversation_id"],
                data,
                frame,
                audience,
                bool(r["audience_members"]),
            )
        )
    return events


def last_seq(conn: Conn) -> int:
    return int(conn.scalar("SELECT COALESCE(MAX(seq), 0) FROM stream_events") or 0)


def resume_expired(conn: Conn, after_seq: int, horizon: Millis | None) -> bool:
    """Whether a client resuming after ``after_seq`` could miss events the store no longer
    holds (or never held), so it must reload instead.

    Refused: a resume point ahead of the newest event; one older than the oldest event
    still stored, less one (those before it were purged); and, when ``horizon`` is given
    (the retention cutoff), one whose last stored event at or before it is older than the
    horizon while newer events exist (a purge removes every event older than its cutoff:
    one run since, or an event numbered after a newer one, may have left a hole). On
    PostgreSQL a rolled-back insert also leaves a gap in ``seq``; at worst it costs one
    needless reload.
    """
    newest = last_seq(conn)
    if after_seq >= newest:
        return after_seq > newest
    oldest = int(conn.scalar("SELECT MIN(seq) FROM stream_events") or 0)
    if after_seq < oldest - 1:
        return True
    if horizon is None:
        return False
    at = conn.scalar(
        "SELECT at FROM stream_events WHERE seq <= ? ORDER BY seq DESC LIMIT 1", (after_seq,)
    )
    return at is not None and int(at) < horizon
