"""Realistic sample data in the hub API's shapes: Spanish customers, every message type.

Used by ``screenshots.py`` and by the UI tests; the clock is fixed so pictures and
assertions do not depend on when they run.
"""

from __future__ import annotations

import random
from typing import Any

from wa_desk.core.clock import Millis, from_rfc3339, to_rfc3339

NOW: Millis = from_rfc3339("2026-03-10T11:30:00.000Z")
MIN = 60_000
HOUR = 60 * MIN

USER = {
    "id": "u-ana",
    "name": "Ana Martín",
    "role": "agent",
    "queues": ["ventas", "soporte"],
    "status": "available",
}
AGENTS = [
    {"id": "u-ana", "name": "Ana Martín", "status": "available"},
    {"id": "u-luis", "name": "Luis Pérez", "status": "away"},
    {"id": "u-marta", "name": "Marta Gil", "status": "available"},
]
QUEUES = ["ventas", "soporte", "facturación"]


def at(offset_ms: Millis) -> str:
    return to_rfc3339(NOW + offset_ms)


def conversation(
    cid: str,
    name: str | None,
    wa_id: str,
    *,
    queue: str = "ventas",
    state: str = "assigned",
    assignee: str | None = "u-ana",
    assignee_name: str | None = "Ana Martín",
    last: Millis = -MIN,
    preview: str = "",
    unread: int = 0,
    waiting: Millis | None = None,
    last_inbound: Millis | None = -MIN,
    disposition: str | None = None,
) -> dict[str, Any]:
    return {
        "id": cid,
        "contact": {"wa_id": wa_id, "name": name},
        "phone_number_id": "pn-1",
        "queue": queue,
        "state": state,
        "assignee": assignee,
        "assignee_name": assignee_name,
        "opened_at": at(last - 30 * MIN),
        "assigned_at": at(last - 20 * MIN) if assignee else None,
        "closed_at": at(last) if state == "closed" else None,
        "disposition": disposition,
        "previous_id": None,
        "window_expires_at": None if last_inbound is None else at(last_inbound + 24 * HOUR),
        "last_inbound_at": None if last_inbound is None else at(last_inbound),
        "first_response_at": None,
        "waiting_since": None if waiting is None else at(waiting),
        "last_message_at": at(last),
        "last_message_preview": preview,
        "unread": unread,
    }


def conversations() -> list[dict[str, Any]]:
    return [
        conversation(
            "c-lucia",
            "Lucía Fernández",
            "34612345678",
            last=-2 * MIN,
            preview="¿Me podéis enviar la factura de febrero?",
            unread=2,
            waiting=-3 * MIN,
            last_inbound=-2 * MIN,
        ),
        conversation(
            "c-jorge",
            "Jorge Ruiz",
            "34622334455",
            queue="soporte",
            state="queued",
            assignee=None,
            assignee_name=None,
            last=-9 * MIN,
            preview="El router sigue sin conexión desde ayer",
            unread=3,
            waiting=-9 * MIN,
            last_inbound=-9 * MIN,
        ),
        conversation(
            "c-carmen",
            "Carmen López",
            "34633445566",
            state="queued",
            assignee=None,
            assignee_name=None,
            last=-22 * MIN,
            preview="[image]",
            unread=1,
            waiting=-22 * MIN,
            last_inbound=-22 * MIN,
        ),
        conversation(
            "c-num",
            None,
            "5215512345678",
            queue="soporte",
            last=-40 * MIN,
            preview="Gracias, ya funciona 👍",
            last_inbound=-41 * MIN,
        ),
        conversation(
            "c-pablo",
            "Pablo Sánchez",
            "34644556677",
            last=-26 * HOUR,
            preview="Perfecto, quedo a la espera",
            last_inbound=-26 * HOUR,
        ),
        conversation(
            "c-elena",
            "Elena Navarro",
            "34655667788",
            queue="facturación",
            assignee="u-luis",
            assignee_name="Luis Pérez",
            last=-50 * MIN,
            preview="Le paso con el departamento de facturación",
            last_inbound=-55 * MIN,
        ),
        conversation(
            "c-old",
            "Raúl Domínguez",
            "34666778899",
            state="closed",
            last=-3 * HOUR,
            preview="Muchas gracias por todo",
            disposition="resolved",
            last_inbound=-3 * HOUR,
        ),
    ]


