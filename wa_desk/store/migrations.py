"""The local schema, versioned in ``PRAGMA user_version`` by registered migrations.

Each migration moves the file from version ``n - 1`` to ``n`` inside one transaction
together with the new ``user_version``, so a crash leaves the old or the new schema,
never half of one. Add a migration at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from wa_desk.store import action_log
from wa_desk.store.errors import NewerSchema

Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Run a script statement by statement inside the caller's transaction
    (``executescript`` would commit it)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        conn.execute(buffer)


@migration
def _v1_cache_outbox_log(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE conversations (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    wa_id TEXT NOT NULL,
    contact_name TEXT,
    numbers TEXT NOT NULL DEFAULT '',
    queue TEXT NOT NULL,
    state TEXT NOT NULL,
    assignee TEXT,
    assignee_name TEXT,
    opened_at INTEGER,
    closed_at INTEGER,
    disposition TEXT,
    last_message_at INTEGER NOT NULL,
    window_expires_at INTEGER,
    waiting_since INTEGER,
    unread INTEGER NOT NULL DEFAULT 0,
    preview TEXT,
    json TEXT NOT NULL
);
CREATE INDEX conversations_recent ON conversations (last_message_at DESC, id DESC);
CREATE INDEX conversations_assignee ON conversations (assignee, last_message_at DESC);
CREATE INDEX conversations_queue ON conversations (queue, state, last_message_at DESC);
CREATE INDEX conversations_contact ON conversations (wa_id, opened_at DESC);
CREATE TABLE messages (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    wamid TEXT,
    conversation_id TEXT NOT NULL,
    direction TEXT NOT NULL,
    type TEXT NOT NULL,
    text TEXT,
    status TEXT,
    timestamp INTEGER NOT NULL,
    sender TEXT,
    error TEXT,
    payload TEXT,
    json TEXT NOT NULL,
    local_id TEXT UNIQUE,
    idempotency_key TEXT
);
CREATE INDEX messages_page ON messages (conversation_id, timestamp, id);
CREATE INDEX messages_wamid ON messages (wamid);
CREATE INDEX messages_pending ON messages (idempotency_key) WHERE local_id IS NOT NULL;
CREATE TABLE conversation_keys (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE search_fts USING fts5 (
    body, content='', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER conversations_search_insert AFTER INSERT ON conversations BEGIN
    INSERT OR IGNORE INTO conversation_keys (id) VALUES (new.id);
    INSERT INTO search_fts (rowid, body) VALUES (
        (SELECT key FROM conversation_keys WHERE id = new.id) << 32,
        COALESCE(new.contact_name, '') || ' ' || new.numbers);
END;
CREATE TRIGGER conversations_search_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete',
        (SELECT key FROM conversation_keys WHERE id = old.id) << 32,
        COALESCE(old.contact_name, '') || ' ' || old.numbers);
END;
CREATE TRIGGER conversations_search_update AFTER UPDATE OF contact_name, numbers
ON conversations WHEN old.contact_name IS NOT new.contact_name OR old.numbers <> new.numbers
BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete',
        (SELECT key FROM conversation_keys WHERE id = old.id) << 32,
        COALESCE(old.contact_name, '') || ' ' || old.numbers);
    INSERT INTO search_fts (rowid, body) VALUES (
        (SELECT key FROM conversation_keys WHERE id = new.id) << 32,
        COALESCE(new.contact_name, '') || ' ' || new.numbers);
END;
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT OR IGNORE INTO conversation_keys (id) VALUES (new.conversation_id);
    INSERT INTO search_fts (rowid, body) VALUES (
        ((SELECT key FROM conversation_keys WHERE id = new.conversation_id) << 32) | new.rowid,
        new.text);
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete',
        ((SELECT key FROM conversation_keys WHERE id = old.conversation_id) << 32) | old.rowid,
        old.text);
END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF text, conversation_id ON messages
WHEN old.text IS NOT new.text OR old.conversation_id <> new.conversation_id
BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete',
        ((SELECT key FROM conversation_keys WHERE id = old.conversation_id) << 32) | old.rowid,
        old.text);
    INSERT OR IGNORE INTO conversation_keys (id) VALUES (new.conversation_id);
    INSERT INTO search_fts (rowid, body) VALUES (
        ((SELECT key FROM conversation_keys WHERE id = new.conversation_id) << 32) | new.rowid,
        new.text);
END;
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    conversation_id TEXT,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    error_message TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_state ON outbox (state, id);
CREATE TABLE action_log (
    id TEXT PRIMARY KEY,
    device TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    conversation TEXT,
    data TEXT NOT NULL,
    prev TEXT,
    hash TEXT,
    UNIQUE (device, seq)
)
""",
    )


