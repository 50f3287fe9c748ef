"""The customer pane, wired to a session: who the customer is, their earlier
conversations, private notes, tags and the conversation's checklist, kept up to date
from the hub, the stream and the agent's own changes (shown at once, sent by the outbox)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from PySide6.QtCore import QObject, Signal

from wa_desk.client.errors import HubError
from wa_desk.client.outbox_runner import OutboxResult
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.ids import uuid7
from wa_desk.core.outbox_kinds import MARKETING_CHANGES, PROMISE_CHANGES, TAG_CHANGES, OutboxKind
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.core.tags import MAX_TAG_LENGTH, InvalidTag, normalize_tag
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.refusals import refusal_text
from wa_desk.ui.app.session import Session
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.common.promise_kept_dialog import kept_by_reference, may_keep_a_promise
from wa_desk.ui.customer.panel import CustomerPanel

EARLIER = 50  # earlier conversations asked of the hub
RECENT_REPLIES = 10  # the agent's replies offered as the one that kept a promise


class CustomerController(QObject):
    conversationRequested = Signal(str)  # an earlier conversation picked in the history

    def __init__(self, session: Session, panel: CustomerPanel) -> None:
        super().__init__(panel)
        self._session = session
        self._panel = panel
        self._fetched_for: str | None = None  # the conversation whose hub data was asked
        self._refreshes = 0  # notes or tags shown since: a slower full read is stale
        # Customer (wa_id) -> the marketing flag the stream (or the hub's answer to this
        # agent's change) last said: newer than a conversation read or asked for before
        # it, and any later change is announced too, so it is what the panel shows.
        self._opt_out_said: dict[str, dict[str, Any] | None] = {}
        # Conversation id -> how many of its contact's conversations are in queues this
        # agent cannot open (the hub says how many, never what they hold).
        self._elsewhere: dict[str, int] = {}
        c = self._connections = Connections()
        c.connect(panel.noteAdded, self.add_note)
        c.connect(panel.tagAdded, lambda cid, tag: self.change_tag(cid, tag, add=True))
        c.connect(panel.tagRemoved, lambda cid, tag: self.change_tag(cid, tag, add=False))
        c.connect(panel.historySelected, self.conversationRequested)
        c.connect(panel.marketingChanged, self.change_marketing)
        c.connect(panel.promises.keepRequested, self.ask_kept_by)
        c.connect(panel.promises.keptBy, self.keep_promise)
        c.connect(panel.promises.rescheduleRequested, self.reschedule_promise)
        c.connect(panel.promises.addRequested, self.add_promise)
        c.connect(panel.promises.breakRequested, self.break_promise)
        c.connect(panel.checklist.itemToggled, session.tick)
        c.connect(session.guidelinesChanged, self._show_checklist)
        c.connect(session.checklistChanged, self._checklist_changed)
        c.connect(session.promisesChanged, lambda _cid: self._show_promises())
        # The stream could not resume: promises may have changed unseen.
        c.connect(session.reloadNeeded, self._reload_promises)
        session.router.subscribe(
            [StreamEventKind.NOTE_ADDED, StreamEventKind.CONTACT_TAGS_CHANGED], self._on_stream
        )
        session.router.subscribe([StreamEventKind.CONTACT_OPT_OUT_CHANGED], self._on_opt_out)
        session.router.subscribe([StreamEventKind.PROMISE_CHANGED], self._on_promise_changed)
        session.on_outbox_result([OutboxKind.NOTE], self._on_note_result)
        session.on_outbox_result(PROMISE_CHANGES, self._on_promise_result)
        session.on_outbox_result(TAG_CHANGES, self._on_tag_result)
        session.on_outbox_result(MARKETING_CHANGES, self._on_marketing_result)

    def close(self) -> None:
        self._connections.disconnect_all()

    # -- showing a customer ----------------------------------------------------------------

    def show_for(self, conversation: dict[str, Any]) -> None:
        """The customer of the conversation on screen; brought up to date from the hub."""
        self._session.spawn(self._show_for(conversation), "customer")

    async def _show_for(self, conversation: dict[str, Any]) -> None:
        conversation_id = str(conversation["id"])
        wa_id = str(conversation["contact"]["wa_id"])
        first = self._fetched_for != conversation_id
        self._fetched_for = conversation_id
        await self._show(conversation)
        if not first:
            return  # the hub was asked when it was first shown
        session, store = self._session, self._session.store
        try:
            earlier = await session.api.conversations(wa_id=wa_id, limit=EARLIER)
            detail = await session.api.conversation(conversation_id)
            notes = await session.api.notes(conversation_id)
            tags = await session.api.contact_tags(wa_id)
            promises = await session.api.contact_promises(wa_id, "open")
        except HubError as exc:
            session.report(exc, quiet_when_offline=True)
            return
        await asyncio.to_thread(store.set_open_promises, wa_id, promises)
        self._elsewhere[conversation_id] = int(detail.get("contact_conversations_elsewhere") or 0)
        await asyncio.to_thread(store.upsert_conversations, earlier.items)
        await asyncio.to_thread(store.upsert_notes, notes)
        if not await asyncio.to_thread(self._tag_changes_waiting, wa_id):
            # A change still in the outbox is newer than the hub's answer: keep it shown.
            await asyncio.to_thread(store.set_contact_tags, wa_id, tags)
        if self._panel.conversation_id == conversation_id:
            # The hub's word on the customer (their marketing flag) is newer than the cache's.
            await self._show(
                {**conversation, "contact": detail.get("contact") or conversation["contact"]}
            )

    async def _show(self, conversation: dict[str, Any]) -> None:
        store = self._session.store
        conversation_id = str(conversation["id"])
        wa_id = str(conversation["contact"]["wa_id"])

        me = self._me()

        def read() -> tuple[list[dict[str, Any]], ...]:
            # Earlier conversations: the one on screen is not part of its own history.
            history = [c for c in store.contact_history(wa_id) if c.get("id") != conversation_id]
            promises = store.open_promises(wa_id, me)  # offline too: the last the hub said
            return history, store.notes(conversation_id), promises

        # What the panel shows must be no older than what was shown meanwhile (a note's
        # answer from the hub, the stream): read again if anything was.
        while True:
            shown_before = self._refreshes
            history, notes, promises = await asyncio.to_thread(read)
            tags = await asyncio.to_thread(store.contact_tags, wa_id)
            ticked = await asyncio.to_thread(store.checklist, conversation_id)
            if self._refreshes == shown_before:
                break
        contact = conversation["contact"]
        if wa_id in self._opt_out_said:
            contact = {**contact, "marketing_opt_out": self._opt_out_said[wa_id]}
        self._panel.show_customer(
            contact,
            history,
            notes,
            tags,
            conversation_id,
            elsewhere=self._elsewhere.get(conversation_id, 0),
        )
        self._panel.promises.show_promises(promises, conversation_id)
        self._show_checklist(conversation, ticked)

    def _shown(self) -> dict[str, Any] | None:
        conversation_id = self._panel.conversation_id
        return self._session.store.conversation(conversation_id) if conversation_id else None

    # -- promises: panel → log and outbox → hub; the store (hub's word + outbox) → panel --

    def _me(self) -> tuple[str, str]:
        signed = self._session.signed
        return signed.user_id, signed.user_name

    def _show_promises(self) -> None:
        """The shown customer's open promises as the store has them: the hub's last word
        with the agent's changes not yet taken laid over it."""
        shown = self._shown()
        if shown is None:
            return
        wa_id = str(shown["contact"]["wa_id"])
        promises = self._session.store.open_promises(wa_id, self._me())
        self._panel.promises.show_promises(promises, str(shown["id"]))

    def _reload_promises(self) -> None:
        shown = self._shown()
        if shown is not None:
            wa_id = str(shown["contact"]["wa_id"])
            self._session.spawn(self._refetch_promises(wa_id), "promises")

    async def _refetch_promises(self, wa_id: str) -> None:
        session = self._session
        try:
            promises = await session.api.contact_promises(wa_id, "open")
        except HubError as exc:
            session.report(exc, quiet_when_offline=True)
            return
        await asyncio.to_thread(session.store.set_open_promises, wa_id, promises)
        self._show_promises()

    def ask_kept_by(self, promise_id: str, _conversation_id: str) -> None:
        """Which of the agent's recent replies, in the conversation on screen, kept it."""
        shown = self._panel.conversation_id
        if shown is None:
            return
        page = self._session.store.messages_page(shown, limit=RECENT_REPLIES * 4)
        replies = [m for m in reversed(page.items) if may_keep_a_promise(m)][:RECENT_REPLIES]
        self._panel.promises.ask_kept_by(promise_id, replies)

    def keep_promise(
        self, promise_id: str, conversation_id: str, reply: dict[str, Any] | None = None
    ) -> None:
        """Kept, by ``reply`` when given: named by the hub's id once the hub has it, by
        the key its send carries while it still waits in the outbox."""
        payload: dict[str, Any] = {"promise": promise_id}
        if reply is not None:
            payload.update(kept_by_reference(reply))
        self._act_on_promise(OutboxKind.PROMISE_KEEP, conversation_id, payload)

    def reschedule_promise(
        self, promise_id: str, conversation_id: str, due_ms: Millis, reason: str
    ) -> None:
        payload = {"promise": promise_id, "due_at": to_rfc3339(due_ms), "reason": reason}
        self._act_on_promise(OutboxKind.PROMISE_RESCHEDULE, conversation_id, payload)

    def break_promise(self, promise_id: str, conversation_id: str, reason: str) -> None:
        payload = {"promise": promise_id, "reason": reason}
        self._act_on_promise(OutboxKind.PROMISE_BREAK, conversation_id, payload)

    def add_promise(self, conversation_id: str, what: str, due_ms: Millis) -> None:
        payload = {"id": uuid7(), "what": what, "due_at": to_rfc3339(due_ms)}
        self._act_on_promise(OutboxKind.PROMISE_MAKE, conversation_id, payload)

    def _act_on_promise(
        self, kind: OutboxKind, conversation_id: str, payload: dict[str, Any]
    ) -> None:
        """Logged and queued; shown at once, the hub's answer (or the stream's) settles it."""
        self._session.act_on_promise(kind, conversation_id, payload)

    def _on_promise_result(self, result: OutboxResult) -> None:
        if result.ok and result.response and "wa_id" in result.response:
            self._session.store.upsert_promises([result.response])
        self._show_promises()  # taken or refused: no longer laid over the hub's word
        self._refused(result)

    def _on_promise_changed(self, events: list[StreamEvent]) -> None:
        """Promises as they are now, whoever changed them: cached, whether the customer
        is shown or not (they are listed at once when they are)."""
        self._session.store.upsert_promises(data for _kind, data in events if data.get("id"))
        self._show_promises()

    # -- checklist ------------------------------------------------------------------------

    def _show_checklist(
        self, conversation: dict[str, Any] | None = None, ticked: dict[str, bool] | None = None
    ) -> None:
        """The checklist of the shown conversation's queue, as this agent left it."""
        conversation = conversation or self._shown()
        if conversation is None:
            return
        conversation_id = str(conversation["id"])
        items = self._session.guidelines.checklist_for(str(conversation.get("queue") or ""))
        if ticked is None:
            ticked = self._session.store.checklist(conversation_id)
        self._panel.checklist.show_checklist(conversation_id, items, ticked)

    def _checklist_changed(self, conversation_id: str) -> None:
        checklist = self._panel.checklist
        if checklist.conversation_id != conversation_id:
            return
        if checklist.state() != self._session.store.checklist(conversation_id):
            self._show_checklist()  # ticked elsewhere (the close dialog)

    # -- notes and tags: panel → store → outbox, hub → store → panel ----------------------

    def add_note(self, conversation_id: str, text: str) -> None:
        if self._session.actions.note(conversation_id, self._session.signed.user_name, text):
            self._show_notes(conversation_id)

    def change_tag(self, conversation_id: str, typed: str, *, add: bool) -> None:
        store = self._session.store
        conversation = store.conversation(conversation_id)
        if conversation is None:
            return
        try:
            tag = normalize_tag(typed)
        except InvalidTag:
            self._session.problem.emit(
                ProblemKind.INVALID_INPUT,
                self.tr(
                    "“%1” cannot be a tag: use letters, digits, “-” and “.”, at most %2 characters."
                )
                .replace("%1", typed)
                .replace("%2", str(MAX_TAG_LENGTH)),
            )
            return
        wa_id = str(conversation["contact"]["wa_id"])
        if self._session.actions.tag(add, conversation_id, wa_id, tag):
            self._show_tags(wa_id)

    def _tag_changes_waiting(self, wa_id: str) -> bool:
        return any(
            e.kind in TAG_CHANGES and e.payload.get("wa_id") == wa_id
            for e in self._session.store.outbox_waiting()
        )

    def _on_stream(self, events: list[StreamEvent]) -> None:
        store = self._session.store
        for kind, data in events:
            if kind == StreamEventKind.NOTE_ADDED:
                store.upsert_notes([data])
                self._show_notes(str(data.get("conversation_id")))
            elif not self._tag_changes_waiting(str(data.get("wa_id"))):
                store.set_contact_tags(str(data["wa_id"]), list(data.get("tags") or []))
                self._show_tags(str(data["wa_id"]))

    def change_marketing(self, conversation_id: str, stop: bool) -> None:
        """The customer told the agent they stop (or resume) marketing messages: logged,
        sent through the outbox; the panel shows the hub's answer."""
        conversation = self._session.store.conversation(conversation_id)
        if conversation is not None:
            wa_id = str(conversation["contact"]["wa_id"])
            self._session.actions.marketing(stop, conversation_id, wa_id)

    def _on_marketing_result(self, result: OutboxResult) -> None:
        response = result.response or {}
        shown = self._shown()
        if result.ok and "wa_id" in response:
            self._opt_out_said[str(response["wa_id"])] = response.get("marketing_opt_out")
        if result.ok and shown is not None and shown["contact"]["wa_id"] == response.get("wa_id"):
            self._panel.set_marketing(response.get("marketing_opt_out"))
        self._refused(result)

    def _on_opt_out(self, events: list[StreamEvent]) -> None:
        """A customer stopped or resumed marketing: the panel says so at once (their open
        conversations follow as ``conversation.updated``, for the template picker)."""
        for _kind, data in events:
            self._opt_out_said[str(data.get("wa_id"))] = data.get("marketing_opt_out")
        shown = self._shown()
        if shown is None:
            return
        for _kind, data in events:
            if data.get("wa_id") == shown["contact"]["wa_id"]:
                self._panel.set_marketing(data.get("marketing_opt_out"))

    def _on_note_result(self, result: OutboxResult) -> None:
        store = self._session.store
        response = result.response or {}
        if result.ok and "id" in response:
            store.upsert_notes([response])
        elif not result.ok:
            entry = store.outbox_get(result.entry_id)
            if entry is not None:
                store.drop_pending_note(entry.idempotency_key)
        if result.conversation_id:
            self._show_notes(result.conversation_id)
        self._refused(result)

    def _on_tag_result(self, result: OutboxResult) -> None:
        store = self._session.store
        response = result.response or {}
        entry = store.outbox_get(result.entry_id)
        wa_id = str(response.get("wa_id") or (entry.payload.get("wa_id") if entry else ""))
        if result.ok and "tags" in response and not self._tag_changes_waiting(wa_id):
            store.set_contact_tags(wa_id, list(response["tags"]))
        elif not result.ok:
            self._session.spawn(self._refetch_tags(wa_id), "tags")
        self._show_tags(wa_id)
        self._refused(result)

    def _refused(self, result: OutboxResult) -> None:
        if not result.ok and not result.session_expired:
            self._session.problem.emit(ProblemKind.REFUSED, refusal_text(result.code))

    async def _refetch_tags(self, wa_id: str) -> None:
        session = self._session
        with contextlib.suppress(HubError):
            tags = await session.api.contact_tags(wa_id)
            await asyncio.to_thread(session.store.set_contact_tags, wa_id, tags)
            self._show_tags(wa_id)

    def _show_notes(self, conversation_id: str) -> None:
        self._refreshes += 1
        shown = self._shown()
        if shown is not None and shown["id"] == conversation_id:
            self._panel.set_notes(self._session.store.notes(conversation_id))

    def _show_tags(self, wa_id: str) -> None:
        self._refreshes += 1
        shown = self._shown()
        if shown is not None and shown["contact"]["wa_id"] == wa_id:
            self._panel.set_tags(self._session.store.contact_tags(wa_id))