def _msg(
    mid: str,
    offset: Millis,
    type_: str,
    *,
    direction: str = "in",
    text: str | None = None,
    status: str = "received",
    payload: dict[str, Any] | None = None,
    sender: str = "34612345678",
    **extra: Any,
) -> dict[str, Any]:
    m: dict[str, Any] = {
        "id": mid,
        "wamid": f"wamid.{mid}",
        "conversation_id": "c-lucia",
        "direction": direction,
        "type": type_,
        "text": text,
        "status": status,
        "status_at": at(offset),
        "error": None,
        "timestamp": at(offset),
        "sender": sender if direction == "in" else "u-ana",
        "context_wamid": None,
        "reaction_to": None,
        "media_id": None,
        "template": None,
        "flagged": False,
        "problems": [],
        "problem_codes": [],
        "payload": payload or {"type": type_},
    }
    m.update(extra)
    return m


def messages() -> list[dict[str, Any]]:
    """A conversation over two days holding every message type the desktop shows."""
    d = -24 * HOUR
    return [
        _msg(
            "m01",
            d - 40 * MIN,
            "template",
            direction="out",
            status="read",
            template="seguimiento_pedido",
            text="Hola Lucía, tu pedido 4821 ha salido del almacén. ¿Podemos ayudarte en algo más?",
        ),
        _msg(
            "m02", d - 30 * MIN, "text", text="Hola! Sí, una pregunta 😊\n¿Llega antes del viernes?"
        ),
        _msg(
            "m03",
            d - 29 * MIN,
            "location",
            payload={
                "type": "location",
                "location": {
                    "latitude": 40.416775,
                    "longitude": -3.70379,
                    "name": "Oficina Centro",
                    "address": "Puerta del Sol 1, 28013 Madrid",
                },
            },
        ),
        _msg(
            "m04",
            d - 25 * MIN,
            "text",
            direction="out",
            status="read",
            text="Sí, la entrega está prevista para el jueves entre las 9:00 y las 14:00.",
            context_wamid="wamid.m02",
        ),
        _msg("r01", d - 24 * MIN, "reaction", text="👍", reaction_to="wamid.m04"),
        _msg(
            "m05",
            -50 * MIN,
            "image",
            text="Así llegó la caja",
            media_id="media-1",
            payload={"type": "image", "image": {"id": "media-1", "mime_type": "image/jpeg"}},
        ),
        _msg(
            "m06",
            -49 * MIN,
            "document",
            media_id="media-2",
            payload={
                "type": "document",
                "document": {
                    "id": "media-2",
                    "filename": "../../albarán\u202efdp.exe",
                    "mime_type": "application/pdf",
                },
            },
        ),
        _msg(
            "m07",
            -48 * MIN,
            "audio",
            media_id="media-3",
            payload={"type": "audio", "audio": {"id": "media-3", "voice": True}},
        ),
        _msg(
            "m08",
            -47 * MIN,
            "contacts",
            payload={
                "type": "contacts",
                "contacts": [
                    {
                        "name": {"formatted_name": "Miguel Fernández"},
                        "phones": [{"phone": "+34 600 111 222"}],
                    }
                ],
            },
        ),
        _msg("m09", -45 * MIN, "system", text="El cliente cambió su número de teléfono."),
        _msg(
            "m10",
            -40 * MIN,
            "interactive",
            text="Cambiar la dirección",
            payload={
                "type": "interactive",
                "interactive": {
                    "type": "button_reply",
                    "button_reply": {"id": "addr", "title": "Cambiar la dirección"},
                },
            },
        ),
        _msg(
            "m11",
            -38 * MIN,
            "unsupported",
            payload={
                "type": "unsupported",
                "errors": [
                    {
                        "code": 131051,
                        "title": "Message type unknown",
                        "error_data": {"details": "Los mensajes de encuesta no son compatibles"},
                    }
                ],
            },
        ),
        _msg(
            "m12",
            -30 * MIN,
            "text",
            text="<img src=x onerror=alert(1)> <a href='http://x'>pincha</a>",
            flagged=True,
            # As the server gives it: the English detail, and the code people read.
            problems=["the message has no type; taken as text"],
            problem_codes=["type_guessed"],
        ),
        _msg(
            "m13",
            -20 * MIN,
            "text",
            direction="out",
            status="delivered",
            text="Gracias por las fotos. Abrimos una incidencia con el transportista.",
        ),
        _msg(
            "m14",
            -15 * MIN,
            "text",
            direction="out",
            status="failed",
            text="¿Nos confirmas la nueva dirección?",
            # As the server gives it: Meta's code, title and details, the server's English.
            error={
                "code": 131047,
                "title": "Re-engagement message",
                "meaning": "More than 24 hours have passed since the customer last wrote: "
                "only an approved template can be sent now.",
                "details": "Message failed to send because more than 24 hours have passed "
                "since the customer last replied to this number.",
            },
        ),
        _msg("m15", -3 * MIN, "text", text="¿Me podéis enviar la factura de febrero?"),
        _msg(
            "m16",
            -2 * MIN,
            "text",
            direction="out",
            status="pending",
            text="Ahora mismo te la envío.",
        ),
        _msg("r02", -1 * MIN, "reaction", text="❤️", reaction_to="wamid.m16"),
    ]


