"""Sessions ended by another process end this process's streams within a second.

Signing out, a newer session pushing one out, or disabling a user through this process
ends its streams at once (:meth:`Broker.end_streams`, after the commit). The same changes
made elsewhere, by ``wa-desk hub user disable`` or ``passwd`` or by another hub replica on
the same store, only reach the store; every one of them revokes the user's tokens, so one
query a second for tokens revoked lately, made only while this process holds streams,
ends theirs too. The per-stream re-check (``[sessions] stream_recheck_seconds``) still
covers what no revocation marks: expiry and idleness.
"""

from __future__ import annotations

import asyncio
from functools import partial

from wa_desk.core.clock import now_ms
from wa_desk.core.stream_protocol import SessionEnd
from wa_desk.hub.context import HubContext
from wa_desk.hub.queries import users

EVERY_SECONDS = 1.0
# Revocation times come from other processes' clocks: look back far enough that a clock a
# little behind ours is not missed. Seeing a revocation twice ends nothing twice.
LOOK_BACK_MS = 10_000


async def end_streams_revoked_elsewhere(ctx: HubContext, every: float = EVERY_SECONDS) -> None:
    while True:
        await asyncio.sleep(every)
        if ctx.broker.subscriber_count == 0:
            continue
        since = now_ms() - LOOK_BACK_MS
        revoked = await ctx.db.read(partial(users.revoked_since, since=since))
        for token_hash, disabled in revoked:
            why = SessionEnd.USER_DISABLED if disabled else SessionEnd.REVOKED
            ctx.broker.end_streams(token_hash=token_hash, why=why)
