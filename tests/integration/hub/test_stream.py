"""The SSE stream: live events, per-queue visibility, resumption with Last-Event-ID."""

from __future__ import annotations

import threading

from hub_harness import SUPPORT, RunningHub
from sse_reader import StreamReader


def test_events_arrive_live_filtered_by_queue_and_resume_without_gaps(hub: RunningHub) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    hub.add_user("lead", "supervisor", ("ventas", "soporte"))
    hub.login("ana")
    hub.login("lead")
    ana = StreamReader(hub.url, hub.tokens["ana"])
    lead = StreamReader(hub.url, hub.tokens["lead"])
    try:
        ready = ana.take("ready")
        lead.take("ready")
        hub.customer_writes("wamid.e1", "34611111111", "hola ventas")
        hub.customer_writes("wamid.e2", "34622222222", "hola soporte", phone_number_id=SUPPORT)
        created = ana.take("message.created")
        assert created.data["text"] == "hola ventas" and created.id is not None
        assert created.id > (ready.id or 0)
        lead_texts = {lead.take("message.created").data["text"] for _ in range(2)}
        assert lead_texts == {"hola ventas", "hola soporte"}
        hub.customer_writes("wamid.e3", "34611111111", "¿sigues ahí?")
        assert ana.take("message.created").data["text"] == "¿sigues ahí?"
        # Nothing of soporte reached ana, and her ids only grow.
        ana.close()
        # Everything after the first event, again, in order, nothing missed.
        resumed = StreamReader(hub.url, hub.tokens["ana"], last_event_id=created.id)
        try:
            texts = [resumed.take("message.created").data["text"]]
            assert texts == ["¿sigues ahí?"]
            # Live events keep coming after the backlog.
            hub.customer_writes("wamid.e4", "34611111111", "última")
            assert resumed.take("message.created").data["text"] == "última"
            # Heartbeats (1 s in tests) keep the connection alive.
            threading.Event().wait(1.5)
            assert resumed.comments >= 1
        finally:
            resumed.close()
    finally:
        ana.close()
        lead.close()
