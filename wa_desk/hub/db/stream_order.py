"""The stream's order on PostgreSQL, where several hub replicas append to it at once.

Every replica's live stream reads the stream table by ``seq > last``
(:mod:`wa_desk.hub.stream_follower`), and a client resuming on any replica reads it the
same way. That is only gapless if rows become visible in ``seq`` order. Identity values
do not give that by themselves: a transaction that drew ``seq`` 10 may commit after
another that drew 11, and a reader in between would pass 10 for good.

So appends to the stream are serialized by one transaction-level advisory lock,
:data:`STREAM_APPEND_LOCK`. A transaction holds it from before it draws a ``seq`` until
its commit is visible (PostgreSQL releases a transaction's locks after it marks the
transaction committed), so the next holder draws a higher ``seq`` and becomes visible
later: visibility follows ``seq``.

Each write transaction of the hub takes the lock as it begins (:data:`BEGIN_WRITE`),
before any row lock, rather than at its first append. A lock taken in the middle would
meet the row locks of the hub's other writes in both orders (a batch appending a
wallboard row, then extending the hub's audit chain, against one doing the reverse) and
deadlock; taken first, no transaction waiting for it holds anything. Its cost is that
the replicas' write transactions take turns (each replica's audit facts have a chain of
its own, ``hub/<replica id>``, so this lock is what makes them); each replica still
groups its writes into one transaction per turn (``Database``'s group commit).

Taking turns is also what the hub's writes rely on across replicas: they read, then
write what they read allowed (a message not stored yet, a request key not recorded yet,
a sign-in's failures so far) at PostgreSQL's default isolation. Holding the lock only
around the appends and the commit would let two replicas' transactions pass the same
check: one webhook delivered to both at once then fails one of them with a 500 on the
unique WhatsApp id (tests/integration/hub/test_replica_duplicate_deliveries.py).

A trigger on the table takes the same lock for every insert, whoever makes it (a
command-line tool, an operator's SQL), and wakes the followers with a NOTIFY on
:data:`CHANNEL`, delivered at commit and only on commit; PostgreSQL folds a
transaction's identical notifications into one. The notification carries nothing: the
table is the truth, the notification only says to read it.

SQLite has one hub process and one writer: its stream is in order already, and reaches
that process's streams without the store (``HubContext``).
"""

from __future__ import annotations

STREAM_APPEND_LOCK = 727_280  # beside schema's 727_274 (migrations) and 727_277 (indexes)
CHANNEL = "wa_desk_stream"

# Sent together with what a write transaction reads first (``Conn.sent_together``).
BEGIN_WRITE = ("BEGIN", f"SELECT pg_advisory_xact_lock({STREAM_APPEND_LOCK})")

TRIGGER_FUNCTION = f"""CREATE FUNCTION stream_events_appending() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_advisory_xact_lock({STREAM_APPEND_LOCK});
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END
$fn$"""

# BEFORE the statement: the lock is held before any of its rows draws a ``seq``.
TRIGGER = (
    "CREATE TRIGGER stream_events_in_order BEFORE INSERT ON stream_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION stream_events_appending()"
)
