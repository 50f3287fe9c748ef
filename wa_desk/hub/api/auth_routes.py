"""Sign-in, sign-out and the signed-in user's own state."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.hub.api.deps import CurrentUser, Hub, bearer_token
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.changes import agent_status_changed
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.passwords import DUMMY_HASH, verify_password
from wa_desk.hub.queries import users

router = APIRouter(prefix="/api/v1")


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)


@router.post("/auth/login")
async def login(body: LoginRequest, ctx: Hub) -> dict[str, Any]:
    found = await ctx.db.read(lambda c: users.user_with_hash(c, body.username))
    stored = found[1] if found else DUMMY_HASH
    ok = await asyncio.to_thread(verify_password, body.password, stored)
    if found is None or not ok or found[0].disabled:
        raise ApiError(401, "bad_credentials", "Wrong user name or password.")
    user = found[0]
    ttl = int(ctx.settings.token_ttl_hours * 3600 * 1000)
    now = now_ms()
    token, expires = await ctx.db.write(lambda c: users.issue_token(c, user.id, now, ttl))
    return {"token": token, "expires_at": to_rfc3339(expires), "user": user.public()}


@router.post("/auth/logout", status_code=204)
async def logout(request: Request, user: CurrentUser, ctx: Hub) -> None:
    token = bearer_token(request)
    now = now_ms()
    await ctx.db.write(lambda c: users.revoke_token(c, token, now))


@router.get("/me")
async def me(user: CurrentUser) -> dict[str, Any]:
    return user.public()


class StatusRequest(BaseModel):
    status: Literal["available", "away", "offline"]


@router.put("/me/status")
async def set_status(body: StatusRequest, user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    now = now_ms()

    def change(conn: Conn) -> Outcome[None]:
        users.set_status(conn, user.id, body.status)
        return Outcome(None, [agent_status_changed(conn, user.id, body.status, now)])

    await ctx.write(change)
    return {**user.public(), "status": body.status}
