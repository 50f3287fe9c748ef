"""The desktop's local SQLite store: conversation cache, search, outbox, action log,
drafts, kv.

One file per hub and user. Methods take and return the hub API's JSON dicts, so the UI
shows cached data exactly as it shows fresh data. Every method is one transaction and
may be called from any thread (one connection, serialised by a lock); expected
failures (disk full, read-only, locked) raise ``StoreError`` subclasses.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, now_ms, to_rfc3339
from wa_desk.core.cursor import decode as decode_cursor
from wa_desk.core.cursor import encode as encode_cursor
from wa_desk.core.ids import uuid7
from wa_desk.core.message_status import should_apply
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.private_files import make_private, private_dir, private_file
from wa_desk.store import action_log, notes_tags, outbox, promises
from wa_desk.store.errors import CannotOpen, known_errors
from wa_desk.store.migrations import migrate
from wa_desk.store.outbox import OutboxEntry
from wa_desk.store.rows import conversation_row, dumps, loads, message_row
from wa_desk.store.search import match_terms, matching, most_recent
from wa_desk.store.waiting import Waiting, count_waiting

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)

View = Literal["mine", "queue", "all"]

DEVICE_KEY = "device_id"
POLICY_KEY = "policy.bundle"  # the hub's guidelines bundle, for working offline
POLICY_ETAG_KEY = "policy.etag"
_CHECKLIST_KEY = "checklist."  # + conversation id: {item id: ticked}
_CONVERSATION_COLUMNS = tuple(conversation_row({"id": "", "queue": "", "state": ""}))
_MESSAGE_COLUMNS = tuple(
    message_row({"id": "", "conversation_id": "", "direction": "", "timestamp": None})
)


@dataclass(frozen=True, slots=True)
class CachedPage:
    """Items oldest first; ``before`` is the cursor for the older page, or None."""

    items: list[dict[str, Any]]
    before: str | None


def _upsert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(columns)
    marks = ", ".join(f":{c}" for c in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    return (
        f"INSERT INTO {table} ({names}) VALUES ({marks}) "  # noqa: S608 - fixed identifiers
        f"ON CONFLICT (id) DO UPDATE SET {updates}"
    )


_UPSERT_CONVERSATION = _upsert_sql("conversations", _CONVERSATION_COLUMNS)
_UPSERT_MESSAGE = _upsert_sql("messages", _MESSAGE_COLUMNS)


class LocalStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._append_listeners: list[Callable[[], None]] = []
        self._now: Callable[[], Millis] = now_ms
        self.device_id = self._device_id()
        with self._write() as c:
            outbox.requeue_interrupted(c, self._now())

    @classmethod
    def open(cls, path: Path | str) -> LocalStore:
        """Open (creating and migrating as needed) the store at ``path``.

        The file holds customers' messages, notes and the agent's action log: it and its
        ``-wal``/``-shm`` are 0600 in a 0700 folder (the app's data folder), made so
        before SQLite opens it (SQLite gives ``-wal`` and ``-shm`` the file's mode)."""
        if str(path) != ":memory:":
            _private_store_files(Path(path))
        with known_errors():
            conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=5.0
            )
            try:
                conn.row_factory = sqlite3.Row
                conn.execute("PRAGMA journal_mode = WAL")
                # Cache writes may be lost on power loss (the hub has them); action-log
                # transactions switch to FULL for their commit (``_write(durable=True)``).
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
                migrate(conn)
            except BaseException:
                conn.close()
                raise
        return cls(conn)

    def use_clock(self, clock: Callable[[], Millis]) -> None:
        """Where this store's times come from from now on (the app passes the hub's
        clock as this computer sees it, so its action log is stamped in the hub's time)."""
        self._now = clock

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite_utils.Database:
        """The same connection through sqlite-utils, for tools and inspection."""
        import sqlite_utils  # tools only: ~80 ms of imports the app's start-up never needs

        return sqlite_utils.Database(self._conn)

    @contextmanager
    def _write(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction. ``durable``: the commit is synced to disk before this
        returns (the action log: an action the agent saw as done survives a power cut).
        SQLite refuses to change ``synchronous`` inside a transaction, hence around it."""
        with self._lock, known_errors():
            if durable:
                self._conn.execute("PRAGMA synchronous = FULL")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            finally:
                if durable:
                    self._conn.execute("PRAGMA synchronous = NORMAL")
        if durable:
            self._actions_appended()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, known_errors():
            yield self._conn

    # -- kv ---------------------------------------------------------------------------

    def get(self, key: str) -> str | None:
        with self._read() as c:
            return _kv_get(c, key)

    def set(self, key: str, value: str) -> None:
        with self._write() as c:
            _kv_set(c, key, value)

    # -- guidelines: the cached policy and each conversation's checklist ---------------

    def policy(self) -> tuple[dict[str, Any] | None, str | None]:
        """The cached policy bundle and its ETag (None, None before the first fetch)."""
        raw, etag = self.get(POLICY_KEY), self.get(POLICY_ETAG_KEY)
        return (loads(raw) if raw else None), etag

    def set_policy(self, bundle: dict[str, Any], etag: str | None) -> None:
        with self._write() as c:
            _kv_set(c, POLICY_KEY, dumps(bundle))
            _kv_set(c, POLICY_ETAG_KEY, etag or "")

    def checklist(self, conversation_id: str) -> dict[str, bool]:
        raw = self.get(_CHECKLIST_KEY + conversation_id)
        state = loads(raw) if raw else {}
        return {str(k): v is True for k, v in state.items()} if isinstance(state, dict) else {}

    def tick_checklist_item(
        self, conversation_id: str, actor: str, item_id: str, ticked: bool
    ) -> dict[str, bool]:
        """Tick or untick an item and log it (``checklist.checked``/``unchecked``) in one
        transaction; the conversation's checklist after."""
        with self._write(durable=True) as c:
            raw = _kv_get(c, _CHECKLIST_KEY + conversation_id)
            state: dict[str, bool] = loads(raw) if raw else {}
            state[item_id] = ticked
            _kv_set(c, _CHECKLIST_KEY + conversation_id, dumps(state))
            kind = AuditKind.CHECKLIST_CHECKED if ticked else AuditKind.CHECKLIST_UNCHECKED
            action_log.append(
                c, self.device_id, kind, actor, conversation_id, {"item": item_id}, self._now()
            )
        return state

    # -- drafts -------------------------------------------------------------------------

    def draft(self, conversation_id: str) -> str:
        """What the agent left written in the conversation ("" when nothing)."""
        with self._read() as c:
            row = c.execute(
                "SELECT text FROM drafts WHERE conversation_id = ?", (conversation_id,)
            ).fetchone()
        return "" if row is None else str(row[0])

    def set_drafts(self, drafts: dict[str, str]) -> None:
        """Keep each conversation's draft as given, in one transaction; an empty (or
        blank) text forgets it. Not durable: a draft lost to a power cut costs a few
        words, and typing must not wait for the disk."""
        now = self._now()
        keep = [(cid, text, now) for cid, text in drafts.items() if text.strip()]
        forget = [(cid,) for cid, text in drafts.items() if not text.strip()]
        with self._write() as c:
            c.executemany(
                "INSERT INTO drafts (conversation_id, text, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, "
                "updated_at = excluded.updated_at",
                keep,
            )
            c.executemany("DELETE FROM drafts WHERE conversation_id = ?", forget)

    def _device_id(self) -> str:
        with self._write() as c:
            device = _kv_get(c, DEVICE_KEY)
            if device is None:
                device = uuid7()
                _kv_set(c, DEVICE_KEY, device)
            return device

    # -- conversations ----------------------------------------------------------------

    def upsert_conversations(self, items: Iterable[dict[str, Any]]) -> None:
        rows = [conversation_row(item) for item in items]
        with self._write() as c:
            c.executemany(_UPSERT_CONVERSATION, rows)

    def conversation(self, conversation_id: str) -> dict[str, Any] | None:
        with self._read() as c:
            row = c.execute(
                "SELECT json FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
        return None if row is None else dict(loads(row[0]))

    def list_conversations(
        self,
        view: View,
        user_id: str,
        queues: Iterable[str],
        search: str | None = None,
        limit: int = 200,
    ) -> list[dict[str, Any]]:
        """The inbox: most recent activity first."""
        where: list[str] = []
        params: dict[str, Any] = {"limit": limit}
        if view == "mine":
            where.append("assignee = :me AND state <> 'closed'")
            params["me"] = user_id
        elif view == "queue":
            wanted = sorted(set(queues))
            if not wanted:
                return []
            names = [f":q{i}" for i in range(len(wanted))]
            where.append(f"state = 'queued' AND assignee IS NULL AND queue IN ({','.join(names)})")
            params.update({name[1:]: queue for name, queue in zip(names, wanted, strict=True)})
        elif view != "all":
            raise ValueError(f"unknown view {view!r}")
        if search is not None:
            terms = match_terms(search)
            if not terms:
                return []
            subquery, term_params = matching(terms)
            where.append(f"id IN ({subquery})")
            params.update(term_params)
        sql = "SELECT json FROM conversations"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY last_message_at DESC, id DESC LIMIT :limit"
        with self._read() as c:
            rows = c.execute(sql, params).fetchall()
        return [dict(loads(r[0])) for r in rows]

    def contact_history(self, wa_id: str, limit: int = 100) -> list[dict[str, Any]]:
        """Every cached conversation with this contact, newest first."""
        with self._read() as c:
            rows = c.execute(
                "SELECT json FROM conversations WHERE wa_id = ? "
                "ORDER BY COALESCE(opened_at, last_message_at) DESC, id DESC LIMIT ?",
                (wa_id, limit),
            ).fetchall()
        return [dict(loads(r[0])) for r in rows]

    def search(self, q: str, limit: int = 50) -> list[str]:
        """Ids of conversations whose contact or messages match, most recent first."""
        terms = match_terms(q)
        if not terms:
            return []
        sql, params = most_recent(terms, limit)
        with self._read() as c:
            rows = c.execute(sql, params).fetchall()
        return [str(r[0]) for r in rows]

    # -- messages ---------------------------------------------------------------------

    def upsert_messages(self, items: Iterable[dict[str, Any]]) -> None:
        """Store server messages. One that carries ``idempotency_key`` replaces the local
        pending message with that key; a stored status never moves backwards.

        Rows are built before the transaction and written with one statement, so the
        store is locked for SQLite's work only (the UI thread may be waiting on it)."""
        prepared = _prepare_messages(items)
        with self._write() as c:
            _write_messages(c, prepared)

    def apply_status(self, data: dict[str, Any]) -> bool:
        """Apply a ``message.status`` event if it moves the message forward."""
        return self.apply_statuses([data]) == 1

    def apply_statuses(self, items: Iterable[dict[str, Any]]) -> int:
        """Apply ``message.status`` events in order, in one transaction; how many moved
        a message forward."""
        applied = 0
        with self._write() as c:
            for data in items:
                applied += _apply_status(c, data)
        return applied

    def messages_page(
        self, conversation_id: str, before: str | None = None, limit: int = 50
    ) -> CachedPage:
        """The newest ``limit`` messages older than the cursor, returned oldest first;
        the cursor of the page before them (None: they are the oldest)."""
        return self._page(conversation_id, before, limit, newer=False)

    def messages_after(self, conversation_id: str, after: str, limit: int = 50) -> CachedPage:
        """The oldest ``limit`` messages newer than the cursor, oldest first; the cursor
        of the page after them (None: they are the newest)."""
        return self._page(conversation_id, after, limit, newer=True)

    def _page(
        self, conversation_id: str, cursor: str | None, limit: int, *, newer: bool
    ) -> CachedPage:
        """``limit`` messages next to the cursor, on its newer or older side, oldest first,
        and the cursor that goes on past them in the same direction (None: no more)."""
        params: list[Any] = [conversation_id]
        sql = "SELECT timestamp, id, json FROM messages WHERE conversation_id = ?"
        if cursor is not None:
            ts, message_id = decode_cursor(cursor)
            side = ">" if newer else "<"
            sql += f" AND (timestamp {side} ? OR (timestamp = ? AND id {side} ?))"
            params.extend([ts, ts, message_id])
        order = "" if newer else " DESC"
        sql += f" ORDER BY timestamp{order}, id{order} LIMIT ?"
        params.append(limit + 1)
        with self._read() as c:
            rows = c.execute(sql, params).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        if not newer:
            rows.reverse()
        edge = (rows[-1] if newer else rows[0]) if rows else None
        cursor = encode_cursor(edge["timestamp"], edge["id"]) if more and edge else None
        return CachedPage([dict(loads(r["json"])) for r in rows], cursor)

    def _add_pending(
        self,
        c: sqlite3.Connection,
        conversation_id: str,
        key: str,
        sender: str,
        text: str | None,
        template: dict[str, Any] | None,
        reply_to: str | None,
        now: Millis,
    ) -> dict[str, Any]:
        """A message the agent just wrote, shown at once with status ``pending``."""
        if (text is None) == (template is None):
            raise ValueError("a pending message has either text or a template")
        local_id = f"local-{uuid7()}"
        message: dict[str, Any] = {
            "id": local_id,
            "local_id": local_id,
            "idempotency_key": key,
            "wamid": None,
            "conversation_id": conversation_id,
            "direction": "out",
            "type": "text" if text is not None else "template",
            "text": text,
            "status": "pending",
            "status_at": to_rfc3339(now),
            "error": None,
            "timestamp": to_rfc3339(now),
            "sender": sender,
            "context_wamid": reply_to,
            "reaction_to": None,
            "media_id": None,
            "template": template["name"] if template else None,
            "flagged": False,
            "problems": [],
            "payload": {"template": template} if template else {},
        }
        c.execute(_UPSERT_MESSAGE, message_row(message))
        return message

    # -- outbox -----------------------------------------------------------------------

    def queue_action(
        self,
        kind: OutboxKind,
        actor: str,
        conversation_id: str | None,
        payload: dict[str, Any] | None = None,
    ) -> OutboxEntry:
        """Record an agent action in the log and queue it for the hub, atomically. A
        kind the outbox does not know is refused here, before anything is written."""
        kind = OutboxKind(kind)
        if kind is OutboxKind.SEND:
            raise ValueError("use queue_send for messages")
        key = uuid7()
        body = dict(payload or {})
        now = self._now()
        with self._write(durable=True) as c:
            action_log.append(
                c,
                self.device_id,
                outbox.ACTION_KINDS[kind],
                actor,
                conversation_id,
                {**body, "idempotency_key": key},
                now,
            )
            return outbox.add(c, kind, conversation_id, body, key, now)

    def queue_send(
        self,
        conversation_id: str,
        actor: str,
        *,
        text: str | None = None,
        template: dict[str, Any] | None = None,
        reply_to: str | None = None,
        overridden: Iterable[str] = (),
        canned: Mapping[str, str] | None = None,
    ) -> tuple[OutboxEntry, dict[str, Any]]:
        """A reply: logged, shown as pending, and queued for the hub, in one transaction.

        ``template`` is ``{"name", "language"}`` and its values (``TemplateParams.to_json``,
        the header's, the body's, a media link, the buttons'); ``overridden`` names the
        guideline rules that warned about the text and that the agent sent it over (each
        logged as ``guideline.overridden`` with the send); ``canned`` is the
        ``{"name", "language"}`` of the canned reply the text came from (logged as
        ``canned_reply.used`` with the send, never its text). A text replaces the
        conversation's draft: it is forgotten in the same transaction, so a send that
        could not be recorded keeps it.
        """
        key = uuid7()
        now = self._now()
        with self._write(durable=True) as c:
            pending = self._add_pending(
                c, conversation_id, key, actor, text, template, reply_to, now
            )
            if text is not None:
                payload: dict[str, Any] = {"type": "text", "text": text, "reply_to": reply_to}
            else:
                payload = {"type": "template", **(template or {})}
            payload["local_id"] = pending["local_id"]
            action_log.append(
                c,
                self.device_id,
                outbox.ACTION_KINDS[OutboxKind.SEND],
                actor,
                conversation_id,
                {**payload, "idempotency_key": key},
                now,
            )
            for rule_id in overridden:
                action_log.append(
                    c,
                    self.device_id,
                    AuditKind.GUIDELINE_OVERRIDDEN,
                    actor,
                    conversation_id,
                    {"rule": rule_id, "length": len(text or ""), "idempotency_key": key},
                    now,
                )
            if canned is not None and text is not None:
                action_log.append(
                    c,
                    self.device_id,
                    AuditKind.CANNED_REPLY_USED,
                    actor,
                    conversation_id,
                    {"name": canned.get("name"), "language": canned.get("language"),
                     "idempotency_key": key},
                    now,
                )  # fmt: skip
            if template is not None:
                action_log.append(
                    c,
                    self.device_id,
                    AuditKind.TEMPLATE_USED,
                    actor,
                    conversation_id,
                    {"name": template.get("name"), "language": template.get("language"),
                     "idempotency_key": key},
                    now,
                )  # fmt: skip
            entry = outbox.add(c, OutboxKind.SEND, conversation_id, payload, key, now)
            if text is not None:
                c.execute("DELETE FROM drafts WHERE conversation_id = ?", (conversation_id,))
        return entry, pending

    def outbox_next(self) -> OutboxEntry | None:
        """The oldest queued entry."""
        with self._read() as c:
            return outbox.next_queued(c)

    def outbox_get(self, entry_id: int) -> OutboxEntry | None:
        with self._read() as c:
            return outbox.get(c, entry_id)

    def outbox_mark_sending(self, entry_id: int) -> None:
        with self._write() as c:
            outbox.set_state(c, entry_id, outbox.SENDING, self._now(), attempt=True)

    def outbox_retry_later(self, entry_id: int, code: str, message: str) -> None:
        """The hub could not be reached: the entry stays first in line."""
        with self._write() as c:
            outbox.set_state(c, entry_id, outbox.QUEUED, self._now(), code=code, message=message)

    def outbox_mark_done(self, entry_id: int, result: dict[str, Any] | None = None) -> None:
        """Done; ``result`` (the hub's answer) updates the cache: a sent message replaces
        its pending copy, a changed conversation replaces the cached one."""
        with self._write() as c:
            entry = outbox.get(c, entry_id)
            if entry is None:
                return
            outbox.set_state(c, entry_id, outbox.DONE, self._now())
            if result is None or "id" not in result:
                return
            if entry.kind is OutboxKind.SEND and "direction" in result:
                sent = {**result, "idempotency_key": entry.idempotency_key}
                _write_messages(c, _prepare_messages([sent]))
            elif "queue" in result and "state" in result:
                c.execute(_UPSERT_CONVERSATION, conversation_row(result))

    def outbox_mark_failed(self, entry_id: int, code: str, message: str, *, actor: str) -> None:
        """The hub refused the entry (or could not do it): ``actor``'s log records the
        outcome after the intent, with its key, the code and the hub's words
        (``outbox.REFUSED_KINDS``); a refused send shows as failed in the conversation and
        is logged as ``message.send_failed``."""
        with self._write(durable=True) as c:
            entry = outbox.get(c, entry_id)
            if entry is None:
                return
            outbox.set_state(c, entry_id, outbox.FAILED, self._now(), code=code, message=message)
            if entry.kind is not OutboxKind.SEND:
                action_log.append(
                    c,
                    self.device_id,
                    outbox.REFUSED_KINDS[entry.kind],
                    actor,
                    entry.conversation_id,
                    {"idempotency_key": entry.idempotency_key, "code": code, "message": message},
                    self._now(),
                )
                return
            row = c.execute(
                "SELECT id, json FROM messages WHERE idempotency_key = ? AND local_id IS NOT NULL",
                (entry.idempotency_key,),
            ).fetchone()
            if row is None:
                return
            pending = loads(row["json"])
            pending["status"] = "failed"
            pending["error"] = {"code": code, "title": message, "meaning": message, "details": None}
            c.execute(_UPSERT_MESSAGE, message_row(pending))
            if pending.get("sender"):
                action_log.append(
                    c,
                    self.device_id,
                    AuditKind.MESSAGE_SEND_FAILED,
                    str(pending["sender"]),
                    entry.conversation_id,
                    {"idempotency_key": entry.idempotency_key, "code": code, "message": message},
                    self._now(),
                )

    def outbox_count(self) -> int:
        """Entries still to send (queued or being sent)."""
        with self._read() as c:
            return outbox.waiting(c)

    def waiting(self, user_id: str) -> Waiting:
        """What ``user_id`` did here that the server has not taken yet (``store.waiting``
        says exactly what is counted)."""
        with self._read() as c:
            return count_waiting(c, action_log.chain_id(self.device_id, user_id))

    def outbox_waiting(self, limit: int = 1000) -> list[OutboxEntry]:
        """Entries not yet through (being sent first, then queued), oldest first."""
        with self._read() as c:
            return outbox.in_state(c, outbox.SENDING, limit) + outbox.in_state(
                c, outbox.QUEUED, limit
            )

    # -- notes and tags ---------------------------------------------------------------

    def notes(self, conversation_id: str) -> list[dict[str, Any]]:
        """Cached notes of a conversation, oldest first (pending ones included)."""
        with self._read() as c:
            return notes_tags.notes(c, conversation_id)

    def upsert_notes(self, items: Iterable[dict[str, Any]]) -> None:
        """Hub notes; one with the key of a pending note replaces it."""
        with self._write() as c:
            notes_tags.upsert_notes(c, items)

    def queue_note(
        self, conversation_id: str, actor: str, actor_name: str, text: str
    ) -> tuple[OutboxEntry, dict[str, Any]]:
        """A private note: logged, shown as pending, and queued for the hub, atomically."""
        key = uuid7()
        now = self._now()
        payload = {"text": text}
        with self._write(durable=True) as c:
            note = notes_tags.add_pending_note(
                c, conversation_id, key, actor, actor_name, text, now
            )
            action_log.append(
                c,
                self.device_id,
                outbox.ACTION_KINDS[OutboxKind.NOTE],
                actor,
                conversation_id,
                {**payload, "idempotency_key": key},
                now,
            )
            entry = outbox.add(c, OutboxKind.NOTE, conversation_id, payload, key, now)
        return entry, note

    def drop_pending_note(self, idempotency_key: str) -> None:
        """The hub refused the note: its pending copy goes."""
        with self._write() as c:
            notes_tags.drop_pending_note(c, idempotency_key)

    def contact_tags(self, wa_id: str) -> list[str]:
        with self._read() as c:
            return notes_tags.contact_tags(c, wa_id)

    def set_contact_tags(self, wa_id: str, tags: Iterable[str]) -> None:
        """The hub's tag set for the contact replaces the cached one."""
        with self._write() as c:
            notes_tags.set_contact_tags(c, wa_id, tags)

    def queue_tag(
        self, add: bool, actor: str, conversation_id: str | None, wa_id: str, tag: str
    ) -> OutboxEntry:
        """Tag (or untag) a contact: logged, shown at once, queued for the hub, atomically."""
        kind = OutboxKind.TAG_ADD if add else OutboxKind.TAG_REMOVE
        key = uuid7()
        now = self._now()
        payload = {"wa_id": wa_id, "tag": tag}
        with self._write(durable=True) as c:
            notes_tags.change_tag(c, wa_id, tag, add)
            action_log.append(
                c,
                self.device_id,
                outbox.ACTION_KINDS[kind],
                actor,
                conversation_id,
                {**payload, "idempotency_key": key},
                now,
            )
            return outbox.add(c, kind, conversation_id, payload, key, now)

    def queue_marketing(
        self, stop: bool, actor: str, conversation_id: str | None, wa_id: str
    ) -> OutboxEntry:
        """The customer stops (or resumes) marketing messages, as they told the agent:
        logged and queued for the hub, atomically (the hub's answer shows it)."""
        kind = OutboxKind.MARKETING_STOP if stop else OutboxKind.MARKETING_RESUME
        key = uuid7()
        now = self._now()
        payload = {"wa_id": wa_id}
        with self._write(durable=True) as c:
            action_log.append(
                c,
                self.device_id,
                outbox.ACTION_KINDS[kind],
                actor,
                conversation_id,
                {**payload, "idempotency_key": key},
                now,
            )
            return outbox.add(c, kind, conversation_id, payload, key, now)

    # -- promises ---------------------------------------------------------------------

    def upsert_promises(self, items: Iterable[Mapping[str, Any]]) -> None:
        """Promises as the hub shows them (its answer to a change, the stream)."""
        with self._write() as c:
            promises.upsert_promises(c, items)

    def set_open_promises(self, wa_id: str, items: Iterable[Mapping[str, Any]]) -> None:
        """The hub's list of the customer's open promises replaces the cached one."""
        with self._write() as c:
            promises.set_open_promises(c, wa_id, items)

    def open_promises(self, wa_id: str, me: tuple[str, str]) -> list[dict[str, Any]]:
        """The customer's open promises as the hub last listed them, with the changes
        still waiting in the outbox applied (``me``: the agent's id and name, who made
        the ones not yet recorded), the soonest due first."""
        with self._read() as c:
            cached = promises.cached_open(c, wa_id)
            waiting = outbox.in_state(c, outbox.SENDING, 1000) + outbox.in_state(
                c, outbox.QUEUED, 1000
            )
            customers = {
                str(e.conversation_id): promises.conversation_customer(c, e.conversation_id) or ""
                for e in waiting
                if e.kind is OutboxKind.PROMISE_MAKE
            }
        return promises.with_waiting(wa_id, cached, waiting, customers, me)

    # -- action log -------------------------------------------------------------------

    def append_action(
        self, kind: str, actor: str, conversation_id: str | None, data: dict[str, Any]
    ) -> int:
        """Append to ``actor``'s chain on this install, durably; the event's seq."""
        with self._write(durable=True) as c:
            return action_log.append(
                c, self.device_id, kind, actor, conversation_id, data, self._now()
            )

    def append_actions(self, actions: Iterable[action_log.Action]) -> list[int]:
        """Several actions in one durable transaction (in order); their seqs."""
        with self._write(durable=True) as c:
            return action_log.append_many(c, self.device_id, actions, self._now())

    def actions(
        self, after: int = 0, limit: int = 500, *, user_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Events of one user's chain after seq ``after``, or of every chain of this
        install in the order they were written (``after`` then applies to each chain)."""
        with self._read() as c:
            return action_log.events_of_install(c, self.device_id, user_id, after, limit)

    def chain_id(self, user_id: str) -> str:
        return action_log.chain_id(self.device_id, user_id)

    def chain_events(self, device: str, after: int, limit: int) -> list[dict[str, Any]]:
        """One chain's events after seq ``after``, oldest first."""
        with self._read() as c:
            return action_log.events(c, device, after, limit)

    def action_chains(self) -> list[action_log.ChainState]:
        """Every chain in this file: its length and what the hub acknowledged of it."""
        with self._read() as c:
            return action_log.chains(c)

    def set_chain_acked(self, device: str, acked_seq: int) -> None:
        with self._write() as c:
            action_log.set_acked(c, device, acked_seq)

    def forget_chain_acked(self, device: str) -> None:
        with self._write() as c:
            action_log.forget_acked(c, device)

    def on_actions_appended(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` (from the appending thread) after each committed append;
        the function that removes it."""
        self._append_listeners.append(listener)
        return lambda: self._append_listeners.remove(listener)

    def _actions_appended(self) -> None:
        for listener in list(self._append_listeners):
            try:
                listener()
            except Exception:  # the append is committed: a listener's bug must not undo it
                log.exception("action-log listener failed")


def _private_store_files(path: Path) -> None:
    """The store's folder is the app's own data folder (``store_path``): it may be made
    private; a shared folder such as /tmp or a home never is (``private_files``)."""
    try:
        private_dir(path.parent, ours=True)
        private_file(path)
        for suffix in ("-wal", "-shm"):
            make_private(path.with_name(path.name + suffix))
    except OSError as exc:
        raise CannotOpen(f"The local data file cannot be opened. ({exc})") from exc


def _kv_get(c: sqlite3.Connection, key: str) -> str | None:
    row = c.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _kv_set(c: sqlite3.Connection, key: str, value: str) -> None:
    c.execute(
        "INSERT INTO kv (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


__all__ = ["CachedPage", "LocalStore", "View"]


_DELETE_PENDING = "DELETE FROM messages WHERE idempotency_key = ? AND local_id IS NOT NULL"


@dataclass(frozen=True, slots=True)
class _PreparedMessages:
    servers: list[dict[str, Any]]  # the hub's messages without their idempotency keys
    rows: list[dict[str, Any]]  # their table rows, JSON encoded
    pending_keys: list[tuple[str]]  # local pending copies they replace


def _prepare_messages(items: Iterable[dict[str, Any]]) -> _PreparedMessages:
    """The rows of ``items``, built outside any transaction."""
    servers: list[dict[str, Any]] = []
    pending_keys: list[tuple[str]] = []
    for item in items:
        if item.get("idempotency_key"):
            pending_keys.append((str(item["idempotency_key"]),))
        servers.append({k: v for k, v in item.items() if k != "idempotency_key"})
    return _PreparedMessages(servers, [message_row(s) for s in servers], pending_keys)


def _write_messages(c: sqlite3.Connection, prepared: _PreparedMessages) -> None:
    servers, rows = prepared.servers, prepared.rows
    if prepared.pending_keys:
        c.executemany(_DELETE_PENDING, prepared.pending_keys)
    stored = _stored_statuses(c, [s["id"] for s in servers])
    for i, server in enumerate(servers):
        current = stored.get(server["id"])
        if current is not None and not should_apply(current[0], server.get("status") or ""):
            # An older status arrived late: the message keeps the one it has.
            old = current[1] if isinstance(current[1], dict) else loads(current[1])
            server = {**server}
            for field in ("status", "status_at", "error"):
                if field in old:
                    server[field] = old[field]
            rows[i] = message_row(server)
        stored[server["id"]] = (server.get("status"), server)
    c.executemany(_UPSERT_MESSAGE, rows)


_IDS_PER_QUERY = 500  # under SQLite's limit of bound parameters


def _stored_statuses(c: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[Any, Any]]:
    """id -> (status, stored JSON text) of the messages among ``ids`` already stored."""
    found: dict[str, tuple[Any, Any]] = {}
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), _IDS_PER_QUERY):
        chunk = unique[start : start + _IDS_PER_QUERY]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT id, status, json FROM messages WHERE id IN ({marks})"  # noqa: S608
        for row in c.execute(sql, chunk):
            found[str(row["id"])] = (row["status"], row["json"])
    return found


def _apply_status(c: sqlite3.Connection, data: dict[str, Any]) -> int:
    """1 when ``data`` (a ``message.status`` event) moved its message forward, else 0."""
    row = c.execute(
        "SELECT id, status, json FROM messages WHERE id = ? OR (wamid IS NOT NULL "
        "AND wamid = ?) LIMIT 1",
        (data.get("id"), data.get("wamid")),
    ).fetchone()
    if row is None or not should_apply(row["status"], data["status"]):
        return 0
    message = loads(row["json"])
    message["status"] = data["status"]
    for field in ("status_at", "error", "wamid"):
        if field in data and (field != "wamid" or data[field]):
            message[field] = data[field]
    c.execute(
        "UPDATE messages SET status = ?, wamid = ?, error = ?, json = ? WHERE id = ?",
        (
            message["status"],
            message.get("wamid"),
            dumps(message["error"]) if message.get("error") is not None else None,
            dumps(message),
            row["id"],
        ),
    )
    return 1
