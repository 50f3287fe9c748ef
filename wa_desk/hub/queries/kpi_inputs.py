"""The inputs of the key performance figures (docs/kpis.md, "Inputs"), read from the hub's
store for many conversations at once: their messages and the hub's own lifecycle facts,
as ``ConversationEvents``.

A report reads conversations in chunks and asks for each chunk's messages and facts in
one query each (``IN`` lists), never one query per conversation.

- A message's ``by_person`` is "outbound and its ``sender`` is a user id" (a person sent
  it); anything else the hub sent on its own is not a human reply.
- Facts come from the hub's chains only (``hub`` and every replica's ``hub/<replica
  id>``, in time order): a desktop's logged claim is an intent the hub may have refused.
  Kinds the figures do not use are left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.hub_senders import HUB_SENDERS
from wa_desk.core.kpis.csat import Survey
from wa_desk.core.kpis.events import ConversationEvents, Fact, Message
from wa_desk.core.kpis.promises import PromiseRecord
from wa_desk.core.kpis.rates import GuidelineCounts
from wa_desk.core.promises import PromiseState
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.event_data import DATA_COLUMN, read_stored
from wa_desk.hub.queries.audit_log import HUB_CHAINS

CHUNK = 500
_T = TypeVar("_T")


def chunks(values: Sequence[_T]) -> Iterator[Sequence[_T]]:
    """``values`` ``CHUNK`` at a time: the most placeholders one statement takes here."""
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


# The facts that place a conversation's periods and holds, and count its transfers.
LIFECYCLE_KINDS = (
    AuditKind.CONVERSATION_CLAIMED,
    AuditKind.CONVERSATION_ASSIGNED,
    AuditKind.CONVERSATION_RELEASED,
    AuditKind.CONVERSATION_REQUEUED,
    AuditKind.CONVERSATION_TRANSFERRED,
    AuditKind.CONVERSATION_TAKEN_OVER,
    AuditKind.CONVERSATION_CLOSED,
    AuditKind.CONVERSATION_REOPENED,
)
_TO_USER_KINDS = (
    AuditKind.CONVERSATION_ASSIGNED,
    AuditKind.CONVERSATION_TRANSFERRED,
    AuditKind.CONVERSATION_TAKEN_OVER,
)

_COLUMNS = (
    "id, wa_id, phone_number_id, queue, state, opened_at, closed_at, previous_id, "
    "csat_agent, csat_sent_at, csat_rating"
)
COLUMNS = _COLUMNS  # what ``with_events`` needs of a conversation row
_IN_RANGE = (
    f"SELECT {_COLUMNS} FROM conversations "  # noqa: S608 - constants
    "WHERE opened_at >= ? AND opened_at < ? AND (opened_at, id) > (?, ?)"
)
_ORDER = " ORDER BY opened_at, id LIMIT ?"


@dataclass(frozen=True, slots=True)
class StoredConversation:
    id: str
    wa_id: str
    queue: str
    state: str
    opened_at: Millis
    events: ConversationEvents
    guideline: dict[str, GuidelineCounts]  # per user: sends, blocks, overrides, checklists, canned
    promises: tuple[PromiseRecord, ...] = ()  # the promises made in it, oldest first
    survey: Survey | None = None  # its latest satisfaction survey WhatsApp accepted


def _marks(n: int) -> str:
    return ", ".join("?" * n)


Cursor = tuple[Millis, str]  # (opened_at, id) of the last conversation read


def first_cursor(start: Millis) -> Cursor:
    return (start - 1, "")


def conversations_opened(
    conn: Conn,
    start: Millis,
    end: Millis,
    queues: frozenset[str] | None,
    after: Cursor,
    chunk: int = CHUNK,
) -> tuple[list[StoredConversation], Cursor | None]:
    """Up to ``chunk`` conversations opened in ``[start, end)`` after ``after`` (of
    ``queues`` only, unless None), oldest first, each with its events; and the cursor to
    read on from (None: that was the last)."""
    if queues is None:
        rows = conn.all(_IN_RANGE + _ORDER, (start, end, *after, chunk))
    elif not queues:
        return [], None
    else:
        wanted = sorted(queues)
        rows = conn.all(
            f"{_IN_RANGE} AND queue IN ({_marks(len(wanted))}){_ORDER}",
            (start, end, *after, *wanted, chunk),
        )
    found = with_events(conn, rows, user_ids(conn)) if rows else []
    if len(rows) < chunk:
        return found, None
    return found, (int(rows[-1]["opened_at"]), str(rows[-1]["id"]))


def later_of_contacts(
    conn: Conn, wa_ids: Sequence[str], after: Millis, until: Millis
) -> list[StoredConversation]:
    """Conversations of these contacts opened in ``(after, until]``, with their events:
    the candidates for follow-ups of a close (docs/kpis.md, "Repeat contact")."""
    found: list[StoredConversation] = []
    people = user_ids(conn)
    unique = sorted(set(wa_ids))
    for part in chunks(unique):
        rows = conn.all(
            f"SELECT {_COLUMNS} FROM conversations WHERE wa_id IN ({_marks(len(part))}) "  # noqa: S608 - placeholders only
            "AND opened_at > ? AND opened_at <= ? ORDER BY opened_at, id",
            (*part, after, until),
        )
        if rows:
            found.extend(with_events(conn, rows, people))
    return found


def user_ids(conn: Conn) -> frozenset[str]:
    return frozenset(str(r["id"]) for r in conn.all("SELECT id FROM users"))


def with_events(
    conn: Conn, rows: Sequence[Row], people: frozenset[str], *, guideline_counts: bool = True
) -> list[StoredConversation]:
    """The conversations of ``rows`` with their events; without ``guideline_counts``
    (their sends, blocks, overrides and checklists per user) when the caller needs none."""
    ids = [str(r["id"]) for r in rows]
    messages = _messages(conn, ids, people)
    facts = lifecycle_facts(conn, ids)
    guideline = _guideline(conn, ids) if guideline_counts else {}
    promises = _promises(conn, ids) if guideline_counts else {}
    return [
        StoredConversation(
            id=str(r["id"]),
            wa_id=str(r["wa_id"]),
            queue=str(r["queue"]),
            state=str(r["state"]),
            opened_at=int(r["opened_at"]),
            events=ConversationEvents(
                int(r["opened_at"]),
                tuple(messages.get(str(r["id"]), ())),
                tuple(facts.get(str(r["id"]), ())),
            ),
            guideline=guideline.get(str(r["id"]), {}),
            promises=tuple(promises.get(str(r["id"]), ())),
            survey=_survey(r),
        )
        for r in rows
    ]


def _promises(conn: Conn, ids: list[str]) -> dict[str, list[PromiseRecord]]:
    rows = conn.all(
        "SELECT conversation_id, made_by, owner, made_at, due_at, state, closed_at "  # noqa: S608 - placeholders only
        f"FROM promises WHERE conversation_id IN ({_marks(len(ids))}) "
        "ORDER BY conversation_id, made_at, id",
        tuple(ids),
    )
    out: dict[str, list[PromiseRecord]] = {}
    for r in rows:
        out.setdefault(str(r["conversation_id"]), []).append(
            PromiseRecord(
                str(r["made_by"]),
                str(r["owner"]),
                int(r["made_at"]),
                int(r["due_at"]),
                PromiseState(r["state"]),
                None if r["closed_at"] is None else int(r["closed_at"]),
            )
        )
    return out


def _survey(r: Row) -> Survey | None:
    if r.get("csat_sent_at") is None:
        return None
    rating = r.get("csat_rating")
    return Survey(r.get("csat_agent"), None if rating is None else int(rating))


_MESSAGE_COLUMNS = "id, conversation_id, direction, sender, template_name, status, timestamp"
# Messages in the order the figures take them: in time, those of one instant by id.
_MESSAGE_ORDER = " ORDER BY conversation_id, timestamp, id"


def as_message(r: Row, people: frozenset[str]) -> Message:
    """A row of ``_MESSAGE_COLUMNS`` as the figures see it."""
    inbound = r["direction"] == "in"
    sender = str(r["sender"])
    return Message(
        at=int(r["timestamp"]),
        inbound=inbound,
        by_person=not inbound and sender in people,
        template=r["template_name"] is not None,
        failed=r["status"] == "failed",
        sender=sender,
    )


def _messages(conn: Conn, ids: list[str], people: frozenset[str]) -> dict[str, list[Message]]:
    out: dict[str, list[Message]] = {}
    for r in message_rows(conn, "conversation_id", ids):
        out.setdefault(str(r["conversation_id"]), []).append(as_message(r, people))
    return out


def message_rows(conn: Conn, column: str, values: Sequence[str]) -> list[Row]:
    """The messages (``_MESSAGE_COLUMNS``) whose ``column`` (``conversation_id`` or
    ``id``) is one of ``values``, in the figures' order."""
    if not values:
        return []
    return conn.all(
        f"SELECT {_MESSAGE_COLUMNS} FROM messages "  # noqa: S608 - placeholders only
        f"WHERE {column} IN ({_marks(len(values))}){_MESSAGE_ORDER}",
        tuple(values),
    )


