"""Nobody signed in as an agent: their status is ``offline``.

Colleagues and supervisors read an agent's status to know whom they can count on; an
agent who signed out, or whose session is over, must not go on looking available.
Signing out of a user's last live session sets them offline in the same transaction as
the revocation (``POST /api/v1/auth/logout``). Sessions that end without a sign-out
(expired, idle, pushed out by newer ones, revoked by ``wa-desk hub user disable`` or
``passwd`` or by another replica) are found by a sweep every ``[sessions]
signed_out_check_seconds``: a user not offline with no live session left is set offline.
Each change is announced like any other status change (``agent.status``).

The update re-checks the condition itself, so two replicas sweeping at once, or a
sign-in landing meanwhile, change and announce nothing twice or wrongly.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from wa_desk.core.agents import AgentStatus
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.guidelines import Guidelines
from wa_desk.hub import sign_in
from wa_desk.hub.changes import agent_status_changed
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import users
from wa_desk.hub.queries.stream_log import StreamEvent

log = logging.getLogger(__name__)

OFFLINE = AgentStatus.OFFLINE.value

# A user with no live session: disabled, or no token that is not revoked, expired or
# idle (the same test as ``users.token_use``).
_SIGNED_OUT = (
    "(u.disabled <> 0 OR NOT EXISTS (SELECT 1 FROM tokens t WHERE t.user_id = u.id "
    "AND t.revoked_at IS NULL AND t.expires_at > ? "
    "AND COALESCE(t.last_used_at, t.created_at) > ?))"
)


def set_offline_if_signed_out(
    conn: Conn, user_id: str, now: Millis, idle_ms: Millis, guidelines: Guidelines
) -> list[StreamEvent]:
    """Offline, announced and kept in the status timeline, when ``user_id`` has no live
    session and was not offline."""
    changed = conn.execute(
        f"UPDATE users SET status = ?, status_since = ? WHERE id = ? AND status <> ? AND id IN "  # noqa: S608 - a constant
        f"(SELECT u.id FROM users u WHERE u.id = ? AND {_SIGNED_OUT})",
        (OFFLINE, now, user_id, OFFLINE, user_id, now, now - idle_ms),
    )
    if not changed:
        return []
    users.record_status(conn, user_id, OFFLINE, now, None)
    return [agent_status_changed(conn, user_id, now, guidelines)]


def signed_out_but_shown_on(conn: Conn, now: Millis, idle_ms: Millis) -> list[str]:
    """Users whose status is not offline although no session of theirs is live."""
    rows = conn.all(
        f"SELECT u.id FROM users u WHERE u.status <> ? AND {_SIGNED_OUT} ORDER BY u.id",  # noqa: S608 - a constant
        (OFFLINE, now, now - idle_ms),
    )
    return [str(r["id"]) for r in rows]


def _set_offline(
    conn: Conn, user_ids: list[str], now: Millis, idle_ms: Millis, guidelines: Guidelines
) -> Outcome[int]:
    events = [
        e for u in user_ids for e in set_offline_if_signed_out(conn, u, now, idle_ms, guidelines)
    ]
    return Outcome(len(events), events)


async def sweep_once(ctx: HubContext) -> int:
    """Set offline everyone shown otherwise with no live session; how many were."""
    idle_ms = sign_in.idle_limit_ms(ctx.settings.sessions)
    now = now_ms()
    found = await ctx.db.read(partial(signed_out_but_shown_on, now=now, idle_ms=idle_ms))
    if not found:
        return 0  # the usual answer: one read, no write
    guidelines = ctx.settings.guidelines
    return await ctx.write(lambda c: _set_offline(c, found, now, idle_ms, guidelines))


async def keep_signed_out_agents_offline(ctx: HubContext) -> None:
    every = ctx.settings.sessions.signed_out_check_seconds
    while True:
        await asyncio.sleep(every)
        try:
            changed = await sweep_once(ctx)
        except StorageError as exc:  # the store is away: the next sweep tries again
            log.warning("signed-out agents not swept: %s", exc)
            continue
        if changed:
            log.info("%d user(s) with no live session set offline", changed)
