"""The routing's policy (``[[policy.routing]]``), read and checked naming the faulty key,
and its choices: whose turn it is in a round robin, who is least busy."""

from __future__ import annotations

from typing import Any

import pytest

from wa_desk.core.routing import (
    Candidate,
    RoutingMode,
    RoutingPolicy,
    choose,
    least_busy,
    next_in_turn,
)
from wa_desk.hub.settings import SettingsError, policy_guidelines


def _routing(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"routing": list(entries)}


def test_a_queue_takes_its_own_entry_else_the_every_queue_one_else_manual() -> None:
    guidelines = policy_guidelines(
        _routing(
            {"queue": "*", "mode": "round_robin", "sticky_days": 3},
            {"queue": "ventas", "mode": "least_busy", "reassign_after_minutes": 10},
        )
    )
    assert guidelines.routing_for("ventas") == RoutingPolicy(
        "ventas", RoutingMode.LEAST_BUSY, reassign_after_minutes=10
    )
    assert guidelines.routing_for("soporte") == RoutingPolicy(
        "*", RoutingMode.ROUND_ROBIN, sticky_days=3
    )
    assert policy_guidelines({}).routing_for("ventas") == RoutingPolicy("ventas")
    assert not policy_guidelines({}).routing_for("ventas").routes


def test_sticky_days_route_a_manual_queue_too() -> None:
    guidelines = policy_guidelines(_routing({"queue": "*", "sticky_days": 7}))
    assert guidelines.routing_for("ventas").mode == RoutingMode.MANUAL
    assert guidelines.routing_for("ventas").routes


@pytest.mark.parametrize(
    ("entry", "where", "words"),
    [
        ({"queue": "*", "mode": "random"}, "policy.routing[0].mode", "round_robin"),
        ({"queue": "*", "mode": 3}, "policy.routing[0].mode", "must be one of"),
        ({"queue": "*", "sticky_days": 0}, "policy.routing[0].sticky_days", "from 1 to 365"),
        ({"queue": "*", "sticky_days": True}, "policy.routing[0].sticky_days", "whole number"),
        (
            {"queue": "*", "reassign_after_minutes": 2.5},
            "policy.routing[0].reassign_after_minutes",
            "whole number of minutes",
        ),
        ({"queue": "*", "mode": "manual", "agents": 2}, "policy.routing[0]", "unknown keys"),
        ({"mode": "manual"}, "policy.routing[0].queue", "must name a queue"),
    ],
)
def test_an_unusable_entry_names_its_key(entry: dict[str, Any], where: str, words: str) -> None:
    with pytest.raises(SettingsError) as caught:
        policy_guidelines(_routing(entry))
    assert str(caught.value).startswith(where)
    assert words in str(caught.value)


def test_a_queue_named_twice_is_refused() -> None:
    with pytest.raises(SettingsError, match=r"policy\.routing\[1\]\.queue"):
        policy_guidelines(_routing({"queue": "ventas"}, {"queue": "ventas"}))


def test_round_robin_goes_on_after_the_last_one_and_around() -> None:
    free = [Candidate("b", 0, 0), Candidate("a", 3, 0), Candidate("d", 1, 0)]
    assert next_in_turn(free, None) == free[1]
    assert next_in_turn(free, "a") == free[0]
    assert next_in_turn(free, "b") == free[2]  # c is not free: d comes next
    assert next_in_turn(free, "d") == free[1]
    assert next_in_turn([], "a") is None


def test_least_busy_then_longest_without_one_then_by_id() -> None:
    assert least_busy([Candidate("a", 2, 0), Candidate("b", 1, 900)]) == Candidate("b", 1, 900)
    assert least_busy([Candidate("a", 1, 900), Candidate("b", 1, 100)]) == Candidate("b", 1, 100)
    assert least_busy([Candidate("b", 1, 100), Candidate("a", 1, 100)]) == Candidate("a", 1, 100)
    assert least_busy([]) is None


def test_manual_chooses_nobody() -> None:
    assert choose(RoutingMode.MANUAL, [Candidate("a", 0, 0)], None) is None
