"""Request bodies and constants shared by the simulator's unit tests."""

from __future__ import annotations

TOKEN = "unit-token"
NUMBER = "100000000000001"
CUSTOMER = "34611111111"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def text_body(to: str = CUSTOMER, body: str = "Hola, ¿en qué te ayudo?") -> dict[str, object]:
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "text",
        "text": {"body": body},
    }


def template_body(
    name: str, language: str, params: list[str] | None = None, to: str = CUSTOMER
) -> dict[str, object]:
    template: dict[str, object] = {"name": name, "language": {"code": language}}
    if params is not None:
        template["components"] = [
            {"type": "body", "parameters": [{"type": "text", "text": p} for p in params]}
        ]
    return {"messaging_product": "whatsapp", "to": to, "type": "template", "template": template}
