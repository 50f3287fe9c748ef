"""The supervisor's view of the real app against a real hub: a lead switches to the
wallboard with Ctrl+2 and back with Ctrl+1, the board shows the hub's rows and follows
the stream's pushes (never asking the hub again), the view is remembered across a
sign-in, a lead changes an agent's status from the board (logged here first, then sent
through the outbox), and an agent has no such view."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from desktop_driver import run, signed_in, started, until, visible_dialog
from hub_harness import PASSWORD, RunningHub
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.client.supervisor_api import SupervisorApi
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.hub.queries import users
from wa_desk.hub.queries.audit_log import HUB_DEVICE
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.common.i18n import TRANSLATIONS_DIR, Translations, compile_translations
from wa_desk.ui.settings import settings as s
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow, WindowPage
from wa_desk.ui.shell.signin_dialog import SigninDialog
from wa_desk.ui.supervisor.agent_model import AgentColumn, AgentRoles
from wa_desk.ui.supervisor.change_agent_dialog import ChangeAgentDialog
from wa_desk.ui.supervisor.queue_model import QueueRoles


@pytest.fixture
def lead(hub: RunningHub) -> str:
    """Lucía, the supervisor of "ventas" (where Ana works)."""
    return hub.add_user("lucia", "supervisor", ("ventas",))


def _keys(window: MainWindow, keys: str) -> None:
    window.activateWindow()
    QTest.keySequence(window, QKeySequence(keys))


def _queue_figure(window: MainWindow, queue: str, role: QueueRoles) -> Any:
    model = window.supervisor_page.wallboard.queues
    row = model.row_of(queue)
    return None if row is None else model.index(row).data(role)


def _agent_status(window: MainWindow, name: str) -> str | None:
    model = window.supervisor_page.wallboard.agents
    for r in range(model.rowCount()):
        if model.index(r, AgentColumn.NAME).data() == name:
            return str(model.index(r, AgentColumn.STATUS).data(AgentRoles.STATUS))
    return None


def _count_board_reads(app: DesktopApp) -> list[int]:
    """How many times the app asks the hub for the whole board (it still does)."""
    assert app.session is not None
    supervisor = app.session.supervisor
    asked = [0]
    read = supervisor.wallboard

    async def counted() -> dict[str, Any]:
        asked[0] += 1
        return await read()

    supervisor.wallboard = counted  # type: ignore[method-assign]
    return asked


def test_ctrl_2_shows_the_live_wallboard_and_ctrl_1_the_inbox_again(
    qapp: QApplication, hub: RunningHub, settings: Settings, lead: str
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "lucia"))
        async with started(app) as window:
            asked = _count_board_reads(app)
            assert window.supervisor_page_action.isVisible()
            await until(lambda: app.session is not None and app.session.stream.connected)
            _keys(window, "Ctrl+2")
            assert window.page() is WindowPage.SUPERVISOR
            assert window.pages.currentWidget() is window.supervisor_page
            board = window.supervisor_page.wallboard
            # The hub's rows: its queues and the members of Lucía's queue.
            await until(lambda: _queue_figure(window, "ventas", QueueRoles.WAITING) is not None)
            await until(lambda: _agent_status(window, "ana") is not None)
            assert "soporte" not in board.queues.queues(), "not one of her queues"
            waiting = _queue_figure(window, "ventas", QueueRoles.WAITING)
            reads = asked[0]

            await asyncio.to_thread(hub.customer_writes, "wamid.w1", "34600000001", "Hola")
            await until(lambda: _queue_figure(window, "ventas", QueueRoles.WAITING) == waiting + 1)
            assert asked[0] == reads, "the stream's push, not another read of the board"
            assert _queue_figure(window, "ventas", QueueRoles.LONGEST_WAIT_MS) is not None

            _keys(window, "Ctrl+1")
            assert window.page() is WindowPage.AGENT
            assert settings.get(s.WINDOW_PAGE) == WindowPage.AGENT.value

    run(qapp, scenario)


def test_an_agent_has_no_supervisor_view(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    settings.set(s.WINDOW_PAGE, WindowPage.SUPERVISOR.value)  # as a lead left this computer

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            assert window.page() is WindowPage.AGENT
            assert not window.supervisor_page_action.isVisible()
            assert not window.supervisor_page_action.isEnabled()
            _keys(window, "Ctrl+2")
            assert window.page() is WindowPage.AGENT
            assert app.features is not None and app.features.supervisor is None

    run(qapp, scenario)


def test_the_last_view_is_remembered_across_a_sign_in(
    qapp: QApplication, hub: RunningHub, settings: Settings, lead: str
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "lucia"))
        async with started(app) as window:
            assert window.page() is WindowPage.AGENT, "a first start opens on the inbox"
            window.supervisor_page_action.trigger()
            assert window.page() is WindowPage.SUPERVISOR

            window.signOutRequested.emit()
            dialog = await until(lambda: visible_dialog(SigninDialog))
            dialog.hub.setText(hub.url)
            dialog.user.setText("lucia")
            dialog.password.setText(PASSWORD)
            dialog.sign_in.click()
            await until(lambda: app.session is not None and not app.session.closed)
            assert app.window.page() is WindowPage.SUPERVISOR
            await until(lambda: _agent_status(app.window, "ana") is not None)

    run(qapp, scenario)


def _status_at_hub(root: httpx.Client, name: str) -> str:
    listed = root.get("/api/v1/agents").json()["items"]
    return str({a["name"]: a["status"] for a in listed}[name])


def _status_facts(hub: RunningHub, agent_id: str) -> list[dict[str, Any]]:
    """The hub's own ``agent.status_changed`` facts about ``agent_id``."""
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT data FROM audit_events WHERE device = ? AND kind = ? ORDER BY seq",
            (HUB_DEVICE, AuditKind.AGENT_STATUS_CHANGED),
        )
    )
    facts = [orjson.loads(r["data"]) for r in rows]
    return [f for f in facts if f.get("user") == agent_id]


