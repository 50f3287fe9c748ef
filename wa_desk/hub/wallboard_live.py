"""The wallboard's conversations kept between the pusher's passes: a pass reads again only
the conversations the stream says were written since the last pass, and computes again
only those, and those a clock's threshold or local midnight changed. With thousands of
conversations open, a pass then costs what changed, not the day's whole set, and every
figure is the one a read from scratch gives.

Every write to a conversation, its messages or its lifecycle appends a stream event about
it in the same transaction, so the stream names every conversation to read again. A pass
over every queue (the pusher's start and its periodic re-check) also compares each
conversation's state, holder and queue with the store's, and reads again any that differ.

Used by one pusher at a time (its passes run one after another).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wa_desk.core.clock import Millis
from wa_desk.core.kpis.wallboard import ConversationNow, QueueTerms, conversation_now
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.queries import kpi_inputs
from wa_desk.hub.queries import wallboard as reads

Stored = tuple[str, str, object]  # a conversation's queue, state and holder in the store


def _stored(row: Row) -> Stored:
    return (str(row["queue"]), str(row["state"]), row["assignee"])


@dataclass(slots=True)
class _Kept:
    stored: Stored
    last_active: Millis  # its last message or close
    terms: QueueTerms
    measured: ConversationNow


class LiveConversations:
    """Each live conversation as last read and computed, and the stream's seq it is
    current to."""

    def __init__(self) -> None:
        self._kept: dict[str, _Kept] = {}
        self._seq: int | None = None  # None: nothing read yet
        self._people: frozenset[str] = frozenset()
        self._terms: dict[str, QueueTerms] = {}  # one object per queue while it is equal

    def measured(
        self,
        conn: Conn,
        terms_of: Callable[[str], QueueTerms],
        now: Millis,
        since: Millis,
        queues: frozenset[str] | None,
    ) -> list[ConversationNow]:
        """What ``reads.live_conversations(conn, since, queues)`` measured at ``now``
        gives, each with its queue's terms: read again only where the store changed."""
        people = kpi_inputs.user_ids(conn)
        if self._seq is None or people != self._people:
            # A user added or removed changes whose messages are a person's replies.
            self._kept.clear()
            seq, stale = reads.last_seq(conn), set[str]()
        else:
            seq, touched = reads.touched_since(conn, self._seq)
            stale = set(touched)
        if queues is None or not self._kept:
            stale |= self._differing(conn, since)
        terms = _PassTerms(self._terms, terms_of, now)
        found = []
        for row in reads.rows_by_id(conn, sorted(stale)):
            cid = str(row["id"])
            stale.discard(cid)
            if reads.is_live(str(row["state"]), reads.last_active(row), since):
                found.append(row)
            else:
                self._kept.pop(cid, None)
        rows = {str(r["id"]): r for r in found}
        for c in reads.with_events(conn, found, people):
            row, t = rows[c.id], terms(c.queue)
            kept = _Kept(_stored(row), reads.last_active(row), t, conversation_now(c, t, now))
            self._kept[c.id] = kept
        for cid in stale:  # not in the store any more
            self._kept.pop(cid, None)
        out: list[ConversationNow] = []
        for cid, kept in list(self._kept.items()):
            queue, state, _ = kept.stored
            if kept.last_active < since and state not in reads.OPEN_STATES:
                del self._kept[cid]  # the day moved on past it
                continue
            if queues is not None and queue not in queues:
                continue
            t = terms(queue)
            m = kept.measured
            if m.until <= now or kept.terms is not t or m.day_start != terms.day_start[queue]:
                kept.terms = t
                kept.measured = m = conversation_now(m.conversation, t, now)
            out.append(m)
        # Only now: a read that failed on the way leaves the same changes to the next one.
        self._seq, self._people = seq, people
        return out

    def _differing(self, conn: Conn, since: Millis) -> set[str]:
        """The live conversations not kept, or kept with another state, holder or queue
        than the store's; and the kept ones the store no longer counts as live."""
        rows = reads.live_rows(conn, since, None, reads.KEY_COLUMNS)
        live = {str(r["id"]): r for r in rows}
        found = {cid for cid in self._kept if cid not in live}
        for cid, r in live.items():
            kept = self._kept.get(cid)
            if kept is None or kept.stored != _stored(r):
                found.add(cid)
        return found


class _PassTerms:
    """The queues' terms in one pass (the same object as the last pass's while equal,
    so a kept measure's terms are checked by identity) and their day's start."""

    def __init__(
        self, known: dict[str, QueueTerms], terms_of: Callable[[str], QueueTerms], now: Millis
    ) -> None:
        self._known = known
        self._terms_of = terms_of
        self._now = now
        self._found: dict[str, QueueTerms] = {}
        self.day_start: dict[str, Millis] = {}

    def __call__(self, queue: str) -> QueueTerms:
        found = self._found.get(queue)
        if found is None:
            known = self._known
            terms = self._terms_of(queue)
            if known.get(queue) != terms:
                known[queue] = terms
            self._found[queue] = found = known[queue]
            self.day_start[queue] = found.day_start(self._now)
        return found
