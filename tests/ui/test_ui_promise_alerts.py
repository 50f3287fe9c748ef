"""A promise's alerts from a real hub, in the supervisor's alerts panel: in Spanish and in
English, naming the owner and the customer, with a next step (never the hub's sentence)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hub_harness import RunningHub
from pytestqt.qtbot import QtBot

from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.hub.alert_loop import evaluate_once
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.alerts_model import AlertRoles
from wa_desk.ui.supervisor.alerts_panel import AlertsPanel

MINUTE_MS = 60_000


def _hub_alerts(hub: RunningHub) -> list[dict[str, Any]]:
    """A promise of ana's due in 30 minutes, another overdue; the lead's alerts."""
    hub.add_user("lead", "supervisor", ("ventas",))
    hub.customer_writes("wamid.ua1", "34611100095", "¿Me llamáis?", name="Lucía Pérez")
    ana, lead = hub.login("ana"), hub.login("lead")
    cid = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    now = now_ms()
    for minutes in (30, -10):
        body = {"what": "Te llamo", "due_at": to_rfc3339(now + minutes * MINUTE_MS)}
        assert ana.post(f"/api/v1/conversations/{cid}/promises", json=body).status_code == 201
    hub.run(evaluate_once(hub.ctx, now))
    items: list[dict[str, Any]] = lead.get(
        "/api/v1/supervisor/alerts", params={"state": "open"}
    ).json()["items"]
    assert sorted(a["kind"] for a in items) == ["promise_due_soon", "promise_overdue"]
    return items


def _rows(panel: AlertsPanel) -> dict[str, dict[str, str]]:
    """Each group's heading → its alert's title, subject and detail."""
    model = panel.model
    out: dict[str, dict[str, str]] = {}
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        alert = model.index(0, 0, group)
        out[str(group.data(AlertRoles.TITLE))] = {
            "title": str(alert.data(AlertRoles.TITLE)),
            "subject": str(alert.data(AlertRoles.SUBJECT)),
            "detail": str(alert.data(AlertRoles.DETAIL)),
        }
    return out


def test_promise_alerts_read_in_english(qtbot: QtBot, hub: RunningHub, tmp_path: Path) -> None:
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    panel.model.show("open", _hub_alerts(hub))
    rows = _rows(panel)
    ana, ventas = isolated("ana"), isolated("ventas")
    assert rows["Overdue promises"]["title"] == (
        f"A promise {ana} made to a customer in queue {ventas} is overdue."
    )
    assert rows["Promises due soon"]["title"] == (
        f"A promise {ana} made to a customer in queue {ventas} is due soon."
    )
    assert rows["Promises due soon"]["subject"] == isolated("Lucía Pérez")
    assert f"Next step: ask {ana} to keep it" in rows["Promises due soon"]["detail"]
    panel.resize(760, 360)
    panel.grab().save(str(tmp_path / "promise_alerts_en.png"))


def test_promise_alerts_read_in_spanish(
    qtbot: QtBot, hub: RunningHub, spanish: None, tmp_path: Path
) -> None:
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    panel.model.show("open", _hub_alerts(hub))
    rows = _rows(panel)
    ana, ventas = isolated("ana"), isolated("ventas")
    assert rows["Promesas vencidas"]["title"] == (
        f"Una promesa de {ana} a un cliente de la cola {ventas} está vencida."
    )
    assert rows["Promesas a punto de vencer"]["subject"] == isolated("Lucía Pérez")
    assert "Siguiente paso: habla con" in rows["Promesas vencidas"]["detail"]
    panel.resize(760, 360)
    panel.grab().save(str(tmp_path / "promise_alerts_es.png"))