def test_a_lead_changes_an_agents_status_from_the_board(
    qapp: QApplication, hub: RunningHub, settings: Settings, lead: str
) -> None:
    hub.add_user("root", "admin", ())
    root = hub.login("root")

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
            assert window.page() is WindowPage.SUPERVISOR
            ana = hub.user_ids["ana"]
            await until(lambda: board.choose_agent(ana))
            before = await asyncio.to_thread(_status_at_hub, root, "ana")
            wanted = "away" if before != "away" else "busy"
            board.change_button.click()
            dialog = await until(lambda: visible_dialog(ChangeAgentDialog))
            dialog.status.setCurrentIndex(dialog.status.findData(wanted))
            dialog.ok.click()
            await until(lambda: _status_at_hub(root, "ana") == wanted)
            # The hub pushes her row, and her day on the timeline follows the stream.
            await until(lambda: _agent_status(window, "ana") == wanted)
            timeline = board.timeline
            await until(lambda: timeline.agent_id == ana and timeline.rowCount() > 0)
            stretches = timeline.stretches()
            assert stretches[-1].status == wanted and stretches[-1].end is None
            # Logged here first, and the hub's fact carries the same key.
            store = app.store
            assert store is not None
            (intent,) = [a["data"] for a in store.actions() if a["kind"] == AuditKind.AGENT_CHANGED]
            assert (intent["user"], intent["status"]) == (ana, wanted)
            assert "capacity" not in intent  # left as it was
            facts = await asyncio.to_thread(_status_facts, hub, ana)
            assert [f["idempotency_key"] for f in facts] == [intent["idempotency_key"]]

    run(qapp, scenario)


def test_a_new_language_keeps_the_live_wallboard(
    qapp: QApplication, hub: RunningHub, settings: Settings, lead: str, tmp_path: Path
) -> None:
    qm_dir = tmp_path / "qm"
    compile_translations(TRANSLATIONS_DIR, qm_dir)
    translations = Translations(qm_dir)
    translations.install("en")
    settings.set(s.LANGUAGE, "en")

    async def scenario() -> None:
        app = DesktopApp(
            qapp,
            settings,
            CredentialStore(),
            preset=signed_in(hub, "lucia"),
            translations=translations,
        )
        async with started(app) as first:
            await until(lambda: app.session is not None and app.session.stream.connected)
            first.choose_page(WindowPage.SUPERVISOR)
            await until(lambda: _queue_figure(first, "ventas", QueueRoles.WAITING) is not None)
            first.languageChosen.emit("es")
            window = await until(lambda: app.window if app.window is not first else None)
            assert window.page() is WindowPage.SUPERVISOR
            assert window.supervisor_page.tabText(0) == "&Panel en directo"
            await until(lambda: _queue_figure(window, "ventas", QueueRoles.WAITING) is not None)
            waiting = _queue_figure(window, "ventas", QueueRoles.WAITING)
            # The rebuilt board is the live one.
            await asyncio.to_thread(hub.customer_writes, "wamid.es1", "34600000002", "Hola")
            await until(lambda: _queue_figure(window, "ventas", QueueRoles.WAITING) == waiting + 1)

    try:
        run(qapp, scenario)
    finally:
        translations.remove()
        QLocale.setDefault(QLocale("en"))


def _status_of(hub: RunningHub, user_id: str) -> str:
    user = hub.ctx.db.read_sync(lambda c: users.get_user(c, user_id))
    assert user is not None
    return user.status


