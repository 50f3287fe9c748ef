"""The hub's automatic replies sent, after the commit of the webhook that decided them
(``hub.auto_reply_decision``): Meta has its 200 as soon as that commit is done.

A replica claims a queued send (compare-and-set, so one replica of any number sends it)
and calls the Graph API; the result is recorded as for an agent's send (``hub.sending``)
and the send leaves the queue in the same transaction. The work that runs once
(``hub.run_once``) also sends any queued send nobody claimed, such as one whose replica
stopped right after the commit. A replica that stops during the Graph call leaves its
claimed send ``pending``: it is not sent again, since WhatsApp may have taken it (at
most once, never twice).
"""

from __future__ import annotations

import asyncio
import logging

import orjson

from wa_desk.core.clock import now_ms
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.graph import GraphRequestFailed
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import auto_replies as queued
from wa_desk.hub.queries import conversations, messages
from wa_desk.hub.sending import record_accepted, record_failed

log = logging.getLogger(__name__)

SWEEP_EVERY_SECONDS = 5.0


async def send_queued(ctx: HubContext) -> int:
    """Send every queued automatic reply no replica has claimed; how many this one sent."""
    sent = 0
    while True:
        ids: list[str] = await ctx.db.read(queued.unclaimed)
        if not ids:
            return sent
        for message_id in ids:
            if await _claim(ctx, message_id):
                await _send(ctx, message_id)
                sent += 1


async def keep_auto_replies_sent(ctx: HubContext) -> None:
    """The sweep of the work that runs once: sends nobody claimed after their commit."""
    while True:
        try:
            await send_queued(ctx)
        except Exception:
            log.exception("automatic replies not sent this time; trying again")
        await asyncio.sleep(SWEEP_EVERY_SECONDS)


async def _claim(ctx: HubContext, message_id: str) -> bool:
    at = now_ms()
    claimed: bool = await ctx.write(lambda c: Outcome(queued.claim(c, message_id, at)))
    return claimed


async def _send(ctx: HubContext, message_id: str) -> None:
    def load(conn: Conn) -> tuple[Row, Row]:
        message = messages.get(conn, message_id)
        assert message is not None
        conversation = conversations.get(conn, str(message["conversation_id"]))
        assert conversation is not None
        return message, conversation

    message, conversation = await ctx.db.read(load)
    body = orjson.loads(message["payload"])
    alerts = ctx.settings.guidelines.alerts
    try:
        wamid = await ctx.graph.send(conversation["phone_number_id"], body)
    except GraphRequestFailed as exc:
        err = exc.error
        failed_at = now_ms()
        code, title, details = err.info.code, err.title, err.details

        def failed(conn: Conn) -> Outcome[Row]:
            queued.done(conn, message_id)
            return record_failed(conn, message_id, code, title, details, failed_at, alerts)

        await ctx.write(failed)
        return
    accepted_at = now_ms()

    def accepted(conn: Conn) -> Outcome[Row]:
        queued.done(conn, message_id)
        return record_accepted(conn, message_id, wamid, accepted_at, alerts)

    await ctx.write(accepted)
