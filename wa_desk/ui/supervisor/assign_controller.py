"""A lead hands conversations to an agent of their queue: one from the conversation pane,
or those an agent holds, from the wallboard's row. Like every action, each hand-over is
recorded in this computer's action log first (``conversation.assigned``, with its own
idempotency key) and queued in the outbox, which takes it to the hub
(``POST /api/v1/supervisor/conversations/{id}/assign``) in order, once: while the hub is
away it waits there, counted in the status bar as waiting to be sent, and goes when the
hub is back. The hub's answers come back through the outbox; those it refused are said
together, by their cause, once every conversation of the hand-over has its answer; the
others stay done."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QWidget

from wa_desk.client.errors import HubError
from wa_desk.client.outbox_runner import OutboxResult
from wa_desk.core.conversation import Refusal
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.refusals import refusal_text
from wa_desk.ui.app.session import Session
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.common.names import contact_name, phone_number, profile_name
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.agent_model import AgentColumn, AgentModel
from wa_desk.ui.supervisor.assign_dialog import AssignDialog
from wa_desk.ui.supervisor.assignee_model import Assignee, assignees

PAGE = 100  # an agent's conversations a page


def conversation_label(conversation: Mapping[str, Any]) -> str:
    """A conversation as the lead recognises it: the customer (and their number, as two
    customers may go by the same name), and its queue."""
    contact = conversation.get("contact") or {}
    parts = [isolated(contact_name(contact))]
    if profile_name(contact):
        parts.append(phone_number(contact))
    parts.append(str(conversation.get("queue") or ""))
    return " · ".join(p for p in parts if p)


@dataclass
class Handing:
    """One hand-over the lead asked for, and the hub's answers as they come."""

    to: Assignee
    labels: Mapping[str, str]
    entries: dict[int, str] = field(default_factory=dict)  # outbox entry → conversation
    done: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # conversation → cause
    all_queued: bool = False
    said_kept: bool = False  # the lead was told it waits for the server

    @property
    def asked(self) -> list[str]:
        return list(self.entries.values())

    def answered(self) -> bool:
        return self.all_queued and len(self.done) + len(self.failed) == len(self.entries)


