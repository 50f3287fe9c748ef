"""The early alerts' rules (docs/kpis.md, "Alerts"), their thresholds (``[policy.alerts]``,
checked naming the failing key) and the reconciliation that keeps one alert per kind and
subject while its condition lasts."""

from __future__ import annotations

from pathlib import Path

import pytest

from wa_desk.core.alert_kinds import AlertKind, AlertSeverity, AlertState, alert_state, severity_of
from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.alert_rules import (
    HOUR_MS,
    MINUTE_MS,
    Condition,
    FailureGroup,
    OpenAlert,
    failure_group,
    failures_severity,
    is_repeat_contact,
    reconcile,
    template_severity,
    twice_is_critical,
    waiting_clock,
    window_closing,
)
from wa_desk.core.window import WINDOW_MS
from wa_desk.hub.settings import SettingsError, load_settings, policy_guidelines

T0 = 1_700_000_000_000


def test_the_policy_defaults_are_the_documented_ones() -> None:
    assert policy_guidelines({}).alerts == AlertPolicy(10, 3, 24, 10, 60, 60, 10, 5, 15)
    custom = policy_guidelines({"alerts": {"backlog_waiting": 4, "repeat_contact_hours": 72}})
    assert (custom.alerts.backlog_waiting, custom.alerts.repeat_contact_hours) == (4, 72)
    assert custom.alerts.unanswered_in_a_row == 3
    assert "alerts" not in custom.as_json()  # the hub's own business, not the desktops'
    assert custom.for_queues(["ventas"]).alerts == custom.alerts


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ({"alerts": [{"backlog_waiting": 3}]}, "policy.alerts"),
        ({"alerts": {"backlog": 3}}, "policy.alerts"),
        ({"alerts": {"backlog_waiting": 0}}, "policy.alerts.backlog_waiting"),
        ({"alerts": {"backlog_waiting": "3"}}, "policy.alerts.backlog_waiting"),
        ({"alerts": {"unanswered_in_a_row": 1}}, "policy.alerts.unanswered_in_a_row"),
        ({"alerts": {"agent_waiting_minutes": True}}, "policy.alerts.agent_waiting_minutes"),
        ({"alerts": {"window_closing_minutes": 1440}}, "policy.alerts.window_closing_minutes"),
        ({"alerts": {"guideline_spike_minutes": 2.5}}, "policy.alerts.guideline_spike_minutes"),
    ],
)
def test_an_unusable_threshold_names_its_key(raw: dict[str, object], where: str) -> None:
    with pytest.raises(SettingsError) as caught:
        policy_guidelines(raw)
    assert str(caught.value).startswith(f"{where}:"), str(caught.value)


def test_the_alert_interval_is_at_most_ten_seconds(tmp_path: Path) -> None:
    env = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
    assert load_settings(None, env).alert_interval_seconds <= 10
    config = tmp_path / "hub.toml"
    for good, bad in ((2.5, 10.5), (10, 0), (1, "5")):
        config.write_text(f"[hub]\nalert_interval_seconds = {good}\n")
        assert load_settings(config, env).alert_interval_seconds == good
        config.write_text(f"[hub]\nalert_interval_seconds = {bad!r}\n".replace("'", '"'))
        with pytest.raises(SettingsError, match=r"^alert_interval_seconds:"):
            load_settings(config, env)


def test_failed_sends_group_by_the_two_causes_a_lead_acts_on() -> None:
    assert failure_group(131047) is FailureGroup.REENGAGEMENT
    assert failure_group(131026) is FailureGroup.UNDELIVERABLE
    assert failure_group(131056) is FailureGroup.OTHER
    assert failure_group(None) is FailureGroup.OTHER
    assert failures_severity(9, 10) is AlertSeverity.WARNING
    assert failures_severity(10, 10) is AlertSeverity.CRITICAL


def test_thresholds_warn_from_the_value_and_turn_critical_at_twice_it() -> None:
    assert twice_is_critical(1, 2) is None
    assert twice_is_critical(2, 2) is AlertSeverity.WARNING
    assert twice_is_critical(3, 2) is AlertSeverity.WARNING
    assert twice_is_critical(4, 2) is AlertSeverity.CRITICAL


def test_a_window_closes_soon_only_while_it_is_still_open() -> None:
    closes = T0 + WINDOW_MS
    assert not window_closing(T0, closes - 60 * MINUTE_MS - 1, 60)
    assert window_closing(T0, closes - 60 * MINUTE_MS, 60)
    assert window_closing(T0, closes - 1, 60)
    assert not window_closing(T0, closes, 60)  # closed: no longer "about to"
    assert not window_closing(None, T0, 60)


def test_a_repeat_contact_is_a_new_conversation_within_the_hours_after_a_close() -> None:
    assert is_repeat_contact(T0, T0 + 24 * HOUR_MS, 24)
    assert not is_repeat_contact(T0, T0 + 24 * HOUR_MS + 1, 24)
    assert is_repeat_contact(T0, T0 - 500, 24)  # WhatsApp's whole seconds
    assert not is_repeat_contact(None, T0, 24)


def test_templates_that_can_no_longer_be_sent_and_waits_by_clock() -> None:
    assert template_severity("REJECTED") is AlertSeverity.CRITICAL
    assert template_severity("DISABLED") is AlertSeverity.CRITICAL
    assert template_severity("PAUSED") is AlertSeverity.WARNING
    assert template_severity("APPROVED") is None and template_severity(None) is None
    assert waiting_clock(None) == "first_response"
    assert waiting_clock(T0) == "next_response"


def _c(subject: str, severity: AlertSeverity = AlertSeverity.WARNING, count: int = 1) -> Condition:
    return Condition(AlertKind.QUEUE_BACKLOG, subject, severity, "m", None, count)


def _open(alert_id: int, subject: str, severity: AlertSeverity, count: int) -> OpenAlert:
    return OpenAlert(alert_id, "queue_backlog", subject, severity, count)


def test_reconcile_raises_the_new_updates_the_changed_and_resolves_the_cleared() -> None:
    opened = [
        _open(1, "same", AlertSeverity.WARNING, 3),
        _open(2, "louder", AlertSeverity.WARNING, 3),
        _open(3, "cleared", AlertSeverity.CRITICAL, 9),
    ]
    now_true = [
        _c("same", count=3),
        _c("louder", AlertSeverity.CRITICAL, 6),
        _c("new"),
    ]
    plan = reconcile(opened, now_true)
    assert [c.subject for c in plan.raise_] == ["new"]
    assert [(a.id, c.severity) for a, c in plan.update] == [(2, AlertSeverity.CRITICAL)]
    assert [a.id for a in plan.resolve] == [3]
    assert reconcile([], []) == reconcile(opened[:1], now_true[:1])  # nothing to do


def test_an_alerts_state_and_the_severity_of_rows_from_before_severities() -> None:
    assert alert_state(None, None, None, T0) is AlertState.OPEN
    assert alert_state(None, T0, None, T0) is AlertState.ACKNOWLEDGED
    assert alert_state(None, T0, T0 + 1, T0) is AlertState.SNOOZED
    assert alert_state(None, T0, T0, T0) is AlertState.ACKNOWLEDGED  # the snooze is over
    assert alert_state(T0, T0, T0 + 1, T0) is AlertState.RESOLVED
    assert severity_of(None, "audit_gap") is AlertSeverity.CRITICAL
    assert severity_of(None, "something_new") is AlertSeverity.WARNING
    assert severity_of("info", "audit_gap") is AlertSeverity.INFO
