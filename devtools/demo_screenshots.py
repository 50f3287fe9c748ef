"""Screenshots of the real app against the running demo, for the README and reviews.

    python -m devtools.demo_screenshots OUT_DIR

Starts the demo (hub, simulator, simulated customers), runs the real ``DesktopApp``
offscreen signed in as the demo agent, waits for live conversations, opens one, claims
it, replies, adds a note and a tag, and saves PNGs of the main window, the sign-in
dialog, the settings and the help; then replies with a promise and saves the composer's
offer to record it, the customer panel with its open promises, and the question of
which reply kept one. Then a second demo, with weeks of past conversations
and simulated colleagues at work, signed in as the demo's supervisor: the supervisor
view's wallboard (an agent's day below it), alerts, heat-map (each agent's week over
the last four) and, in the map's busiest cell, a conversation's timeline. Each in
Spanish and English; ``--only agent`` or ``--only supervisor`` takes one part.
Every wait for the demo's data is bounded and says what never came.
Needs no display; everything it starts, it stops.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import httpx
import keyring
import qasync
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.agents import AgentStatus
from wa_desk.core.clock import now_ms
from wa_desk.core.heatmap import HeatmapRows
from wa_desk.demo import DEMO_PASSWORD, running_demo
from wa_desk.ui.app.desktop_app import DesktopApp, SignedIn
from wa_desk.ui.common import theme
from wa_desk.ui.common.emoji_font import ensure_colour_emoji
from wa_desk.ui.common.i18n import TRANSLATIONS_DIR, Translations, compile_translations
from wa_desk.ui.common.promise_dialog import PromiseDialog
from wa_desk.ui.common.promise_kept_dialog import KeptByMessageDialog
from wa_desk.ui.settings.dialog import SettingsDialog
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow, WindowPage
from wa_desk.ui.shell.signin_dialog import SigninDialog
from wa_desk.ui.supervisor.agent_model import AgentRoles
from wa_desk.ui.supervisor.heatmap_model import HeatmapModel
from wa_desk.ui.supervisor.heatmap_range import HeatmapRange
from wa_desk.ui.supervisor.page import SupervisorPage

W = TypeVar("W", bound=QWidget)

WINDOW_SIZE = QSize(1280, 800)
PANEL_HEIGHT = 1150  # the customer panel's shot: every part of it in sight
_WAIT = 60.0
_ALERT_WAIT = 180.0  # customers left unanswered long enough for the hub to raise one
# The supervisor's shots: weeks of past conversations behind the heat-map, colleagues at
# work on the wallboard.
_HISTORY_WEEKS = 5
_COLLEAGUES = 3
_REPLY = {
    "es": "¡Hola! Soy Ana, del equipo de ventas. Lo reviso ahora mismo y te digo algo.",
    "en": "¡Hola! Soy Ana, del equipo de ventas. Ahora mismo lo miro.",
}
_NOTE = {
    "es": "Cliente habitual: ofrecer envío gratis si el pedido supera 50 €.",
    "en": "Returning customer: offer free shipping on orders over €50.",
}
_TAG = {"es": "cliente habitual", "en": "returning customer"}
# Replies that promise (the demo's policy lists the patterns): the composer offers to
# record the first; the second is the one that keeps it. The customers write Spanish.
_PROMISING_REPLY = "Te lo envío mañana a primera hora, con el número de seguimiento."
_KEEPING_REPLY = "Aquí tienes el número de seguimiento: 0034 7781 2290."
_SECOND_PROMISE = {
    "es": "Llamar para confirmar que el pedido llegó",
    "en": "Call to confirm the order arrived",
}


class _MemoryKeyring(KeyringBackend):
    """The shots never touch the real keyring; a working one keeps the window quiet."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._kept.pop((service, username), None) is None:
            raise PasswordDeleteError("not kept")


