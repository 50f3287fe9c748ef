"""The conversation search's index: kept in the transaction of each write it follows,
and read by ``GET /api/v1/conversations?q=``.

A search matches the conversations in which each of its terms starts a word of the
contact's name or number or of any of its messages (:mod:`wa_desk.core.search_words`
makes the words of both), most recent first. The index has two parts:

- **open conversations** (``search_docs``): a document per message with text and one
  for the contact, written with the message in its transaction. A term's conversations
  come from its documents, and the terms' sets are intersected: two terms may match in
  different messages.
- **closed conversations** (``search_closed``): one document per conversation, its
  messages' words and its contact's, written once when it is closed (the open
  documents it replaces go). Every term must match the one document, which the
  full-text engine itself answers, without intersecting sets of conversations: most
  conversations of a store are closed, and this is what keeps a search of two common
  words fast on a large store. A reopened conversation goes back to the open part.

A message is only ever added to a conversation that is not closed (a customer writing
after a close opens a new one; a send needs an assignee).

Words reach each store already folded, as they are looked for:

- SQLite: FTS5 tables whose ``ascii`` tokenizer takes the words as they are (with ``#``,
  the number mark, as a letter). An open document's rowid carries its conversation's
  key (``search_keys``) in the high 32 bits and its number in the conversation in the
  low ones (0: the contact's), so a term's conversations are read from the index alone;
  a closed document's rowid is the key. The tables keep their words, so a document can
  be deleted without being recomputed.
- PostgreSQL: ``tsvector`` columns (``array_to_tsvector`` of the words, taken as they
  are: no parser, no dictionary) with GIN indexes, and prefix queries (``:*``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from wa_desk.core.conversation import State
from wa_desk.core.search_words import NUMBER_MARK, Term, contact_words, words
from wa_desk.hub.db.connection import Conn, Dialect, Statement

_KEY_BITS = 32
# The document of a reopened conversation's earlier messages (PostgreSQL's message_id).
_EARLIER = "earlier"

# -- the tables (schema migration 17) ----------------------------------------------------

# detail=column, not none: SQLite 3.40's prefix queries are ten times slower on a table
# without any detail (benchmarks/search.py).
_FTS5 = f"tokenize = \"ascii tokenchars '{NUMBER_MARK}'\", detail = column, columnsize = 0"
SQLITE_TABLES = [
    # key: the conversation's number in the documents' rowids; docs: its last document's.
    """CREATE TABLE search_keys (
        key INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL UNIQUE,
        docs INTEGER NOT NULL DEFAULT 0
    )""",
    f"CREATE VIRTUAL TABLE search_docs USING fts5(words, {_FTS5})",
    f"CREATE VIRTUAL TABLE search_closed USING fts5(words, contact, {_FTS5})",
]
POSTGRESQL_TABLES = [
    # message_id: '' for the contact's document.
    """CREATE TABLE search_docs (
        conversation_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        words tsvector NOT NULL,
        PRIMARY KEY (conversation_id, message_id)
    )""",
    """CREATE TABLE search_closed (
        conversation_id TEXT PRIMARY KEY,
        words tsvector NOT NULL,
        contact tsvector NOT NULL
    )""",
]
# Built after the backfill: a GIN index is built faster whole than row by row.
POSTGRESQL_INDEXES = [
    "CREATE INDEX search_docs_words ON search_docs USING GIN (words)",
    "CREATE INDEX search_closed_words ON search_closed USING GIN ((words || contact))",
]
# Every message's words go into the GIN index as the message is stored, not into the
# index's pending list: with the list (GIN's ``fastupdate``), the insert that finds it
# full moves all of it into the index, and that one webhook's transaction, and every
# delivery behind it in the group commit, waited 70-100 ms, every 10-20 s at 500 msg/s.
# The price is PostgreSQL's work per message (benchmarks/README.md, webhook_ingest): a
# webhook's answer in steady time is worth more here than the fastest bulk insert.
POSTGRESQL_INDEXES_UPDATED_AT_ONCE = [
    *(
        f"ALTER INDEX {index} SET (fastupdate = off)"
        for index in ("search_docs_words", "search_closed_words")
    ),
    # What a list already holds goes into the index now, not at the next insert.
    "SELECT gin_clean_pending_list('search_docs_words'::regclass)",
    "SELECT gin_clean_pending_list('search_closed_words'::regclass)",
]


# -- keeping it ---------------------------------------------------------------------------


def _key(conn: Conn, conversation_id: str) -> int | None:
    key = conn.scalar("SELECT key FROM search_keys WHERE conversation_id = ?", (conversation_id,))
    return None if key is None else int(key)


def _range(key: int) -> tuple[int, int]:
    """The rowids of a conversation's open documents, from and before."""
    return key << _KEY_BITS, (key + 1) << _KEY_BITS


