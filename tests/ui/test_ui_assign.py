"""A lead hands conversations to an agent in the real app against a real hub: from the
conversation pane (Assign to…, listing the queue's members with their status and load,
a full one chosen only after a warning) and from the wallboard's agent row (Reassign
their conversations…, one request each); what the hub refuses is said by its cause and
the rest stays done; an agent never sees Assign to…

Like every action, a hand-over is in this computer's action log before the hub hears of
it, and goes through the outbox: made while the hub is down, it waits (counted in the
status bar) and lands when the hub is back; the hub holds the lead's logged intent once,
beside its own fact with the same key."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import orjson
import pytest
from desktop_driver import run, signed_in, started, until, visible_dialog
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.hub.queries.audit_log import HUB_DEVICE
from wa_desk.store.local_store import LocalStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow, WindowPage
from wa_desk.ui.supervisor.assign_dialog import AssignDialog
from wa_desk.ui.supervisor.assignee_model import (
    AssigneeColumn,
    AssigneeModel,
    AssigneeRoles,
    assignees,
)

PATIENCE = 30.0


@pytest.fixture
def hub(hub: RunningHub) -> RunningHub:
    """Ana (there already) and Beto work in "ventas", Lucía leads it; Carla works in
    "soporte", another queue."""
    hub.add_user("lucia", "supervisor", ("ventas",))
    hub.add_user("beto", "agent", ("ventas",))
    hub.add_user("carla", "agent", ("soporte",))
    return hub


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code < 300, response.text
    body: dict[str, Any] = response.json()
    return body


def _held(hub: RunningHub, agent: httpx.Client, customer: str) -> str:
    """A customer writes in and ``agent`` claims the conversation."""
    assert hub.customer_writes(f"wamid.{customer}", customer, "Hola").status_code < 300
    queued = _ok(agent.get("/api/v1/conversations", params={"state": "queued"}))["items"]
    (conv,) = [c for c in queued if c["contact"]["wa_id"] == customer]
    _ok(agent.post(f"/api/v1/conversations/{conv['id']}/claim"))
    return str(conv["id"])


def _assignee(hub: RunningHub, conv_id: str) -> str | None:
    row = hub.ctx.db.read_sync(
        lambda c: c.one("SELECT assignee FROM conversations WHERE id = ?", (conv_id,))
    )
    assert row is not None
    return None if row["assignee"] is None else str(row["assignee"])


def _assigned_facts(hub: RunningHub, conv_id: str) -> list[dict[str, Any]]:
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT actor, data FROM audit_events WHERE device = ? AND kind = ? "
            "AND conversation_id = ? ORDER BY seq",
            (HUB_DEVICE, AuditKind.CONVERSATION_ASSIGNED, conv_id),
        )
    )
    return [{"actor": r["actor"], **orjson.loads(r["data"])} for r in rows]


def _logged(store: LocalStore, kind: str, conv_id: str) -> list[dict[str, Any]]:
    """The data of this computer's logged events of ``kind`` about ``conv_id``."""
    return [
        a["data"] for a in store.actions() if a["kind"] == kind and a["conversation"] == conv_id
    ]


def _device_events(hub: RunningHub, kind: str, conv_id: str) -> list[dict[str, Any]]:
    """What the hub holds of the devices' chains (not its own) of ``kind`` about ``conv_id``."""
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT actor, data FROM audit_events WHERE device <> ? AND kind = ? "
            "AND conversation_id = ? ORDER BY received_at",
            (HUB_DEVICE, kind, conv_id),
        )
    )
    return [{"actor": r["actor"], **orjson.loads(r["data"])} for r in rows]


def _listed(dialog: AssignDialog) -> dict[str, str]:
    """Each agent listed, by id: their name, status and load as shown."""
    model = dialog.model
    return {
        model.data(model.index(r, 0), AssigneeRoles.ID): " | ".join(
            model.data(model.index(r, c)) for c in AssigneeColumn
        )
        for r in range(model.rowCount())
    }


def _board_open(window: MainWindow, agent_id: str) -> int | None:
    row = window.supervisor_page.wallboard.agents.row(agent_id)
    return None if row is None else int(row.get("open") or 0)


