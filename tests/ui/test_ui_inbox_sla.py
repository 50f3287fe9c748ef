"""The inbox colours a waiting customer by the hub's service levels: a real hub whose
TOML sets a one-minute first-response target for its sales queue, at risk from half of
it, and the real app whose clock the test moves (no sleeping)."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from desktop_driver import run, signed_in, started, until
from hub_harness import RunningHub
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.clock import now_ms
from wa_desk.hub.settings import load_settings
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.common import theme
from wa_desk.ui.common.timefmt import parse_ms
from wa_desk.ui.inbox.model import InboxRoles, SlaLevel
from wa_desk.ui.settings.settings import Settings

ENV = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
SLA_TOML = """
[[policy.sla]]
queue = "*"
first_response = 3600

[[policy.sla]]
queue = "ventas"
first_response = 60
at_risk = 0.5
"""


def _shows(image: QImage, color: QColor) -> bool:
    """Whether the inbox, as painted, holds a patch of ``color`` (a pill's fill)."""
    wanted = color.rgb()
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            hits += image.pixel(x, y) == wanted
    return hits >= 10


def test_the_waiting_pill_turns_at_the_policys_thresholds(
    qapp: QApplication, qtbot: QtBot, hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    config = tmp_path / "hub.toml"
    config.write_text(SLA_TOML, encoding="utf-8")
    guidelines = load_settings(config, env=ENV).guidelines
    hub.ctx.settings = dataclasses.replace(hub.ctx.settings, guidelines=guidelines)
    clock = [now_ms()]

    async def scenario() -> None:
        app = DesktopApp(
            qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"), clock=lambda: clock[0]
        )
        async with started(app) as window:
            await until(lambda: app.session is not None and app.session.stream.connected)
            await asyncio.to_thread(hub.customer_writes, "wamid.sla1", "34611117777", "Hola")
            model = window.inbox_view.model
            conv_id = await until(lambda: next(iter(model.ids()), None))
            conversation = model.conversation(conv_id)
            assert conversation is not None and conversation["queue"] == "ventas"
            since = parse_ms(conversation["waiting_since"])
            assert since is not None
            # The policy reached the desktop: until then no target is known.
            await until(lambda: app.session is not None and app.session.guidelines.sla)
            index = model.index(model.row_of(conv_id))  # type: ignore[arg-type]
            c = theme.colors(window.inbox_view.palette())

            def level_at(ms: int) -> tuple[int, QImage]:
                clock[0] = since + ms
                window.inbox_view.refresh_visible_times()
                return index.data(InboxRoles.SLA_LEVEL), window.inbox_view.grab().toImage()

            level, image = level_at(29_999)
            assert level == SlaLevel.OK and _shows(image, c.sla_ok)
            assert not _shows(image, c.sla_warn) and not _shows(image, c.sla_late)
            image.save(str(tmp_path / "ok.png"))
            level, image = level_at(30_000)  # half of the minute
            assert level == SlaLevel.WARN and _shows(image, c.sla_warn)
            assert not _shows(image, c.sla_late)
            image.save(str(tmp_path / "at_risk.png"))
            level, image = level_at(60_000)  # the minute itself: still in time
            assert level == SlaLevel.WARN
            level, image = level_at(60_001)
            assert level == SlaLevel.LATE and _shows(image, c.sla_late)
            image.save(str(tmp_path / "breached.png"))

    run(qapp, scenario)
