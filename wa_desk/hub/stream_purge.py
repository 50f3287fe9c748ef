"""What a retention purge removes of the stored stream (``stream_events``).

- Every event older than the retention cutoff, whatever its kind (``hub.retention``).
- Besides, ``wallboard.changed`` pushes older than their own, much shorter lifetime
  (``[audit] wallboard_retention_minutes``, an hour by default): a row is pushed up to
  once a second, and each push is the whole row, so an older one says nothing a newer
  one of the same row does not. The newest push of every row stays, however old, so a
  client resuming from any point the store still serves gets each row as it is now,
  exactly as if nothing had been purged. Pushes stored before rows were named in the
  stream (``subject`` empty) go only with the retention cutoff.

Each deletion goes through the ``(kind, at)`` index: the general one kind by kind (the
kinds present found by skipping through the index, one lookup each), the wallboard's on
its kind, so a purge reads what it removes, not the whole stream.
"""

from __future__ import annotations

from wa_desk.core.clock import Millis
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.db.connection import Conn

DEFAULT_WALLBOARD_MINUTES = 60
WALLBOARD = StreamEventKind.WALLBOARD_CHANGED.value

# The kinds stored, one index lookup each (a "loose index scan", on either dialect).
_KINDS = (
    "WITH RECURSIVE k(kind) AS ("
    "SELECT MIN(kind) FROM stream_events "
    "UNION ALL SELECT (SELECT MIN(s.kind) FROM stream_events s WHERE s.kind > k.kind) "
    "FROM k WHERE k.kind IS NOT NULL) "
    "SELECT kind FROM k WHERE kind IS NOT NULL"
)
_OLD_OF_KIND = "kind = ? AND at < ?"
# Superseded pushes: older than the wallboard's cutoff, not older than the retention
# cutoff (those go with their kind), and not their row's newest.
_SUPERSEDED = (
    "kind = ? AND at < ? AND at >= ? AND subject IS NOT NULL "
    "AND seq NOT IN (SELECT MAX(n.seq) FROM stream_events n "
    "WHERE n.kind = ? AND n.subject IS NOT NULL GROUP BY n.subject)"
)
_MINUTE_MS = 60_000
_NO_CUTOFF = -(2**62)  # retention off: nothing is older than the retention cutoff


def wallboard_cutoff(minutes: int, now: Millis) -> Millis:
    return now - minutes * _MINUTE_MS


def _deletions(
    conn: Conn, cutoff: Millis | None, wallboard: Millis | None
) -> list[tuple[str, tuple[object, ...]]]:
    """Each deletion's condition and parameters (the wallboard's last: it reads what the
    others left)."""
    found: list[tuple[str, tuple[object, ...]]] = []
    if cutoff is not None:
        kinds = [str(r["kind"]) for r in conn.all(_KINDS)]
        found += [(_OLD_OF_KIND, (kind, cutoff)) for kind in kinds]
    if wallboard is not None:
        since = _NO_CUTOFF if cutoff is None else cutoff
        found.append((_SUPERSEDED, (WALLBOARD, wallboard, since, WALLBOARD)))
    return found


def count(conn: Conn, cutoff: Millis | None, wallboard: Millis | None) -> int:
    """How many stream events :func:`delete` removes: those older than ``cutoff`` (None:
    retention is off) and the superseded wallboard pushes older than ``wallboard``
    (None: those too go only with ``cutoff``)."""
    return sum(
        int(conn.scalar(f"SELECT COUNT(*) FROM stream_events WHERE {where}", params) or 0)  # noqa: S608 - constants and placeholders
        for where, params in _deletions(conn, cutoff, wallboard)
    )


def delete(conn: Conn, cutoff: Millis | None, wallboard: Millis | None) -> int:
    """Remove them, in the caller's transaction; how many."""
    return sum(
        conn.execute(f"DELETE FROM stream_events WHERE {where}", params)  # noqa: S608 - constants and placeholders
        for where, params in _deletions(conn, cutoff, wallboard)
    )