def _login(hub_url: str, user: str) -> SignedIn:
    response = httpx.post(
        f"{hub_url}/api/v1/auth/login", json={"username": user, "password": DEMO_PASSWORD}
    )
    response.raise_for_status()
    body = response.json()
    return SignedIn(hub_url, body["token"], body["user"])


async def _until(predicate: Callable[[], Any], what: str, within: float = _WAIT) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        value = predicate()
        if value:
            return value
        if loop.time() > deadline:
            raise RuntimeError(f"the demo did not get there in time: {what}")
        await asyncio.sleep(0.1)


async def _settle(seconds: float = 0.6) -> None:
    """Let layouts, the stream and repaints catch up before a grab."""
    # Sleeping, not processEvents(): qasync runs the loop's callbacks from Qt's event
    # processing, and those must not start while this task is running.
    await asyncio.sleep(seconds)


def _save(widget: QWidget, path: Path) -> Path:
    # PNG "quality" in Qt is the zlib effort: 0 packs the smallest file.
    if not widget.grab().save(str(path), "PNG", 0):
        raise RuntimeError(f"could not write {path}")
    print(path)
    return path


def _conversations(window: MainWindow) -> list[dict[str, Any]]:
    found = (window.inbox_view.model.conversation(i) for i in window.inbox_view.model.ids())
    return [c for c in found if c]


