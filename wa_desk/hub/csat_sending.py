"""Sending a queued satisfaction survey (``hub/csat_survey.py``), once.

Whoever claims the survey first (a compare-and-set on the conversation) sends it: the
close's request right after its commit, or, for a hub that stopped in between, the sweep
of the replica that runs the work that runs once. Two replicas, a retried request and a
sweep never send it twice; a claim whose send never happened (the hub died in between)
leaves the survey unsent rather than risk a second one.
"""

from __future__ import annotations

import asyncio
import logging

import orjson

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, now_ms
from wa_desk.hub.context import HubContext
from wa_desk.hub.csat_survey import HUB_ACTOR, about, unsent_surveys
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.graph import GraphRequestFailed
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import messages
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.sending import record_accepted, record_failed

log = logging.getLogger(__name__)

SWEEP_EVERY_SECONDS = 60.0


async def send_queued_survey(ctx: HubContext, conversation_id: str) -> None:
    """Send the conversation's queued survey if nobody has claimed it yet."""
    claimed_at = now_ms()
    claimed = await ctx.write(lambda c: _claim(c, conversation_id, claimed_at))
    if claimed is None:
        return
    conversation, message = claimed
    body = orjson.loads(message["payload"])
    alerts = ctx.settings.guidelines.alerts
    try:
        wamid = await ctx.graph.send(conversation["phone_number_id"], body)
    except GraphRequestFailed as exc:
        err = exc.error
        log.warning("WhatsApp refused a satisfaction survey: (%s) %s", err.info.code, err.title)
        failed_at = now_ms()
        await ctx.write(
            lambda c: record_failed(
                c, message["id"], err.info.code, err.title, err.details, failed_at, alerts
            )
        )
        return
    accepted_at = now_ms()

    def accepted(c: Conn) -> Outcome[None]:
        outcome = record_accepted(c, message["id"], wamid, accepted_at, alerts)
        c.execute(
            "UPDATE conversations SET csat_sent_at = ? WHERE id = ?", (accepted_at, conversation_id)
        )
        fact = {**about(conversation), "message": message["id"], "wamid": wamid}
        append_hub_fact(c, AuditKind.CSAT_SENT, HUB_ACTOR, conversation_id, fact, accepted_at)
        return Outcome(None, outcome.events)

    await ctx.write(accepted)


def _claim(conn: Conn, conversation_id: str, now: Millis) -> Outcome[tuple[Row, Row] | None]:
    took = conn.execute(
        "UPDATE conversations SET csat_claimed_at = ? "
        "WHERE id = ? AND csat_message_id IS NOT NULL AND csat_claimed_at IS NULL",
        (now, conversation_id),
    )
    if not took:
        return Outcome(None)
    conversation = conn.one("SELECT * FROM conversations WHERE id = ?", (conversation_id,))
    assert conversation is not None
    message = messages.get(conn, conversation["csat_message_id"])
    assert message is not None
    return Outcome((conversation, message))


async def send_unsent_surveys(ctx: HubContext) -> None:
    """The sweep: surveys queued by a close whose hub stopped before sending them."""
    while True:
        for conversation_id in await ctx.db.read(unsent_surveys):
            await send_queued_survey(ctx, conversation_id)
        await asyncio.sleep(SWEEP_EVERY_SECONDS)
