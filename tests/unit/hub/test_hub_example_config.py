"""The example configuration IT starts from is a valid one."""

from __future__ import annotations

from pathlib import Path

from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.routing import RoutingMode, RoutingPolicy
from wa_desk.core.text_rules import first_block, matching_rules
from wa_desk.hub.settings import load_settings

EXAMPLE = Path(__file__).resolve().parents[3] / "installers" / "hub.example.toml"


def test_the_example_hub_config_loads_with_its_policy_and_retention() -> None:
    settings = load_settings(EXAMPLE, env={})
    assert [q.name for q in settings.queues] == ["ventas", "soporte"]
    assert [r.id for r in settings.guidelines.rules] == [
        "card_number",
        "identity_number",
        "promise",
        "promise_es",
        "shouting",
        "refund_promise",
    ]
    assert settings.retention_days == 730
    dispositions = settings.guidelines.dispositions_for
    assert [d.id for d in dispositions("ventas")][:2] == ["sale", "no_sale"]
    assert "sale" not in [d.id for d in dispositions("soporte")]
    rules = settings.guidelines.rules
    blocked = first_block(matching_rules(rules, "my card is 4111 1111 1111 1111"))
    assert blocked is not None and blocked.id == "card_number"
    assert matching_rules(rules, "order 4111 1111 1111 1112 ships today") == ()
    assert [r.id for r in matching_rules(rules, "We guarantee it arrives tomorrow")] == ["promise"]
    said = "Te garantízo el REEMBOLSO TOTAL HOY, DNI 12345678Z, full refund"
    assert [r.id for r in matching_rules(rules, said)] == [
        "identity_number",
        "promise_es",
        "shouting",
        "refund_promise",
    ]
    ventas, soporte = settings.guidelines.sla_for("ventas"), settings.guidelines.sla_for("soporte")
    assert ventas is not None and ventas.hours.time_zone == "Europe/Madrid"
    assert soporte is not None and soporte.queue == "*" and soporte.first_response_s == 900
    assert settings.guidelines.alerts == AlertPolicy()  # the example spells out the defaults
    assert settings.alert_interval_seconds == 5
    assert {p.language for p in settings.guidelines.promises} == {"es", "en", "pt"}


def test_the_example_routes_ventas_in_turn_and_the_other_queues_to_the_least_busy() -> None:
    routing_for = load_settings(EXAMPLE, env={}).guidelines.routing_for
    assert routing_for("ventas") == RoutingPolicy("ventas", RoutingMode.ROUND_ROBIN, 15, 3)
    assert routing_for("soporte") == RoutingPolicy("*", RoutingMode.LEAST_BUSY, None, 7)