def lifecycle_facts(conn: Conn, ids: Sequence[str]) -> dict[str, list[Fact]]:
    """Each conversation's lifecycle facts (``LIFECYCLE_KINDS``), in time."""
    rows = conn.all(
        f"SELECT conversation_id, kind, actor, at_ms, {DATA_COLUMN} FROM audit_events "  # noqa: S608 - placeholders only
        f"WHERE {HUB_CHAINS} AND conversation_id IN ({_marks(len(ids))}) "
        f"AND kind IN ({_marks(len(LIFECYCLE_KINDS))}) "
        # In time; the facts of one instant in the order their chain holds them.
        "ORDER BY conversation_id, at_ms, device, seq",
        (*ids, *LIFECYCLE_KINDS),
    )
    out: dict[str, list[Fact]] = {}
    for r in rows:
        kind = AuditKind(r["kind"])
        to_user = None
        if kind in _TO_USER_KINDS:
            data = read_stored(r["data"]).value
            target = data.get("to_user") if isinstance(data, dict) else None
            to_user = str(target) if target else None
        out.setdefault(str(r["conversation_id"]), []).append(
            Fact(int(r["at_ms"]), kind, str(r["actor"]), to_user)
        )
    return out


# Guideline compliance (docs/kpis.md): sends are the hub's ``message.sent`` facts (one per
# send WhatsApp accepted; a desktop's own ``message.sent`` is the same send again), blocks,
# overrides and canned replies come from any chain (each is recorded once), checklists
# from the hub's closes.
_COUNTED_KINDS = (
    AuditKind.MESSAGE_SENT,
    AuditKind.GUIDELINE_BLOCKED,
    AuditKind.GUIDELINE_OVERRIDDEN,
    AuditKind.CANNED_REPLY_USED,
    AuditKind.CONVERSATION_CLOSED,
)
_ANY_CHAIN_KINDS = (
    AuditKind.GUIDELINE_BLOCKED,
    AuditKind.GUIDELINE_OVERRIDDEN,
    AuditKind.CANNED_REPLY_USED,
)


