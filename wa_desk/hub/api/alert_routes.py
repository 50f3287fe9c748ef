"""The early alerts for leads: list them by state, acknowledge one, snooze one.

Every route refuses an agent (403). A supervisor sees the alerts of their queues and the
operational ones; another queue's alert is not found (404). Administrators see all.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from wa_desk.core.alert_kinds import AlertState
from wa_desk.core.clock import now_ms
from wa_desk.hub import alert_actions
from wa_desk.hub.alert_actions import AlertNotVisible, AlertResolved
from wa_desk.hub.api import paging
from wa_desk.hub.api.body_text import Utf8
from wa_desk.hub.api.deps import CurrentLead, Hub
from wa_desk.hub.api.errors import ApiError

router = APIRouter(prefix="/api/v1/supervisor/alerts")

MAX_NOTE_LENGTH = 500
MAX_SNOOZE_MINUTES = 7 * 24 * 60
ALL_STATES = "all"
BAD_STATE = "bad_state"
ALERT_RESOLVED = "alert_resolved"

Note = Annotated[str | None, Field(max_length=MAX_NOTE_LENGTH), Utf8]


def _not_found(alert_id: int) -> ApiError:
    return ApiError(404, "not_found", f"No alert {alert_id} that you can see.")


def _resolved(alert_id: int) -> ApiError:
    return ApiError(
        409, ALERT_RESOLVED, f"Alert {alert_id} is resolved: its condition cleared by itself."
    )


def _state(text: str) -> AlertState | None:
    if text == ALL_STATES:
        return None
    try:
        return AlertState(text)
    except ValueError:
        names = ", ".join([*(s.value for s in AlertState), ALL_STATES])
        raise ApiError(400, BAD_STATE, f"state must be one of {names}, not {text!r}.") from None


@router.get("")
async def list_alerts(
    user: CurrentLead,
    ctx: Hub,
    state: Annotated[str, Query(max_length=20)] = AlertState.OPEN.value,
    limit: int = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """The caller's alerts, newest first: ``state`` is ``open`` (the default: neither
    acknowledged nor snoozed), ``acknowledged``, ``snoozed``, ``resolved`` or ``all``.
    Each item is the alert as ``alert.raised`` carries it (``core.alert_kinds``). Paged:
    ``limit`` (1 to 500) and ``cursor`` (the previous page's ``next``). 403 for an agent;
    400 ``bad_state``, ``bad_limit``, ``bad_cursor``."""
    wanted = _state(state)
    paging.check_limit(limit)
    after = paging.decode(cursor)
    before_id = None
    if after is not None:
        if not after[1].isdigit() or len(after[1]) > 18:
            raise paging.bad_cursor()
        before_id = int(after[1])
    now = now_ms()
    items, last = await ctx.db.read(
        lambda c: alert_actions.list_alerts(c, user, wanted, before_id, limit, now)
    )
    next_cursor = None if last is None else paging.encode(int(last["at"]), str(last["id"]))
    return {"items": items, "next": next_cursor}


class AckRequest(BaseModel):
    note: Note = None


class SnoozeRequest(BaseModel):
    minutes: Annotated[int, Field(ge=1, le=MAX_SNOOZE_MINUTES)]
    note: Note = None


@router.post("/{alert_id}/ack")
async def acknowledge(
    alert_id: int, user: CurrentLead, ctx: Hub, body: AckRequest | None = None
) -> dict[str, Any]:
    """Take the alert on, with an optional ``note`` (up to 500 characters): it stays,
    acknowledged, until its condition clears or its severity rises. Recorded in the hub's
    chain as ``alert.acknowledged`` in the caller's name, and pushed as ``alert.updated``.
    Acknowledging it again changes nothing. 404 for an alert the caller cannot see; 409
    ``alert_resolved``."""
    note = body.note if body else None
    now = now_ms()
    try:
        value: dict[str, Any] = await ctx.write(
            lambda c: alert_actions.acknowledge(c, user, alert_id, note, now)
        )
    except AlertNotVisible:
        raise _not_found(alert_id) from None
    except AlertResolved:
        raise _resolved(alert_id) from None
    return value


@router.post("/{alert_id}/snooze")
async def snooze(alert_id: int, body: SnoozeRequest, user: CurrentLead, ctx: Hub) -> dict[str, Any]:
    """Put the alert aside for ``minutes`` (1 to 10080) from now, with an optional
    ``note``: its state is ``snoozed`` until then (a rise in severity ends the snooze).
    Recorded in the hub's chain as ``alert.snoozed`` in the caller's name, and pushed as
    ``alert.updated``. 404 for an alert the caller cannot see; 409 ``alert_resolved``;
    422 for minutes out of range."""
    now = now_ms()
    try:
        value: dict[str, Any] = await ctx.write(
            lambda c: alert_actions.snooze(c, user, alert_id, body.minutes, body.note, now)
        )
    except AlertNotVisible:
        raise _not_found(alert_id) from None
    except AlertResolved:
        raise _resolved(alert_id) from None
    return value
