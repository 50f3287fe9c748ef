"""Request dependencies: the hub context and the signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from wa_desk.core.clock import now_ms
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
        raise ApiError(401, "unauthorized", "Sign in: this request needs a bearer token.")
    return token.strip()


async def current_user(request: Request, ctx: Annotated[HubContext, Depends(hub)]) -> User:
    token = bearer_token(request)
    now = now_ms()
    user = await ctx.db.read(lambda c: users.user_for_token(c, token, now))
    if user is None:
        raise ApiError(401, "token_invalid", "The session expired or was revoked; sign in again.")
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
