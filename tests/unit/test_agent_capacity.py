"""``[[policy.agents]]``: agents' default capacities per queue, checked like the rest of
the policy, naming the failing key."""

from __future__ import annotations

import pytest

from wa_desk.core.agents import DEFAULT_CAPACITY
from wa_desk.hub.settings import SettingsError, policy_guidelines


def test_a_queue_entry_replaces_the_default_and_several_queues_take_the_smallest() -> None:
    g = policy_guidelines(
        {"agents": [{"queue": "*", "capacity": 4}, {"queue": "ventas", "capacity": 2}]}
    )
    assert g.capacity_for(["soporte"]) == 4
    assert g.capacity_for(["ventas"]) == 2
    assert g.capacity_for(["soporte", "ventas"]) == 2
    assert g.capacity_for([]) == 4
    assert policy_guidelines({}).capacity_for(["ventas"]) == DEFAULT_CAPACITY
    # The capacities stay with the hub: the desktops' bundle does not carry them.
    assert "agents" not in g.as_json()
    assert g.for_queues(["ventas"]).capacity_for(["ventas"]) == 2


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ({"agents": {"queue": "*"}}, "policy.agents"),
        ({"agents": [{"capacity": 3}]}, "policy.agents[0].queue"),
        ({"agents": [{"queue": "*", "capacity": 0}]}, "policy.agents[0].capacity"),
        ({"agents": [{"queue": "*", "capacity": "3"}]}, "policy.agents[0].capacity"),
        ({"agents": [{"queue": "*", "capacity": True}]}, "policy.agents[0].capacity"),
        ({"agents": [{"queue": "*", "capacity": 101}]}, "policy.agents[0].capacity"),
        ({"agents": [{"queue": "*", "capacity": 2, "max": 3}]}, "policy.agents[0]"),
        (
            {"agents": [{"queue": "a", "capacity": 2}, {"queue": "a", "capacity": 3}]},
            "policy.agents[1].queue",
        ),
    ],
)
def test_an_unusable_entry_names_its_key(raw: dict[str, object], where: str) -> None:
    with pytest.raises(SettingsError) as caught:
        policy_guidelines(raw)
    assert str(caught.value).startswith(f"{where}:"), str(caught.value)
