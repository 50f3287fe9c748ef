"""The wallboard's conversations kept between the pusher's passes: a pass reads again only
the conversations the stream says were written since the last pass, and computes again
only those, and those a clock's threshold or local midnight changed. With thousands of
conversations open, a pass then costs what changed, not the day's whole set, and every
figure is the one a read from scratch gives.

Every write to a conversation, its messages or its lifecycle appends a stream event about
it in the same transaction, so the stream names every conversation to read again; and
every message written (created, or its status changed) is named in its event's data, so
of a conversation kept only those messages are read again, and its lifecycle facts (a
few). A long conversation costs a pass what it gained, not its whole history. A pass
over every queue (the pusher's start and its periodic re-check) also compares each
conversation's state, holder and queue with the store's, and reads again any that differ.

Used by one pusher at a time (its passes run one after another).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from wa_desk.core.clock import Millis
from wa_desk.core.conversation import State
from wa_desk.core.kpis.events import ConversationEvents, Fact, Message
from wa_desk.core.kpis.wallboard import (
    ConversationNow,
    LiveConversation,
    QueueTerms,
    conversation_now,
)
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
    messages: dict[str, Message]  # its messages by id, in the figures' order


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
        written: dict[str, set[str]] = {}
        if self._seq is None or people != self._people:
            # A user added or removed changes whose messages are a person's replies.
            self._kept.clear()
            seq, stale = reads.last_seq(conn), set[str]()
        else:
            touched = reads.touched_since(conn, self._seq)
            seq, stale, written = touched.seq, set(touched.conversations), touched.messages
        whole: set[str] = set()  # to read with every message, not only those written
        if queues is None or not self._kept:
            whole = self._differing(conn, since)
            stale |= whole
        terms = _PassTerms(self._terms, terms_of, now)
        found = []
        for row in reads.rows_by_id(conn, sorted(stale)):
            cid = str(row["id"])
            stale.discard(cid)
            if reads.is_live(str(row["state"]), reads.last_active(row), since):
                found.append(row)
            else:
                self._kept.pop(cid, None)
        for row, c, by_id in self._conversations(conn, found, whole, written, people):
            t = terms(c.queue)
            measured = conversation_now(c, t, now)
            self._kept[c.id] = _Kept(_stored(row), reads.last_active(row), t, measured, by_id)
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

    def _conversations(
        self,
        conn: Conn,
        rows: list[Row],
        whole: set[str],
        written: dict[str, set[str]],
        people: frozenset[str],
    ) -> Iterator[tuple[Row, LiveConversation, dict[str, Message]]]:
        """The conversations of ``rows`` (of ``reads.rows_by_id``) with their events, and
        their messages by id. A kept one's messages are those kept, with the ones the
        stream says were ``written`` since read again; the others' (and ``whole``'s)
        are read entirely. Facts are few: read again entirely."""
        ids = [str(r["id"]) for r in rows]
        anew = [cid for cid in ids if cid in whole or cid not in self._kept]
        messages: dict[str, dict[str, Message]] = {cid: {} for cid in anew}
        changed: list[str] = []
        for cid in ids:
            if cid not in messages:
                messages[cid] = dict(self._kept[cid].messages)
                changed.extend(written.get(cid, ()))
        for column, values in (("conversation_id", anew), ("id", changed)):
            for part in kpi_inputs.chunks(values):
                for r in kpi_inputs.message_rows(conn, column, part):
                    of = messages.get(str(r["conversation_id"]))
                    if of is not None:
                        of[str(r["id"])] = kpi_inputs.as_message(r, people)
        facts: dict[str, list[Fact]] = {}
        for part in kpi_inputs.chunks(ids):
            facts.update(kpi_inputs.lifecycle_facts(conn, part))
        for r, cid in zip(rows, ids, strict=True):
            by_id = dict(sorted(messages[cid].items(), key=_in_order))
            events = ConversationEvents(
                int(r["opened_at"]), tuple(by_id.values()), tuple(facts.get(cid, ()))
            )
            open_ = str(r["state"]) != State.CLOSED.value
            yield r, LiveConversation(cid, str(r["queue"]), open_, r["assignee"], events), by_id

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


def _in_order(item: tuple[str, Message]) -> tuple[Millis, str]:
    """A message's place among its conversation's: in time, those of one instant by id."""
    return (item[1].at, item[0])


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