class DemoShots:
    def __init__(self, qapp: QApplication, out_dir: Path, qm_dir: Path) -> None:
        self.qapp = qapp
        self.out_dir = out_dir
        self.qm_dir = qm_dir
        self.hub_url = ""
        self.graph_url = ""  # the simulator's: its control API plays the customers
        self.written: list[Path] = []
        self._tmp = Path(tempfile.mkdtemp(prefix="wa-desk-shots-"))

    def _settings(self, name: str) -> Settings:
        return Settings(QSettings(str(self._tmp / f"{name}.ini"), QSettings.Format.IniFormat))

    async def agent(self) -> None:
        """The agent's window, the sign-in, the settings and the help, in both languages."""
        for language in ("es", "en"):
            translations = Translations()
            translations.install(language, self.qm_dir)
            try:
                await self._agent(language)
                await self._dialogs(language)
            finally:
                translations.remove()

    async def _open_app(self, user: str, settings: Settings) -> DesktopApp:
        app = DesktopApp(self.qapp, settings, CredentialStore(), preset=_login(self.hub_url, user))
        if not await app.start():
            raise RuntimeError("the app did not start")
        assert app.window is not None
        app.window.resize(WINDOW_SIZE)
        await _until(
            lambda: app.session is not None and app.session.stream.connected, "live stream"
        )
        return app

    async def agent_shots(self, hub_url: str, graph_url: str) -> None:
        self.hub_url, self.graph_url = hub_url, graph_url
        await self.agent()

    async def _agent(self, language: str) -> None:
        app = await self._open_app("ana", self._settings(f"ana-{language}"))
        window = app.window
        assert window is not None
        try:
            await _until(lambda: len(_conversations(window)) >= 4, "four conversations")
            mine = self._pick(window, app)
            cid = str(mine["id"])
            window.inbox_view.select_conversation(cid)
            window.inbox_view.conversationSelected.emit(cid)
            await _until(lambda: window.conversation_view.current_id() == cid, "opened")
            if mine.get("state") != "assigned":
                window.conversation_view.claimRequested.emit(cid)
                await _until(
                    lambda: (
                        (window.inbox_view.model.conversation(cid) or {}).get("state") == "assigned"
                    ),
                    "claimed",
                )
            window.statusChangeRequested.emit("available")
            window.set_agent_status("available")
            window.conversation_view.sendTextRequested.emit(cid, _REPLY[language])
            window.customer_panel.noteAdded.emit(cid, _NOTE[language])
            window.customer_panel.tagAdded.emit(cid, _TAG[language])
            await _until(lambda: app.store is not None and app.store.outbox_count() == 0, "sent")
            await _settle(2.5)  # delivery ticks, and a few more customers writing in
            window.inbox_view.select_conversation(cid)
            self.written.append(_save(window, self.out_dir / f"main_{language}.png"))
            help_dialog = window.show_help()
            help_dialog.adjustSize()
            await _settle(0.3)
            self.written.append(_save(help_dialog, self.out_dir / f"help_{language}.png"))
            help_dialog.close()
            await self._promises(app, window, cid, language)
            await self._opted_out(window, mine, language)
        finally:
            await app.stop()
            window.close()
            window.deleteLater()

    async def _promises(self, app: DesktopApp, window: MainWindow, cid: str, language: str) -> None:
        """The composer's offer after a reply that promises, the customer panel with the
        promise recorded and one more, and the question of which reply kept one."""
        view, box = window.conversation_view, window.customer_panel.promises
        view.sendTextRequested.emit(cid, _PROMISING_REPLY)
        await _until(lambda: view.promise_offer.isVisible(), "the composer's promise offer")
        await _settle(1.0)
        self.written.append(_save(view, self.out_dir / f"promise_offer_{language}.png"))
        view.promise_offer.record.click()
        dialog = await _until(lambda: _visible(view, PromiseDialog), "the promise dialog")
        dialog.accept()
        await _until(lambda: len(box.promise_ids()) >= 1, "the promise listed")
        box.addRequested.emit(cid, _SECOND_PROMISE[language], now_ms() + 26 * 3_600_000)
        await _until(lambda: len(box.promise_ids()) >= 2, "the second promise listed")
        await _until(lambda: app.store is not None and app.store.outbox_count() == 0, "sent")
        await _settle(1.0)  # the hub's answers replace what was shown as waiting
        box.list.setCurrentRow(0)
        # Tall enough for the whole panel: its parts below the promises are not cut off.
        window.resize(WINDOW_SIZE.width(), PANEL_HEIGHT)
        await _settle(0.5)
        self.written.append(
            _save(window.customer_panel, self.out_dir / f"promises_panel_{language}.png")
        )
        window.resize(WINDOW_SIZE)
        view.sendTextRequested.emit(cid, _KEEPING_REPLY)
        await _until(lambda: app.store is not None and app.store.outbox_count() == 0, "sent")
        box.kept.click()
        picker = await _until(lambda: _visible(box, KeptByMessageDialog), "the kept picker")
        await _settle(0.5)
        self.written.append(_save(picker, self.out_dir / f"promise_kept_picker_{language}.png"))
        picker.accept()  # the newest reply kept it, as the picker proposes
        await _until(lambda: app.store is not None and app.store.outbox_count() == 0, "kept")

    async def _opted_out(
        self, window: MainWindow, conversation: dict[str, Any], language: str
    ) -> None:
        """The customer stops marketing messages in WhatsApp's own settings: WhatsApp
        tells the hub (``user_preferences``), and the open panel says so at once."""
        wa_id = str((conversation.get("contact") or {}).get("wa_id") or conversation.get("wa_id"))
        async with httpx.AsyncClient(base_url=self.graph_url, timeout=_WAIT) as sim:
            told = await sim.post(
                f"/_sim/customers/{wa_id}/marketing", json={"stopped": True, "wait": True}
            )
            told.raise_for_status()
        label = window.customer_panel.marketing
        await _until(lambda: label.opt_out is not None, "the customer shown as opted out")
        await _settle(0.5)
        self.written.append(
            _save(window.customer_panel, self.out_dir / f"opt_out_panel_{language}.png")
        )
        async with httpx.AsyncClient(base_url=self.graph_url, timeout=_WAIT) as sim:
            again = await sim.post(
                f"/_sim/customers/{wa_id}/marketing", json={"stopped": False, "wait": True}
            )
            again.raise_for_status()  # the next language's shots start from the same place

    @staticmethod
    def _pick(window: MainWindow, app: DesktopApp) -> dict[str, Any]:
        """An open conversation in the agent's queue with a few customer messages."""
        me = app.session.user["id"] if app.session else None
        candidates = [
            c
            for c in _conversations(window)
            if c["state"] != "closed" and c.get("assignee") in (None, me) and c.get("unread")
        ]
        if not candidates:
            candidates = [c for c in _conversations(window) if c["state"] == "queued"]
        if not candidates:
            raise RuntimeError("no open conversation to answer")
        return max(candidates, key=lambda c: int(c.get("unread") or 0))

    async def _dialogs(self, language: str) -> None:
        signin = SigninDialog(hub_url=self.hub_url, username="ana")
        await self._show_and_save(signin, f"signin_{language}.png")
        settings = SettingsDialog(self._settings(f"dialogs-{language}"))
        await self._show_and_save(settings, f"settings_{language}.png")

    async def _show_and_save(self, widget: QWidget, name: str) -> None:
        widget.show()
        await _settle(0.3)
        self.written.append(_save(widget, self.out_dir / name))
        widget.close()
        widget.deleteLater()

    async def supervisor(self, hub_url: str) -> None:
        """The supervisor's view, signed in as the demo's lead, in Spanish and English."""
        self.hub_url = hub_url
        for language in ("es", "en"):
            translations = Translations()
            translations.install(language, self.qm_dir)
            try:
                await self._supervisor(language)
            finally:
                translations.remove()

    async def _supervisor(self, language: str) -> None:
        app = await self._open_app("lucia", self._settings(f"lucia-{language}"))
        window = app.window
        assert window is not None
        page = window.supervisor_page
        try:
            window.show_page(WindowPage.SUPERVISOR)
            await self._wallboard(window, page, language)
            await self._alerts(window, page, language)
            await self._heatmap(window, page, language)
        finally:
            await app.stop()
            window.close()
            window.deleteLater()

    async def _wallboard(self, window: MainWindow, page: SupervisorPage, language: str) -> None:
        board = page.wallboard
        page.show_section(board)
        await _until(
            lambda: board.queues.rowCount() > 0 and board.agents.rowCount() >= 4,
            "the wallboard's queues and agents",
        )
        # Someone at work, with their day's statuses on the strip below the board.
        await _until(
            lambda: any(
                board.filter.index(r, 0).data(AgentRoles.STATUS) == AgentStatus.AVAILABLE
                for r in range(board.filter.rowCount())
            ),
            "an available agent on the wallboard",
        )
        busy = max(
            (board.filter.index(r, 0).data(AgentRoles.ROW) for r in range(board.filter.rowCount())),
            key=lambda a: (a.get("status") == AgentStatus.AVAILABLE, int(a.get("open") or 0)),
        )
        board.choose_agent(str(busy["id"]))
        await _until(lambda: board.timeline.rowCount() > 0, "the agent's status timeline")
        await _settle(1.0)
        await _dismiss_banner(window)
        self.written.append(_save(window, self.out_dir / f"supervisor_wallboard_{language}.png"))

    async def _alerts(self, window: MainWindow, page: SupervisorPage, language: str) -> None:
        alerts = page.alerts
        page.show_section(alerts)
        await _until(lambda: alerts.open_count() > 0, "an open alert", within=_ALERT_WAIT)
        await _settle(2.0)  # the others raised in the same pass
        await _dismiss_banner(window)  # the list says it all
        first = alerts.model.index(0, 0)
        child = alerts.model.index(0, 0, first)
        alerts.tree.setCurrentIndex(child if child.isValid() else first)
        await _settle(0.3)
        self.written.append(_save(window, self.out_dir / f"supervisor_alerts_{language}.png"))

    async def _heatmap(self, window: MainWindow, page: SupervisorPage, language: str) -> None:
        heatmap = page.heatmap
        page.show_section(heatmap)
        # Each agent's week, as an average of the last four: more rows than the queues.
        heatmap.rows_box.setCurrentIndex(heatmap.rows_box.findData(HeatmapRows.AGENT.value))
        weekly = heatmap.range_box.findData(HeatmapRange.WEEKDAY_HOUR_4.value)
        heatmap.range_box.setCurrentIndex(weekly)
        model = heatmap.heatmap_model
        await _until(
            lambda: (
                model.request.weeks == 4
                and model.rows_by is HeatmapRows.AGENT
                and model.rowCount() >= 4
                and _busiest_cell(model) is not None
            ),
            "the agents' heat-map over four weeks",
        )
        await _settle(0.5)
        await _dismiss_banner(window)
        self.written.append(_save(window, self.out_dir / f"supervisor_heatmap_{language}.png"))
        # The busiest cell opened, and in it the conversation with the most going on.
        cell = _busiest_cell(model)
        assert cell is not None
        heatmap.map_view.focus_row, heatmap.map_view.focus_column = cell
        heatmap.map_view.cellActivated.emit(*cell)
        drill = heatmap.drilldown_model
        await _until(lambda: drill.rowCount() > 0, "the conversations behind a cell")
        row = max(range(drill.rowCount()), key=lambda r: _eventful(drill.conversation(r)))
        heatmap.conversations.selectRow(row)
        heatmap.conversations.scrollTo(drill.index(row, 0))
        heatmap.conversationChosen.emit(drill.conversation_id(row))
        timeline = heatmap.timeline_model
        await _until(lambda: timeline.rowCount() >= 3, "a conversation's timeline")
        await _settle(0.5)
        await _dismiss_banner(window)
        self.written.append(_save(window, self.out_dir / f"supervisor_timeline_{language}.png"))


