"""Templates, health, and the guidelines bundle clients cache."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from fastapi import APIRouter, Request, Response

from wa_desk.hub.api.deps import CurrentUser, Hub, visible_queues
from wa_desk.hub.api.json_response import JsonResponse
from wa_desk.hub.queries import templates
from wa_desk.hub.readiness import readiness

router = APIRouter()


@router.get("/api/v1/templates")
async def list_templates(user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    rows = await ctx.db.read(templates.all_templates)
    return {"items": [templates.view(r) for r in rows], "next": None}


@router.get("/api/v1/policy", response_model=None)
async def policy(request: Request, user: CurrentUser, ctx: Hub) -> Response:
    """Templates, the text rules, and the checklists and dispositions (closing reasons)
    of the user's queues; the ETag changes with any of them.

    ``rules`` is a list of ``{"id", "severity", "message"}`` (``"warn"`` or ``"block"``;
    the message is what the agent reads) with the rule's test: ``"phrase"``,
    ``"detector"`` or ``"pattern"``. ``"action"`` repeats the severity, and phrase and
    detector rules carry a ``"pattern"`` that comes close to them, for desktops that
    read only those (docs/rules.md).

    ``dispositions`` is a list of ``{"queue", "items": [{"id", "label"}]}``: a queue's own
    list replaces the every-queue one (``"queue": "*"``), which is always there (the
    built-in reasons when the configuration names none). A close must use one of its
    queue's ids.

    ``sla`` is a list of the service levels of the user's queues (``[[policy.sla]]``):
    ``{"queue", "first_response", "next_response", "resolution"`` (seconds of business
    time, or null for no target), ``"at_risk"`` (a share of the target), ``"time_zone"``,
    ``"hours"`` (``{"mon": ["09:00-14:00", ...], ...}``, or null: open around the clock)
    and ``"holidays"`` (``["2026-12-25", ...]``)``}``; a queue's own entry replaces the
    every-queue one.

    ``canned_replies`` is a list of the canned replies of the user's queues
    (``[[policy.canned_replies]]``): ``{"queue", "name", "text", "language", "tags",
    "shortcut"}``, the text with ``{{variable}}`` marks the desktop fills in or asks the
    agent to complete; a queue's own reply replaces the every-queue one of the same name
    and language."""
    rows = await ctx.db.read(templates.all_templates)
    guidelines = ctx.settings.guidelines.for_queues(visible_queues(user))
    bundle = {
        "templates": [templates.view(r) for r in rows if r["status"] == "APPROVED"],
        "window_hours": 24,
        **guidelines.as_json(),
    }
    body = orjson.dumps(bundle)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag})


@router.get("/healthz")
async def healthz(ctx: Hub) -> JsonResponse:
    """200 ``ok`` while the store works; 503 ``degraded`` with ``store`` naming the
    problem (``unavailable``, ``full``, ``damaged``) until it works again."""
    report = await ctx.db.check_health()
    if report.error is None:
        return JsonResponse({"status": "ok", "store": "ok"})
    body = {"status": "degraded", "store": report.store, "message": report.error.public}
    headers = {"Retry-After": str(report.error.retry_after)}
    return JsonResponse(body, status_code=503, headers=headers)


@router.get("/readyz")
async def readyz(ctx: Hub) -> JsonResponse:
    """For a load balancer: 200 ``ready`` when this hub should take requests; 503
    ``not_ready`` otherwise, saying which of ``store`` (as ``/healthz``), ``schema``
    (``current``; ``behind`` or ``ahead`` of this hub's code during an upgrade), ``stream``
    (``caught_up`` with every committed event, or ``behind``) and ``stopping`` holds it
    back."""
    found = await readiness(ctx)
    return JsonResponse(found.as_json(), status_code=200 if found.ready else 503)
