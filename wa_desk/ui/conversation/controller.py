"""The conversation pane, wired to a session: opening a conversation (the cache at once,
then the hub, and the agent's draft), older messages, replies and templates, claim,
release, transfer, close, reopen and take over, and what the stream and the hub's
answers change in the one on screen; an agent whose conversation a supervisor took over
is told so."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from wa_desk.client.errors import HubError, HubUnreachable
from wa_desk.client.outbox_runner import OutboxResult
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.conversation import Refusal
from wa_desk.core.conversation_permissions import ConversationAction
from wa_desk.core.guidelines import missing_required
from wa_desk.core.ids import uuid7
from wa_desk.core.outbox_kinds import CONVERSATION_CHANGES, OutboxKind
from wa_desk.core.promise_patterns import find_promise
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.core.templates import TemplateParams
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.refusals import refusal_text
from wa_desk.ui.app.session import Session
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.common.labels import disposition_choices
from wa_desk.ui.common.names import assignee_name, contact_name, user_name
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.promise_dialog import PromiseDialog
from wa_desk.ui.common.promise_hours import promise_hours
from wa_desk.ui.common.promise_kept_dialog import PromiseKeptByDialog, kept_by_reference
from wa_desk.ui.conversation.close_dialog import CloseDialog
from wa_desk.ui.conversation.drafts import Drafts
from wa_desk.ui.conversation.transfer_dialog import TransferDialog
from wa_desk.ui.conversation.view import ConversationView

MESSAGES = 50  # messages of the newest page, shown when a conversation opens
# Messages of a page of history, up or down: the list measures each new row, and a page
# must go in within a frame.
HISTORY_PAGE = 25
HOUR_MS = 3_600_000


class _Opening:
    """A conversation being opened: read from the cache, not on screen yet. What the
    stream or a hub's answer says of it meanwhile is newer than that read, and is what
    it is shown as."""

    def __init__(self, conversation_id: str) -> None:
        self.conversation_id = conversation_id
        self.newest: dict[str, Any] | None = None


class ConversationController(QObject):
    # The conversation on screen, as first shown from the cache and again once the hub
    # answered: the customer's pane follows it.
    conversationShown = Signal(dict)

    def __init__(self, session: Session, view: ConversationView) -> None:
        super().__init__(view)
        self._session = session
        self._view = view
        self._agents: list[dict[str, Any]] = []  # GET /api/v1/agents, kept by the stream
        self._transfer_dialog: TransferDialog | None = None
        self._openings: list[_Opening] = []
        self.drafts = Drafts(session.store, session.report, self)
        c = self._connections = Connections()
        c.connect(view.claimRequested, lambda cid: self._act(OutboxKind.CLAIM, cid, {}))
        c.connect(view.releaseRequested, lambda cid: self._act(OutboxKind.RELEASE, cid, {}))
        c.connect(view.reopenRequested, lambda cid: self._act(OutboxKind.REOPEN, cid, {}))
        c.connect(view.transferClicked, self.ask_transfer)
        c.connect(view.closeClicked, self.ask_close)
        c.connect(view.takeOverClicked, self.ask_take_over)
        c.connect(view.sendTextRequested, self.send_text)
        c.connect(view.sendTemplateRequested, self.send_template)
        c.connect(view.composer.sendTextOverriding, self.send_text_overriding)
        c.connect(view.composer.sendReplyRequested, self.send_reply)
        c.connect(view.composer.sendCannedRequested, self.send_canned)
        c.connect(view.composer.guidelineEvent, self._log_guideline)
        c.connect(view.composer.draftEdited, self.drafts.edited)
        c.connect(view.promise_offer.recordRequested, self.ask_promise)
        c.connect(view.promiseKeptRequested, self.ask_promise_kept)
        view.open_promises = lambda: len(self._open_promises())
        c.connect(view.model.olderMessagesRequested, self.load_older)
        c.connect(view.model.newerMessagesRequested, self.load_newer)
        c.connect(view.newestRequested, self.show_newest)
        c.connect(session.guidelinesChanged, self._use_guidelines)
        # The stream could not resume: statuses may have changed unseen.
        c.connect(session.reloadNeeded, lambda: session.spawn(self.load_agents(), "agents"))
        # ... and templates may have changed unseen.
        c.connect(session.reloadNeeded, self._reload_templates)
        session.router.subscribe(
            [
                StreamEventKind.MESSAGE_CREATED,
                StreamEventKind.MESSAGE_STATUS,
                StreamEventKind.CONVERSATION_UPDATED,
            ],
            self._on_stream,
        )
        session.router.subscribe([StreamEventKind.AGENT_STATUS], self._on_agent_status)
        session.router.subscribe([StreamEventKind.CONVERSATION_TAKEN_OVER], self._on_taken_over)
        session.router.subscribe([StreamEventKind.TEMPLATES_CHANGED], self._on_templates_changed)
        session.on_outbox_result([OutboxKind.SEND], self._on_send_result)
        session.on_outbox_result(CONVERSATION_CHANGES, self._on_action_result)
        view.composer.set_agent_name(session.signed.user_name)
        self._use_guidelines()

    def close(self) -> None:
        self._connections.disconnect_all()

    async def aclose(self) -> None:
        """Let go of the pane, the agent's last keystrokes kept."""
        self.close()
        await self.drafts.aclose()

    async def load_templates(self) -> None:
        try:
            self._view.composer.set_templates(await self._session.api.templates())
        except HubError as exc:
            self._session.report(exc, quiet_when_offline=True)

    def _reload_templates(self) -> None:
        self._session.spawn(self.load_templates(), "templates")

    def _on_templates_changed(self, _events: list[StreamEvent]) -> None:
        """WhatsApp changed the account's templates: the form takes the server's list
        (one that can no longer be sent says so where the agent is filling it in)."""
        self._reload_templates()

    async def load_agents(self) -> None:
        """Who conversations can be transferred to; the stream keeps their statuses."""
        try:
            self._use_agents(await self._session.api.agents())
        except HubError as exc:
            self._session.report(exc, quiet_when_offline=True)

    def _use_agents(self, agents: list[dict[str, Any]]) -> None:
        self._agents = agents
        self._view.model.set_names({str(a["id"]): user_name(a) for a in agents if a.get("id")})
        if self._transfer_dialog is not None:
            self._transfer_dialog.set_agents(self._transfer_targets())

    def _on_agent_status(self, events: list[StreamEvent]) -> None:
        agents = {str(a["id"]): a for a in self._agents}
        for _kind, agent in events:
            if agent.get("id"):  # older events carried only user_id and status
                agents[str(agent["id"])] = agent
        self._use_agents(sorted(agents.values(), key=user_name))

    def _transfer_targets(self) -> list[dict[str, Any]]:
        """Everyone listed but the agent themself."""
        return [a for a in self._agents if str(a.get("id")) != self._session.user_id]

    def _transfer_queues(self) -> list[str]:
        queues = {str(q) for q in self._session.user.get("queues") or []}
        for agent in self._agents:
            queues.update(str(q) for q in agent.get("queues") or [])
        return sorted(queues)

    # -- opening a conversation ---------------------------------------------------------

    def open(self, conversation_id: str) -> None:
        # Heard from now on, not from when the task starts: an answer may come first.
        opening = _Opening(conversation_id)
        self._openings.append(opening)
        self._session.spawn(self._open(opening), "open-conversation")

    async def _open(self, opening: _Opening) -> None:
        """Show the cached conversation at once, then bring it up to date from the hub."""
        session, store, view = self._session, self._session.store, self._view
        conversation_id = opening.conversation_id
        try:
            conversation = await asyncio.to_thread(store.conversation, conversation_id)
            if conversation is None:
                try:
                    conversation = await session.api.conversation(conversation_id)
                except HubError as exc:
                    session.report(exc)
                    return
                await asyncio.to_thread(store.upsert_conversations, [conversation])
            page = await asyncio.to_thread(store.messages_page, conversation_id, None, MESSAGES)
            draft = await self.drafts.load(conversation_id)
        finally:
            self._openings.remove(opening)
        # A claim's answer or the stream may have changed it while the cache was read: the
        # newest word on it wins over that read, which nothing would correct later.
        conversation = opening.newest or conversation
        view.show_conversation(conversation, page.items, page.before)
        view.composer.restore_draft(conversation_id, draft)
        self.conversationShown.emit(conversation)
        try:
            fresh = await session.api.messages(conversation_id, limit=MESSAGES)
        except HubError as exc:
            session.report(exc, quiet_when_offline=True)
            return
        await asyncio.to_thread(store.upsert_messages, fresh.items)
        if view.current_id() != conversation_id:
            return
        # While the hub answered, the conversation may have changed on screen (a claim's
        # answer, the stream): the snapshot read at the start is stale by now.
        conversation = view.current_conversation() or conversation
        if len(page.items) < len(fresh.items) or (fresh.next and not page.before):
            # The cache knew less than the hub: show the hub's page (and its cursor).
            view.show_conversation(conversation, fresh.items, fresh.next)
        else:
            view.model.upsert(fresh.items)
        self.conversationShown.emit(conversation)
        if conversation.get("unread") and conversation.get("assignee") == session.user_id:
            await session.actions.act_async(OutboxKind.READ, conversation_id, {})

    def load_older(self, conversation_id: str, before: str) -> None:
        self._session.spawn(self._load_older(conversation_id, before), "older-messages")

    async def _load_older(self, conversation_id: str, before: str) -> None:
        """The hub is authoritative for history; the cache answers while offline (cursors
        are the same on both sides)."""
        session, store = self._session, self._session.store
        try:
            remote = await session.api.messages(conversation_id, cursor=before, limit=HISTORY_PAGE)
        except HubUnreachable:
            page = await asyncio.to_thread(
                store.messages_page, conversation_id, before, HISTORY_PAGE
            )
            self._view.model.prepend_page(page.items, page.before)
            return
        except HubError as exc:
            session.report(exc)
            return
        await asyncio.to_thread(store.upsert_messages, remote.items)
        self._view.model.prepend_page(remote.items, remote.next)

    def load_newer(self, conversation_id: str, after: str) -> None:
        self._session.spawn(self._load_newer(conversation_id, after), "newer-messages")

    async def _load_newer(self, conversation_id: str, after: str) -> None:
        """Newer messages the view's window let go of on the way up, from the cache: it
        holds every message shown since (pages, the stream), written before shown."""
        store, model = self._session.store, self._view.model
        page = await asyncio.to_thread(store.messages_after, conversation_id, after, HISTORY_PAGE)
        if self._view.current_id() == conversation_id:
            model.append_page(page.items, page.before)

    def show_newest(self, conversation_id: str) -> None:
        self._session.spawn(self._show_newest(conversation_id), "newest-messages")

    async def _show_newest(self, conversation_id: str) -> None:
        """Back to the newest page, from a window far up the history."""
        store = self._session.store
        page = await asyncio.to_thread(store.messages_page, conversation_id, None, MESSAGES)
        if self._view.current_id() == conversation_id:
            self._view.show_newest(page.items, page.before)

    # -- replies --------------------------------------------------------------------------

    def send_text(self, conversation_id: str, text: str) -> None:
        self._send(conversation_id, text=text)

    def send_text_overriding(self, conversation_id: str, text: str, rules: list[str]) -> None:
        """Sent over guideline warnings: the overrides are logged with the send."""
        self._send(conversation_id, text=text, overridden=list(rules))

    def send_reply(
        self, conversation_id: str, text: str, reply_to: str, overridden: list[str]
    ) -> None:
        """A text that answers one message: the customer sees it quoted."""
        self._send(conversation_id, text=text, overridden=list(overridden), reply_to=reply_to)

    def send_canned(
        self,
        conversation_id: str,
        text: str,
        reply_to: str,
        overridden: list[str],
        canned: dict[str, str],
    ) -> None:
        """A text that came from a canned reply: ``canned_reply.used`` (its name, never its
        text) is logged with the send."""
        self._send(
            conversation_id,
            text=text,
            overridden=list(overridden),
            reply_to=reply_to or None,
            canned=dict(canned),
        )

    def send_template(
        self, conversation_id: str, name: str, language: str, params: dict[str, Any]
    ) -> None:
        """Every value the form holds goes into the outbox entry (the header's, the
        body's, a media link, the buttons'); a send the app could not record puts them
        back in the form."""
        values = TemplateParams.from_json(params).to_json()
        template = {"name": name, "language": language, **values}
        if not self._send(conversation_id, template=template):
            self._view.composer.restore_template(conversation_id, name, language, values)

    def _send(
        self,
        conversation_id: str,
        *,
        text: str | None = None,
        template: dict[str, Any] | None = None,
        overridden: list[str] | None = None,
        reply_to: str | None = None,
        canned: dict[str, str] | None = None,
    ) -> bool:
        """Whether the send was recorded (and queued)."""
        pending = self._session.actions.send(
            conversation_id,
            text=text,
            template=template,
            overridden=overridden,
            reply_to=reply_to,
            canned=canned,
        )
        if pending is None:
            if text is not None:  # nothing recorded: the text goes back to the editor
                self._view.composer.restore_draft(conversation_id, text)
            return False
        if text is not None:
            self.drafts.sent(conversation_id)  # no edit still on its way brings it back
        self._view.show_sent(pending)
        if text is not None:
            self._offer_promise(conversation_id, text, str(pending.get("idempotency_key") or ""))
        return True

    # -- promises the agent's replies make -------------------------------------------------

    def _offer_promise(self, conversation_id: str, text: str, message_key: str) -> None:
        """After the send (never before it): when the reply reads as a promise, offer to
        record it, with by when read in the queue's business hours and time zone."""
        session = self._session
        conversation = session.store.conversation(conversation_id) or {}
        found = find_promise(
            session.guidelines.promises,
            text,
            now_ms(),
            promise_hours(session.guidelines, str(conversation.get("queue") or "")),
        )
        if found is not None:
            self._view.promise_offer.offer(conversation_id, found, message_key)

    def ask_promise(
        self, conversation_id: str, what: str, due_ms: int | None, message_key: str
    ) -> PromiseDialog:
        """What and by when, prefilled and for the agent to confirm (by when: an hour from
        now when the words named no time); recorded like any other action."""
        due = due_ms if due_ms is not None else now_ms() + HOUR_MS
        dialog = PromiseDialog(self._view, due_ms=due, what=what)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done() -> None:
            payload = {
                "id": uuid7(),
                "what": dialog.text(),
                "due_at": to_rfc3339(dialog.due_ms()),
                "message_key": message_key or None,
            }
            self._session.act_on_promise(OutboxKind.PROMISE_MAKE, conversation_id, payload)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def _open_promises(self) -> list[dict[str, Any]]:
        """The open promises of the shown conversation's customer, as the store has them
        (the hub's last word with this agent's waiting changes laid over it)."""
        shown = self._view.current_conversation()
        if not shown:
            return []
        wa_id = str((shown.get("contact") or {}).get("wa_id") or "")
        return self._session.store.open_promises(wa_id, self._me())

    def _me(self) -> tuple[str, str]:
        signed = self._session.signed
        return signed.user_id, signed.user_name

    def ask_promise_kept(self, reply: dict[str, Any]) -> PromiseKeptByDialog | None:
        """Which of the customer's open promises this reply of the agent's kept."""
        promises = self._open_promises()
        if not promises:
            return None
        dialog = PromiseKeptByDialog(self._view, str(reply.get("text") or ""), promises, now_ms())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done() -> None:
            promise = dialog.promise()
            if promise is not None:
                payload = {"promise": str(promise["id"]), **kept_by_reference(reply)}
                conversation_id = str(promise["conversation_id"])
                self._session.act_on_promise(OutboxKind.PROMISE_KEEP, conversation_id, payload)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def _log_guideline(self, kind: str, conversation_id: str, data: dict[str, Any]) -> None:
        self._session.actions.record(kind, conversation_id, data)

    def _use_guidelines(self) -> None:
        self._view.composer.set_guidelines(self._session.guidelines)

    # -- claim, release, transfer, close, reopen -----------------------------------------

    def _act(self, kind: OutboxKind, conversation_id: str, payload: dict[str, Any]) -> None:
        self._session.actions.act(kind, conversation_id, payload)

    def transfer(
        self, conversation_id: str, to_user: str | None, to_queue: str | None, note: str
    ) -> None:
        payload = {"to_user": to_user, "to_queue": to_queue, "note": note or None}
        self._act(OutboxKind.TRANSFER, conversation_id, payload)

    def close_conversation(self, conversation_id: str, disposition: str, note: str) -> None:
        """The close carries the checklist as the agent left it; the hub refuses it when a
        required item is unticked (the refusal comes back through the outbox)."""
        payload: dict[str, Any] = {"disposition": disposition, "note": note or None}
        store = self._session.store
        conversation = store.conversation(conversation_id)
        if conversation is not None:
            items = self._session.guidelines.checklist_for(str(conversation.get("queue") or ""))
            ticked = store.checklist(conversation_id)
            if items or ticked:
                payload["checklist"] = {
                    **ticked,
                    **{i.id: ticked.get(i.id) is True for i in items},
                }
        self._act(OutboxKind.CLOSE, conversation_id, payload)

    def ask_transfer(self, conversation_id: str | None = None) -> TransferDialog | None:
        conversation_id = conversation_id or self._view.current_id()
        if not conversation_id:
            return None
        shown = self._view.current_conversation() or {}
        here = str(shown.get("queue") or "") if shown.get("id") == conversation_id else ""
        queues = [q for q in self._transfer_queues() if q != here]  # not where it is now
        dialog = TransferDialog(self._transfer_targets(), queues, self._view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._transfer_dialog = dialog

        promised: list[str] = []  # the conversation's open promises, once the hub says
        session = self._session

        def done() -> None:
            to_user, to_queue, note = dialog.target()
            self.transfer(conversation_id, to_user, to_queue, note)
            if to_user and dialog.hands_promises():
                for promise_id in promised:  # after the transfer: the outbox keeps order
                    handed = {"promise": promise_id, "to_user": to_user}
                    session.act_on_promise(OutboxKind.PROMISE_TRANSFER, conversation_id, handed)

        def gone() -> None:
            if self._transfer_dialog is dialog:
                self._transfer_dialog = None

        dialog.accepted.connect(done)
        dialog.finished.connect(gone)
        dialog.open()
        self._session.spawn(
            self._offer_promises(conversation_id, dialog, promised), "transfer-promises"
        )
        return dialog

    async def _offer_promises(
        self, conversation_id: str, dialog: TransferDialog, promised: list[str]
    ) -> None:
        """The transfer dialog offers to hand over the conversation's open promises."""
        try:
            found = await self._session.api.conversation_promises(conversation_id)
        except HubError as exc:
            self._session.report(exc, quiet_when_offline=True)
            # Offline: the customer's open promises the store knows, made here.
            conversation = await asyncio.to_thread(
                self._session.store.conversation, conversation_id
            )
            wa_id = str(((conversation or {}).get("contact") or {}).get("wa_id") or "")
            cached = await asyncio.to_thread(self._session.store.open_promises, wa_id, self._me())
            found = [p for p in cached if p.get("conversation_id") == conversation_id]
        promised.extend(str(p["id"]) for p in found if p.get("state") == "open")
        if self._transfer_dialog is dialog:
            dialog.set_open_promises(len(promised))

    def ask_close(self, conversation_id: str | None = None) -> CloseDialog | None:
        conversation_id = conversation_id or self._view.current_id()
        conversation = self._view.current_conversation()
        if (
            not conversation_id
            or conversation is None
            or conversation.get("id") != conversation_id
            or conversation.get("state") == "closed"
        ):
            return None
        store, guidelines = self._session.store, self._session.guidelines
        queue = str(conversation.get("queue") or "")
        dispositions = disposition_choices(guidelines.dispositions_for(queue))
        dialog = CloseDialog(
            dispositions,
            self._view,
            items=guidelines.checklist_for(queue),
            ticked=store.checklist(conversation_id),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.itemToggled.connect(
            lambda item_id, ticked: self._session.tick(conversation_id, item_id, ticked)
        )

        def done() -> None:
            disposition, note = dialog.result_values()
            self.close_conversation(conversation_id, disposition, note)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def ask_take_over(self, conversation_id: str | None = None) -> QMessageBox | None:
        """Confirm, naming the agent who holds it, then take it over (if it is still
        theirs and still allowed when the supervisor confirms)."""
        view = self._view
        conversation = view.current_conversation()
        if conversation is None or conversation_id not in (None, conversation.get("id")):
            return None
        conversation_id = str(conversation["id"])
        holder = conversation.get("assignee")
        name = isolated(assignee_name(conversation))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Take over conversation"),
            self.tr(
                "Take over this conversation from %1?\n\nIt becomes yours, and %1 can no "
                "longer answer it; they are told that you took it over."
            ).replace("%1", name),
            QMessageBox.StandardButton.Cancel,
            view,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        take = box.addButton(self.tr("Take over"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: QAbstractButton) -> None:
            if button is not take:
                return
            now = view.current_conversation() or {}
            if now.get("id") != conversation_id or now.get("assignee") != holder:
                view.actionNotAllowed.emit(
                    self.tr("The conversation changed hands meanwhile; look again.")
                )
                return
            why = view.why_not(ConversationAction.TAKE_OVER)
            if why is not None:
                view.actionNotAllowed.emit(why)
                return
            self._act(OutboxKind.TAKE_OVER, conversation_id, {})

        box.buttonClicked.connect(clicked)
        box.open()
        return box

    # -- the stream and the hub's answers ------------------------------------------------

    def _on_taken_over(self, events: list[StreamEvent]) -> None:
        """A supervisor took over one of this agent's conversations: tell them who."""
        for _kind, data in events:
            if data.get("from_user") != self._session.user_id:
                continue
            by = isolated(str(data.get("by_name") or data.get("by_user") or ""))
            text = self.tr("%1 took over this conversation").replace("%1", by)
            conversation = self._session.store.conversation(str(data.get("conversation_id")))
            if conversation is not None:
                text += ": " + isolated(contact_name(conversation.get("contact") or {}))
            self._session.problem.emit(ProblemKind.TAKEN_OVER, text)

    def _on_stream(self, events: list[StreamEvent]) -> None:
        view = self._view
        current = view.current_id()
        shown = [
            d
            for k, d in events
            if k == StreamEventKind.MESSAGE_CREATED and d.get("conversation_id") == current
        ]
        if shown:
            view.model.upsert(shown)
        for kind, data in events:
            if kind == StreamEventKind.MESSAGE_STATUS:
                view.model.apply_status(data)
        for kind, data in events:
            if kind == StreamEventKind.CONVERSATION_UPDATED:
                self._conversation_changed(data)

    def _on_send_result(self, result: OutboxResult) -> None:
        response = result.response or {}
        if result.ok:
            if "conversation_id" in response:
                self._view.model.upsert([response])
            return
        self._refused(result)
        if result.conversation_id and self._view.current_id() == result.conversation_id:
            page = self._session.store.messages_page(result.conversation_id, None, MESSAGES)
            self._view.model.upsert(page.items)

    def _on_action_result(self, result: OutboxResult) -> None:
        response = result.response or {}
        if result.ok:
            if "contact" in response:
                self._conversation_changed(response)
            return
        self._refused(result)

    def _conversation_changed(self, conversation: dict[str, Any]) -> None:
        """The hub's newer state of a conversation: the one on screen shows it, and one
        being opened is shown as it."""
        conversation_id = conversation.get("id")
        if conversation_id == self._view.current_id():
            self._view.update_conversation(conversation)
        for opening in self._openings:
            if opening.conversation_id == conversation_id:
                opening.newest = dict(conversation)

    def _refused(self, result: OutboxResult) -> None:
        if result.session_expired:
            return
        text = refusal_text(result.code)
        if result.code == Refusal.TEMPLATE_INVALID:
            # The server's synced template differs from the one the form was built on.
            self._reload_templates()
        if result.code == "checklist_incomplete" and result.conversation_id:
            missing = self._missing_items(result.conversation_id)
            if missing:
                text = self.tr("Tick the required items before closing: %1").replace(
                    "%1", "; ".join(missing)
                )
        self._session.problem.emit(ProblemKind.REFUSED, text)

    def _missing_items(self, conversation_id: str) -> list[str]:
        """The required checklist items this agent has not ticked, by their labels."""
        store = self._session.store
        conversation = store.conversation(conversation_id)
        if conversation is None:
            return []
        items = self._session.guidelines.checklist_for(str(conversation.get("queue") or ""))
        return [i.label for i in missing_required(items, store.checklist(conversation_id))]
