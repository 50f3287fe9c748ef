"""Reads made ahead for a group commit (``Database.write``'s ``ahead``).

The store's writer runs the writes queued while the previous transaction committed as
one batch. A write may come with the reads it starts with: before the batch's writes
run, the reads of every write of one type are made together, one round trip on
PostgreSQL instead of one per write. A write then uses what was read for it, unless an
earlier write of the batch may have changed those rows: then its reads are made again,
together with those of the writes after it (``read_again``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from wa_desk.hub.db.connection import Conn

# What every transaction of the store's writer reads first, on PostgreSQL: sent in its
# first round trip (``Conn.sent_now``) and held for the batch's writes (``Conn.hold``),
# so that none of them waits for a round trip of its own to read it (the stream's next
# number, the hub chain's head).
BatchStart = Callable[[Conn], None]


class ReadAhead(Protocol):
    """The reads a write starts with, made before the batch's writes run, together with
    those of the other writes of the batch of the same type (``read_together``).

    ``reads``: the keys (say, contacts) of the rows those reads depend on. ``writes``:
    the keys of the rows the write may change; None: any row. A write's reads are
    made again when an earlier write of the batch may have changed their rows."""

    @property
    def reads(self) -> frozenset[str]: ...

    @property
    def writes(self) -> frozenset[str] | None: ...

    def read_together(self, conn: Conn, all_of_type: Sequence[ReadAhead]) -> None:
        """Read for every one of ``all_of_type`` (this one among them), each keeping
        what it read (and no longer what it read before)."""


def read_ahead(conn: Conn, aheads: list[ReadAhead]) -> None:
    """The reads of a batch's writes, made together by type."""
    by_type: dict[type, list[ReadAhead]] = {}
    for ahead in aheads:
        by_type.setdefault(type(ahead), []).append(ahead)
    for together in by_type.values():
        together[0].read_together(conn, together)


def read_again(conn: Conn, aheads: Sequence[ReadAhead | None]) -> None:
    """The reads of the first of a batch's ``aheads`` (the rest of the batch, in order),
    which an earlier write may have made stale, made again now, together with those of
    the writes after it, up to the next write that may change any row (itself
    included): beyond it they would be stale again. One round trip on PostgreSQL where
    each write would otherwise read for itself, as every delivery queued behind an alert
    pass's share would."""
    again: list[ReadAhead] = []
    for ahead in aheads:
        if ahead is None:
            break
        again.append(ahead)
        if ahead.writes is None:
            break
    read_ahead(conn, again)


class WritesSoFar:
    """What the writes of a batch run so far may have changed."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.anything = False

    def stale(self, ahead: ReadAhead) -> bool:
        """Whether ``ahead``'s reads may no longer hold (reads of no row always do)."""
        if not ahead.reads:
            return False
        return self.anything or not self.keys.isdisjoint(ahead.reads)

    def add(self, ahead: ReadAhead | None) -> None:
        """A write ran (None: one that declared nothing, so may have changed anything)."""
        writes = None if ahead is None else ahead.writes
        if writes is None:
            self.anything = True
        else:
            self.keys.update(writes)
