"""The heat-maps' aggregates (docs/kpis.md, "Heat-maps"), kept up to date as facts arrive.

Each function is called by the write that records the fact (webhook ingest, a send, a
claim, a transfer, a close...) inside the same transaction: the aggregates and the facts
are committed together or not at all, and the heat-maps read only the aggregate rows of
their range, so they cost the same on the first day and after a year.

A conversation's standing (its current measurement period, whether the customer waits
and since when, who holds it) is kept in ``heatmap_conversations``; everything is
attributed to the queue and the agent holding the conversation at the fact's moment
(``NOBODY`` while it waits in a queue), except a first or next response, which belongs
to the person who replied.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from wa_desk.core.clock import Millis
from wa_desk.core.heatmap import (
    HOUR_MS,
    NOBODY,
    WINDOW_MS,
    ClockKind,
    HeatmapMetric,
    bucket_of,
)
from wa_desk.hub.db.connection import Conn, Row, Statement

_ADD_COUNT = (
    "INSERT INTO heatmap_counts (metric, bucket, queue, agent, n) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (metric, bucket, queue, agent) DO UPDATE SET n = heatmap_counts.n + excluded.n"
)
_ADD_HOURLY_COUNT = (
    "INSERT INTO heatmap_hourly_counts (metric, bucket, queue, agent, n) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (metric, bucket, queue, agent) "
    "DO UPDATE SET n = heatmap_hourly_counts.n + excluded.n"
)
_ADD_CONVERSATION_COUNT = (
    "INSERT INTO heatmap_conversation_counts (metric, bucket, queue, agent, conversation_id, n) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (metric, bucket, queue, agent, conversation_id) "
    "DO UPDATE SET n = heatmap_conversation_counts.n + excluded.n"
)
_ADD_WAITING_NOW = (
    "INSERT INTO heatmap_waiting_now (queue, agent, n) VALUES (?, ?, ?) "
    "ON CONFLICT (queue, agent) DO UPDATE SET n = heatmap_waiting_now.n + excluded.n"
)


@dataclass(frozen=True, slots=True)
class Standing:
    conversation_id: str
    opened_at: Millis
    opened_queue: str
    queue: str
    agent: str
    period_start: Millis
    waiting_since: Millis | None
    answered: bool
    held: bool


def _standing(conn: Conn, conversation_id: str) -> Standing:
    row = conn.one(
        "SELECT * FROM heatmap_conversations WHERE conversation_id = ?", (conversation_id,)
    )
    if row is not None:
        return _from_row(row)
    # A conversation the aggregates never saw (its store was filled by a bulk path that
    # kept no standing): taken as the conversation row says.
    conv = conn.one("SELECT * FROM conversations WHERE id = ?", (conversation_id,))
    assert conv is not None, conversation_id
    standing = Standing(
        conversation_id,
        int(conv["opened_at"]),
        str(conv["queue"]),
        str(conv["queue"]),
        conv["assignee"] or NOBODY,
        int(conv["opened_at"]),
        None if conv["state"] == "closed" else conv["waiting_since"],
        conv["first_response_at"] is not None,
        conv["assignee"] is not None,
    )
    _insert(conn, standing)
    return standing


def standing_in(row: Row) -> Standing | None:
    """The standing read along with its conversation (``standing_*`` columns), if any."""
    if row["standing_opened_at"] is None:
        return None
    return Standing(
        str(row["id"]),
        int(row["standing_opened_at"]),
        str(row["standing_opened_queue"]),
        str(row["standing_queue"]),
        str(row["standing_agent"]),
        int(row["standing_period_start"]),
        row["standing_waiting_since"],
        bool(row["standing_answered"]),
        bool(row["standing_held"]),
    )


def _from_row(row: Row) -> Standing:
    return Standing(
        str(row["conversation_id"]),
        int(row["opened_at"]),
        str(row["opened_queue"]),
        str(row["queue"]),
        str(row["agent"]),
        int(row["period_start"]),
        row["waiting_since"],
        bool(row["answered"]),
        bool(row["held"]),
    )


def _insert(conn: Conn, s: Standing) -> None:
    conn.execute(*_insert_statement(s))


def _insert_statement(s: Standing) -> Statement:
    return (
        "INSERT INTO heatmap_conversations (conversation_id, opened_at, opened_queue, queue, "
        "agent, period_start, waiting_since, answered, held) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            s.conversation_id,
            s.opened_at,
            s.opened_queue,
            s.queue,
            s.agent,
            s.period_start,
            s.waiting_since,
            int(s.answered),
            int(s.held),
        ),
    )


def _save(conn: Conn, s: Standing) -> None:
    conn.execute(*_save_statement(s))


def _save_statement(s: Standing) -> Statement:
    return (
        "UPDATE heatmap_conversations SET queue = ?, agent = ?, period_start = ?, "
        "waiting_since = ?, answered = ?, held = ? WHERE conversation_id = ?",
        (
            s.queue,
            s.agent,
            s.period_start,
            s.waiting_since,
            int(s.answered),
            int(s.held),
            s.conversation_id,
        ),
    )


def _count(
    conn: Conn, metric: HeatmapMetric, at: Millis, queue: str, agent: str, cid: str, n: int
) -> None:
    conn.execute(*_count_writes(conn, metric, at, queue, agent, cid, n))


def _count_writes(
    conn: Conn, metric: HeatmapMetric, at: Millis, queue: str, agent: str, cid: str, n: int
) -> Statement:
    """Adds ``n`` to the counts of ``at``'s bucket and hour (held back to the commit, see
    ``Conn.add``: every message of a burst bumps the same few); the conversation's count,
    which few share, is the statement returned, for the caller to run."""
    bucket = bucket_of(at)
    conn.add(_ADD_COUNT, (metric.value, bucket, queue, agent), n)
    conn.add(_ADD_HOURLY_COUNT, (metric.value, at - at % HOUR_MS, queue, agent), n)
    return (_ADD_CONVERSATION_COUNT, (metric.value, bucket, queue, agent, cid, n))


def _wait_on(conn: Conn, s: Standing, at: Millis) -> None:
    conn.execute(*_wait_on_writes(conn, s, at))


def _wait_on_writes(conn: Conn, s: Standing, at: Millis) -> Statement:
    """A stretch of waiting on ``s``'s queue and agent begins at ``at``: the counters are
    added to, the stretch is the statement returned."""
    conn.add(_ADD_COUNT, (HeatmapMetric.WAITING.value, bucket_of(at), s.queue, s.agent), 1)
    conn.add(_ADD_WAITING_NOW, (s.queue, s.agent), 1)
    return (
        "INSERT INTO heatmap_waits (conversation_id, started_at, stopped_at, queue, "
        "agent) VALUES (?, ?, NULL, ?, ?) ON CONFLICT (conversation_id, started_at) "
        "DO UPDATE SET stopped_at = NULL, queue = excluded.queue, agent = excluded.agent",
        (s.conversation_id, at, s.queue, s.agent),
    )


def _wait_off(conn: Conn, s: Standing, at: Millis) -> None:
    """The stretch of waiting on ``s``'s queue and agent ends at ``at``."""
    conn.add(_ADD_COUNT, (HeatmapMetric.WAITING.value, bucket_of(at), s.queue, s.agent), -1)
    conn.add(_ADD_WAITING_NOW, (s.queue, s.agent), -1)
    conn.execute(
        "UPDATE heatmap_waits SET stopped_at = ? WHERE conversation_id = ? AND stopped_at IS NULL",
        (at, s.conversation_id),
    )


