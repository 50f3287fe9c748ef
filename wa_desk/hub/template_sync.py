"""Keep the templates table in step with the WhatsApp Business Account's templates, and
tell every signed-in user when they changed (``templates.changed`` on the stream)."""

from __future__ import annotations

import asyncio
import logging

from wa_desk.core.alert_kinds import AlertKind
from wa_desk.core.clock import now_ms
from wa_desk.hub import alert_facts
from wa_desk.hub.alerts import raise_alert
from wa_desk.hub.changes import templates_changed
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.graph import GraphRequestFailed
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import templates
from wa_desk.whatsapp.errors import ErrorKind

log = logging.getLogger(__name__)


async def sync_templates(ctx: HubContext) -> int:
    """Fetch and store every template; how many were stored."""
    waba = ctx.settings.waba_id
    if not waba:
        return 0
    listed = await ctx.graph.list_templates(waba)
    now = now_ms()

    def store(conn: Conn) -> Outcome[int]:
        count, changes = templates.replace_all(conn, listed, now)
        events = [templates_changed(conn, changes, now)] if changes else []
        events.extend(alert_facts.templates_changed(conn, changes, now))
        events.extend(alert_facts.token_accepted(conn, now))  # WhatsApp took the token
        return Outcome(count, events)

    return await ctx.write(store)


async def keep_templates_synced(ctx: HubContext) -> None:
    """Sync now and every ``template_sync_minutes``; after a failure, retry soon."""
    interval = ctx.settings.template_sync_minutes * 60
    retry = 1.0
    while True:
        try:
            count = await sync_templates(ctx)
        except GraphRequestFailed as exc:
            log.warning("template sync failed: %s", exc)
            info = exc.error.info
            if info.kind is ErrorKind.AUTH:
                await raise_alert(
                    ctx,
                    AlertKind.WHATSAPP_AUTH,
                    f"({info.code}) {info.meaning}",
                    {"code": info.code},
                )
            await asyncio.sleep(min(retry, interval))
            retry = min(retry * 2, 60.0)
            continue
        log.info("templates synced: %d", count)
        retry = 1.0
        await asyncio.sleep(interval)
