"""The messages of the open conversation, oldest first.

Reactions, edits and deletions are not rows of their own: they change the message they
point at (by WhatsApp id), whenever either side arrives first. Older history comes in
pages through ``fetch_older``, which asks for it with a signal. Not through Qt's
``canFetchMore``/``fetchMore``: a list view calls those at its bottom, which in a chat
would pull the whole history in at once; the view asks at the top instead.

The model holds a window of at most ``window_rows`` consecutive messages: Qt's list lays
every row out again on each insertion, so what a new message costs grows with the rows
held, not with the history. Paging up past the window lets go of its newest rows (then
``fetch_newer`` pages them in again, letting go of the oldest); while the window does
not reach the newest message, new messages are not rows but counted (``newerWaiting``),
and the agent's own reply asks for the newest page (``newestNeeded``).
"""

from __future__ import annotations

import bisect
import collections
import functools
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.cursor import encode as encode_cursor
from wa_desk.core.message_status import should_apply
from wa_desk.core.message_text import render
from wa_desk.ui.common.plain_text import plain_tooltip
from wa_desk.ui.common.timefmt import day_label, format_clock, parse_ms, same_day
from wa_desk.ui.conversation.delivery_errors import (
    delivery_error_text,
    error_code,
    error_details,
)
from wa_desk.ui.conversation.message_content import Content, describe, preview
from wa_desk.ui.conversation.problem_words import problem_texts

Index = QModelIndex | QPersistentModelIndex

# Conversations whose rows' measured sizes are kept for when the agent comes back.
_REMEMBERED_CONVERSATIONS = 4

# Messages held at most: an insertion lays them all out again (some 10 µs a row).
WINDOW_ROWS = 150
# Rows of a page of history put in per pass of the event loop: the list measures each.
ROWS_AT_ONCE = 8
# Rows let go of at once when new messages grow a window that reaches the newest.
_TRIMMED_AT_ONCE = 50

# Types that modify another message instead of showing up as one.
ATTACHED_TYPES = frozenset({"reaction", "edit", "revoke"})


class MessageRoles(IntEnum):
    MESSAGE = Qt.ItemDataRole.UserRole + 1  # the message dict
    ID = Qt.ItemDataRole.UserRole + 2
    DIRECTION = Qt.ItemDataRole.UserRole + 3  # "in" | "out"
    TYPE = Qt.ItemDataRole.UserRole + 4
    CONTENT = Qt.ItemDataRole.UserRole + 5  # message_content.Content
    BODY = Qt.ItemDataRole.UserRole + 6  # plain text, as written
    LABEL = Qt.ItemDataRole.UserRole + 7
    DETAILS = Qt.ItemDataRole.UserRole + 8  # list[str]
    LINK = Qt.ItemDataRole.UserRole + 9
    DOWNLOADABLE = Qt.ItemDataRole.UserRole + 10
    QUOTE = Qt.ItemDataRole.UserRole + 11  # the replied-to message, one line
    REACTIONS = Qt.ItemDataRole.UserRole + 12  # "👍 ❤️ 2"
    STATUS = Qt.ItemDataRole.UserRole + 13
    TICKS = Qt.ItemDataRole.UserRole + 14
    STATUS_TEXT = Qt.ItemDataRole.UserRole + 15  # words for failures, "" otherwise
    SENDER = Qt.ItemDataRole.UserRole + 16  # agent name for outgoing messages
    TIME = Qt.ItemDataRole.UserRole + 17  # "14:05"
    DAY = Qt.ItemDataRole.UserRole + 18  # the day heading above this row, or ""
    FLAGGED = Qt.ItemDataRole.UserRole + 19
    PROBLEMS = Qt.ItemDataRole.UserRole + 20  # list[str]: why it is flagged, in words
    NOTICE = Qt.ItemDataRole.UserRole + 21
    EDITED = Qt.ItemDataRole.UserRole + 22
    DELETED = Qt.ItemDataRole.UserRole + 23
    TIMESTAMP = Qt.ItemDataRole.UserRole + 24  # epoch ms
    EXPANDED = Qt.ItemDataRole.UserRole + 25  # a long message shown whole ("Show more")
    AUTOMATIC = Qt.ItemDataRole.UserRole + 26  # sent by the hub on its own, not a person
    # (id, revision): changes whenever anything that can change the row's size changes,
    # so a delegate can keep each row's measured size until then.