def conversation_opened(conn: Conn, conversation_id: str, wa_id: str) -> None:
    """A new conversation: its key, and its contact's document as the contact is now."""
    name = conn.scalar("SELECT name FROM contacts WHERE wa_id = ?", (wa_id,))
    found = contact_words(name, wa_id)
    if conn.dialect == "sqlite":
        key = conn.scalar(
            "INSERT INTO search_keys (conversation_id) VALUES (?) RETURNING key",
            (conversation_id,),
        )
        conn.execute(
            "INSERT INTO search_docs (rowid, words) VALUES (?, ?)",
            (int(key) << _KEY_BITS, " ".join(found)),
        )
        return
    conn.execute(
        "INSERT INTO search_docs (conversation_id, message_id, words) "
        "VALUES (?, '', array_to_tsvector(?::text[]))",
        (conversation_id, found),
    )


def message_writes(
    dialect: Dialect, conversation_id: str, message_id: str, text: str | None
) -> list[Statement]:
    """The writes that index a new message's text (none when it has no words), to run
    with the message's own insert."""
    found = words(text)
    if not found:
        return []
    if dialect == "sqlite":
        return [
            (
                "UPDATE search_keys SET docs = docs + 1 WHERE conversation_id = ?",
                (conversation_id,),
            ),
            (
                "INSERT INTO search_docs (rowid, words) "
                "SELECT (key << 32) | docs, ? FROM search_keys WHERE conversation_id = ?",
                (" ".join(found), conversation_id),
            ),
        ]
    return [
        (
            "INSERT INTO search_docs (conversation_id, message_id, words) "
            "VALUES (?, ?, array_to_tsvector(?::text[]))",
            (conversation_id, message_id, found),
        )
    ]


def conversation_closed(conn: Conn, conversation_id: str) -> None:
    """A closed conversation's open documents become its one closed document."""
    if conn.dialect == "postgresql":
        conn.execute(
            "INSERT INTO search_closed (conversation_id, words, contact) SELECT ?, "
            "COALESCE((SELECT array_to_tsvector(array_agg(DISTINCT u.lexeme)) "
            "  FROM search_docs d, unnest(d.words) u "
            "  WHERE d.conversation_id = ? AND d.message_id <> ''), ''), "
            "COALESCE((SELECT words FROM search_docs "
            "  WHERE conversation_id = ? AND message_id = ''), '') "
            "ON CONFLICT (conversation_id) DO UPDATE "
            "SET words = excluded.words, contact = excluded.contact",
            (conversation_id, conversation_id, conversation_id),
        )
        conn.execute("DELETE FROM search_docs WHERE conversation_id = ?", (conversation_id,))
        return
    key = _key(conn, conversation_id)
    if key is None:
        return
    low, high = _range(key)
    docs = conn.tuples(
        "SELECT rowid, words FROM search_docs WHERE rowid >= ? AND rowid < ?", (low, high)
    )
    contact = next((w for rowid, w in docs if rowid == low), "")
    said = dict.fromkeys(w for rowid, text in docs if rowid != low for w in text.split())
    conn.execute("DELETE FROM search_closed WHERE rowid = ?", (key,))
    conn.execute(
        "INSERT INTO search_closed (rowid, words, contact) VALUES (?, ?, ?)",
        (key, " ".join(said), contact),
    )
    conn.execute("DELETE FROM search_docs WHERE rowid >= ? AND rowid < ?", (low, high))
    conn.execute("UPDATE search_keys SET docs = 0 WHERE key = ?", (key,))


