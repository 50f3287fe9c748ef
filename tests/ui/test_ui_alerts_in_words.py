"""A supervisor's real app shows a real hub alert in their language, naming the agent and
the computer, with the next step that fits it (never the hub's English sentence)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from desktop_driver import run, signed_in, started, until
from hub_harness import RunningHub, running_hub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.settings import policy_guidelines
from wa_desk.ui.app.alerts import describe_alert, worth_showing
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


# -- early alerts ------------------------------------------------------------------------------


def test_a_supervisor_reads_an_sla_breach_in_spanish_as_the_hubs_loop_finds_it(
    qapp: QApplication, settings: Settings, spanish: None, tmp_path: Path, desktop_data_home: Path
) -> None:
    policy = {"sla": [{"queue": "ventas", "first_response": 2, "at_risk": 0.5}]}
    hub_settings = {"guidelines": policy_guidelines(policy), "alert_interval_seconds": 0.2}
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", hub_settings=hub_settings) as hub:
        hub.add_user("ana", "agent", ("ventas",))
        hub.add_user("lucia", "supervisor", ("ventas",))
        preset = signed_in(hub, "lucia")

        async def scenario() -> None:
            app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
            async with started(app) as window:
                session = app.session
                assert session is not None
                await until(lambda: session.stream.last_event_id is not None, PATIENCE)
                hub.customer_writes("wamid.ui.sla", "34611400001", "Hola")
                bar = window.problem_bar
                queue = isolated("ventas")
                breached = (
                    f"Un cliente de la cola {queue} ha esperado más que el objetivo de primera "
                    "respuesta."
                )
                await until(lambda: bar.isVisible() and bar.title.text() == breached, PATIENCE)
                lines = bar.text.text().split("\n")
                assert lines[0].startswith("Plazo: ")
                assert lines[1].startswith("Cuándo: ")

        run(qapp, scenario)


def _event(**fields: Any) -> dict[str, Any]:
    return {"id": 7, "count": 1, "at": to_rfc3339(now_ms()), "message": "m", **fields}


def test_an_early_alert_is_written_from_its_details_and_shown_only_when_it_matters(
    qapp: QApplication,
) -> None:
    details = {"queue": "ventas", "group": "131047", "last_code": 131047}
    data = _event(kind="send_failures", severity="warning", state="open", count=4,
                  details=details)  # fmt: skip
    problem = describe_alert(data, now_ms())
    queue = isolated("ventas")
    assert problem.title == (
        f"Messages in queue {queue} are failing because the customer's 24-hour window has closed."
    )
    assert problem.detail.startswith("Failed sends: 4; last WhatsApp error: 131047.\n")
    assert problem.next_step.startswith("Next step: send an approved template")

    raised, updated = StreamEventKind.ALERT_RAISED, StreamEventKind.ALERT_UPDATED
    assert worth_showing(raised, data)
    assert worth_showing(StreamEventKind.ALERT, {"kind": "audit_gap"})  # an older hub's
    louder = {**data, "severity": "critical", "previous_severity": "warning"}
    assert worth_showing(updated, louder)
    assert not worth_showing(updated, {**data, "previous_severity": "warning", "count": 5})
    assert not worth_showing(updated, {**louder, "state": "acknowledged"})
    assert not worth_showing(updated, {**louder, "state": "snoozed"})
    assert not worth_showing(StreamEventKind.ALERT_RESOLVED, {**data, "state": "resolved"})
    chain = {"user_name": "carla", "seq": 5, "acked_seq": 2}
    gap = _event(kind="audit_gap", severity="critical", previous_severity="critical",
                 state="open", count=2, details=chain)  # fmt: skip
    assert worth_showing(updated, gap)  # a device still refused: told again
    assert describe_alert(gap, now_ms()).title.startswith("The action log of ")