STATUS_ROLES = [
    int(MessageRoles.STATUS),
    int(MessageRoles.TICKS),
    int(MessageRoles.STATUS_TEXT),
    int(Qt.ItemDataRole.ToolTipRole),  # a failure's WhatsApp details
]

TICKS = {
    "pending": "🕓",
    "accepted": "🕓",
    "sent": "✓",
    "delivered": "✓✓",
    "read": "✓✓",
    "played": "✓✓",
    "failed": "⚠",
}


@dataclass(slots=True)
class RowSize:
    """A row's measured heights, kept beside the row for the delegate: Qt asks for every
    row's size on each layout pass, and a list indexed by row answers that fastest."""

    heights: dict[int, int] = field(default_factory=dict)  # delegate's key -> height
    laid_out: int = -1  # the height the view was last given for this row (-1: never)


@dataclass(slots=True, frozen=True)
class Bubble:
    """What a bubble's layout reads, in one call instead of a ``data`` call per role
    (each the same as its role's value)."""

    day: str
    content: Content
    body: str
    deleted: bool
    outgoing: bool
    sender: str
    quote: str
    downloadable: bool
    flagged: bool
    problems: list[str]
    time: str
    edited: bool
    reactions: str
    status_text: str
    expanded: bool = False
    automatic: bool = False


def quote_text(message: dict[str, Any]) -> str:
    """One line of a quoted message as it reads: WhatsApp's formatting marks read, not
    shown (a quote line has no room for bold or italic)."""
    return render(preview(message)).text


def _timestamp(message: dict[str, Any]) -> Millis:
    return parse_ms(message.get("timestamp")) or 0


def _key(message: dict[str, Any]) -> tuple[Millis, str]:
    """Where a message sorts: by time, then by id."""
    return _timestamp(message), str(message["id"])


def status_text(message: dict[str, Any]) -> str:
    """A failed send in the app's words for WhatsApp's code (``delivery_errors``); Meta's
    own English stays in the tooltip (``failure_tooltip``)."""
    if message.get("status") != "failed":
        return ""
    code = error_code(message)
    if code is None:
        return QCoreApplication.translate(
            "ConversationModel", "Not delivered: WhatsApp gave no reason."
        )
    return (
        QCoreApplication.translate("ConversationModel", "Not delivered (code %2): %1")
        .replace("%1", delivery_error_text(code))
        .replace("%2", str(code))
    )


def failure_tooltip(message: dict[str, Any]) -> str:
    """Meta's title and details of a failed send, for whoever needs WhatsApp's words."""
    if message.get("status") != "failed" or message.get("direction") != "out":
        return ""
    details = error_details(message)
    return plain_tooltip(details) if details else ""


