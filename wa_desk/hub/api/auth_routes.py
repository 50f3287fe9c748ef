"""Sign-in, sign-out and the signed-in user's own state."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from wa_desk.core.agents import AgentStatus
from wa_desk.core.auth_codes import AuthCode
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.hub import sign_in
from wa_desk.hub.api.deps import CurrentUser, Hub, bearer_token
from wa_desk.hub.api.errors import ApiError, error_response
from wa_desk.hub.api.json_response import JsonResponse
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.own_status import set_own_status
from wa_desk.hub.passwords import DUMMY_HASH, verify_password
from wa_desk.hub.queries import users
from wa_desk.hub.sign_in import FailReason
from wa_desk.hub.sign_in_throttle import Refusal
from wa_desk.hub.signed_out_agents import set_offline_if_signed_out

router = APIRouter(prefix="/api/v1")

_BAD_CREDENTIALS = "Wrong user name or password."
_LOCKED = (
    "This account is locked after too many failed sign-ins. An administrator can unlock it "
    "(wa-desk hub user unlock); otherwise try again later."
)


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)


def _refused(refusal: Refusal) -> JsonResponse:
    seconds = refusal.retry_after_seconds
    if refusal.locked:
        response = error_response(423, AuthCode.ACCOUNT_LOCKED, _LOCKED, retry_after=seconds)
    else:
        message = f"Too many failed sign-ins: try again in {_duration(seconds)}."
        response = error_response(429, AuthCode.TOO_MANY_ATTEMPTS, message, retry_after=seconds)
    response.headers["Retry-After"] = str(seconds)
    return response


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} seconds"
    return f"{-(-seconds // 60)} minutes"


@router.post("/auth/login", response_model=None)
async def login(body: LoginRequest, request: Request, ctx: Hub) -> dict[str, Any] | JsonResponse:
    policy = ctx.settings.sessions
    address = sign_in.address_key(request.client.host if request.client else None)
    now = now_ms()
    attempt = await ctx.db.write(lambda c: sign_in.begin(c, body.username, address, now, policy))
    if isinstance(attempt, Refusal):
        return _refused(attempt)
    # The same work whether or not the user exists: timing does not tell names apart.
    stored = attempt.found[1] if attempt.found else DUMMY_HASH
    ok = await asyncio.to_thread(verify_password, body.password, stored)
    now = now_ms()
    user = attempt.found[0] if attempt.found else None
    if user is None or not ok or user.disabled:
        reason = (
            FailReason.UNKNOWN_USER
            if user is None
            else FailReason.NO_MATCH
            if not ok
            else FailReason.DISABLED_USER
        )
        locked = await ctx.db.write(lambda c: sign_in.failed(c, attempt, reason, now, policy))
        if locked:
            lock_ms = int(policy.lockout_minutes * 60 * 1000)
            return _refused(Refusal(True, lock_ms))
        raise ApiError(401, AuthCode.BAD_CREDENTIALS, _BAD_CREDENTIALS)
    ttl = int(ctx.settings.token_ttl_hours * 3600 * 1000)
    issued = await ctx.db.write(lambda c: sign_in.succeeded(c, attempt, user, now, ttl, policy))
    for token_hash in issued.evicted:  # the user's oldest sessions, pushed out
        ctx.broker.end_streams(token_hash=token_hash)
    return {
        "token": issued.token,
        "expires_at": to_rfc3339(issued.expires_at),
        "user": user.public(),
    }


@router.post("/auth/logout", status_code=204)
async def logout(request: Request, user: CurrentUser, ctx: Hub) -> None:
    """Ends this session. Signing out of the user's last live session sets them
    ``offline``, announced on the stream (``agent.status``) like any status change."""
    token = bearer_token(request)
    now = now_ms()
    idle_ms = sign_in.idle_limit_ms(ctx.settings.sessions)

    def sign_out(conn: Conn) -> Outcome[str]:
        token_hash = users.revoke_token(conn, token, now)
        offline = set_offline_if_signed_out(conn, user.id, now, idle_ms, ctx.settings.guidelines)
        return Outcome(token_hash, offline)

    token_hash = await ctx.write(sign_out)
    ctx.broker.end_streams(token_hash=token_hash)


@router.get("/me")
async def me(user: CurrentUser) -> dict[str, Any]:
    return user.public()


class StatusRequest(BaseModel):
    status: AgentStatus


@router.put("/me/status")
async def set_status(body: StatusRequest, user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    """The caller's status. A change is announced on the stream (``agent.status``, the
    user as ``GET /api/v1/agents`` lists them) to everyone sharing a queue with them;
    setting the status it already has announces nothing."""
    now = now_ms()
    guidelines = ctx.settings.guidelines
    return await ctx.write(lambda c: set_own_status(c, user.id, body.status, now, guidelines))