def _guideline(conn: Conn, ids: list[str]) -> dict[str, dict[str, GuidelineCounts]]:
    rows = conn.all(
        f"SELECT conversation_id, actor, kind, {DATA_COLUMN} FROM audit_events "  # noqa: S608 - placeholders only
        f"WHERE conversation_id IN ({_marks(len(ids))}) "
        f"AND kind IN ({_marks(len(_COUNTED_KINDS))}) "
        f"AND ({HUB_CHAINS} OR kind IN ({_marks(len(_ANY_CHAIN_KINDS))})) "
        # What the hub sends on its own (automatic replies, surveys) is no one's send.
        f"AND actor NOT IN ({_marks(len(HUB_SENDERS))})",
        (*ids, *_COUNTED_KINDS, *_ANY_CHAIN_KINDS, *sorted(HUB_SENDERS)),
    )
    tallies: dict[str, dict[str, list[int]]] = {}
    for r in rows:
        # sends, blocks, overrides, ticked, items, canned
        tally = tallies.setdefault(str(r["conversation_id"]), {}).setdefault(
            str(r["actor"]), [0, 0, 0, 0, 0, 0]
        )
        kind = r["kind"]
        if kind == AuditKind.MESSAGE_SENT:
            tally[0] += 1
        elif kind == AuditKind.GUIDELINE_BLOCKED:
            tally[1] += 1
        elif kind == AuditKind.GUIDELINE_OVERRIDDEN:
            tally[2] += 1
        elif kind == AuditKind.CANNED_REPLY_USED:
            tally[5] += 1
        else:
            data = read_stored(r["data"]).value
            checklist = data.get("checklist") if isinstance(data, dict) else None
            if isinstance(checklist, dict):
                tally[3] += sum(v is True for v in checklist.values())
                tally[4] += len(checklist)
    return {
        cid: {actor: GuidelineCounts(*t) for actor, t in by_actor.items()}
        for cid, by_actor in tallies.items()
    }


def facts_of_conversations_open_in(conn: Conn, start: Millis, end: Millis) -> list[list[Fact]]:
    """The lifecycle facts of every conversation open at some instant of ``[start, end)``
    (opened before its end, not closed before its start), one list per conversation: the
    holds an agent's occupancy is made of (docs/kpis.md, "Occupancy")."""
    rows = conn.all(
        "SELECT id FROM conversations WHERE opened_at < ? AND (closed_at IS NULL OR closed_at > ?)",
        (end, start),
    )
    ids = [str(r["id"]) for r in rows]
    found: list[list[Fact]] = []
    for part in chunks(ids):
        found.extend(lifecycle_facts(conn, part).values())
    return found