def conversation_reopened(conn: Conn, conversation_id: str) -> None:
    """A reopened conversation's closed document goes back to the open part: its
    contact's, and one of all its earlier messages' words."""
    if conn.dialect == "postgresql":
        conn.execute(
            "INSERT INTO search_docs (conversation_id, message_id, words) "
            "SELECT conversation_id, '', contact FROM search_closed WHERE conversation_id = ? "
            "UNION ALL SELECT conversation_id, ?, words FROM search_closed "
            "WHERE conversation_id = ? AND words <> ''",
            (conversation_id, _EARLIER, conversation_id),
        )
        conn.execute("DELETE FROM search_closed WHERE conversation_id = ?", (conversation_id,))
        return
    key = _key(conn, conversation_id)
    closed = (
        None
        if key is None
        else conn.one("SELECT words, contact FROM search_closed WHERE rowid = ?", (key,))
    )
    if key is None or closed is None:
        return
    conn.execute(
        "INSERT INTO search_docs (rowid, words) VALUES (?, ?)",
        (key << _KEY_BITS, closed["contact"]),
    )
    if closed["words"]:
        conn.execute("UPDATE search_keys SET docs = 1 WHERE key = ?", (key,))
        conn.execute(
            "INSERT INTO search_docs (rowid, words) VALUES (?, ?)",
            ((key << _KEY_BITS) | 1, closed["words"]),
        )
    conn.execute("DELETE FROM search_closed WHERE rowid = ?", (key,))


def contact_renamed(conn: Conn, wa_id: str, name: str) -> None:
    """The contact's words in each of its conversations, as its new name makes them."""
    found = contact_words(name, wa_id)
    if conn.dialect == "postgresql":
        conn.execute(
            "UPDATE search_docs SET words = array_to_tsvector(?::text[]) WHERE message_id = '' "
            "AND conversation_id IN (SELECT id FROM conversations WHERE wa_id = ?)",
            (found, wa_id),
        )
        conn.execute(
            "UPDATE search_closed SET contact = array_to_tsvector(?::text[]) "
            "WHERE conversation_id IN (SELECT id FROM conversations WHERE wa_id = ?)",
            (found, wa_id),
        )
        return
    keys = conn.tuples(
        "SELECT k.key FROM conversations c JOIN search_keys k ON k.conversation_id = c.id "
        "WHERE c.wa_id = ?",
        (wa_id,),
    )
    text = " ".join(found)
    for (key,) in keys:
        conn.execute("UPDATE search_closed SET contact = ? WHERE rowid = ?", (text, key))
        if conn.execute("DELETE FROM search_docs WHERE rowid = ?", (key << _KEY_BITS,)):
            conn.execute(
                "INSERT INTO search_docs (rowid, words) VALUES (?, ?)", (key << _KEY_BITS, text)
            )


def forget_conversations(conn: Conn, ids_sql: str, params: Sequence[Any]) -> None:
    """Every document of the conversations ``ids_sql`` selects (their ids), before they
    are deleted."""
    for table in ("search_docs", "search_closed"):
        if conn.dialect == "postgresql":
            conn.execute(f"DELETE FROM {table} WHERE conversation_id IN ({ids_sql})", params)  # noqa: S608 - constants and placeholders
    if conn.dialect == "postgresql":
        return
    keys = conn.tuples(
        f"SELECT key FROM search_keys WHERE conversation_id IN ({ids_sql})",  # noqa: S608 - constants and placeholders
        params,
    )
    for (key,) in keys:
        conn.execute("DELETE FROM search_closed WHERE rowid = ?", (key,))
        conn.execute("DELETE FROM search_docs WHERE rowid >= ? AND rowid < ?", _range(key))
    conn.execute(f"DELETE FROM search_keys WHERE conversation_id IN ({ids_sql})", params)  # noqa: S608 - constants and placeholders


# -- reading it --------------------------------------------------------------------------