def _template(
    name: str, category: str, components: list[dict[str, Any]], status: str = "APPROVED"
) -> dict[str, Any]:
    """A template as the server lists it (its components as Meta syncs them)."""
    body = next(c["text"] for c in components if c["type"] == "BODY")
    return {
        "name": name,
        "language": "es",
        "status": status,
        "category": category,
        "components": components,
        "body": body,
    }


def message_text_samples() -> list[dict[str, Any]]:
    """Messages whose words use WhatsApp's formatting, links and replies, after
    ``messages()`` (for the screenshots of how messages read)."""
    return [
        _msg(
            "f01",
            -1 * MIN + 5_000,
            "text",
            text="*Pedido 4821*: _llega el jueves_, ~no el viernes~.\n"
            "Código de seguimiento: ```ES-4821-XZ```\n"
            "Más info en https://envios.ejemplo.es/4821 o en ayuda@ejemplo.es, "
            "o llama al +34 911 22 33 44.",
        ),
        _msg(
            "f02",
            -1 * MIN + 10_000,
            "text",
            direction="out",
            status="read",
            text="> llega el jueves\n¡Perfecto! Te avisamos en cuanto salga del almacén.",
            context_wamid="wamid.f01",
        ),
    ]


def long_message() -> dict[str, Any]:
    """A customer's very long message, with a run of blank lines (collapsed when shown)."""
    lines = [f"{i + 1}. Artículo {i + 1}: camiseta talla M, color azul, 19,90 €" for i in range(40)]
    text = "Hola, os paso la lista completa del pedido:\n\n\n\n\n" + "\n".join(lines)
    return _msg("f03", -1 * MIN + 15_000, "text", text=text)


def templates() -> list[dict[str, Any]]:
    return [
        _template(
            "seguimiento_pedido",
            "UTILITY",
            [
                {
                    "type": "BODY",
                    "text": "Hola {{1}}, tu pedido {{2}} ha salido del almacén. "
                    "¿Podemos ayudarte en algo más?",
                }
            ],
        ),
        _template(
            "envio_en_camino",
            "UTILITY",
            [
                {"type": "HEADER", "format": "TEXT", "text": "Pedido {{1}}"},
                {"type": "BODY", "text": "Hola {{1}}, tu pedido sale hoy y llegará el {{2}}."},
                {"type": "FOOTER", "text": "wa-desk"},
                {
                    "type": "BUTTONS",
                    "buttons": [
                        {"type": "QUICK_REPLY", "text": "Gracias"},
                        {
                            "type": "URL",
                            "text": "Seguir el envío",
                            "url": "https://envios.ejemplo.es/seguimiento/{{1}}",
                        },
                    ],
                },
            ],
        ),
        _template(
            "oferta_personal",
            "MARKETING",
            [
                {"type": "HEADER", "format": "IMAGE"},
                {
                    "type": "BODY",
                    "text": "¡Hola {{nombre}}! Tienes un {{descuento}} de descuento "
                    "hasta el domingo.",
                },
                {"type": "FOOTER", "text": "Responde BAJA para no recibir ofertas"},
            ],
        ),
        _template(
            "retomar_conversacion",
            "UTILITY",
            [
                {
                    "type": "BODY",
                    "text": "Hola {{1}}, seguimos con tu consulta. "
                    "Responde a este mensaje para continuar.",
                }
            ],
        ),
        _template(
            "aviso_pendiente",
            "UTILITY",
            [{"type": "BODY", "text": "Esta plantilla aún no está aprobada."}],
            status="PENDING",
        ),
    ]


