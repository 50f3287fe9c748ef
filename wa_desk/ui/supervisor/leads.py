"""Who has the supervisor's view: supervisors and administrators (the hub refuses the
supervisor API to anyone else)."""

from __future__ import annotations

from collections.abc import Mapping

from wa_desk.core.conversation import Role

LEAD_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})


def is_lead(user: Mapping[str, object]) -> bool:
    """Whether ``user`` (the signed-in user dict) has the supervisor's view."""
    return user.get("role") in LEAD_ROLES