def _fts5_string(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _tsquery_lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _match(dialect: Dialect, term: Term) -> str:
    """One term as the store's full-text engine reads it (bound, never formatted in): a
    word's start (a one-character term: a whole word), and a number holding it."""
    star = "*" if term.prefix else ""
    if dialect == "sqlite":
        found = _fts5_string(term.word) + star
        if term.in_numbers:
            found += " OR " + _fts5_string(NUMBER_MARK + term.word) + "*"
        return found
    found = _tsquery_lexeme(term.word) + (":*" if term.prefix else "")
    if term.in_numbers:
        found += " | " + _tsquery_lexeme(NUMBER_MARK + term.word) + ":*"
    return found


@dataclass(frozen=True, slots=True)
class Branch:
    """One way conversations ``c`` are found in a part of the index: what to select them
    from (in the order the tables must be read) and a condition with its parameters."""

    source: str
    condition: str
    params: list[Any]


# Walk the conversations from the most recent, testing each, rather than read every
# closed match and sort them, once the matches are this many times more than a page
# needs to be met in turn: of N conversations, n matching, a page of p costs about
# p * N / n steps walked against n read, so the walk wins from n ≈ √(p * N).
_WALK_FROM = 4
# SQLite: keys read beforehand, bound as one JSON array.
_KEYS = "SELECT value FROM json_each(?)"


def branches(conn: Conn, terms: Sequence[Term], page: int) -> list[Branch]:
    """How conversations matching every term are found: among the closed ones, and among
    the open ones (few: their matches are read beforehand). ``terms`` must not be empty.

    For the closed ones, the matches are read first, up to as many as make walking
    worth it: fewer are looked up by their ids. Neither store's planner can tell how
    many documents a prefix matches (SQLite's FTS5 does not say; PostgreSQL's statistics
    know only the common words, and a rare number taken for a common word had it walk
    every conversation), so the choice is made here."""
    assert terms, "a search with nothing to look for finds nothing"
    each = [_match(conn.dialect, t) for t in terms]
    sqlite = conn.dialect == "sqlite"
    if sqlite:
        every = " AND ".join(f"({m})" for m in each)
        closed = "SELECT rowid FROM search_closed WHERE search_closed MATCH ?"
        total = conn.scalar("SELECT COALESCE(MAX(key), 0) FROM search_keys")
    else:
        every = " & ".join(f"({m})" for m in each)
        closed = "SELECT conversation_id FROM search_closed WHERE (words || contact) @@ ?::tsquery"
        total = conn.scalar("SELECT reltuples FROM pg_class WHERE oid = 'conversations'::regclass")
    enough = max(1, math.isqrt(_WALK_FROM * page * max(0, int(total or 0))))
    found = [r[0] for r in conn.tuples(f"{closed} LIMIT ?", (every, enough))]
    walk = len(found) >= enough
    if sqlite:
        # CROSS JOIN: SQLite reads the tables in the order written. The few matches' keys
        # lead to their conversations; else (a filter on the queue, say, looking more
        # selective to it) it would read the list of keys again for each conversation.
        from_keys = "search_keys s CROSS JOIN conversations c ON c.id = s.conversation_id"
        if walk:
            # In recency order, each tested against the matches (read once; the unary +
            # keeps SQLite from looking each conversation's key up in them instead).
            recent = (
                "conversations c INDEXED BY conversations_recent "
                "CROSS JOIN search_keys s ON s.conversation_id = c.id"
            )
            closed_branch = Branch(recent, f"+s.key IN ({closed})", [every])
        else:
            closed_branch = Branch(from_keys, f"s.key IN ({_KEYS})", [json.dumps(found)])
        open_keys = " INTERSECT ".join(
            ["SELECT rowid >> 32 FROM search_docs WHERE search_docs MATCH ?"] * len(terms)
        )
        opened = [r[0] for r in conn.tuples(open_keys, each)]
        return [closed_branch, Branch(from_keys, f"s.key IN ({_KEYS})", [json.dumps(opened)])]
    if walk:
        # A subquery PostgreSQL cannot turn into a join: tested row by row, in order.
        tested = (
            "(SELECT (sc.words || sc.contact) @@ ?::tsquery FROM search_closed sc "
            "WHERE sc.conversation_id = c.id)"
        )
        closed_branch = Branch("conversations c", tested, [every])
    else:
        closed_branch = Branch("conversations c", "c.id = ANY(?)", [found])
    open_ids = " INTERSECT ".join(
        ["SELECT conversation_id FROM search_docs WHERE words @@ ?::tsquery"] * len(terms)
    )
    opened = [r[0] for r in conn.tuples(open_ids, each)]
    return [closed_branch, Branch("conversations c", "c.id = ANY(?)", [opened])]


# -- building it from a store that had none (migration 17) -------------------------------

_BATCH = 5000


class _Backfill:
    """The documents of the conversations read so far, written a batch at a time."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.open: list[tuple[str, int | None, str, list[str]]] = []  # cid, key, message, words
        self.closed: list[tuple[str, int | None, list[str], list[str]]] = []
        self.counted: list[tuple[int, int]] = []  # SQLite: (docs, key)

    def conversation(
        self,
        cid: str,
        key: int | None,
        closed: bool,
        contact: list[str],
        said: list[tuple[str, str]],
    ) -> None:
        if closed:
            gathered = dict.fromkeys(w for _mid, text in said for w in words(text))
            self.closed.append((cid, key, list(gathered), contact))
            return
        self.open.append((cid, key, "", contact))
        docs = [(mid, found) for mid, text in said if (found := words(text))]
        self.open += [(cid, key, mid, found) for mid, found in docs]
        if key is not None and docs:
            self.counted.append((len(docs), key))

    def write(self) -> None:
        if self.conn.dialect == "postgresql":
            _copy(
                self.conn,
                "search_docs (conversation_id, message_id, words)",
                [(cid, mid, found) for cid, _key, mid, found in self.open],
            )
            _copy(
                self.conn,
                "search_closed (conversation_id, words, contact)",
                [(cid, said, contact) for cid, _key, said, contact in self.closed],
            )
        else:
            rows, n = [], 0
            for _cid, key, mid, found in self.open:  # a contact's document, then its messages'
                assert key is not None
                n = n + 1 if mid else 0
                rows.append(((key << _KEY_BITS) | n, " ".join(found)))
            self.conn.executemany("INSERT INTO search_docs (rowid, words) VALUES (?, ?)", rows)
            self.conn.executemany(
                "INSERT INTO search_closed (rowid, words, contact) VALUES (?, ?, ?)",
                [(key, " ".join(said), " ".join(c)) for _cid, key, said, c in self.closed],
            )
            self.conn.executemany("UPDATE search_keys SET docs = ? WHERE key = ?", self.counted)
        self.open.clear()
        self.closed.clear()
        self.counted.clear()


def backfill(conn: Conn) -> None:
    """Index every conversation and message already stored, as the writes above would
    have: in the caller's transaction, a batch at a time, one conversation after another
    (each one's messages in their order)."""
    if conn.dialect == "sqlite":
        conn.execute("INSERT INTO search_keys (conversation_id) SELECT id FROM conversations")
        key, keyed = "s.key", "JOIN search_keys s ON s.conversation_id = c.id "
    else:
        key, keyed = "NULL", ""
    sql = (
        f"SELECT c.id, {key}, c.state, k.wa_id, k.name, m.id, m.text FROM conversations c "  # noqa: S608 - constants
        f"JOIN contacts k ON k.wa_id = c.wa_id {keyed}"
        "LEFT JOIN messages m ON m.conversation_id = c.id AND m.text IS NOT NULL "
        "ORDER BY c.id, m.timestamp, m.id"
    )
    out = _Backfill(conn)
    current: tuple[str, int | None, bool, list[str]] | None = None
    said: list[tuple[str, str]] = []
    for batch in _batches(conn, sql):
        for cid, k, state, wa_id, name, mid, text in batch:
            if current is not None and current[0] != cid:
                out.conversation(*current, said)
                said = []
            current = (cid, k, state == State.CLOSED.value, contact_words(name, wa_id))
            if mid is not None:
                said.append((mid, text))
        out.write()
    if current is not None:
        out.conversation(*current, said)
        out.write()
    if conn.dialect == "sqlite":
        for table in ("search_docs", "search_closed"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608 - constants


def _batches(conn: Conn, sql: str) -> Iterator[list[tuple[Any, ...]]]:
    """``sql``'s rows, a batch at a time (from a server-side cursor on PostgreSQL); the
    connection is free between two batches."""
    if conn.dialect == "postgresql":
        with conn.raw.cursor(name="search_backfill") as cur:
            cur.execute(sql)
            while batch := cur.fetchmany(_BATCH):
                yield batch
        return
    cur = conn.raw.execute(sql)
    while batch := cur.fetchmany(_BATCH):
        yield batch


def _copy(conn: Conn, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """PostgreSQL: rows written with COPY, each list of words as a tsvector's text form."""
    with conn.raw.cursor() as cur, cur.copy(f"COPY {table} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [" ".join(map(_tsquery_lexeme, v)) if isinstance(v, list) else v for v in row]
            )
