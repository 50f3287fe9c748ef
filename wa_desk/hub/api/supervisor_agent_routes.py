"""The supervisor API for agents and assignment: hand a conversation to an agent, set an
agent's capacity or status, and read the agents' status timelines."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from pydantic import BaseModel, Field

from wa_desk.core.agents import MAX_CAPACITY, AgentStatus
from wa_desk.core.clock import DAY_MS, Millis, from_rfc3339, now_ms, to_rfc3339
from wa_desk.hub import supervisor_actions, wallboard
from wa_desk.hub.actions import NotVisible
from wa_desk.hub.api.body_text import Utf8
from wa_desk.hub.api.deps import CurrentLead, Hub, visible_queues
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import users
from wa_desk.hub.supervisor_actions import AgentChange, AgentNotVisible

router = APIRouter(prefix="/api/v1/supervisor")

MAX_ID_LENGTH = 200
MAX_HISTORY_MS = 93 * DAY_MS  # a quarter, at most, in one answer

# Written into the hub's fact, so a retried request is recognisable in the trail.
ActionKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


def _agent_not_found(agent_id: str) -> ApiError:
    return ApiError(404, "not_found", f"No agent {agent_id} that you can see.")


class AssignRequest(BaseModel):
    agent: Annotated[str, Field(min_length=1, max_length=MAX_ID_LENGTH), Utf8]


@router.post("/conversations/{conversation_id}/assign")
async def assign(
    conversation_id: str, body: AssignRequest, user: CurrentLead, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    """Hand an open conversation of one of the caller's queues (any, for an
    administrator) to ``agent``, an enabled member of its queue, whether it waits in the
    queue or someone holds it. The hub records ``conversation.assigned`` (``from_user``,
    ``to_user``, ``queue`` and the ``Idempotency-Key``) and tells the queue's stream
    (``conversation.updated``). Assigning it to whoever holds it already changes
    nothing, and a request with the ``Idempotency-Key`` of one that already took effect
    (a desktop's outbox sending it again) answers the conversation as it is now and does
    nothing again, whoever holds it since: a retry is harmless. 403 for an agent; 404
    ``not_found`` for a conversation outside the caller's queues; 409 ``no_target`` when
    the agent is not in its queue or is disabled, ``conversation_closed``, or
    ``already_assigned`` when it changed hands meanwhile."""
    now = now_ms()
    try:
        value: dict[str, Any] = await ctx.write(
            lambda c: supervisor_actions.assign(c, user, conversation_id, body.agent, now, key)
        )
    except NotVisible:
        raise ApiError(
            404, "not_found", f"No conversation {conversation_id} that you can see."
        ) from None
    return value


class AgentRequest(BaseModel):
    capacity: Annotated[int | None, Field(ge=1, le=MAX_CAPACITY)] = None
    status: AgentStatus | None = None


@router.put("/agents/{agent_id}")
async def change_agent(
    agent_id: str, body: AgentRequest, user: CurrentLead, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    """Set an agent's own ``capacity`` (1 to 100; ``null`` goes back to the policy's
    ``[[policy.agents]]`` default) and/or ``status`` (``available``, ``busy``, ``away``,
    ``offline``); a key left out is left as it is. Answers the agent as
    ``GET /api/v1/agents`` lists them. Each change is recorded in the hub's chain
    (``agent.capacity_changed``, ``agent.status_changed``, with the
    ``Idempotency-Key``), a status change begins a stretch of the agent's status
    timeline, and the stream hears ``agent.status``; setting what already is changes
    nothing, and so does a request with the ``Idempotency-Key`` of one that already took
    effect (for 30 days). 403 for an agent; 404 for a user who shares no queue with the
    caller (an administrator reaches everyone)."""
    change = AgentChange(
        status=body.status,
        set_capacity="capacity" in body.model_fields_set,
        capacity=body.capacity,
    )
    now = now_ms()
    guidelines = ctx.settings.guidelines
    try:
        return await ctx.write(
            lambda c: supervisor_actions.change_agent(
                c, user, agent_id, change, guidelines, now, key
            )
        )
    except AgentNotVisible:
        raise _agent_not_found(agent_id) from None


def _instant(text: str | None, name: str, default: Millis) -> Millis:
    if text is None:
        return default
    try:
        return from_rfc3339(text)
    except ValueError:
        raise ApiError(
            400, "bad_time", f"{name} must be an RFC 3339 time with a zone, not {text!r}."
        ) from None


def _range(start: str | None, end: str | None, now: Millis) -> tuple[Millis, Millis]:
    """``[from, to)`` of a status-history request: by default the last 24 hours up to
    now; at most 93 days."""
    until = _instant(end, "to", now)
    since = _instant(start, "from", until - DAY_MS)
    if since >= until:
        raise ApiError(400, "bad_range", "from must be before to.")
    if until - since > MAX_HISTORY_MS:
        raise ApiError(400, "bad_range", "Ask for at most 93 days at a time.")
    return since, until


def _stretches(
    found: list[users.StatusStretch], since: Millis, until: Millis, now: Millis
) -> list[dict[str, Any]]:
    return [
        {
            "status": s.status,
            "start": to_rfc3339(max(s.start, since)),
            "end": to_rfc3339(min(until, now if s.end is None else s.end)),
            "lasts": s.end is None,
            "set_by": s.by,
        }
        for s in found
    ]


@router.get("/agents/status-history")
async def status_histories(
    user: CurrentLead,
    ctx: Hub,
    start: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=40)] = None,
) -> dict[str, Any]:
    """Every agent's status stretches over ``[from, to)``, to draw the wallboard's
    timelines in one read: the agents the wallboard has a row for (the members of the
    caller's queues; of every queue for an administrator), each as ``{"agent", "name",
    "queues", "items"}`` with ``items`` as ``/agents/{id}/status-history`` gives them.
    Ranges as there (default the last 24 hours; at most 93 days). In one page (``next``
    is null). 403 for an agent."""
    now = now_ms()
    since, until = _range(start, end, now)
    scope = visible_queues(user)

    def read(conn: Conn) -> list[tuple[users.User, list[users.StatusStretch]]]:
        team = wallboard.members(conn, scope)
        found = users.status_histories(conn, [u.id for u in team], since, until)
        return [(u, found[u.id]) for u in team]

    team = await ctx.db.read(read)
    return {
        "from": to_rfc3339(since),
        "to": to_rfc3339(until),
        "items": [
            {
                "agent": u.id,
                "name": u.name,
                "queues": list(u.queues),
                "items": _stretches(found, since, until, now),
            }
            for u, found in team
        ],
        "next": None,
    }


@router.get("/agents/{agent_id}/status-history")
async def status_history(
    agent_id: str,
    user: CurrentLead,
    ctx: Hub,
    start: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=40)] = None,
) -> dict[str, Any]:
    """The agent's status stretches over ``[from, to)`` (RFC 3339; default the last 24
    hours up to now; at most 93 days), oldest first, to draw a status timeline: each item
    is ``{"status", "start", "end", "lasts", "set_by"}`` with ``start`` and ``end``
    clipped to the range, ``lasts`` true for the status the agent is in now, and
    ``set_by`` the user who set it (the agent, a supervisor) or null when the hub did (at
    sign-out). A stretch before the hub kept statuses is not known. In one page
    (``next`` is null). 404 for a user who shares no queue with the caller."""
    now = now_ms()
    since, until = _range(start, end, now)

    def read(conn: Conn) -> list[users.StatusStretch]:
        agent = supervisor_actions.visible_agent(conn, user, agent_id)
        return users.status_history(conn, agent.id, since, until)

    try:
        stretches = await ctx.db.read(read)
    except AgentNotVisible:
        raise _agent_not_found(agent_id) from None
    return {
        "agent": agent_id,
        "from": to_rfc3339(since),
        "to": to_rfc3339(until),
        "items": _stretches(stretches, since, until, now),
        "next": None,
    }