class ConversationModel(QAbstractListModel):
    olderMessagesRequested = Signal(str, str)  # conversation id, "before" cursor
    newerMessagesRequested = Signal(str, str)  # conversation id, "after" cursor
    newerWaiting = Signal(int)  # new messages past a window that ends before them
    newestNeeded = Signal(str)  # conversation id: the agent's reply is past the window

    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], Millis] = now_ms
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.conversation_id: str | None = None
        self._rows: list[dict[str, Any]] = []
        self._keys: list[tuple[Millis, str]] = []  # (timestamp, id) per row, sorted
        # Rows are found by id through their key (a dict, then a bisection), and by
        # WhatsApp id through the message id: no scan of a 10,000-message history.
        self._key_of: dict[str, tuple[Millis, str]] = {}
        self._id_of_wamid: dict[str, str] = {}
        self._sizes: list[RowSize] = []  # per row, beside ``_rows``
        # conversation id -> message id -> (what the size depended on, the sizes)
        self._remembered: OrderedDict[str, dict[str, tuple[Any, RowSize]]] = OrderedDict()
        self._content: dict[str, Content] = {}
        self._reactions: dict[str, dict[str, str]] = {}  # target wamid -> sender -> emoji
        self._edits: dict[str, str] = {}  # target wamid -> new text
        self._revoked: set[str] = set()
        self._attached_ids: set[str] = set()
        self._names: dict[str, str] = {}
        self._expanded: set[str] = set()  # ids of long messages the agent opened whole
        self._older_cursor: str | None = None
        self._loading_older = False
        # None: the window reaches the newest message; else where its newer page begins.
        self._newer_cursor: str | None = None
        self._loading_newer = False
        self.window_rows = WINDOW_ROWS
        self.paging = False  # rows coming or going are a page of history, not new messages
        self._passes: collections.deque[Callable[[], None]] = collections.deque()
        self._passes_done: Callable[[], None] | None = None
        self._missed_past_window = False  # a message came past the window while it moved

    # -- inputs -------------------------------------------------------------------------

    def show(
        self,
        conversation_id: str,
        messages: Iterable[dict[str, Any]],
        older_cursor: str | None = None,
    ) -> None:
        """Switch to another conversation (the only reset: a different list, not an update)."""
        self.beginResetModel()
        self._remember_sizes()
        self.conversation_id = conversation_id
        self._rows, self._keys, self._content = [], [], {}
        self._key_of, self._id_of_wamid = {}, {}
        self._sizes = []
        self._reactions, self._edits, self._revoked, self._attached_ids = {}, {}, set(), set()
        self._expanded = set()
        self._older_cursor, self._loading_older = older_cursor, False
        self._newer_cursor, self._loading_newer = None, False
        self._passes.clear()  # a page still going in belonged to what was shown
        self._passes_done = None
        self._missed_past_window = False
        for message in messages:
            if self._attach(message) is None:
                self._place(dict(message))
        if len(self._rows) > self.window_rows:  # more than a window: its newest part
            self._forget(0, len(self._rows) - self.window_rows)
            self._older_cursor = encode_cursor(*self._keys[0])
        self._sizes = self._recalled_sizes()
        self.endResetModel()

    def set_names(self, names: dict[str, str]) -> None:
        """Display names of senders (agent user ids → names)."""
        if all(self._names.get(k) == v for k, v in names.items()):
            return
        self._names.update(names)
        # A sender's name is elided to one line: it never changes a row's height, so
        # the measured heights (``_sizes``) stay.
        if self._rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._rows) - 1), [int(MessageRoles.SENDER)]
            )

    def append(self, messages: Iterable[dict[str, Any]]) -> None:
        """New messages (usually at the end); known ids are updated instead."""
        self.upsert(messages)

    def upsert(self, messages: Iterable[dict[str, Any]]) -> None:
        past_window = 0
        for message in messages:
            if self.conversation_id and message.get("conversation_id") not in (
                None,
                self.conversation_id,
            ):
                continue
            target_row = self._attach(message)
            if target_row is not None:
                if target_row >= 0:
                    self._changed(target_row)
                continue
            if message.get("id") in self._attached_ids:
                continue
            row = self.row_of(message["id"])
            if row is None and self._past_window(message):
                # In the cache: paged in when the window moves down to it.
                if message.get("status") == "pending" and self.conversation_id:
                    self.newestNeeded.emit(self.conversation_id)
                else:
                    past_window += 1
                    self._missed_past_window = True
                continue
            if row is None and message.get("idempotency_key"):
                self._drop_pending(str(message["idempotency_key"]))
            if row is None:
                self._insert(dict(message))
            else:
                self._content.pop(message["id"], None)
                self._rows[row] = dict(message)
                self._index_wamid(self._rows[row])
                self._changed(row)
        if past_window:
            self.newerWaiting.emit(past_window)
        if len(self._rows) > self.window_rows + _TRIMMED_AT_ONCE:
            self._let_go_oldest()

    def _past_window(self, message: dict[str, Any]) -> bool:
        """Newer than the last row of a window that does not reach the newest message."""
        if self._newer_cursor is None or not self._keys:
            return False
        return (_timestamp(message), str(message["id"])) > self._keys[-1]

    def prepend_page(
        self, messages: Iterable[dict[str, Any]], older_cursor: str | None = None
    ) -> None:
        """An older page arrived; ``older_cursor`` asks for the one before it (None: none).

        Its rows go in ``ROWS_AT_ONCE`` at a time, one pass of the event loop each (the
        list measures every new row before it paints again); the next page is asked for
        once the last is in."""
        page = self._page_rows(messages)
        old_first = self._keys[0] if self._keys else None
        # Rows older than everything shown go in as blocks; stragglers take their place.
        split = 0
        while split < len(page) and (old_first is None or _key(page[split]) < old_first):
            split += 1
        head, rest = page[:split], page[split:]
        for message in rest:
            self._insert(message)
        steps = [
            functools.partial(self._prepend_rows, head[max(0, end - ROWS_AT_ONCE) : end])
            for end in range(len(head), 0, -ROWS_AT_ONCE)
        ]

        def done() -> None:
            self._loading_older = False
            self._older_cursor = older_cursor
            self._quotes_of(page)

        self._in_passes(steps, done)

    def _prepend_rows(self, rows: list[dict[str, Any]]) -> None:
        had_rows = bool(self._rows)
        self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
        keys = [_key(m) for m in rows]
        self._rows[0:0] = rows
        self._keys[0:0] = keys
        self._sizes[0:0] = [RowSize() for _ in rows]
        for message, key in zip(rows, keys, strict=True):
            self._key_of[key[1]] = key
            self._index_wamid(message)
        self.endInsertRows()
        if had_rows:
            # The day heading of the old first row may now belong to the rows above it.
            self._changed(len(rows), [int(MessageRoles.DAY)])
        if len(self._rows) > self.window_rows:
            # Paging up: the newest rows go, paged in again on the way down.
            first = self.window_rows
            self.beginRemoveRows(QModelIndex(), first, len(self._rows) - 1)
            self._forget(first, len(self._rows))
            self.endRemoveRows()
            self._newer_cursor = encode_cursor(*self._keys[-1])

    def append_page(
        self, messages: Iterable[dict[str, Any]], newer_cursor: str | None = None
    ) -> None:
        """A newer page arrived (the window moves down); ``newer_cursor`` asks for the
        one after it (None: these are the newest). In passes, as ``prepend_page``."""
        page = self._page_rows(messages)
        steps: list[Callable[[], None]] = []
        if page and self._keys and _key(page[0]) <= self._keys[-1]:
            for message in page:  # not after the window (a late page): in place
                self._insert(message)
        else:
            steps = [
                functools.partial(self._append_rows, page[at : at + ROWS_AT_ONCE])
                for at in range(0, len(page), ROWS_AT_ONCE)
            ]

        def done() -> None:
            self._loading_newer = False
            if newer_cursor is None and self._missed_past_window and self._keys:
                # Messages came past the window while it moved: one more page has them.
                self._newer_cursor = encode_cursor(*self._keys[-1])
            else:
                self._newer_cursor = newer_cursor
            self._missed_past_window = False
            self._quotes_of(page)

        self._in_passes(steps, done)

    def _append_rows(self, rows: list[dict[str, Any]]) -> None:
        self.paging = True
        try:
            last = len(self._rows)
            keys = [_key(m) for m in rows]
            self.beginInsertRows(QModelIndex(), last, last + len(rows) - 1)
            self._rows.extend(rows)
            self._keys.extend(keys)
            self._sizes.extend(RowSize() for _ in rows)
            for message, key in zip(rows, keys, strict=True):
                self._key_of[key[1]] = key
                self._index_wamid(message)
            self.endInsertRows()
            if len(self._rows) > self.window_rows:
                self._let_go_oldest()
        finally:
            self.paging = False

    def _page_rows(self, messages: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """A page's messages that are rows and not held yet, oldest first (what it
        attaches to rows held is attached)."""
        page = []
        for message in messages:
            if message.get("id") in self._attached_ids or self.row_of(message["id"]) is not None:
                continue
            target_row = self._attach(message)
            if target_row is None:
                page.append(dict(message))
            elif target_row >= 0:
                self._changed(target_row)
        page.sort(key=_key)
        return page

    def _in_passes(self, steps: Sequence[Callable[[], None]], done: Callable[[], None]) -> None:
        """Run ``steps``, the first now and each next one in a later pass of the event
        loop, then ``done``."""
        self._passes = collections.deque(steps)
        self._passes_done = done
        self._next_pass()

    def _next_pass(self) -> None:
        if self._passes:
            self._passes.popleft()()
        if self._passes:
            QTimer.singleShot(0, self, self._next_pass)
        elif self._passes_done is not None:
            done, self._passes_done = self._passes_done, None
            done()

    def _let_go_oldest(self) -> None:
        """The window keeps its newest ``window_rows``; paged in again on the way up."""
        count = len(self._rows) - self.window_rows
        self.beginRemoveRows(QModelIndex(), 0, count - 1)
        self._forget(0, count)
        self.endRemoveRows()
        self._older_cursor = encode_cursor(*self._keys[0])
        self._changed(0, [int(MessageRoles.DAY)])  # the new first row heads its day

    def _quotes_of(self, page: list[dict[str, Any]]) -> None:
        arrived = {m["wamid"] for m in page if m.get("wamid")}
        if not arrived:
            return
        for row, m in enumerate(self._rows):
            # Replies above or below may quote messages that just arrived.
            if m.get("context_wamid") in arrived:
                self._changed(row, [int(MessageRoles.QUOTE)])

    def _forget(self, first: int, end: int) -> None:
        """Rows ``first`` to ``end`` (excluded) leave the window (inside a removal or a
        reset); what is attached to them stays, for when they come back."""
        for m in self._rows[first:end]:
            self._key_of.pop(str(m["id"]), None)
            self._content.pop(str(m["id"]), None)
            wamid = m.get("wamid")
            if wamid:
                self._id_of_wamid.pop(str(wamid), None)
        del self._rows[first:end]
        del self._keys[first:end]
        if len(self._sizes) > first:
            del self._sizes[first:end]

    def apply_status(self, status: dict[str, Any]) -> bool:
        """A delivery status for one of our messages (by id or wamid); forward only."""
        row = self.row_of(status["id"]) if status.get("id") else None
        if row is None and status.get("wamid"):
            row = self._row_of_wamid(status["wamid"])
        if row is None:
            return False
        message = self._rows[row]
        if not should_apply(message.get("status"), status.get("status") or ""):
            return False
        message = {**message, "status": status["status"]}
        for key in ("status_at", "error", "wamid"):
            if status.get(key) is not None:
                message[key] = status[key]
        self._rows[row] = message
        self._index_wamid(message)
        self._changed(row, [*STATUS_ROLES, int(MessageRoles.MESSAGE)])
        return True

    def set_expanded(self, message_id: str, expanded: bool) -> None:
        """Show a long message whole, or its first screenful again."""
        row = self.row_of(message_id)
        if row is None or (message_id in self._expanded) == expanded:
            return
        if expanded:
            self._expanded.add(message_id)
        else:
            self._expanded.discard(message_id)
        self._changed(row, [int(MessageRoles.EXPANDED)])

    # -- paging -------------------------------------------------------------------------

    def older_cursor(self) -> str | None:
        """Where the page before the window's oldest row begins; None: nothing older."""
        return self._older_cursor

    def can_fetch_older(self) -> bool:
        return self._older_cursor is not None and not self._loading_older

    def fetch_older(self) -> None:
        if not self.can_fetch_older() or self.conversation_id is None:
            return
        self._loading_older = True
        assert self._older_cursor is not None
        self.olderMessagesRequested.emit(self.conversation_id, self._older_cursor)

    def paging_in(self) -> bool:
        """Whether a page is still going in (a few rows per pass of the event loop)."""
        return bool(self._passes)

    def reaches_newest(self) -> bool:
        """Whether the window holds the newest message (else ``fetch_newer``)."""
        return self._newer_cursor is None

    def can_fetch_newer(self) -> bool:
        return self._newer_cursor is not None and not self._loading_newer

    def fetch_newer(self) -> None:
        if not self.can_fetch_newer() or self.conversation_id is None:
            return
        self._loading_newer = True
        assert self._newer_cursor is not None
        self.newerMessagesRequested.emit(self.conversation_id, self._newer_cursor)

    # -- queries ------------------------------------------------------------------------

    def row_of(self, message_id: str) -> int | None:
        key = self._key_of.get(message_id)
        return None if key is None else bisect.bisect_left(self._keys, key)

    def size_slot(self, row: int) -> RowSize:
        """The row's measured heights (emptied whenever its size may have changed)."""
        return self._sizes[row]

    def bubble(self, row: int) -> Bubble:
        m = self._rows[row]
        wamid = m.get("wamid")
        content = self._content_of(m)
        revoked = bool(wamid and wamid in self._revoked)
        body = "" if revoked else (self._edits.get(wamid, content.body) if wamid else content.body)
        ts = self._keys[row][0]
        day = ""
        if row == 0 or not same_day(self._keys[row - 1][0], ts):
            day = day_label(ts, self._clock())
        outgoing = m.get("direction") == "out"
        automatic = outgoing and bool(m.get("automatic"))
        sender = str(m.get("sender") or "") if outgoing and not automatic else ""
        return Bubble(
            day=day,
            content=content,
            body=body,
            deleted=revoked,
            outgoing=outgoing,
            sender=self._names.get(sender, sender),
            quote=self._quote(m),
            downloadable=content.downloadable and not revoked,
            flagged=bool(m.get("flagged")),
            problems=problem_texts(m),
            time=format_clock(ts),
            edited=bool(wamid and wamid in self._edits),
            reactions=self._reaction_text(wamid),
            status_text=status_text(m) if outgoing else "",
            automatic=automatic,
            expanded=str(m["id"]) in self._expanded,
        )

    def _size_basis(self, row: int) -> tuple[Any, ...]:
        """Everything a row's height depends on, to reuse it when the conversation is
        shown again (the message itself, what is attached to it, its day heading)."""
        m = self._rows[row]
        wamid = m.get("wamid")
        above = self._keys[row - 1][0] if row else None  # decides the day heading
        attached = (
            (self._edits.get(wamid), wamid in self._revoked, bool(self._reactions.get(wamid)))
            if wamid
            else None
        )
        return m, attached, above, str(m["id"]) in self._expanded

    def _remember_sizes(self) -> None:
        if not self.conversation_id or not self._rows:
            return
        self._remembered[self.conversation_id] = {
            str(m["id"]): (self._size_basis(row), size)
            for row, (m, size) in enumerate(zip(self._rows, self._sizes, strict=True))
            if size.heights
        }
        self._remembered.move_to_end(self.conversation_id)
        while len(self._remembered) > _REMEMBERED_CONVERSATIONS:
            self._remembered.popitem(last=False)

    def _recalled_sizes(self) -> list[RowSize]:
        remembered = self._remembered.pop(self.conversation_id or "", {})
        sizes = []
        for row, m in enumerate(self._rows):
            kept = remembered.get(str(m["id"]))
            if kept is not None and kept[0] == self._size_basis(row):
                sizes.append(RowSize(kept[1].heights))
            else:
                sizes.append(RowSize())
        return sizes

    def _drop_pending(self, key: str) -> None:
        """The hub's copy of a message sent from here replaces its local pending copy."""
        for row in range(len(self._rows) - 1, -1, -1):
            pending = self._rows[row]
            if pending.get("idempotency_key") == key and pending.get("status") == "pending":
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                del self._keys[row]
                del self._sizes[row]
                self._key_of.pop(str(pending["id"]), None)
                self._content.pop(str(pending["id"]), None)
                self.endRemoveRows()
                return

    def message(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in MessageRoles})
        return names

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = index.row()
        m = self._rows[row]
        wamid = m.get("wamid")
        content = self._content_of(m)
        if role in (Qt.ItemDataRole.DisplayRole, MessageRoles.BODY):
            if wamid in self._revoked:
                return ""
            return self._edits.get(wamid, content.body) if wamid else content.body
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [content.label, self.data(index, MessageRoles.BODY), *content.details]
            return ". ".join(p for p in parts if p)
        if role == MessageRoles.MESSAGE:
            return m
        if role == MessageRoles.ID:
            return m["id"]
        if role == MessageRoles.DIRECTION:
            return m.get("direction") or "in"
        if role == MessageRoles.TYPE:
            return m.get("type") or "unknown"
        if role == MessageRoles.CONTENT:
            return content
        if role == MessageRoles.LABEL:
            return content.label
        if role == MessageRoles.DETAILS:
            return list(content.details)
        if role == MessageRoles.LINK:
            return content.link
        if role == MessageRoles.DOWNLOADABLE:
            return content.downloadable and wamid not in self._revoked
        if role == MessageRoles.QUOTE:
            return self._quote(m)
        if role == MessageRoles.REACTIONS:
            return self._reaction_text(wamid)
        if role == MessageRoles.STATUS:
            return m.get("status") or ""
        if role == MessageRoles.TICKS:
            return TICKS.get(m.get("status") or "", "") if m.get("direction") == "out" else ""
        if role == MessageRoles.STATUS_TEXT:
            return status_text(m) if m.get("direction") == "out" else ""
        if role == MessageRoles.AUTOMATIC:
            return m.get("direction") == "out" and bool(m.get("automatic"))
        if role == MessageRoles.SENDER:
            if m.get("direction") != "out" or m.get("automatic"):
                return ""
            sender = str(m.get("sender") or "")
            return self._names.get(sender, sender)
        if role == MessageRoles.TIMESTAMP:
            return _timestamp(m)
        if role == MessageRoles.TIME:
            return format_clock(_timestamp(m))
        if role == MessageRoles.DAY:
            ts = _timestamp(m)
            if row > 0 and same_day(_timestamp(self._rows[row - 1]), ts):
                return ""
            return day_label(ts, self._clock())
        if role == MessageRoles.FLAGGED:
            return bool(m.get("flagged"))
        if role == MessageRoles.PROBLEMS:
            return problem_texts(m)
        if role == Qt.ItemDataRole.ToolTipRole:
            return failure_tooltip(m) or None
        if role == MessageRoles.NOTICE:
            return content.notice
        if role == MessageRoles.EDITED:
            return bool(wamid and wamid in self._edits)
        if role == MessageRoles.DELETED:
            return bool(wamid and wamid in self._revoked)
        if role == MessageRoles.EXPANDED:
            return str(m["id"]) in self._expanded
        return None

    # -- internals --------------------------------------------------------------------------

    def _content_of(self, message: dict[str, Any]) -> Content:
        key = str(message["id"])
        content = self._content.get(key)
        if content is None:
            content = self._content[key] = describe(message)
        return content

    def _row_of_wamid(self, wamid: str) -> int | None:
        message_id = self._id_of_wamid.get(wamid)
        return None if message_id is None else self.row_of(message_id)

    def _index_wamid(self, message: dict[str, Any]) -> None:
        wamid = message.get("wamid")
        if wamid:
            self._id_of_wamid[str(wamid)] = str(message["id"])

    def _changed(self, row: int, roles: list[int] | None = None) -> None:
        """Row ``row`` changed: its measured heights are dropped (measured again), then the
        signal (every role when ``roles`` is None)."""
        self._sizes[row].heights = {}
        index = self.index(row)
        if roles is None:
            self.dataChanged.emit(index, index)
        else:
            self.dataChanged.emit(index, index, roles)

    def _target_wamid(self, message: dict[str, Any]) -> str | None:
        kind = message.get("type")
        if kind == "reaction":
            return message.get("reaction_to")
        if kind in ("edit", "revoke"):
            payload = message.get("payload") or {}
            section = payload.get(kind) if isinstance(payload, dict) else None
            target = section.get("original_message_id") if isinstance(section, dict) else None
            return target if isinstance(target, str) else None
        return None

    def _attach(self, message: dict[str, Any]) -> int | None:
        """Record a reaction/edit/revoke on its target: the target's row, -1 when the
        target is not loaded yet, None when ``message`` is an ordinary row."""
        if message.get("type") not in ATTACHED_TYPES:
            return None
        target = self._target_wamid(message)
        if not target:
            return None  # nothing to attach to: shown as a row with its problem
        self._attached_ids.add(str(message["id"]))
        kind = message["type"]
        if kind == "reaction":
            sender = str(message.get("sender") or message.get("direction") or "")
            emoji = message.get("text") or ""
            senders = self._reactions.setdefault(target, {})
            if emoji:
                senders[sender] = emoji
            else:
                senders.pop(sender, None)  # WhatsApp removes a reaction with an empty one
        elif kind == "edit":
            self._edits[target] = message.get("text") or ""
        else:
            self._revoked.add(target)
        row = self._row_of_wamid(target)
        return -1 if row is None else row

    def _reaction_text(self, wamid: str | None) -> str:
        senders = self._reactions.get(wamid or "")
        if not senders:
            return ""
        counts: dict[str, int] = {}
        for emoji in senders.values():
            counts[emoji] = counts.get(emoji, 0) + 1
        return " ".join(e if n == 1 else f"{e} {n}" for e, n in counts.items())

    def _quote(self, message: dict[str, Any]) -> str:
        context = message.get("context_wamid")
        if not context:
            return ""
        row = self._row_of_wamid(context)
        if row is None:
            return QCoreApplication.translate("ConversationModel", "Reply to an earlier message")
        return quote_text(self._rows[row])

    def _place(self, message: dict[str, Any]) -> None:
        key = (_timestamp(message), str(message["id"]))
        at = bisect.bisect_right(self._keys, key)
        self._rows.insert(at, message)
        self._keys.insert(at, key)
        self._key_of[key[1]] = key
        self._index_wamid(message)

    def _insert(self, message: dict[str, Any]) -> None:
        key = (_timestamp(message), str(message["id"]))
        at = bisect.bisect_right(self._keys, key)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, message)
        self._keys.insert(at, key)
        self._sizes.insert(at, RowSize())
        self._key_of[key[1]] = key
        self._index_wamid(message)
        self.endInsertRows()
        if at + 1 < len(self._rows):
            # The row after the new one may lose its day heading.
            self._changed(at + 1, [int(MessageRoles.DAY)])
