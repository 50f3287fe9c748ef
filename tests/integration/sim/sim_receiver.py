"""A tiny stand-in for the hub's webhook endpoint, for the simulator's tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from wa_desk.whatsapp.signature import HEADER, is_valid

TOKEN = "it-token"
NUMBER = "100000000000001"
SECRET = "integration-secret"


class Receiver:
    """Records every signed delivery; answers 500 to the first ``fail_first`` requests."""

    def __init__(self, secret: str = SECRET, fail_first: int = 0) -> None:
        self.secret = secret
        self.fail_first = fail_first
        self.requests = 0
        self.bodies: list[dict[str, Any]] = []
        self.bad_signatures = 0
        self._lock = threading.Lock()
        self.app = Starlette(routes=[Route("/webhooks/whatsapp", self._post, methods=["POST"])])

    async def _post(self, request: Request) -> PlainTextResponse:
        raw = await request.body()
        with self._lock:
            self.requests += 1
            if self.requests <= self.fail_first:
                return PlainTextResponse("boom", status_code=500)
            if not is_valid(raw, request.headers.get(HEADER), self.secret):
                self.bad_signatures += 1
                return PlainTextResponse("bad signature", status_code=401)
            self.bodies.append(json.loads(raw))
        return PlainTextResponse("ok")

    def values(self) -> list[dict[str, Any]]:
        with self._lock:
            return [
                change["value"]
                for body in self.bodies
                for entry in body["entry"]
                for change in entry["changes"]
            ]

    def message_ids(self) -> set[str]:
        return {m["id"] for v in self.values() for m in v.get("messages", [])}

    def statuses(self, wamid: str) -> list[str]:
        return [
            s["status"] for v in self.values() for s in v.get("statuses", []) if s["id"] == wamid
        ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate: Any, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return bool(predicate())