def test_a_refused_change_is_shown_by_its_cause(
    qapp: QApplication, hub: RunningHub, settings: Settings, lead: str
) -> None:
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
            await until(lambda: board.choose_agent(hub.user_ids["ana"]))
            # Meanwhile an administrator moves Ana to another queue, not Lucía's.
            ana = hub.user_ids["ana"]
            await asyncio.to_thread(
                hub.ctx.db.write_sync,
                lambda c: c.execute(
                    "UPDATE user_queues SET queue = 'soporte' WHERE user_id = ?", (ana,)
                ),
            )
            board.change_button.click()
            dialog = await until(lambda: visible_dialog(ChangeAgentDialog))
            dialog.status.setCurrentIndex(dialog.status.findData("busy"))
            dialog.ok.click()
            bar = window.problem_bar
            # (The bar may first say that this test machine has no keyring.)
            await until(lambda: not bar.isHidden() and bar.kind == ProblemKind.REFUSED)
            said = bar.text.text()
            assert "\u2068ana\u2069 is no longer in any of your queues" in said, said
            assert await asyncio.to_thread(_status_of, hub, ana) != "busy"
            # The intent and the hub's refusal, logged here with one key.
            store = app.store
            assert store is not None
            logged = {a["kind"]: a["data"] for a in store.actions()}
            intent = logged[AuditKind.AGENT_CHANGED]
            refusal = logged[AuditKind.AGENT_CHANGE_REFUSED]
            assert (intent["user"], intent["status"]) == (ana, "busy")
            assert (refusal["idempotency_key"], refusal["code"]) == (
                intent["idempotency_key"],
                "not_found",
            )
            # The board is read again: she is not on it any more.
            await until(lambda: _agent_status(window, "ana") is None)

    run(qapp, scenario)


def test_a_change_made_while_the_server_is_down_waits_and_lands_when_it_is_back(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    hub_box.running.add_user("lucia", "supervisor", ("ventas",))
    ana = hub_box.running.user_ids["ana"]
    preset = signed_in(hub_box.running, "lucia")

    async def scenario() -> None:
        app = DesktopApp(
            qapp, settings, CredentialStore(), preset=preset, first_page=WindowPage.SUPERVISOR
        )
        async with started(app) as window:
            store, label = app.store, window.sync_status.label
            assert store is not None
            await until(lambda: store.action_chains()[0].acked_seq == 1, 30)
            await until(lambda: label.text() == "All sent", 30)
            board = window.supervisor_page.wallboard
            await until(lambda: board.choose_agent(ana))

            hub_box.stop()
            board.change_button.click()
            dialog = await until(lambda: visible_dialog(ChangeAgentDialog))
            dialog.status.setCurrentIndex(dialog.status.findData("away"))
            dialog.ok.click()
            # Logged here first and waiting, counted in the status bar.
            await until(lambda: any(a["kind"] == AuditKind.AGENT_CHANGED for a in store.actions()))
            await until(lambda: label.text() == "1 waiting to be sent", 30)

            hub_box.start()
            back = hub_box.running
            window.sync_status.sync_now.click()
            await until(lambda: _status_of(back, ana) == "away", 30)
            (intent,) = [a["data"] for a in store.actions() if a["kind"] == AuditKind.AGENT_CHANGED]
            facts = await asyncio.to_thread(_status_facts, back, ana)
            assert [(f["status"], f["idempotency_key"]) for f in facts] == [
                ("away", intent["idempotency_key"])
            ]
            await until(lambda: label.text() == "All sent", 30)
            await until(lambda: _agent_status(window, "ana") == "away")

    run(qapp, scenario)


def test_the_board_draws_every_agents_day_and_the_stream_carries_it_on(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    lead: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each agent's row has their status stretches since midnight (the Today column),
    read in one request; a status change on the hub extends the right agent's day from
    the stream, with no other read."""
    hub.add_user("bea", "agent", ("ventas",))
    hub.add_user("root", "admin", ())
    root = hub.login("root")
    ana, bea = hub.user_ids["ana"], hub.user_ids["bea"]
    assert root.put(f"/api/v1/supervisor/agents/{bea}", json={"status": "busy"}).is_success
    # Every read of the days, the board's first one included: counted once answered.
    reads = [0]
    read = SupervisorApi.status_histories

    async def counted(api: SupervisorApi, start: int, end: int) -> list[dict[str, Any]]:
        found = await read(api, start, end)
        reads[0] += 1
        return found

    monkeypatch.setattr(SupervisorApi, "status_histories", counted)

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
            model = board.agents
            # The board's first read of the days answered (and shown: in the same turn).
            await until(lambda: reads[0] == 1 and model.day(bea).stretches)
            assert model.day(bea).stretches[-1].status == "busy"
            assert model.day(bea).stretches[-1].end is None
            # The cell holds the day, and says it in words (not by colour alone).
            at = model.row_number(bea)
            assert at is not None
            row = model.index(at, AgentColumn.TODAY)
            assert row.data(AgentRoles.DAY) == model.day(bea)
            assert "busy" in str(row.data(Qt.ItemDataRole.ToolTipRole)).lower()
            before = len(model.day(ana).stretches)
            asked = reads[0]

            change = root.put(f"/api/v1/supervisor/agents/{ana}", json={"status": "away"})
            assert change.is_success
            await until(
                lambda: model.day(ana).stretches and model.day(ana).stretches[-1].status == "away"
            )
            day = model.day(ana).stretches
            assert len(day) == before + 1 and day[-1].end is None
            if before:
                assert day[-2].end == day[-1].start  # the stretch that lasted ended there
            assert model.day(bea).stretches[-1].status == "busy"  # hers is unchanged
            assert reads[0] == asked, "the stream's event, not another read"
            shot = Path(os.environ.get("WA_DESK_SHOT_DIR") or tmp_path) / "wallboard_days.png"
            window.grab().save(str(shot))

    run(qapp, scenario)
