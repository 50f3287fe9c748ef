"""Request dependencies: the hub context and the signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from wa_desk.core.auth_codes import AuthCode
from wa_desk.core.clock import now_ms
from wa_desk.hub import sign_in
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.context import HubContext
from wa_desk.hub.queries import users
from wa_desk.hub.queries.users import User


def hub(request: Request) -> HubContext:
    ctx: HubContext = request.app.state.hub
    return ctx


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, AuthCode.UNAUTHORIZED, "Sign in: this request needs a bearer token.")
    return token.strip()


async def session_user(ctx: HubContext, token: str) -> User | None:
    """The user of a live token, or None (expired, idle for ``[sessions] idle_minutes``,
    revoked, its user disabled). Each call is a use of the token, written to the store
    at most once a minute (never once per request). An open stream re-checking its
    token through here counts as use too."""
    policy = ctx.settings.sessions
    idle_ms = sign_in.idle_limit_ms(policy)
    every_ms = sign_in.use_noted_every_ms(policy)
    now = now_ms()
    use = await ctx.db.read(lambda c: users.token_use(c, token, now, idle_ms))
    if use is None:
        return None
    if now - use.last_used_at >= every_ms:
        await ctx.db.write(lambda c: users.record_token_use(c, use.token_hash, now, every_ms))
    return use.user


async def current_user(request: Request, ctx: Annotated[HubContext, Depends(hub)]) -> User:
    user = await session_user(ctx, bearer_token(request))
    if user is None:
        raise ApiError(
            401, AuthCode.TOKEN_INVALID, "The session expired or was revoked; sign in again."
        )
    return user


async def current_lead(user: Annotated[User, Depends(current_user)]) -> User:
    if not user.is_lead:
        raise ApiError(403, "forbidden", "Only supervisors can do this.")
    return user


Hub = Annotated[HubContext, Depends(hub)]
CurrentUser = Annotated[User, Depends(current_user)]
CurrentLead = Annotated[User, Depends(current_lead)]


def visible_queues(user: User) -> frozenset[str] | None:
    """The queues a user may see; None means all (administrators)."""
    if user.role.value == "admin":
        return None
    return frozenset(user.queues)


def can_see_queue(user: User, queue: str) -> bool:
    queues = visible_queues(user)
    return queues is None or queue in queues
