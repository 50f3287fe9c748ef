"""``wa-desk hub retention purge``: what is older than the retention period goes.

- Audit events: for each chain, the oldest events up to the first one the hub received
  at or after the cutoff (``received_at``: an event's ``at`` is its device's claim, and
  a device must not decide how long its events are kept). The chain's
  ``base_seq``/``base_hash`` move to the last purged event, so ``audit verify`` checks
  every remaining link from a known hash. A chain whose purged part does not verify (a
  hole, a fork, an altered event) is left whole and named: purging it would erase the
  evidence.
- Conversations closed before the cutoff, with their messages, notes, the send
  idempotency keys of those messages and their documents in the search index. Open
  conversations are never touched, however old.
- The cached media files of those messages, in the hub's media cache
  (:mod:`wa_desk.hub.media_purge`: nothing outside the cache directory is touched).
- Every stream event older than the cutoff, whatever it is about (a conversation, open
  or closed, the wallboard, an alert, an agent's status). The stream is for delivery,
  never a record: what an event said is in the store's own tables, and a client resumes
  only from where it left off. A resume point the purge removed is older than the
  oldest event still stored, less one, and is refused like any expired one (``409
  resume_point_expired``, :func:`wa_desk.hub.queries.stream_log.resume_expired`): the
  desktop reloads its lists, which hold what the removed events said.
- The wallboard's pushes (``wallboard.changed``, up to one a second per row) much
  sooner: a push older than ``[audit] wallboard_retention_minutes`` (an hour) goes when
  a newer push of its row replaces it; every row's newest stays, so a resume still ends
  with every row as it is (:mod:`wa_desk.hub.stream_purge`). With retention off, the
  command purges these alone.
- The heat-maps' aggregates before the first whole hour at or after the cutoff, and
  every row of a purged conversation (:mod:`wa_desk.hub.heatmap_purge`): a map from that
  hour on is the same as before the purge.
- Alerts resolved before the cutoff. Unresolved ones stay, however old: they still ask
  for someone's attention.

The purge is itself recorded, in the same transaction, as a ``retention.purged`` fact on
the hub's chain (cutoff and counts). A large purge goes in steps toward its cutoff
(:func:`purge_in_steps`), each a whole purge at an earlier cutoff with its own record, so
the store's writer is never held for long: webhooks and agents' actions get their turn
between two steps.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from wa_desk.core.clock import DAY_MS, Millis, optional_rfc3339, to_rfc3339
from wa_desk.core.conversation import State
from wa_desk.hub import heatmap_purge, stream_purge
from wa_desk.hub.audit_verify import Segment, check_segment
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.media import MEDIA_KINDS, media_ref
from wa_desk.hub.media_purge import CachedMedia, purged_files, remove
from wa_desk.hub.queries import audit_log, search

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ChainCut:
    device: str
    events: int
    new_base_seq: int
    new_base_hash: str


@dataclass
class PurgePlan:
    cutoff: Millis
    wallboard_cutoff: Millis | None = None  # superseded wallboard pushes before it go
    chains: list[ChainCut] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # chains left whole: they do not verify
    conversations: int = 0
    messages: int = 0
    notes: int = 0
    stream_events: int = 0
    heatmap_rows: int = 0
    alerts: int = 0
    media_files: int = 0
    cached_media: CachedMedia = field(default_factory=CachedMedia)

    @property
    def events(self) -> int:
        return sum(c.events for c in self.chains)

    @property
    def empty(self) -> bool:
        """Nothing to purge (a chain refused is kept whole: nothing of it goes)."""
        return not any(self.counts().values())

    def counts(self) -> dict[str, int]:
        return {
            "audit_events": self.events,
            "chains": len(self.chains),
            "conversations": self.conversations,
            "messages": self.messages,
            "notes": self.notes,
            "stream_events": self.stream_events,
            "heatmap_rows": self.heatmap_rows,
            "alerts": self.alerts,
            "media_files": self.media_files,
        }

    def lines(self, dry_run: bool) -> list[str]:
        verb = "would purge" if dry_run else "purged"
        c = self.counts()
        out = [
            f"cutoff {to_rfc3339(self.cutoff)}: {verb} {c['audit_events']:,} audit events "
            f"of {c['chains']:,} chains, {c['conversations']:,} closed conversations with "
            f"{c['messages']:,} messages, {c['notes']:,} notes, "
            f"{c['stream_events']:,} stream events, {c['heatmap_rows']:,} heat-map rows, "
            f"{c['alerts']:,} resolved alerts and {c['media_files']:,} cached media files"
        ]
        out += [f"  {cut.device}: events up to seq {cut.new_base_seq}" for cut in self.chains]
        out += [
            f"  {device}: kept whole, its oldest events do not verify (run wa-desk hub audit "
            "verify)"
            for device in self.refused
        ]
        return out


def cutoff_for(retention_days: int, now: Millis) -> Millis:
    return now - retention_days * DAY_MS


_PURGE_LOCK = 727_276  # advisory lock key of a purge (the alert pass's is 727_275)


def take_turn(conn: Conn, *, wait: bool) -> bool:
    """The purges' turn on a PostgreSQL store that several hubs share: an advisory lock
    held to the end of the caller's transaction, waited for (``wait``) or only tried
    (whether it was free). Always True on SQLite, whose writing transaction is the only
    writer already."""
    if conn.dialect != "postgresql":
        return True
    if wait:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (_PURGE_LOCK,))
        return True
    return bool(conn.scalar("SELECT pg_try_advisory_xact_lock(?)", (_PURGE_LOCK,)))


# The conversations a purge removes: closed before the cutoff (parameters: state, cutoff).
_PURGED = "SELECT id FROM conversations WHERE state = ? AND closed_at < ?"


@dataclass(frozen=True, slots=True)
class _Purge:
    """The rows of ``table`` matching any of ``parts`` (a condition and its parameters
    each), counted under ``counter`` (None: not counted); deleted part by part, so that
    each part reads only its own index."""

    counter: str | None
    table: str
    parts: list[tuple[str, tuple[object, ...]]]

    def any_part(self) -> tuple[str, tuple[object, ...]]:
        """One condition matching what the parts match together, for counting."""
        if len(self.parts) == 1:
            return self.parts[0]
        where = " OR ".join(f"({w})" for w, _params in self.parts)
        return where, tuple(p for _where, params in self.parts for p in params)


def _purges(cutoff: Millis) -> list[_Purge]:
    """Everything a purge at ``cutoff`` deletes, in this order: what refers to a
    conversation before the conversation (the heat-maps' rows read its state)."""
    purged = (State.CLOSED.value, cutoff)
    of_purged: list[tuple[str, tuple[object, ...]]] = [(f"conversation_id IN ({_PURGED})", purged)]
    return [
        _Purge(
            None,
            "idempotency_keys",
            [
                (
                    "message_id IN (SELECT m.id FROM messages m JOIN conversations c "
                    "ON c.id = m.conversation_id WHERE c.state = ? AND c.closed_at < ?)",
                    purged,
                )
            ],
        ),
        _Purge("messages", "messages", of_purged),
        _Purge("notes", "conversation_notes", of_purged),
        _Purge(None, "promises", of_purged),
        *(
            _Purge("heatmap_rows", d.table, d.bound(cutoff, _PURGED, purged))
            for d in heatmap_purge.DELETIONS
        ),
        _Purge("conversations", "conversations", [("state = ? AND closed_at < ?", purged)]),
        _Purge("alerts", "alerts", [("resolved_at IS NOT NULL AND resolved_at < ?", (cutoff,))]),
    ]


_MEDIA_OF_PURGED = (
    "SELECT type, payload, media_id, timestamp FROM messages WHERE type IN (?, ?, ?, ?, ?) "
    "AND conversation_id IN (SELECT id FROM conversations WHERE state = ? AND closed_at < ?)"
)


def _purged_media_ids(conn: Conn, cutoff: Millis) -> list[str]:
    assert len(MEDIA_KINDS) == _MEDIA_OF_PURGED.count("?") - 2
    rows = conn.all(_MEDIA_OF_PURGED, (*MEDIA_KINDS, State.CLOSED.value, cutoff))
    return [ref.media_id for row in rows if (ref := media_ref(row, None)) is not None]


def plan(
    conn: Conn,
    cutoff: Millis,
    media_dir: Path | None = None,
    *,
    wallboard_cutoff: Millis | None = None,
) -> PurgePlan:
    """What a purge at ``cutoff`` removes, read in the caller's transaction (the cached
    media files too, when the cache's ``media_dir`` is given; the wallboard's superseded
    pushes before ``wallboard_cutoff`` too, when given)."""
    result = PurgePlan(cutoff, wallboard_cutoff)
    result.stream_events = stream_purge.count(conn, cutoff, wallboard_cutoff)
    _plan_chains(conn, result)
    for p in _purges(cutoff):
        if p.counter is not None:
            where, params = p.any_part()
            count = f"SELECT COUNT(*) FROM {p.table} WHERE {where}"  # noqa: S608 - constants and placeholders
            n = int(conn.scalar(count, params) or 0)
            setattr(result, p.counter, getattr(result, p.counter) + n)
    _plan_media(conn, result, media_dir)
    return result


def _plan_chains(conn: Conn, result: PurgePlan) -> None:
    """Where each chain is cut (or why it is kept whole)."""
    for head in audit_log.chain_heads(conn):
        device, base_seq = str(head["device"]), int(head["base_seq"])
        kept = conn.scalar(
            "SELECT MIN(seq) FROM audit_events WHERE device = ? AND seq > ? AND received_at >= ?",
            (device, base_seq, result.cutoff),
        )
        last = int(kept) - 1 if kept is not None else int(head["acked_seq"])
        if last <= base_seq:
            continue
        segment = Segment(device, base_seq, last, str(head["base_hash"]))
        check = check_segment(conn.raw, segment)
        if check.problems or check.checked != last - base_seq:
            result.refused.append(device)
            continue
        new_hash = conn.scalar(
            "SELECT hash FROM audit_events WHERE device = ? AND seq = ?", (device, last)
        )
        result.chains.append(ChainCut(device, last - base_seq, last, str(new_hash)))


def _plan_media(conn: Conn, result: PurgePlan, media_dir: Path | None) -> None:
    """The cached files of the messages that go (read before they go)."""
    if media_dir is not None:
        result.cached_media = purged_files(media_dir, _purged_media_ids(conn, result.cutoff))
        result.media_files = len(result.cached_media.blobs)


def purge(
    conn: Conn,
    cutoff: Millis,
    retention_days: int | None,
    operator: str,
    now: Millis,
    media_dir: Path | None = None,
    *,
    wallboard_cutoff: Millis | None = None,
) -> PurgePlan:
    """Purge what :func:`plan` finds, and record it; in the caller's transaction. The
    cached media files are only listed (``cached_media``): the caller deletes them with
    :func:`remove_cached_media` once the transaction committed, so a failed commit
    leaves every file its messages still need."""
    result = plan(conn, cutoff, media_dir, wallboard_cutoff=wallboard_cutoff)
    purge_planned(conn, result, retention_days, operator, now)
    return result


def purge_planned(
    conn: Conn, result: PurgePlan, retention_days: int | None, operator: str, now: Millis
) -> None:
    """Purge what ``result`` (:func:`plan`, read in this same transaction) found, and
    record it: for a caller that looks at the plan first."""
    _delete(conn, result, count=False)
    _record(conn, result, retention_days, operator, now)


def _delete(conn: Conn, result: PurgePlan, *, count: bool) -> None:
    """Delete what a purge at ``result.cutoff`` removes, the chains cut as ``result``
    says; with ``count``, the rows counted as they go (not read twice)."""
    cutoff, wallboard_cutoff = result.cutoff, result.wallboard_cutoff
    stream_events = stream_purge.delete(conn, cutoff, wallboard_cutoff)
    for cut in result.chains:
        conn.execute(
            "DELETE FROM audit_events WHERE device = ? AND seq <= ?",
            (cut.device, cut.new_base_seq),
        )
        conn.execute(
            "UPDATE audit_devices SET base_seq = ?, base_hash = ? WHERE device = ?",
            (cut.new_base_seq, cut.new_base_hash, cut.device),
        )
    if count:
        result.stream_events = stream_events
    conn.write_additions()  # the counters the batch added to, before their rows may go
    search.forget_conversations(conn, _PURGED, (State.CLOSED.value, cutoff))
    for p in _purges(cutoff):
        for where, params in p.parts:
            n = conn.execute(f"DELETE FROM {p.table} WHERE {where}", params)  # noqa: S608 - constants and placeholders
            if count and p.counter is not None:
                setattr(result, p.counter, getattr(result, p.counter) + n)


def _record(
    conn: Conn, result: PurgePlan, retention_days: int | None, operator: str, now: Millis
) -> None:
    audit_log.append_hub_fact(
        conn,
        "retention.purged",
        audit_log.HUB_ACTOR,
        None,
        {
            "cutoff": to_rfc3339(result.cutoff),
            "wallboard_cutoff": optional_rfc3339(result.wallboard_cutoff),
            "retention_days": retention_days,
            "operator": operator,
            "counts": result.counts(),
            "chains": {c.device: c.new_base_seq for c in result.chains},
            "refused": result.refused,
        },
        now,
    )


def purge_step(
    conn: Conn,
    step: Millis,
    *,
    retention_days: int | None,
    operator: str,
    now: Millis,
    media_dir: Path | None,
    wallboard_cutoff: Millis | None,
    wait_turn: bool,
) -> PurgePlan | None:
    """One step of a purge, up to ``step``, planned in the write itself; None when
    another hub's purge has the turn and ``wait_turn`` is False (a hub leaves the pass to
    it; the command waits). A step that finds nothing records nothing."""
    if not take_turn(conn, wait=wait_turn):
        return None
    result = PurgePlan(step, wallboard_cutoff)
    _plan_chains(conn, result)
    _plan_media(conn, result, media_dir)
    _delete(conn, result, count=True)  # counted by what goes: every table read once
    if not result.empty:
        _record(conn, result, retention_days, operator, now)
    return result


def remove_cached_media(result: PurgePlan) -> None:
    """After the purge committed: delete the cached files of the purged messages (the
    record counts those planned; one that cannot be deleted is logged and left)."""
    result.media_files = remove(result.cached_media)
