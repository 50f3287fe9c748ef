"""An agent as ``GET /api/v1/agents`` and the ``agent.status`` stream event show them."""

from __future__ import annotations

from wa_desk.core.guidelines import Guidelines
from wa_desk.hub.queries.users import User


def capacity_of(user: User, guidelines: Guidelines) -> int:
    """Their own capacity, else the policy's default for their queues."""
    return user.capacity if user.capacity is not None else guidelines.capacity_for(user.queues)


def agent_view(user: User, guidelines: Guidelines) -> dict[str, object]:
    """``id``, ``name``, ``role``, ``queues``, ``status`` and ``since`` (when the status
    began, RFC 3339, null if before the hub kept it), and ``capacity``."""
    return {**user.public(), "capacity": capacity_of(user, guidelines)}
