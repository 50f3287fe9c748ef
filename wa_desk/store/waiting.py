"""What the signed-in agent did that the server has not taken yet: one count, and its parts.

An agent does one thing (sends a reply, claims a conversation, changes their status) and
wa-desk keeps up to two records of it until the server has it: an outbox entry (the
request itself) and one or more action-log events (its audit record: a send also logs
``template.used`` and ``guideline.overridden`` with the same idempotency key). Some
things the agent does have only the audit record (signing in, ticking a checklist item).

The count is the number of distinct things the agent did, where one thing is named by

- an outbox entry still ``queued`` or ``sending``: its idempotency key;
- an action-log event of the user's chain on this install past what the server
  acknowledged (all of it when the server was never asked): the ``idempotency_key`` in
  its data when it has one, else the event's own id;

and a key whose outbox entry ``failed`` (the server refused it for good) is not counted
at all: a refused send shows as failed on its message, not as something still on its
way, even while its audit record (intent and refusal) waits for the server.

So a reply written offline counts 1 (its outbox entry and its three log events share a
key); once the server took the reply but not yet the log, it still counts 1; once both
arrived, 0. The parts (``messages``, ``actions``, ``log_entries``) are for IT and are
not meant to add up to the count: they count records, not things done.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass

from wa_desk.core.clock import Millis, from_rfc3339
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.store import outbox

# One row per key that waits; UNION keeps each key once.
_WAITING_KEYS = """
WITH chain AS (
    SELECT COALESCE((SELECT acked_seq FROM action_log_sync WHERE device = :device), 0) AS acked
),
keys(k) AS (
    SELECT idempotency_key FROM outbox WHERE state IN (:queued, :sending)
    UNION
    SELECT COALESCE(json_extract(a.data, '$.idempotency_key'), a.id)
    FROM action_log a, chain WHERE a.device = :device AND a.seq > chain.acked
)
SELECT count(*) FROM keys
WHERE k NOT IN (SELECT idempotency_key FROM outbox WHERE state = :failed)
"""

_OUTBOX_PARTS = """
SELECT kind, count(*) AS n, MIN(created_at) AS oldest FROM outbox
WHERE state IN (:queued, :sending) GROUP BY kind
"""

_LOG_PARTS = """
SELECT count(*) AS n, MIN(a.at) AS oldest
FROM action_log a
WHERE a.device = :device
  AND a.seq > COALESCE((SELECT acked_seq FROM action_log_sync WHERE device = :device), 0)
"""

# The error the oldest waiting entry last met (the runner tries in order: it is the one
# holding up the rest).
_LAST_ERROR = """
SELECT error_code FROM outbox WHERE state IN (:queued, :sending) AND error_code IS NOT NULL
ORDER BY id LIMIT 1
"""


@dataclass(frozen=True, slots=True)
class Waiting:
    """What waits for the server (see the module's docstring for what ``count`` is)."""

    count: int  # things the agent did that the server has not taken
    messages: int = 0  # replies in the outbox, not yet through
    actions: int = 0  # other outbox entries (claims, notes, status changes...)
    log_entries: int = 0  # action-log events the server has not acknowledged
    oldest: Millis | None = None  # when the oldest of those records was written
    last_error: str | None = None  # the code the first waiting outbox entry last met


NOTHING = Waiting(0)


def count_waiting(conn: sqlite3.Connection, device: str) -> Waiting:
    """The count and its parts for chain ``device`` (the signed-in user's on this
    install) and this install's outbox, read in one transaction."""
    params = {
        "device": device,
        "queued": outbox.QUEUED,
        "sending": outbox.SENDING,
        "failed": outbox.FAILED,
    }
    count = int(conn.execute(_WAITING_KEYS, params).fetchone()[0])
    if count == 0:
        return NOTHING
    messages = actions = 0
    oldest: list[Millis] = []
    for row in conn.execute(_OUTBOX_PARTS, params):
        if row["kind"] == OutboxKind.SEND.value:
            messages += int(row["n"])
        else:
            actions += int(row["n"])
        oldest.append(int(row["oldest"]))
    log_row = conn.execute(_LOG_PARTS, params).fetchone()
    log_entries = int(log_row["n"])
    if log_row["oldest"] is not None:
        # Not a time this code wrote: the outbox's dates still tell.
        with contextlib.suppress(ValueError, OverflowError):
            oldest.append(from_rfc3339(str(log_row["oldest"])))
    error = conn.execute(_LAST_ERROR, params).fetchone()
    return Waiting(
        count,
        messages,
        actions,
        log_entries,
        min(oldest) if oldest else None,
        None if error is None else str(error[0]),
    )
