"""``GET /api/v1/supervisor/wallboard``: each queue's and each agent's figures now and
today (docs/kpis.md, "Wallboard"); the same rows are pushed as ``wallboard.changed``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.hub import wallboard
from wa_desk.hub.api.deps import CurrentLead, Hub, visible_queues

router = APIRouter(prefix="/api/v1/supervisor")


@router.get("/wallboard")
async def get_wallboard(user: CurrentLead, ctx: Hub) -> dict[str, Any]:
    """``{"taken_at", "queues": [...], "agents": [...]}``: a row per queue of the caller
    (every queue for an administrator) and per member of those queues, each with its
    ``type`` (``queue`` or ``agent``) and the figures docs/kpis.md "Wallboard" defines,
    durations in milliseconds (wall and business time), instants RFC 3339. The stream
    pushes a row again as ``wallboard.changed`` when it changes. 403 for an agent."""
    now, queues = now_ms(), visible_queues(user)
    guidelines = ctx.settings.guidelines
    configured = [q.name for q in ctx.settings.queues]
    found = await ctx.db.read(lambda c: wallboard.board(c, guidelines, configured, now, queues))
    return {
        "taken_at": to_rfc3339(now),
        "queues": [r.data for r in found.queues],
        "agents": [r.data for r in found.agents],
    }
