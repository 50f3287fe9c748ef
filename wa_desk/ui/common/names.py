"""How people are named on screen: the one place that turns a customer's contact, or a
user, into the words shown for them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication


def profile_name(contact: Mapping[str, Any]) -> str:
    """The customer's WhatsApp profile name, "" when they have none (or only blanks)."""
    return " ".join(str(contact.get("name") or "").split())


def phone_number(contact: Mapping[str, Any]) -> str:
    """The customer's number in international form (``+34611…``), "" when unknown."""
    wa_id = str(contact.get("wa_id") or "").strip()
    return f"+{wa_id}" if wa_id else ""


def contact_name(contact: Mapping[str, Any]) -> str:
    """What a customer is called everywhere: their profile name, else their number."""
    return (
        profile_name(contact)
        or phone_number(contact)
        or QCoreApplication.translate("Names", "Unknown customer")
    )


def user_name(user: Mapping[str, Any]) -> str:
    """What an agent or supervisor is called: their user name, else their id."""
    return str(user.get("name") or user.get("id") or "")


def assignee_name(conversation: Mapping[str, Any]) -> str:
    """Who a conversation is assigned to, by name ("" when nobody)."""
    return str(conversation.get("assignee_name") or conversation.get("assignee") or "")
