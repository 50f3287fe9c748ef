"""Signed webhook deliveries, built and signed ahead of time, ready to write to a socket.

One text message per delivery, each with its own WhatsApp message id, from a pool of
customers, encoded the way Meta encodes them (ASCII-escaped, ``/`` escaped) and signed
with ``X-Hub-Signature-256``. Contacts carry both ``wa_id`` and ``user_id`` (the
business-scoped id), as Meta's current deliveries do and as pywa 4.5 requires.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

from wa_desk.sim.webhooks import encode
from wa_desk.whatsapp.signature import HEADER, sign

APP_SECRET = "fake-bench-app-secret"
VERIFY_TOKEN = "bench-verify-token"
ACCESS_TOKEN = "bench-access-token"
PHONE_NUMBER_ID = "100000000000001"
DISPLAY_NUMBER = "34600000001"
WABA_ID = "200000000000001"
WEBHOOK_PATH = "/webhooks/whatsapp"

_FIRST_CUSTOMER = 34611000000


def text_update(
    wamid: str,
    wa_id: str,
    name: str,
    text: str,
    timestamp_s: int,
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """A messages webhook carrying one text message, as the Cloud API sends it."""
    user_id = f"ES.{int(wa_id):020d}"
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": WABA_ID,
                "changes": [
                    {
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": DISPLAY_NUMBER,
                                "phone_number_id": phone_number_id,
                            },
                            "contacts": [
                                {"profile": {"name": name}, "wa_id": wa_id, "user_id": user_id}
                            ],
                            "messages": [
                                {
                                    "from": wa_id,
                                    "from_user_id": user_id,
                                    "id": wamid,
                                    "timestamp": str(timestamp_s),
                                    "type": "text",
                                    "text": {"body": text},
                                }
                            ],
                        },
                        "field": "messages",
                    }
                ],
            }
        ],
    }


def wire_request(body: bytes, *, secret: str = APP_SECRET, path: str = WEBHOOK_PATH) -> bytes:
    """The whole HTTP/1.1 request (keep-alive) delivering ``body``, signed."""
    head = (
        f"POST {path} HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        "User-Agent: facebookexternalua\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"{HEADER}: {sign(body, secret)}\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body


@dataclass(frozen=True, slots=True)
class Deliveries:
    """Pre-signed deliveries: ``requests[i]`` carries the message ``wamids[i]``."""

    wamids: list[str]
    requests: list[bytes]

    def __len__(self) -> int:
        return len(self.requests)

    def slice(self, start: int, stop: int) -> Deliveries:
        return Deliveries(self.wamids[start:stop], self.requests[start:stop])


def build_deliveries(
    count: int,
    *,
    customers: int = 1000,
    secret: str = APP_SECRET,
    phone_number_id: str = PHONE_NUMBER_ID,
) -> Deliveries:
    """``count`` signed deliveries with unique message ids (unique across runs too)."""
    run = secrets.token_hex(4).upper()
    now = int(time.time())
    wamids: list[str] = []
    requests: list[bytes] = []
    for i in range(count):
        k = i % customers
        wamid = f"wamid.BENCH{run}{i:010d}"
        body = encode(
            text_update(
                wamid,
                str(_FIRST_CUSTOMER + k),
                f"Cliente {k}",
                f"Hola, ¿mi pedido {i} ya salió? Lo necesito para el viernes.",
                now,
                phone_number_id,
            )
        )
        wamids.append(wamid)
        requests.append(wire_request(body, secret=secret))
    return Deliveries(wamids, requests)