def _pending_abandon(conn: Conn, s: Standing) -> Row | None:
    return conn.one(
        "SELECT * FROM heatmap_abandons WHERE conversation_id = ? AND period_start = ?",
        (s.conversation_id, s.period_start),
    )


def _set_abandon_at(conn: Conn, s: Standing, at: Millis) -> None:
    conn.execute(
        "UPDATE heatmap_abandons SET at = ?, bucket = ? "
        "WHERE conversation_id = ? AND period_start = ?",
        (at, bucket_of(at), s.conversation_id, s.period_start),
    )


def customer_wrote(
    conn: Conn,
    conversation_id: str,
    queue: str,
    at: Millis,
    opened: bool,
    known: Standing | None = None,
) -> None:
    """A customer message at ``at``; ``opened``: it opened the conversation; ``known``:
    its standing when the caller read it already."""
    conn.execute_together(customer_message_writes(conn, conversation_id, queue, at, opened, known))


def customer_message_writes(
    conn: Conn,
    conversation_id: str,
    queue: str,
    at: Millis,
    opened: bool,
    known: Standing | None = None,
) -> list[Statement]:
    """``customer_wrote``'s writes, for a caller to run together with its own (one round
    trip on PostgreSQL): this is on the path of every webhook delivery. Reads nothing
    when ``opened`` or ``known``. The counters' additions are made on ``conn`` (held back
    to the commit by the store's writer), not returned."""
    statements: list[Statement] = []
    if opened:
        s = Standing(conversation_id, at, queue, queue, NOBODY, at, None, False, False)
        statements.append(_insert_statement(replace(s, waiting_since=at)))
        statements.append(
            _count_writes(conn, HeatmapMetric.CONVERSATIONS, at, queue, NOBODY, conversation_id, 1)
        )
    else:
        s = known or _standing(conn, conversation_id)
        if s.waiting_since is None:
            statements.append(_save_statement(replace(s, waiting_since=at)))
    statements.append(
        _count_writes(conn, HeatmapMetric.VOLUME, at, s.queue, s.agent, conversation_id, 1)
    )
    if s.waiting_since is None:
        statements.append(_wait_on_writes(conn, s, at))
    if not s.answered:
        # The period's first customer message starts its abandon-to-be; a later one moves
        # the window's expiry to 24 h from it, unless the window had already expired.
        statements.append(
            (
                "INSERT INTO heatmap_abandons (conversation_id, period_start, "
                "first_customer_at, at, bucket, queue, agent) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (conversation_id, period_start) DO UPDATE SET at = excluded.at, "
                "bucket = excluded.bucket WHERE heatmap_abandons.at > ?",
                (
                    conversation_id,
                    s.period_start,
                    at,
                    at + WINDOW_MS,
                    bucket_of(at + WINDOW_MS),
                    s.queue,
                    s.agent,
                    at,
                ),
            )
        )
    return statements