def history() -> list[dict[str, Any]]:
    return [
        conversation(
            "c-h1",
            "Lucía Fernández",
            "34612345678",
            state="closed",
            last=-20 * 24 * HOUR,
            disposition="resolved",
            queue="soporte",
            assignee_name="Luis Pérez",
        ),
        conversation(
            "c-h2",
            "Lucía Fernández",
            "34612345678",
            state="closed",
            last=-64 * 24 * HOUR,
            disposition="sale",
            assignee_name="Ana Martín",
        ),
    ]


def notes() -> list[dict[str, Any]]:
    return [
        {
            "text": "Cliente preferente: ofrecer envío gratis si hay incidencia.",
            "author_name": "Marta Gil",
            "at": at(-20 * 24 * HOUR),
        },
        {
            "text": "Prefiere que la llamemos por la tarde.",
            "author_name": "Ana Martín",
            "at": at(-30 * MIN),
        },
    ]


def promises() -> list[dict[str, Any]]:
    """The customer's open promises: one from another agent's shift, already overdue."""
    return [
        {
            "id": "p-1",
            "conversation_id": "c-lucia-old",
            "what": "Te llamo mañana para confirmar la nueva dirección.",
            "due_at": at(-90 * MIN),
            "made_at": at(-20 * HOUR),
            "owner": "u-marta",
            "owner_name": "Marta Gil",
            "made_by": "u-marta",
            "made_by_name": "Marta Gil",
        },
        {
            "id": "p-2",
            "conversation_id": "c-lucia",
            "what": "Ahora mismo te la envío.",
            "due_at": at(HOUR),
            "made_at": at(-2 * MIN),
            "owner": "u-ana",
            "owner_name": "Ana Martín",
            "made_by": "u-ana",
            "made_by_name": "Ana Martín",
        },
    ]


TAGS = ["cliente VIP", "pedido 4821", "transporte"]


def canned_replies(language: str) -> list[dict[str, Any]]:
    """The policy's canned replies as the hub's bundle serves them, in one language."""
    replies = {
        "es": [
            (
                "*",
                "Saludo",
                "¡Hola, {{customer_name}}! Soy {{agent_name}}, de {{queue}}. "
                "¿En qué puedo ayudarte?",
                ["saludo", "inicio"],
                "hola",
            ),
            (
                "ventas",
                "Estado del pedido",
                "Tu pedido {{order_number}} sale hoy del almacén; te llegará el {{delivery_date}}.",
                ["pedido", "envío"],
                "pedido",
            ),
            (
                "*",
                "Despedida",
                "Gracias por escribirnos, {{customer_name}}. ¡Que tengas un buen día!",
                ["cierre", "gracias"],
                "adios",
            ),
            (
                "ventas",
                "Cambio de talla",
                "Puedes cambiar la talla gratis durante 30 días desde la entrega.",
                ["devolución", "talla"],
                None,
            ),
        ],
        "en": [
            (
                "*",
                "Greeting",
                "Hi {{customer_name}}! I'm {{agent_name}} from {{queue}}. How can I help you?",
                ["greeting", "start"],
                "hi",
            ),
            (
                "ventas",
                "Order status",
                "Your order {{order_number}} leaves the warehouse "
                "today; it will arrive on {{delivery_date}}.",
                ["order", "shipping"],
                "order",
            ),
            (
                "*",
                "Goodbye",
                "Thanks for writing to us, {{customer_name}}. Have a nice day!",
                ["closing", "thanks"],
                "bye",
            ),
            (
                "ventas",
                "Size exchange",
                "You can exchange the size for free within 30 days of delivery.",
                ["returns", "size"],
                None,
            ),
        ],
    }[language]
    return [
        {"queue": queue, "name": name, "text": text, "language": language, "tags": tags,
         "shortcut": shortcut}
        for queue, name, text, tags, shortcut in replies
    ]  # fmt: skip


# -- reports (docs/kpis.md "Reports"), as the hub's report and /me/stats give them ----------


