"""Operational alerts: problems an administrator must act on (an expired token...)."""

from __future__ import annotations

import logging

from wa_desk.core.clock import now_ms
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import stream_log

log = logging.getLogger(__name__)


async def raise_alert(ctx: HubContext, kind: str, text: str) -> None:
    """An operational alert for supervisors and administrators (on the stream, stored)."""
    log.error("operational alert %s: %s", kind, text)
    now = now_ms()

    def store(conn: Conn) -> Outcome[None]:
        conn.execute("INSERT INTO alerts (at, kind, message) VALUES (?, ?, ?)", (now, kind, text))
        event = stream_log.append(conn, "alert", None, None, {"kind": kind, "message": text}, now)
        return Outcome(None, [event])

    await ctx.write(store)