def person_replied(conn: Conn, conversation_id: str, at: Millis, sender: str) -> None:
    """A human reply (docs/kpis.md): it stops the running wait, a first or next response
    attributed to ``sender``; answered before the period was abandoned, it is not."""
    s = _standing(conn, conversation_id)
    pending = None if s.answered else _pending_abandon(conn, s)
    if s.waiting_since is not None:
        kind = ClockKind.NEXT_RESPONSE if s.answered else ClockKind.FIRST_RESPONSE
        # The first response of an abandoned period is judged as the abandon (breached).
        judged = not (pending is not None and int(pending["at"]) <= at)
        conn.execute(
            "INSERT INTO heatmap_clocks (conversation_id, clock, started_at, stopped_at, bucket, "
            "queue, agent, judged) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (conversation_id, clock, started_at) DO NOTHING",
            (
                conversation_id,
                kind.value,
                s.waiting_since,
                at,
                bucket_of(at),
                s.queue,
                sender,
                int(judged),
            ),
        )
        _wait_off(conn, s, at)
    if pending is not None and int(pending["at"]) > at:
        conn.execute(
            "DELETE FROM heatmap_abandons WHERE conversation_id = ? AND period_start = ?",
            (conversation_id, s.period_start),
        )
    if s.waiting_since is not None or not s.answered:
        _save(conn, replace(s, waiting_since=None, answered=True))


def held_by(conn: Conn, conversation_id: str, queue: str, agent: str | None, at: Millis) -> None:
    """From ``at`` the conversation is in ``queue``, held by ``agent`` (None: nobody): a
    claim, a release, an assignment, a transfer or a take-over."""
    s = _standing(conn, conversation_id)
    moved = replace(s, queue=queue, agent=agent or NOBODY, held=s.held or agent is not None)
    if (moved.queue, moved.agent, moved.held) == (s.queue, s.agent, s.held):
        return
    if s.waiting_since is not None and (moved.queue, moved.agent) != (s.queue, s.agent):
        _wait_off(conn, s, at)
        _wait_on(conn, moved, at)
    if agent is not None and not s.held:
        # An opening counts, by agent, for the first agent who held the conversation.
        cid, opened, where = conversation_id, s.opened_at, s.opened_queue
        _count(conn, HeatmapMetric.CONVERSATIONS, opened, where, NOBODY, cid, -1)
        _count(conn, HeatmapMetric.CONVERSATIONS, opened, where, agent, cid, 1)
    conn.execute(
        "UPDATE heatmap_abandons SET queue = ?, agent = ? "
        "WHERE conversation_id = ? AND period_start = ? AND at > ?",
        (moved.queue, moved.agent, conversation_id, s.period_start, at),
    )
    _save(conn, moved)


def closed(conn: Conn, conversation_id: str, at: Millis) -> None:
    """The period ends: its resolution clock stops, an unanswered wait is left unmeasured,
    and a period nobody answered is abandoned now (unless its window expired before)."""
    s = _standing(conn, conversation_id)
    if s.waiting_since is not None:
        _wait_off(conn, s, at)
    short = False
    pending = None if s.answered else _pending_abandon(conn, s)
    if pending is not None:
        abandoned_at = min(int(pending["at"]), at)
        if abandoned_at < int(pending["at"]):
            _set_abandon_at(conn, s, abandoned_at)
        short = abandoned_at - int(pending["first_customer_at"]) < 60_000
    conn.execute(
        "INSERT INTO heatmap_clocks (conversation_id, clock, started_at, stopped_at, bucket, "
        "queue, agent, judged) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (conversation_id, clock, started_at) DO NOTHING",
        (
            conversation_id,
            ClockKind.RESOLUTION.value,
            s.period_start,
            at,
            bucket_of(at),
            s.queue,
            s.agent,
            int(not short),
        ),
    )
    _save(conn, replace(s, waiting_since=None))


def reopened(conn: Conn, conversation_id: str, agent: str, at: Millis) -> None:
    """A new period from ``at``, held by ``agent``; the customer waits from the reopening
    (docs/kpis.md, "Waits")."""
    s = _standing(conn, conversation_id)
    period = replace(s, agent=agent, held=True, period_start=at, waiting_since=at, answered=False)
    _wait_on(conn, period, at)
    _save(conn, period)
