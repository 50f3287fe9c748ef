"""The alerts model under Qt's model tester while alerts come and go as the stream
brings them: groups by kind, the most severe first; rows updated in place with only the
roles that changed, moved when their severity reorders them, removed when they leave
the state shown; names kept as isolated plain text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from wa_desk.core.alert_kinds import AlertKind
from wa_desk.ui.supervisor.alerts_model import AlertRoles, AlertsModel

NOW = 1_764_900_000_000


def alert(alert_id: int, kind: AlertKind, severity: str, state: str = "open") -> dict[str, Any]:
    """An alert as ``GET /api/v1/supervisor/alerts`` lists it (``hub.alert_store.view``)."""
    conversation = f"c{alert_id}"
    details: dict[str, Any] = {"queue": "ventas", "conversation_id": conversation}
    if kind is AlertKind.UNANSWERED_STREAK:
        details["messages"] = 3
    if kind is AlertKind.QUEUE_BACKLOG:
        details = {"queue": "ventas", "waiting": 4, "threshold": 2}
    return {
        "id": alert_id,
        "kind": kind.value,
        "subject": "ventas" if kind is AlertKind.QUEUE_BACKLOG else conversation,
        "severity": severity,
        "state": state,
        "count": 3,
        "at": "2025-12-05T02:00:00.000Z",
        "last_at": "2025-12-05T02:00:00.000Z",
        "resolved_at": None,
        "message": "hub text",
        "queues": ["ventas"],
        "acknowledged": None,
        "snoozed": None,
        "details": details,
    }


def layout(model: AlertsModel) -> list[tuple[str, list[int]]]:
    rows = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        ids = [model.index(r, 0, group).data(AlertRoles.ID) for r in range(model.rowCount(group))]
        rows.append((str(group.data(AlertRoles.KIND)), ids))
    return rows


def test_groups_and_rows_follow_severity_as_alerts_come_and_go(
    qtmodeltester: ModelTester,
) -> None:
    model = AlertsModel(clock=lambda: NOW)
    qtmodeltester.check(model)  # and watches every change below
    streak, backlog = AlertKind.UNANSWERED_STREAK, AlertKind.QUEUE_BACKLOG
    model.show("open", [alert(1, streak, "warning"), alert(2, backlog, "warning")])
    # Equally severe: in the kinds' order.
    assert layout(model) == [("queue_backlog", [2]), ("unanswered_streak", [1])]

    model.apply([alert(3, streak, "warning")])  # newest first among equals
    assert layout(model) == [("queue_backlog", [2]), ("unanswered_streak", [3, 1])]
    assert model.index(1, 0).data() == "Customers writing without an answer: 2"

    model.apply([alert(1, streak, "critical")])  # up in its group, and its group first
    assert layout(model) == [("unanswered_streak", [1, 3]), ("queue_backlog", [2])]
    assert model.index(0, 0).data(AlertRoles.SEVERITY) == "critical"

    model.apply([alert(1, streak, "warning")])  # back down, and its group too
    assert layout(model) == [("queue_backlog", [2]), ("unanswered_streak", [3, 1])]
    model.apply([alert(1, streak, "critical")])
    assert layout(model) == [("unanswered_streak", [1, 3]), ("queue_backlog", [2])]

    model.apply([alert(2, backlog, "critical")])
    assert layout(model) == [("queue_backlog", [2]), ("unanswered_streak", [1, 3])]

    model.apply([alert(2, backlog, "critical", state="acknowledged")])  # leaves "open"
    assert layout(model) == [("unanswered_streak", [1, 3])]
    model.apply([alert(1, streak, "critical", state="resolved")])
    model.apply([alert(3, streak, "warning", state="snoozed")])
    assert layout(model) == []
    qtmodeltester.check(model)


def test_an_update_announces_only_the_roles_that_changed(qtmodeltester: ModelTester) -> None:
    model = AlertsModel(clock=lambda: NOW)
    model.show("all", [alert(1, AlertKind.UNANSWERED_STREAK, "warning")])
    qtmodeltester.check(model)
    changed: list[tuple[int, list[int]]] = []
    model.dataChanged.connect(
        lambda top, _bottom, roles: changed.append((top.internalId(), list(roles)))
    )
    acked = alert(1, AlertKind.UNANSWERED_STREAK, "warning", state="acknowledged")
    acked["acknowledged"] = {"by": "u1", "at": "2025-12-05T02:05:00.000Z", "note": "Yo"}
    model.apply([acked])
    row_roles = next(roles for internal, roles in changed if internal != 0)
    assert int(AlertRoles.STATE) in row_roles and int(AlertRoles.HANDLED) in row_roles
    assert int(AlertRoles.SEVERITY) not in row_roles
    assert int(AlertRoles.SUBJECT) not in row_roles and int(AlertRoles.SINCE) not in row_roles
    handled = model.index_of(1).data(AlertRoles.HANDLED)
    assert handled.startswith("Acknowledged at ") and handled.endswith("\u2068Yo\u2069")

    changed.clear()
    model.apply([acked])  # the same alert again (its stream event after the answer)
    assert changed == []


def test_subjects_are_isolated_plain_text(qtmodeltester: ModelTester) -> None:
    model = AlertsModel(clock=lambda: NOW)
    qtmodeltester.check(model)
    model.show("open", [alert(1, AlertKind.SLA_BREACHED, "critical")])
    index = model.index_of(1)
    assert index.data(AlertRoles.SUBJECT) == "A customer"
    assert index.data(AlertRoles.OPENS) == "conversation" and index.data(AlertRoles.TARGET) == "c1"
    model.set_customers({"c1": "<b>Eve</b>\u202e lanimret"})
    # Its directional override dropped, the rest in an isolate; markup stays text.
    assert index.data(AlertRoles.SUBJECT) == "\u2068<b>Eve</b> lanimret\u2069"
    assert "Critical. " in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.parent(index) == model.index(0, 0)
    assert model.parent(model.index(0, 0)) == QModelIndex()
