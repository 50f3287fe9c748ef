"""``/_sim/...``: what tests and the demo use to drive and inspect the simulator.

Not part of Meta's API, unauthenticated, meant for loopback use only.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from wa_desk.sim.engine import CloudSimulator
from wa_desk.sim.traffic import burst
from wa_desk.sim.webhooks import MESSAGE_KINDS, TEMPLATE_EVENTS


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": "bad_request", "message": message}}, status_code=status)


async def _json(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    try:
        body = await request.json()
    except ValueError:
        return {"__invalid__": True}
    return body if isinstance(body, dict) else {"__invalid__": True}


def control_router(sim: CloudSimulator) -> APIRouter:
    router = APIRouter(prefix="/_sim")

    @router.post("/customers/{wa_id}/messages")
    async def customer_message(wa_id: str, request: Request) -> JSONResponse:
        """Body: ``{"type": kind, "text": ..., "phone_number_id", "name", "language",
        "context", "reaction_to", "choice_id", "wait"}`` → ``{"wamid", "delivered"}``."""
        body = await _json(request)
        if "__invalid__" in body:
            return _error(400, "the body must be a JSON object")
        kind = body.get("type", "text")
        if kind not in MESSAGE_KINDS:
            return _error(400, f"type must be one of {', '.join(MESSAGE_KINDS)}")
        if not wa_id.isdigit():
            return _error(400, "wa_id must be digits only")
        number = body.get("phone_number_id")
        if number is not None and number not in sim.world.numbers:
            return _error(404, f"unknown phone_number_id {number}")
        if kind in ("reaction", "unreaction") and not body.get("reaction_to"):
            return _error(400, "a reaction needs reaction_to")
        wamid, delivery = sim.customer_sends(
            wa_id,
            kind,
            body.get("text"),
            phone_number_id=number,
            name=body.get("name"),
            language=body.get("language", "es"),
            context_wamid=body.get("context"),
            reaction_to=body.get("reaction_to"),
            choice_id=body.get("choice_id", "opcion_1"),
        )
        delivered = None
        if delivery is not None and body.get("wait"):
            delivered = await delivery.done
        return JSONResponse({"wamid": wamid, "delivered": delivered})

    @router.post("/customers/{wa_id}/marketing")
    async def customer_marketing(wa_id: str, request: Request) -> JSONResponse:
        """The customer stops or resumes marketing messages from a business number in
        WhatsApp's settings. Body: ``{"stopped": true, "phone_number_id": ..., "wait"}``
        (the first number when left out) → ``{"wa_id", "phone_number_id", "stopped",
        "delivered"}``: whether its ``user_preferences`` webhook was delivered (with
        ``wait``; null without, or when nothing changed and nothing was sent)."""
        body = await _json(request)
        if "__invalid__" in body:
            return _error(400, "the body must be a JSON object")
        stopped = body.get("stopped")
        if not isinstance(stopped, bool):
            return _error(400, "stopped must be true or false")
        if not wa_id.isdigit():
            return _error(400, "wa_id must be digits only")
        number = body.get("phone_number_id") or next(iter(sim.world.numbers))
        if number not in sim.world.numbers:
            return _error(404, f"unknown phone_number_id {number}")
        delivery = sim.set_marketing_stopped(wa_id, number, stopped)
        delivered = None
        if delivery is not None and body.get("wait"):
            delivered = await delivery.done
        return JSONResponse(
            {"wa_id": wa_id, "phone_number_id": number, "stopped": stopped, "delivered": delivered}
        )

    @router.post("/templates/{name}/{language}/status")
    async def template_status(name: str, language: str, request: Request) -> JSONResponse:
        """Meta reviews a template. Body: ``{"event": "PAUSED", "reason": ..., "wait"}``
        (``event``: APPROVED, REJECTED, PAUSED, DISABLED, REINSTATED, FLAGGED...) → the
        template as the listing now shows it, and whether its
        ``message_template_status_update`` webhook was delivered (with ``wait``)."""
        body = await _json(request)
        if "__invalid__" in body:
            return _error(400, "the body must be a JSON object")
        event = body.get("event")
        if event not in TEMPLATE_EVENTS:
            return _error(400, f"event must be one of {', '.join(TEMPLATE_EVENTS)}")
        reason = body.get("reason")
        if reason is not None and not isinstance(reason, str):
            return _error(400, "reason must be a string")
        changed = sim.change_template_status(name, language, event, reason)
        if changed is None:
            return JSONResponse(
                {"error": {"code": "not_found", "message": f"no template {name} in {language}"}},
                status_code=404,
            )
        template, delivery = changed
        delivered = None
        if delivery is not None and body.get("wait"):
            delivered = await delivery.done
        return JSONResponse({"template": template.to_graph(), "delivered": delivered})

    @router.get("/sent")
    async def sent(request: Request) -> JSONResponse:
        q = request.query_params
        items = [
            r.to_json()
            for r in list(sim.world.sent)
            if (not q.get("to") or r.to == q["to"])
            and (not q.get("phone_number_id") or r.phone_number_id == q["phone_number_id"])
            and (not q.get("type") or r.type == q["type"])
        ]
        return JSONResponse({"items": items})

    @router.get("/inbound")
    async def inbound() -> JSONResponse:
        return JSONResponse(
            {
                "items": [
                    {
                        "wamid": r.wamid,
                        "phone_number_id": r.phone_number_id,
                        "wa_id": r.wa_id,
                        "type": r.type,
                        "text": r.text,
                        "at_ms": r.at_ms,
                    }
                    for r in list(sim.world.inbound)
                ]
            }
        )

    @router.get("/customers")
    async def customers() -> JSONResponse:
        return JSONResponse(
            {
                "items": [
                    {
                        "wa_id": c.wa_id,
                        "name": c.name,
                        "language": c.language,
                        "last_inbound_ms": c.last_inbound_ms,
                    }
                    for c in list(sim.world.customers.values())
                ]
            }
        )

    @router.get("/stats")
    async def stats() -> JSONResponse:
        return JSONResponse(sim.stats())

    @router.post("/clock/advance")
    async def advance(request: Request) -> JSONResponse:
        body = await _json(request)
        seconds = body.get("seconds")
        if not isinstance(seconds, int | float) or seconds < 0:
            return _error(400, "seconds must be a non-negative number")
        sim.world.clock.advance(round(seconds * 1000))
        return JSONResponse({"now_ms": sim.world.now_ms()})

    @router.post("/burst")
    async def run_burst(request: Request) -> JSONResponse:
        body = await _json(request)
        n, concurrency = body.get("n"), body.get("concurrency", 10)
        if not isinstance(n, int) or n < 1 or not isinstance(concurrency, int) or concurrency < 1:
            return _error(400, "n and concurrency must be positive integers")
        wamids = await burst(sim, n, concurrency, seed=int(body.get("seed", 0)))
        return JSONResponse({"wamids": wamids})

    @router.post("/drain")
    async def drain(request: Request) -> JSONResponse:
        body = await _json(request)
        timeout = body.get("timeout_s", 30.0)
        deliverer = sim.deliverer
        drained = True if deliverer is None else await deliverer.drain(float(timeout))
        return JSONResponse({"drained": drained, "stats": sim.stats()})

    return router
