"""A device names itself to the hub by its host name, and only a host name's letters get
through: nothing an agent could write as a sentence reaches a supervisor's alert."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.alert_kinds import DEVICE_NAME_MAX, device_name_of, is_device_name


@pytest.mark.parametrize("name", ["CARLA-PC", "carla-laptop.local", "pc_17", "A"])
def test_host_names_are_device_names(name: str) -> None:
    assert is_device_name(name) and device_name_of(name) == name


@pytest.mark.parametrize(
    "name", ["", "-pc", ".local", "URGENT: call IT", "+34 600", "pc\u202e", "x" * 64, None, 7]
)
def test_anything_else_is_not(name: object) -> None:
    assert not is_device_name(name)


def test_a_host_name_is_made_to_fit() -> None:
    assert device_name_of("  Carla's PC  ") == "Carla-s-PC"
    assert device_name_of("---") is None
    assert device_name_of("é" * 3) is None
    assert device_name_of("p" * 200) == "p" * DEVICE_NAME_MAX


@given(st.text())
def test_whatever_the_computer_says_the_result_is_none_or_a_device_name(host: str) -> None:
    name = device_name_of(host)
    assert name is None or is_device_name(name)