class AssignController(QObject):
    # The ids handed over, and {id: cause} of those that were not.
    handedOver = Signal(list, dict)

    def __init__(self, session: Session, parent: QWidget, board: AgentModel | None = None) -> None:
        """``board``: the wallboard's agents, for how many conversations each holds."""
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._board = board
        self.dialog: AssignDialog | None = None  # the one open, if any
        # Whom the open dialog lists: the hub's agents as the stream keeps them, the
        # queues it is about and who is left out. It follows their statuses and loads.
        self._agents_seen: list[dict[str, Any]] = []
        self._listing: tuple[set[str], set[str]] = (set(), set())
        self._connections = Connections()
        if board is not None:
            # Not at every tick of the board's clock: only when someone's load changed.
            self._connections.connect(board.dataChanged, self._board_changed)
            for signal in (board.rowsInserted, board.modelReset):
                self._connections.connect(signal, self._relist)
        session.router.subscribe([StreamEventKind.AGENT_STATUS], self._on_status)
        session.on_outbox_result([OutboxKind.ASSIGN], self._on_result)
        self._connections.connect(session.connectionChanged, self._connection_changed)
        self._handings: list[Handing] = []  # queued, not every answer in yet

    def close(self) -> None:
        self._connections.disconnect_all()
        self._session.unsubscribe_owner(self)
        if self.dialog is not None:
            self.dialog.reject()

    # -- asking -------------------------------------------------------------------------

    def ask_for_conversation(self, conversation: dict[str, Any]) -> None:
        self._session.spawn(self._ask_for_conversation(dict(conversation)), "assign")

    def ask_for_agent(self, row: dict[str, Any]) -> None:
        self._session.spawn(self._ask_for_agent(dict(row)), "reassign")

    async def _ask_for_conversation(self, conversation: dict[str, Any]) -> None:
        agents = await self._agents()
        if agents is None:
            return
        holder = conversation.get("assignee")
        listing = ({str(conversation.get("queue") or "")}, {str(holder)} if holder else set())
        candidates = assignees(agents, listing[0], self._load(), leave_out=listing[1])
        heading = self.tr("Hand the conversation with %1 to an agent of queue %2.")
        heading = heading.replace(
            "%1", isolated(contact_name(conversation.get("contact") or {}))
        ).replace("%2", str(conversation.get("queue") or ""))
        labels = {str(conversation["id"]): conversation_label(conversation)}
        dialog = self._open(AssignDialog(heading, candidates, self._parent), agents, listing)
        dialog.accepted.connect(lambda: self._chosen(dialog, list(labels), labels))

    async def _ask_for_agent(self, row: dict[str, Any]) -> None:
        agent_id = str(row["id"])
        name = str(row.get("name") or "")
        try:
            held = await self._held_by(agent_id)
        except HubError as exc:
            self._session.report(exc)
            return
        agents = await self._agents()
        if agents is None:
            return
        if not held:
            self._session.problem.emit(
                ProblemKind.REFUSED,
                self.tr("%1 holds no open conversation now.").replace("%1", isolated(name)),
            )
            return
        labels = {str(c["id"]): conversation_label(c) for c in held}
        queues = {str(c.get("queue") or "") for c in held}
        candidates = assignees(agents, queues, self._load(), leave_out={agent_id})
        heading = self.tr("Hand conversations that %1 holds to another agent.").replace(
            "%1", isolated(name)
        )
        dialog = self._open(
            AssignDialog(heading, candidates, self._parent, conversations=list(labels.items())),
            agents,
            (queues, {agent_id}),
        )
        dialog.accepted.connect(lambda: self._chosen(dialog, dialog.chosen_conversations(), labels))

    def _open(
        self, dialog: AssignDialog, agents: list[dict[str, Any]], listing: tuple[set[str], set[str]]
    ) -> AssignDialog:
        if self.dialog is not None:
            self.dialog.reject()  # one at a time: the newer request replaces it
        self.dialog = dialog
        self._agents_seen = agents
        self._listing = listing

        def gone() -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(gone)
        dialog.open()
        return dialog

    def _chosen(self, dialog: AssignDialog, ids: list[str], labels: dict[str, str]) -> None:
        chosen = dialog.chosen()
        if chosen is not None and ids:
            self._session.spawn(self.assign(ids, chosen, labels), "assign")

    def _on_status(self, events: list[StreamEvent]) -> None:
        """An agent's status changed (a whole ``GET /api/v1/agents`` item)."""
        if self.dialog is None:
            return
        agents = {str(a.get("id")): a for a in self._agents_seen}
        for _kind, agent in events:
            if agent.get("id") and str(agent["id"]) in agents:
                agents[str(agent["id"])] = agent
        self._agents_seen = list(agents.values())
        self._relist()

    def _board_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_: object) -> None:
        if top_left.column() <= AgentColumn.LOAD <= bottom_right.column():
            self._relist()

    def _relist(self, *_: object) -> None:
        if self.dialog is not None:
            queues, leave_out = self._listing
            self.dialog.set_assignees(
                assignees(self._agents_seen, queues, self._load(), leave_out=leave_out)
            )

    async def _agents(self) -> list[dict[str, Any]] | None:
        try:
            return await self._session.api.agents()
        except HubError as exc:
            self._session.report(exc)
            return None

    async def _held_by(self, agent_id: str) -> list[dict[str, Any]]:
        """The open conversations ``agent_id`` holds, from the hub."""
        held: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            page = await self._session.api.conversations(
                state="assigned", assigned=agent_id, cursor=cursor, limit=PAGE
            )
            held.extend(page.items)
            cursor = page.next
            if not cursor:
                return held

    def _load(self) -> dict[str, dict[str, Any]]:
        """The wallboard's row of each agent (how many they hold), where it has them."""
        board = self._board
        if board is None:
            return {}
        rows = (board.row_at(i) for i in range(board.rowCount()))
        return {str(r.get("id")): r for r in rows}

    # -- handing over ---------------------------------------------------------------------

    async def assign(
        self, conversation_ids: list[str], to: Assignee, labels: Mapping[str, str]
    ) -> Handing:
        """Each conversation to ``to``: logged and queued, one outbox entry each (the
        hub's answers arrive through ``_on_result``). What could not be recorded here is
        said by the store's problem, and the rest is not queued."""
        handing = Handing(to, labels)
        self._handings.append(handing)
        for conversation_id in conversation_ids:
            entry_id = await self._session.actions.queue_async(
                OutboxKind.ASSIGN, conversation_id, {"to_user": to.id}
            )
            if entry_id is None:
                break
            handing.entries[entry_id] = conversation_id
        handing.all_queued = True
        if not self._session.stream.connected:
            self._say_kept()
        self._finish_if_answered(handing)
        return handing

    def waiting(self) -> list[str]:
        """The conversations handed over from here whose answer has not come yet (the
        hub is away, or has not answered yet)."""
        return [
            conversation_id
            for h in self._handings
            for conversation_id in h.entries.values()
            if conversation_id not in h.done and conversation_id not in h.failed
        ]

    def _connection_changed(self, connected: bool, *_: object) -> None:
        if not connected:
            self._say_kept()

    def _say_kept(self) -> None:
        """Hand-overs still without an answer while the server is away wait in the
        outbox: said to the lead once each, not only by the status bar's count."""
        names: list[str] = []
        for handing in self._handings:
            if not handing.said_kept and len(handing.done) + len(handing.failed) < len(
                handing.entries
            ):
                handing.said_kept = True
                names.append(isolated(handing.to.name))
        if names:
            text = self.tr(
                "The hand-over to %1 is kept on this computer and sent when the server is back."
            )
            names = list(dict.fromkeys(names))
            self._session.problem.emit(
                ProblemKind.HUB_UNREACHABLE, text.replace("%1", ", ".join(names))
            )

    def _on_result(self, result: OutboxResult) -> None:
        if result.session_expired:
            return  # it waits in the outbox for the next sign-in; the app asks for it
        handing = next((h for h in self._handings if result.entry_id in h.entries), None)
        if handing is None:
            handing = self._earlier_handing(result)
            if handing is None:
                return
            self._handings.append(handing)
        conversation_id = handing.entries[result.entry_id]
        if result.ok:
            handing.done.append(conversation_id)
        else:
            handing.failed[conversation_id] = result.code or ""
        self._finish_if_answered(handing)

    def _earlier_handing(self, result: OutboxResult) -> Handing | None:
        """A hand-over queued before this window was (another run of the app, before a
        new sign-in): its answer is still said, of the one conversation."""
        entry = self._session.store.outbox_get(result.entry_id)
        if entry is None or entry.conversation_id is None:
            return None
        to_id = str(entry.payload.get("to_user") or "")
        row = self._load().get(to_id) or {}
        name = str(row.get("name") or to_id)
        conversation = self._session.store.conversation(entry.conversation_id)
        label = conversation_label(conversation) if conversation else entry.conversation_id
        to = Assignee(to_id, name, str(row.get("status") or ""), None, None)
        handing = Handing(to, {entry.conversation_id: label}, all_queued=True)
        handing.entries[entry.id] = entry.conversation_id
        return handing

    def _finish_if_answered(self, handing: Handing) -> None:
        if not handing.answered():
            return
        self._handings.remove(handing)
        if handing.failed:
            text = self.failure_text(handing.asked, handing.failed, handing.to, handing.labels)
            self._session.problem.emit(ProblemKind.REFUSED, text)
        self.handedOver.emit(list(handing.done), dict(handing.failed))

    def cause_text(self, cause: str, to: Assignee) -> str:
        words = {
            Refusal.CLOSED.value: self.tr("Closed meanwhile"),
            Refusal.ALREADY_ASSIGNED.value: self.tr("Changed hands meanwhile"),
            Refusal.NO_TARGET.value: self.tr(
                "%1 is not an agent of its queue any more, or cannot sign in"
            ).replace("%1", isolated(to.name)),
            Refusal.NOT_VISIBLE.value: self.tr("No longer in your queues"),
        }
        return words.get(cause) or refusal_text(cause)

    def failure_text(
        self,
        asked: list[str],
        failed: Mapping[str, str],
        to: Assignee,
        labels: Mapping[str, str],
    ) -> str:
        """Which were not handed over, grouped by why."""
        name = isolated(to.name)
        if len(asked) == 1:
            (cause,) = failed.values()
            return (
                self.tr("The conversation was not assigned to %1. %2.")
                .replace("%1", name)
                .replace("%2", self.cause_text(cause, to))
            )
        by_cause: dict[str, list[str]] = {}
        for conversation_id, cause in failed.items():
            by_cause.setdefault(cause, []).append(labels.get(conversation_id, conversation_id))
        head = (
            self.tr("%1 of %2 conversations were not handed to %3.")
            .replace("%1", str(len(failed)))
            .replace("%2", str(len(asked)))
            .replace("%3", name)
        )
        parts = [
            f"{self.cause_text(cause, to)}: {', '.join(names)}."
            for cause, names in by_cause.items()
        ]
        return " ".join([head, *parts])