def test_the_assignee_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    agents = [
        {"id": "u1", "name": "Beto", "status": "available", "capacity": 3, "queues": ["ventas"]},
        {"id": "u2", "name": "Ana", "status": "away", "capacity": 2, "queues": ["ventas"]},
        {"id": "u3", "name": "Carla", "status": "busy", "capacity": 2, "queues": ["soporte"]},
        {"id": "u4", "name": "Dani", "status": "busy", "capacity": 2, "queues": ["ventas"]},
    ]
    load = {"u1": {"open": 1, "capacity": 3}, "u2": {"open": 2, "capacity": 2}}
    found = assignees(agents, {"ventas"}, load, leave_out={"u4"})
    assert [(a.name, a.full) for a in found] == [("Ana", True), ("Beto", False)]
    model = AssigneeModel()
    model.set_assignees(found)
    qtmodeltester.check(model)
    assert model.data(model.index(0, AssigneeColumn.LOAD)) == "2 of 2 (full)"
    assert model.data(model.index(1, AssigneeColumn.LOAD)) == "1 of 3"
    # Nobody's load known yet (no board): said so, not as room.
    unknown = assignees(agents, {"ventas"}, {})
    assert not any(a.full for a in unknown)
    model.set_assignees(unknown)
    qtmodeltester.check(model)
    assert model.data(model.index(0, AssigneeColumn.LOAD)) == "— of 2"


def test_a_lead_assigns_the_conversation_on_screen_to_a_full_agent_after_a_warning(
    qapp: QApplication, hub: RunningHub, settings: Settings, qtmodeltester: ModelTester
) -> None:
    ana, beto, lucia = hub.login("ana"), hub.login("beto"), hub.login("lucia")
    beto_id, ana_id = hub.user_ids["beto"], hub.user_ids["ana"]
    # Beto may hold one conversation, and holds one.
    _ok(lucia.put(f"/api/v1/supervisor/agents/{beto_id}", json={"capacity": 1}))
    _held(hub, beto, "34622000001")
    conv_id = _held(hub, ana, "34622000002")

    async def scenario() -> None:
        app = DesktopApp(
            qapp,
            settings,
            CredentialStore(),
            preset=signed_in(hub, "lucia"),
            first_page=WindowPage.AGENT,
        )
        async with started(app) as window:
            view = window.conversation_view
            await until(lambda: _board_open(window, beto_id) == 1)
            await until(lambda: conv_id in window.inbox_view.model.ids())
            window.inbox_view.select_conversation(conv_id)
            await until(lambda: view.current_id() == conv_id)
            await until(lambda: view.assign_button.isVisibleTo(window))
            view.assign_button.click()
            dialog = await until(lambda: visible_dialog(AssignDialog))
            qtmodeltester.check(dialog.model)
            listed = _listed(dialog)
            # The queue's members but Ana, who holds it: Beto (full) and Lucía herself;
            # not Carla, of another queue.
            assert set(listed) == {beto_id, hub.user_ids["lucia"]}, listed
            assert listed[beto_id].endswith("1 of 1 (full)"), listed
            assert not dialog.ok.isEnabled()  # nobody chosen yet

            assert dialog.choose(beto_id)
            assert dialog.warning.isVisibleTo(dialog)
            assert "\u2068beto\u2069 is already at capacity (1 of 1)" in dialog.warning.text()
            assert dialog.ok.text() == "Assign anyway"
            window.grab().save("/tmp/assign_pane.png")
            dialog.grab().save("/tmp/assign_dialog.png")
            dialog.ok.click()

            await until(lambda: _assignee(hub, conv_id) == beto_id)
            (fact,) = await asyncio.to_thread(_assigned_facts, hub, conv_id)
            assert fact["actor"] == hub.user_ids["lucia"]
            assert (fact["from_user"], fact["to_user"], fact["queue"]) == (
                ana_id,
                beto_id,
                "ventas",
            )
            # The pane follows the hub: now Beto's.
            await until(lambda: (view.current_conversation() or {}).get("assignee") == beto_id)

    run(qapp, scenario)