@migration
def _v2_notes_and_tags(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    idempotency_key TEXT,
    local INTEGER NOT NULL DEFAULT 0,
    json TEXT NOT NULL
);
CREATE INDEX notes_conversation ON notes (conversation_id, at);
CREATE INDEX notes_key ON notes (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE TABLE contact_tags (wa_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (wa_id, tag))
""",
    )


@migration
def _v3_action_log_chains_per_user(conn: sqlite3.Connection) -> None:
    """Chains per install and user (the hub refuses events written in another user's
    name), and how far the hub acknowledged each."""
    _run(
        conn,
        """
CREATE TABLE action_log_sync (device TEXT PRIMARY KEY, acked_seq INTEGER NOT NULL)
""",
    )
    action_log.rechain_by_user(conn)


@migration
def _v4_drafts(conn: sqlite3.Connection) -> None:
    """What the agent was writing in each conversation, kept across restarts."""
    _run(
        conn,
        """
CREATE TABLE drafts (
    conversation_id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated_at INTEGER NOT NULL
)
""",
    )


# What search ignores, as schema 5 strips it (``core.search_fold.INVISIBLE`` then): zero-
# width space, non-joiner and joiner, word joiner, byte order mark, soft hyphen.
_INVISIBLE_CODES = (8203, 8204, 8205, 8288, 65279, 173)


def _visible(expr: str) -> str:
    """SQL for ``expr`` without the characters search ignores."""
    for code in _INVISIBLE_CODES:
        expr = f"replace({expr}, char({code}), '')"
    return expr


@migration
def _v5_search_ignores_invisible_characters(conn: sqlite3.Connection) -> None:
    """The search index holds text without the characters search ignores
    (``core.search_fold.INVISIBLE``: U+200B, U+200C, U+200D, U+2060, U+FEFF, U+00AD,
    ``_visible`` below), so "Hola<U+200B>mundo" is found by
    "holamundo". The index is contentless: it is made again from the cache, and its
    triggers index (and unindex) the same stripped text. A conversation's key is added
    with ``WHERE NOT EXISTS``, not ``INSERT OR IGNORE``: inside a trigger of an upsert,
    SQLite applies the outer statement's conflict handling instead, and a message whose
    text changed in the cache failed to be written."""
    _run(
        conn,
        # Only constants go into it: column expressions written here and char codes.
        f"""
DROP TRIGGER conversations_search_insert;
DROP TRIGGER conversations_search_delete;
DROP TRIGGER conversations_search_update;
DROP TRIGGER messages_search_insert;
DROP TRIGGER messages_search_delete;
DROP TRIGGER messages_search_update;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5 (
    body, content='', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO search_fts (rowid, body)
    SELECT k.key << 32,
        {_visible("COALESCE(c.contact_name, '') || ' ' || c.numbers")}
    FROM conversations c JOIN conversation_keys k ON k.id = c.id;
INSERT INTO search_fts (rowid, body)
    SELECT (k.key << 32) | m.rowid, {_visible("m.text")}
    FROM messages m JOIN conversation_keys k ON k.id = m.conversation_id;
CREATE TRIGGER conversations_search_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversation_keys (id) SELECT new.id
        WHERE NOT EXISTS (SELECT 1 FROM conversation_keys WHERE id = new.id);
    INSERT INTO search_fts (rowid, body) VALUES (
        (SELECT key FROM conversation_keys WHERE id = new.id) << 32,
        {_visible("COALESCE(new.contact_name, '') || ' ' || new.numbers")});
END;
CREATE TRIGGER conversations_search_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete',
        (SELECT key FROM conversation_keys WHERE id = old.id) << 32,
        {_visible("COALESCE(old.contact_name, '') || ' ' || old.numbers")});
END;
CREATE TRIGGER conversations_search_update AFTER UPDATE OF contact_name, numbers
ON conversations WHEN old.contact_name IS NOT new.contact_name OR old.numbers <> new.numbers
BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete',
        (SELECT key FROM conversation_keys WHERE id = old.id) << 32,
        {_visible("COALESCE(old.contact_name, '') || ' ' || old.numbers")});
    INSERT INTO search_fts (rowid, body) VALUES (
        (SELECT key FROM conversation_keys WHERE id = new.id) << 32,
        {_visible("COALESCE(new.contact_name, '') || ' ' || new.numbers")});
END;
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO conversation_keys (id) SELECT new.conversation_id
        WHERE NOT EXISTS (SELECT 1 FROM conversation_keys WHERE id = new.conversation_id);
    INSERT INTO search_fts (rowid, body) VALUES (
        ((SELECT key FROM conversation_keys WHERE id = new.conversation_id) << 32) | new.rowid,
        {_visible("new.text")});
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete',
        ((SELECT key FROM conversation_keys WHERE id = old.conversation_id) << 32) | old.rowid,
        {_visible("old.text")});
END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF text, conversation_id ON messages
WHEN old.text IS NOT new.text OR old.conversation_id <> new.conversation_id
BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete',
        ((SELECT key FROM conversation_keys WHERE id = old.conversation_id) << 32) | old.rowid,
        {_visible("old.text")});
    INSERT INTO conversation_keys (id) SELECT new.conversation_id
        WHERE NOT EXISTS (SELECT 1 FROM conversation_keys WHERE id = new.conversation_id);
    INSERT INTO search_fts (rowid, body) VALUES (
        ((SELECT key FROM conversation_keys WHERE id = new.conversation_id) << 32) | new.rowid,
        {_visible("new.text")});
END;
""",  # noqa: S608
    )


@migration
def _v6_promises(conn: sqlite3.Connection) -> None:
    """The customers' promises as the hub last told them (``store.promises``), so the
    customer panel lists a customer's open promises offline."""
    _run(
        conn,
        """
CREATE TABLE promises (
    id TEXT PRIMARY KEY,
    wa_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    state TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX promises_customer ON promises (wa_id, state, due_at)
""",
    )


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """Bring the schema up to date; the version reached. ``conn`` is in autocommit mode."""
    steps = MIGRATIONS if migrations is None else migrations
    current = schema_version(conn)
    if current > len(steps):
        raise NewerSchema(
            f"The local data file has schema version {current}; this version of the app "
            f"knows up to {len(steps)}. Update the app."
        )
    for version in range(current + 1, len(steps) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            steps[version - 1](conn)
            # PRAGMA takes no parameters; version is an int we computed.
            conn.execute(f"PRAGMA user_version = {version:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return len(steps)
