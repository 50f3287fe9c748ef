"""The wallboard's conversations kept between the pusher's passes: a pass reads again only
the conversations the stream says were written since the last one (or whose state, holder
or queue differ), and computes again only those, and those a clock's threshold or local
midnight changed. With thousands of conversations open, a pass then costs what changed,
not the day's whole set, and every figure is the one a read from scratch gives.

Used by one pusher at a time (its passes run one after another).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wa_desk.core.clock import Millis
from wa_desk.core.kpis.wallboard import ConversationNow, QueueTerms, conversation_now
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import kpi_inputs
from wa_desk.hub.queries import wallboard as reads

Stored = tuple[str, str, object]  # a conversation's queue, state and holder in the store


def _stored(row: dict[str, object]) -> Stored:
    return (str(row["queue"]), str(row["state"]), row["assignee"])


@dataclass(slots=True)
class _Kept:
    stored: Stored
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

    def _terms_of(self, terms_of: Callable[[str], QueueTerms], queue: str) -> QueueTerms:
        terms = terms_of(queue)
        if self._terms.get(queue) != terms:
            self._terms[queue] = terms
        return self._terms[queue]

    def _differs(self, cid: str, row: dict[str, object]) -> bool:
        kept = self._kept.get(cid)
        return kept is None or kept.stored != _stored(row)

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
            seq, touched = reads.last_seq(conn), frozenset[str]()
        else:
            seq, touched = reads.touched_since(conn, self._seq)
        rows = {str(r["id"]): r for r in reads.live_rows(conn, since, queues, reads.KEY_COLUMNS)}
        for cid, kept in list(self._kept.items()):
            if cid in rows:
                continue
            if cid in touched or queues is None or kept.stored[0] in queues:
                # Gone from the day, or written while this pass does not look at it.
                del self._kept[cid]
        stale = [cid for cid, r in rows.items() if cid in touched or self._differs(cid, r)]
        day_starts: dict[str, Millis] = {}
        terms: dict[str, QueueTerms] = {}

        def current(queue: str) -> QueueTerms:
            found = terms.get(queue)
            if found is None:
                terms[queue] = found = self._terms_of(terms_of, queue)
                day_starts[queue] = found.day_start(now)
            return found

        for c in reads.with_events(conn, reads.rows_by_id(conn, stale), people):
            t = current(c.queue)
            self._kept[c.id] = _Kept(_stored(rows[c.id]), t, conversation_now(c, t, now))
        out: list[ConversationNow] = []
        for cid, r in rows.items():
            kept = self._kept[cid]
            t = current(str(r["queue"]))
            m = kept.measured
            if m.until <= now or kept.terms is not t or m.day_start != day_starts[str(r["queue"])]:
                kept.terms = t
                kept.measured = m = conversation_now(m.conversation, t, now)
            out.append(m)
        # Only now: a read that failed on the way leaves the same changes to the next one.
        self._seq, self._people = seq, people
        return out