def test_a_lead_reassigns_an_agents_conversations_from_the_wallboard(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    ana, beto = hub.login("ana"), hub.login("beto")
    ana_id, beto_id = hub.user_ids["ana"], hub.user_ids["beto"]
    first = _held(hub, ana, "34622000011")
    second = _held(hub, ana, "34622000012")

    async def scenario() -> None:
        app = DesktopApp(
            qapp,
            settings,
            CredentialStore(),
            preset=signed_in(hub, "lucia"),
            first_page=WindowPage.SUPERVISOR,
        )
        async with started(app) as window:
            board = window.supervisor_page.wallboard
            await until(lambda: board.choose_agent(ana_id))
            assert board.reassign_button.isEnabled()
            board.reassign_button.click()
            dialog = await until(lambda: visible_dialog(AssignDialog))
            # Both of hers, ticked; she is not offered, Beto is.
            assert sorted(dialog.chosen_conversations()) == sorted([first, second])
            assert ana_id not in _listed(dialog) and beto_id in _listed(dialog)
            assert dialog.choose(beto_id)
            assert not dialog.warning.isVisibleTo(dialog)  # he has room
            # Beto steps away while the dialog is open: the list follows, the choice stays.
            away = await asyncio.to_thread(beto.put, "/api/v1/me/status", json={"status": "away"})
            _ok(away)
            await until(lambda: "| Away |" in _listed(dialog)[beto_id])
            assert dialog.chosen() is not None and dialog.chosen().id == beto_id
            dialog.grab().save("/tmp/reassign_dialog.png")
            dialog.ok.click()
            await until(lambda: _assignee(hub, first) == beto_id)
            await until(lambda: _assignee(hub, second) == beto_id)
            for conv_id in (first, second):
                (fact,) = await asyncio.to_thread(_assigned_facts, hub, conv_id)
                assert (fact["from_user"], fact["to_user"]) == (ana_id, beto_id)
            # The board hears it from the hub.
            await until(lambda: _board_open(window, ana_id) == 0)

    run(qapp, scenario)


def test_a_conversation_closed_meanwhile_is_said_and_the_others_stay_handed_over(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    ana = hub.login("ana")
    ana_id, beto_id = hub.user_ids["ana"], hub.user_ids["beto"]
    kept = _held(hub, ana, "34622000021")
    closing = _held(hub, ana, "34622000022")

    async def scenario() -> None:
        app = DesktopApp(
            qapp,
            settings,
            CredentialStore(),
            preset=signed_in(hub, "lucia"),
            first_page=WindowPage.SUPERVISOR,
        )
        async with started(app) as window:
            board = window.supervisor_page.wallboard
            await until(lambda: board.choose_agent(ana_id))
            board.reassign_button.click()
            dialog = await until(lambda: visible_dialog(AssignDialog))
            assert dialog.choose(beto_id)
            # While the dialog is open, Ana closes one of them.
            done = await asyncio.to_thread(
                ana.post,
                f"/api/v1/conversations/{closing}/close",
                json={"disposition": "resolved"},
            )
            _ok(done)
            dialog.ok.click()
            await until(lambda: _assignee(hub, kept) == beto_id)
            bar = window.problem_bar
            await until(lambda: not bar.isHidden() and bar.kind == ProblemKind.REFUSED)
            said = bar.text.text()
            assert "1 of 2 conversations were not handed to \u2068beto\u2069." in said, said
            assert "Closed meanwhile: \u2068" in said and "+34622000022 · ventas." in said, said
            assert "34622000021" not in said, said
            window.grab().save("/tmp/reassign_refused.png")
            assert _assignee(hub, closing) == ana_id  # closed as it was
            assert await asyncio.to_thread(_assigned_facts, hub, closing) == []

    run(qapp, scenario)


def test_the_conversation_on_screen_closed_meanwhile_is_said_in_words(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    ana = hub.login("ana")
    ana_id, beto_id = hub.user_ids["ana"], hub.user_ids["beto"]
    conv_id = _held(hub, ana, "34622000041")

    async def scenario() -> None:
        app = DesktopApp(
            qapp,
            settings,
            CredentialStore(),
            preset=signed_in(hub, "lucia"),
            first_page=WindowPage.AGENT,
        )
        async with started(app) as window:
            view = window.conversation_view
            await until(lambda: conv_id in window.inbox_view.model.ids())
            window.inbox_view.select_conversation(conv_id)
            await until(lambda: view.assign_button.isVisibleTo(window))
            view.assign_button.click()
            dialog = await until(lambda: visible_dialog(AssignDialog))
            assert dialog.choose(beto_id)
            closed = await asyncio.to_thread(
                ana.post, f"/api/v1/conversations/{conv_id}/close", json={"disposition": "resolved"}
            )
            _ok(closed)
            dialog.ok.click()
            bar = window.problem_bar
            await until(lambda: not bar.isHidden() and bar.kind == ProblemKind.REFUSED)
            said = bar.text.text()
            assert (
                "The conversation was not assigned to \u2068beto\u2069. Closed meanwhile." in said
            ), said
            assert _assignee(hub, conv_id) == ana_id
            assert await asyncio.to_thread(_assigned_facts, hub, conv_id) == []
            # This computer logged the intent, then the hub's refusal, with one key.
            store = app.store
            assert store is not None
            (intent,) = _logged(store, AuditKind.CONVERSATION_ASSIGNED, conv_id)
            (refusal,) = _logged(store, AuditKind.CONVERSATION_ASSIGN_REFUSED, conv_id)
            assert intent["to_user"] == beto_id
            assert (refusal["idempotency_key"], refusal["code"]) == (
                intent["idempotency_key"],
                "conversation_closed",
            )
            # Closed now: the pane no longer offers it.
            await until(lambda: not view.assign_button.isVisibleTo(window))

    run(qapp, scenario)


def test_an_agent_never_sees_assign_to(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    beto = hub.login("beto")
    theirs = _held(hub, beto, "34622000031")
    assert hub.customer_writes("wamid.34622000032", "34622000032", "Hola").status_code < 300

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            view = window.conversation_view
            model = window.inbox_view.model
            waiting = await until(lambda: next((c for c in model.ids() if c != theirs), None))
            for conv_id in [c for c in model.ids() if c in (theirs, waiting)]:
                window.inbox_view.select_conversation(conv_id)
                await until(lambda c=conv_id: view.current_id() == c)
                # Shown as it stands (Beto's, or waiting), with no Assign to… for her.
                await until(lambda: view.subtitle.text() != "")
                assert not view.assign_button.isVisibleTo(window)
                assert not view.may_assign()
            window.conversation_view.assign_button.click()  # even if it were pressed
            await asyncio.sleep(0)
            assert visible_dialog(AssignDialog) is None

    run(qapp, scenario)


def test_a_hand_over_made_while_the_server_is_down_waits_and_lands_once_it_is_back(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    hub = hub_box.running
    hub.add_user("lucia", "supervisor", ("ventas",))
    beto_id = hub.add_user("beto", "agent", ("ventas",))
    conv_id = _held(hub, hub.login("ana"), "34622000051")
    preset = signed_in(hub, "lucia")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            store, label = app.store, window.sync_status.label
            assert store is not None and app.features is not None
            assign = app.features.supervisor.assign if app.features.supervisor else None
            assert assign is not None
            # The sign-in's own record (session.started) has reached the server.
            await until(lambda: store.action_chains()[0].acked_seq == 1, PATIENCE)
            await until(lambda: label.text() == "All sent", PATIENCE)
            view = window.conversation_view
            await until(lambda: conv_id in window.inbox_view.model.ids())
            window.inbox_view.select_conversation(conv_id)
            await until(lambda: view.assign_button.isVisibleTo(window))
            view.assign_button.click()
            dialog = await until(lambda: visible_dialog(AssignDialog))
            assert dialog.choose(beto_id)

            hub_box.stop()
            dialog.ok.click()
            # Logged here first, with the key it will carry; waiting, and said so.
            (intent,) = await until(
                lambda: _logged(store, AuditKind.CONVERSATION_ASSIGNED, conv_id)
            )
            assert intent["to_user"] == beto_id
            await until(lambda: label.text() == "1 waiting to be sent", PATIENCE)
            assert assign.waiting() == [conv_id]
            bar = window.problem_bar
            await until(lambda: not bar.isHidden() and bar.kind == ProblemKind.HUB_UNREACHABLE)
            said = bar.text.text()
            assert "The hand-over to \u2068beto\u2069 is kept on this computer" in said, said
            window.grab().save("/tmp/assign_waiting.png")

            hub_box.start()
            back = hub_box.running
            window.sync_status.sync_now.click()
            await until(lambda: _assignee(back, conv_id) == beto_id, PATIENCE)
            (fact,) = await asyncio.to_thread(_assigned_facts, back, conv_id)
            assert fact["idempotency_key"] == intent["idempotency_key"]
            assert fact["actor"] == back.user_ids["lucia"]
            await until(lambda: label.text() == "All sent", PATIENCE)
            assert assign.waiting() == []
            # The hub holds the lead's logged intent once, beside its own fact.
            held = await asyncio.to_thread(
                _device_events, back, AuditKind.CONVERSATION_ASSIGNED, conv_id
            )
            assert held == [{"actor": back.user_ids["lucia"], **intent}]
            await until(lambda: (view.current_conversation() or {}).get("assignee") == beto_id)
            assert bar.isHidden() or bar.kind != ProblemKind.REFUSED

    run(qapp, scenario)