def _visible(parent: QWidget, kind: type[W]) -> W | None:
    """The shown dialog of that class that ``parent`` opened."""
    return next((w for w in parent.findChildren(kind) if w.isVisible()), None)


async def _dismiss_banner(window: MainWindow) -> None:
    """The latest alert's bar closed, as a lead would once seen: the tab gets the room."""
    if window.problem_bar.isVisible():
        window.problem_bar.dismiss.click()
        await _settle(0.3)


def _busiest_cell(model: HeatmapModel) -> tuple[int, int] | None:
    """The map's cell with the highest figure, if any cell has one."""
    best: tuple[float, int, int] | None = None
    for r, row in enumerate(model.cells()):
        for c, value in enumerate(row):
            if value is not None and value > 0 and (best is None or value > best[0]):
                best = (float(value), r, c)
    return None if best is None else (best[1], best[2])


def _eventful(conversation: dict[str, Any]) -> tuple[int, int, int]:
    """How much a conversation of the drill-down has in its timeline, roughly."""
    return (
        int(conversation.get("transfers") or 0),
        len(conversation.get("agents") or []),
        int(conversation.get("resolution_ms") or 0),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument(
        "--only",
        choices=["agent", "supervisor"],
        help="take one part's shots (default: both)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="wa-desk-shots-data-"))
    # The app's local store and settings go to a scratch place, never the user's.
    os.environ["XDG_DATA_HOME"] = str(scratch / "data")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("wa-desk")
    qapp.setQuitOnLastWindowClosed(False)
    keyring.set_keyring(_MemoryKeyring())
    theme.apply_theme(qapp, Qt.ColorScheme.Light)
    ensure_colour_emoji(qapp)  # as the app does
    qm_dir = scratch / "qm"
    qm_dir.mkdir()
    compile_translations(TRANSLATIONS_DIR, qm_dir)
    shots = DemoShots(qapp, args.out_dir, qm_dir)
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        if args.only in (None, "agent"):
            # No colleagues: the agent's queue stays hers to answer.
            with running_demo(customers=6, rate=3) as env:
                runner.run(shots.agent_shots(env.hub_url, env.graph_url))
        if args.only in (None, "supervisor"):
            with running_demo(
                customers=6, rate=3, colleagues=_COLLEAGUES, history_weeks=_HISTORY_WEEKS
            ) as env:
                runner.run(shots.supervisor(env.hub_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