def report_figures(seed: int, *, by_agent: bool = False, empty_sla: bool = False) -> dict[str, Any]:
    """One group's figures: plausible, varied by ``seed``; some figures over nothing."""
    r = random.Random(seed)
    conversations = r.randint(8, 60)
    closed = conversations - r.randint(0, 4)
    met, breached = r.randint(10, 80), r.randint(0, 12)
    first = r.randint(40_000, 900_000)
    sends = r.randint(40, 300)
    known = r.randint(0, closed)
    return {
        "conversations": conversations,
        "closed": closed,
        "periods": conversations + r.randint(0, 3),
        "first_response_median_ms": first,
        "first_response_median_business_ms": first - r.randint(0, first // 3),
        "next_response_median_ms": (following := r.randint(30_000, 400_000)),
        "next_response_median_business_ms": following - r.randint(0, following // 3),
        "resolution_median_ms": (resolution := r.randint(600_000, 9_000_000)),
        "resolution_median_business_ms": resolution - r.randint(0, resolution // 3),
        "handle_median_ms": (handle := r.randint(120_000, 2_400_000)),
        "handle_median_business_ms": handle - r.randint(0, handle // 3),
        "abandoned": (abandoned := r.randint(0, 5)),
        "short_abandoned": r.randint(0, abandoned),
        "sla_met": 0 if empty_sla else met,
        "sla_breached": 0 if empty_sla else breached,
        "sla_running": r.randint(0, 3),
        "sla_percent": None if empty_sla else round(100 * met / (met + breached), 1),
        "transfers": (transfers := r.randint(0, 9)),
        "transfers_per_conversation": round(transfers / conversations, 2),
        "take_overs": r.randint(0, 2),
        "repeat_contact_24h_percent": round(r.uniform(0, 15), 1) if known else None,
        "repeat_contact_72h_percent": round(r.uniform(5, 25), 1) if known else None,
        "first_contact_resolution_percent": round(r.uniform(70, 98), 1) if known else None,
        "first_contact_resolution_known": known,
        "sends": sends,
        "blocks_per_100_sends": round(r.uniform(0, 3), 1),
        "overrides_per_100_sends": round(r.uniform(0, 5), 1),
        "checklist_ticked_percent": round(r.uniform(75, 100), 1),
        # From the sends, not the generator: the figures after it stay as they were.
        "canned_replies_per_100_sends": round(20 + 30 * (sends % 7) / 7, 1) if sends else None,
        "promises_made": (promised := r.randint(0, 20)),
        "promises_kept_on_time": (on_time := r.randint(0, promised)),
        "promises_kept_late": (late := r.randint(0, promised - on_time)),
        "promises_broken": (broken := r.randint(0, promised - on_time - late)),
        "promises_overdue": r.randint(0, promised - on_time - late - broken),
        "closed_with_open_promise_percent": round(r.uniform(0, 12), 1) if closed else None,
        **_satisfaction(closed),
        "occupancy_percent": round(r.uniform(40, 95), 1) if by_agent else None,
    }


def _satisfaction(closed: int) -> dict[str, Any]:
    """CSAT figures from the closes alone (the other figures' generator stays as it was):
    most closes surveyed, about half of them answered, mostly 4s and 5s."""
    surveys = closed - closed // 5
    responses = surveys // 2
    satisfied = responses - responses // 6
    return {
        "csat_surveys": surveys,
        "csat_responses": responses,
        "csat_percent": round(100 * satisfied / responses, 1) if responses else None,
        "csat_average_rating": round(3.6 + (closed % 9) / 10, 2) if responses else None,
        "csat_response_percent": round(100 * responses / surveys, 1) if surveys else None,
    }


def report_groups(group: str, days: list[str]) -> list[dict[str, Any]]:
    """A report's ``groups`` by ``queue``, ``agent`` or ``day`` (over ``days``, ISO dates,
    a weekend day with nobody writing left out, as the hub leaves it out)."""
    if group == "queue":
        return [
            {"key": q, "name": None, **report_figures(n, empty_sla=q == "facturación")}
            for n, q in enumerate(sorted(QUEUES))
        ]
    if group == "agent":
        return [
            {"key": a["id"], "name": a["name"], **report_figures(10 + n, by_agent=True)}
            for n, a in enumerate(AGENTS)
        ]
    return [
        {"key": d, "name": None, **report_figures(20 + n)} for n, d in enumerate(days) if n != 1
    ]
