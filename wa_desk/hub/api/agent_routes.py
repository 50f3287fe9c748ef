"""``GET /api/v1/agents``: the colleagues a conversation can be transferred to."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from wa_desk.hub.agent_view import agent_view
from wa_desk.hub.api.deps import CurrentUser, Hub, visible_queues
from wa_desk.hub.queries import users

router = APIRouter(prefix="/api/v1")


@router.get("/agents")
async def list_agents(user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    """Every enabled user who shares at least one queue with the caller (for an
    administrator, every enabled user), by name, in one page (``next`` is null).

    Each item is ``{"id", "name", "role", "status", "since", "capacity", "queues"}``:
    ``role`` is ``agent``, ``supervisor`` or ``admin``; ``status`` is ``available``,
    ``busy``, ``away`` or ``offline``, as the user or a supervisor last set it
    (``PUT /api/v1/me/status``, ``PUT /api/v1/supervisor/agents/{id}``), and ``since`` when
    it began (RFC 3339; null if set before the hub kept it); ``capacity`` is how many
    conversations they hold at once (their own, else the policy's ``[[policy.agents]]``
    default for their queues); ``queues`` are all of theirs, so a transfer dialog can offer
    only those who work in the conversation's queue. The caller is listed too (a
    supervisor may transfer a queued conversation to themself); the desktop knows its own
    ``id`` from the sign-in. A status change reaches the stream as ``agent.status`` with
    the changed item as its data."""
    sharing = visible_queues(user)
    found = await ctx.db.read(lambda c: users.colleagues(c, sharing))
    guidelines = ctx.settings.guidelines
    return {"items": [agent_view(u, guidelines) for u in found], "next": None}
