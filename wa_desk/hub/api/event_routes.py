"""Devices' action-log batches: where the hub stands for a device, and new events."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request

from wa_desk.core.alert_kinds import DEVICE_NAME_MAX, AlertKind
from wa_desk.core.clock import now_ms
from wa_desk.hub.actions import NotVisible
from wa_desk.hub.alerts import ChainAlert, raise_chain_alert
from wa_desk.hub.api.deps import CurrentUser, Hub
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.audit_intake import (
    MAX_EVENTS,
    ChainRefused,
    InvalidEvent,
    NotYourChain,
    check_owner,
    is_users_device,
    parse_batch,
    store_batch,
)
from wa_desk.hub.queries import audit_log

router = APIRouter(prefix="/api/v1/events")

_EVENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": 'An action-log event as DESIGN.md "Action-log event" defines it.',
    "required": sorted(
        ("id", "device", "seq", "at", "actor", "kind", "conversation", "data", "prev", "hash")
    ),
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string"},
        "device": {"type": "string", "description": "<install id>/<user id>"},
        "seq": {"type": "integer", "minimum": 1},
        "at": {"type": "string", "format": "date-time"},
        "actor": {"type": "string"},
        "kind": {"type": "string"},
        "conversation": {"type": ["string", "null"]},
        "data": {"type": "object"},
        "prev": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    },
}
_BATCH_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["events"],
                    "properties": {
                        "events": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": MAX_EVENTS,
                            "items": _EVENT_SCHEMA,
                        },
                        "device_name": {
                            "type": "string",
                            "maxLength": DEVICE_NAME_MAX,
                            "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                            "description": "The computer's host name, shown in the alerts "
                            "about its chain; one that does not fit is ignored.",
                        },
                    },
                    "additionalProperties": False,
                }
            }
        },
    }
}


def _not_yours(message: str) -> ApiError:
    return ApiError(403, "audit_actor", message)


@router.get("/acked")
async def acked(
    device: Annotated[str, Query(min_length=1, max_length=200)], user: CurrentUser, ctx: Hub
) -> dict[str, Any]:
    """How far the hub holds one of the caller's devices (0: nothing yet)."""
    if not is_users_device(device, user.id):
        raise _not_yours(f"Device {device!r} is not one of yours.")
    seq = await ctx.db.read(lambda c: audit_log.acked_seq(c, device))
    return {"device": device, "acked_seq": seq}


@router.post("", openapi_extra=_BATCH_BODY)
async def post_events(request: Request, user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    """Consecutive events of one of the caller's devices. Events already held with the
    same hash are acknowledged again; a gap or a fork is refused (409) and raises an
    audit alert for the caller's supervisors. A new event whose data nests too deep or is
    too large, whose ``at`` is too far from the hub's clock or goes back in the chain, is
    refused (400 ``invalid_event``, naming its seq); one about a conversation the caller
    may not write about (``audit_scope``) is 404. Answers the highest seq the hub now
    holds for the device."""
    limits = ctx.settings.intake
    try:
        batch = parse_batch(orjson.loads(await request.body()), limits)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, "invalid_event", f"The body is not JSON: {exc}") from None
    except InvalidEvent as exc:
        raise ApiError(400, "invalid_event", str(exc)) from None
    try:
        check_owner(batch, user.id)
    except NotYourChain as exc:
        raise _not_yours(str(exc)) from None
    now = now_ms()
    try:
        seq = await ctx.write(lambda c: store_batch(c, batch, user, now, limits))
    except InvalidEvent as exc:
        raise ApiError(400, "invalid_event", str(exc)) from None
    except NotVisible as exc:
        raise ApiError(
            404,
            "not_found",
            f"No conversation {exc} that you can see or were involved in; events about it "
            "cannot be taken.",
        ) from None
    except ChainRefused as exc:
        alert = ChainAlert(
            AlertKind(exc.code), exc.device, user, exc.seq, exc.acked_seq, batch.device_name
        )
        await raise_chain_alert(ctx, alert)
        raise ApiError(409, exc.code, exc.message, acked_seq=exc.acked_seq) from None
    return {"device": batch.device, "acked_seq": seq}
