"""One way to name people on screen (``ui/common/names.py``), whatever the contact holds."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from wa_desk.ui.common.names import (
    assignee_name,
    contact_name,
    phone_number,
    profile_name,
    user_name,
)


@pytest.mark.parametrize(
    ("contact", "shown"),
    [
        ({"wa_id": "34611112222", "name": "Lucía  Pérez"}, "Lucía Pérez"),
        ({"wa_id": "34611112222", "name": "   "}, "+34611112222"),  # blanks are no name
        ({"wa_id": "34611112222", "name": None}, "+34611112222"),
        ({"wa_id": "34611112222"}, "+34611112222"),
        ({}, "Unknown customer"),
        ({"wa_id": " ", "name": ""}, "Unknown customer"),
    ],
)
def test_a_contact_is_named_by_profile_then_number(
    qapp: QApplication, contact: dict[str, object], shown: str
) -> None:
    assert contact_name(contact) == shown


def test_profile_and_number_apart() -> None:
    contact = {"wa_id": "5511988887777", "name": "\tJoão\n"}
    assert profile_name(contact) == "João"
    assert phone_number(contact) == "+5511988887777"
    assert profile_name({}) == "" and phone_number({}) == ""


def test_users_and_assignees() -> None:
    assert user_name({"id": "u-1", "name": "bea"}) == "bea"
    assert user_name({"id": "u-1"}) == "u-1"
    assert assignee_name({"assignee": "u-1", "assignee_name": "bea"}) == "bea"
    assert assignee_name({"assignee": "u-1"}) == "u-1"
    assert assignee_name({"assignee": None}) == ""
