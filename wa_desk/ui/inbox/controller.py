"""The inbox, wired to a session: conversations from the cache at once, then from the
hub; live changes from the stream; search in the cache and on the hub."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QObject

from wa_desk.client.errors import HubError
from wa_desk.client.outbox_runner import OutboxResult
from wa_desk.core.outbox_kinds import CONVERSATION_CHANGES
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.session import Session
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.inbox.view import InboxView

# A first load reads at most this many pages of conversations from the hub.
FIRST_LOAD_PAGES = 20
PAGE = 200
CACHED = 5000
SEARCH_CACHE_HITS = 500
# A large burst (a reconnect catching up) reaches the list in slices of this many
# conversations, each followed by a turn of the event loop.
SLICE = 100


class InboxController(QObject):
    def __init__(self, session: Session, view: InboxView) -> None:
        super().__init__(view)
        self._session = session
        self._view = view
        self._search_task: asyncio.Task[Any] | None = None
        self._connections = Connections()
        self._connections.connect(view.searchChanged, self.search)
        self._connections.connect(session.reloadNeeded, self.reload)
        self._connections.connect(session.guidelinesChanged, self._use_service_levels)
        session.router.subscribe([StreamEventKind.CONVERSATION_UPDATED], self._on_updated)
        session.on_outbox_result(CONVERSATION_CHANGES, self._on_action_result)
        self._use_service_levels()

    def close(self) -> None:
        self._connections.disconnect_all()

    def _use_service_levels(self) -> None:
        """Waits are coloured by the policy's first-response targets (``[[policy.sla]]``)."""
        self._view.model.set_service_levels(self._session.guidelines.sla)

    async def show_cached(self) -> None:
        """What this computer knew: shown before the hub answers (or while it is away)."""
        user = self._session.user
        cached = await asyncio.to_thread(
            self._session.store.list_conversations,
            "all",
            self._session.user_id,
            [str(q) for q in user.get("queues") or []],
            None,
            CACHED,
        )
        self._view.model.upsert(cached)

    def reload(self) -> None:
        self._session.spawn(self.load(), "inbox-load")

    async def load(self) -> None:
        """The conversations the hub has for this user, page by page into the cache."""
        session, store = self._session, self._session.store
        cursor: str | None = None
        try:
            for _ in range(FIRST_LOAD_PAGES):
                page = await session.api.conversations(cursor=cursor, limit=PAGE)
                await asyncio.to_thread(store.upsert_conversations, page.items)
                self._view.model.upsert(page.items)
                cursor = page.next
                if cursor is None:
                    break
        except HubError as exc:
            session.report(exc)

    async def _on_updated(self, events: list[StreamEvent]) -> None:
        changed = list({str(d["id"]): d for _kind, d in events}.values())
        model = self._view.model
        for start in range(0, len(changed), SLICE):
            if start:
                await asyncio.sleep(0)  # a turn for input, layout and paint
            model.upsert(changed[start : start + SLICE])

    def _on_action_result(self, result: OutboxResult) -> None:
        response = result.response or {}
        if result.ok and "contact" in response:
            self._view.model.upsert([response])

    # -- search -----------------------------------------------------------------------

    def search(self, text: str) -> None:
        if self._search_task is not None:
            self._search_task.cancel()  # a newer search replaces the one in flight
        self._search_task = self._session.spawn(self._search(text), "search")

    async def _search(self, text: str) -> None:
        session, store = self._session, self._session.store
        found = await asyncio.to_thread(store.search, text, SEARCH_CACHE_HITS) if text else []
        ids = frozenset(found)
        self._view.filter.set_search(text, ids)
        if not text.strip():
            return
        # The cache holds the text only of conversations opened here: the hub searches
        # every message the agent may see, and what it finds joins the results.
        try:
            page = await session.api.conversations(q=text.strip(), limit=PAGE)
        except HubError:
            return  # offline: the cache's answer stands
        if page.items:
            await asyncio.to_thread(store.upsert_conversations, page.items)
            self._view.model.upsert(page.items)
            self._view.filter.set_search(text, ids | {str(c["id"]) for c in page.items})
