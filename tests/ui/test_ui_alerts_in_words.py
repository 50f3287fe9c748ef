"""A supervisor's real app shows a real hub alert in their language, naming the agent and
the computer, with the next step that fits it (never the hub's English sentence)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from desktop_driver import run, signed_in, started, until
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.ui.app.alerts import describe_alert
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.settings.settings import Settings

PATIENCE = 20.0


def _chain(device: str, actor: str, n: int) -> list[dict[str, Any]]:
    events, prev = [], GENESIS
    base = now_ms() - 60_000
    for seq in range(1, n + 1):
        event = seal(
            {
                "id": f"{device}-{seq}",
                "device": device,
                "seq": seq,
                "at": to_rfc3339(base + seq),
                "actor": actor,
                "kind": "agent.status_changed",
                "conversation": None,
                "data": {"status": "away"},
            },
            prev,
        )
        events.append(event)
        prev = event["hash"]
    return events


def test_a_supervisor_reads_an_audit_gap_in_spanish_with_the_names_and_a_next_step(
    qapp: QApplication, hub: RunningHub, settings: Settings, spanish: None, tmp_path: Path
) -> None:
    carla_id = hub.add_user("carla", "agent", ("ventas",))
    hub.add_user("lucia", "supervisor", ("ventas",))
    preset = signed_in(hub, "lucia")
    carla = hub.login("carla")
    device = f"0190a5c4-0000-7000-8000-00000000c0de/{carla_id}"
    events = _chain(device, carla_id, 6)

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            session = app.session
            assert session is not None
            await until(lambda: session.stream.last_event_id is not None, PATIENCE)
            body = {"events": events[:2], "device_name": "CARLA-PC"}
            assert carla.post("/api/v1/events", json=body).status_code == 200
            body = {"events": events[4:], "device_name": "CARLA-PC"}
            assert carla.post("/api/v1/events", json=body).status_code == 409  # a gap

            bar = window.problem_bar
            await until(lambda: bar.isVisible() and "CARLA-PC" in bar.title.text(), PATIENCE)
            name, computer = isolated("carla"), isolated("CARLA-PC")
            assert bar.title.text() == (
                f"El registro de acciones de {name} en {computer} tiene un hueco."
            )
            lines = bar.text.text().split("\n")
            assert lines[0] == (
                "El servidor lo tiene hasta la entrada 2; el equipo envió entradas a partir "
                "de la 5."
            )
            assert lines[1].startswith("Cuándo: ")
            assert lines[2].startswith(f"Siguiente paso: pídele a {name} que mantenga wa-desk")
            assert "audit trail" not in bar.text.text()  # not the hub's English sentence
            shot = Path(os.environ.get("WA_DESK_SHOT_DIR") or tmp_path) / "alert_gap_es.png"
            window.grab().save(str(shot))

    run(qapp, scenario)


def test_an_unknown_kind_shows_the_hubs_words_under_a_generic_lead_in(
    qapp: QApplication,
) -> None:
    problem = describe_alert({"kind": "disk_almost_full", "message": "Disk 91% full."}, now_ms())
    assert problem.kind is ProblemKind.ALERT
    assert problem.title == "The server reports a problem."
    assert problem.detail == "Disk 91% full."


def test_a_whatsapp_token_alert_tells_who_renews_it(qapp: QApplication) -> None:
    at = to_rfc3339(now_ms())
    data = {"kind": "whatsapp_auth", "code": 190, "count": 1, "at": at, "message": "(190) x"}
    problem = describe_alert(data, now_ms())
    assert problem.title.startswith("WhatsApp no longer accepts the server's access token")
    assert problem.detail.startswith("WhatsApp error 190.\nWhen: ")
    assert "renew the WhatsApp access token in the server's settings" in problem.next_step
