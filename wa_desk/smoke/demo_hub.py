"""A loopback hub for the smoke test, from the standard library only.

The desktop installers carry no hub (FastAPI, uvicorn and the database drivers stay
out of them), yet the smoke test opens the real main window against a hub. This one
answers what the window asks while it starts (sign-in, policy, templates, agents, the
inbox, the action-log sync and the live stream) with bodies of the same shapes as the
real hub's; ``tests/packaging`` compares them key by key with a real hub's answers.
"""

from __future__ import annotations

import json
import secrets
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from wa_desk.core.auth_codes import AuthCode
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.guidelines import Guidelines

USER_NAME = "smoke"
QUEUE = "ventas"
PHONE_NUMBER_ID = "100000000000001"
# Seconds between keep-alive comments on the stream: short, so that a stream thread
# notices the hub closing soon after.
KEEP_ALIVE_S = 0.5


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


@dataclass
class HubState:
    """What the stand-in knows: one agent, one colleague, one waiting conversation."""

    password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    user_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    colleague_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    conversation_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started_ms: int = field(default_factory=now_ms)
    acked: dict[str, int] = field(default_factory=dict)  # device -> last seq received
    requests: list[str] = field(default_factory=list)  # "GET /path", in arrival order
    lock: threading.Lock = field(default_factory=threading.Lock)

    def user(self) -> dict[str, Any]:
        return {
            "id": self.user_id,
            "name": USER_NAME,
            "role": "agent",
            "queues": [QUEUE],
            "status": "offline",
            "since": None,
        }

    def agents(self) -> list[dict[str, Any]]:
        colleague = {**self.user(), "id": self.colleague_id, "name": "colega"}
        return [{**self.user(), "capacity": 5}, {**colleague, "capacity": 5}]

    def policy(self) -> dict[str, Any]:
        return {"templates": self.templates(), "window_hours": 24, **Guidelines().as_json()}

    def templates(self) -> list[dict[str, Any]]:
        body = "Gracias por escribirnos. Un agente te atenderá en breve."
        return [
            {
                "name": "bienvenida",
                "language": "es",
                "status": "APPROVED",
                "category": "UTILITY",
                "components": [
                    {"type": "HEADER", "format": "TEXT", "text": "¡Hola!"},
                    {"type": "BODY", "text": body},
                    {"type": "FOOTER", "text": "wa-desk"},
                ],
                "parameter_format": "POSITIONAL",
                "body": body,
                "body_parameters": 0,
                "header_parameters": 0,
                "synced_at": to_rfc3339(self.started_ms),
            }
        ]

    def conversations(self) -> list[dict[str, Any]]:
        opened = to_rfc3339(self.started_ms)
        return [
            {
                "id": self.conversation_id,
                "contact": {
                    "wa_id": "34611111111",
                    "name": "Lucía Pérez",
                    "marketing_opt_out": None,
                },
                "phone_number_id": PHONE_NUMBER_ID,
                "queue": QUEUE,
                "state": "queued",
                "assignee": None,
                "assignee_name": None,
                "opened_at": opened,
                "assigned_at": None,
                "closed_at": None,
                "disposition": None,
                "previous_id": None,
                "window_expires_at": to_rfc3339(self.started_ms + 24 * 3600 * 1000),
                "last_inbound_at": opened,
                "first_response_at": None,
                "waiting_since": opened,
                "last_message_at": opened,
                "last_message_preview": "Hola",
                "unread": 1,
            }
        ]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the smoke test reports its own checks."""

    # -- plumbing ---------------------------------------------------------------------

    def _send_json(
        self, body: object, status: int = 200, headers: dict[str, str] | None = None
    ) -> None:
        raw = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(raw)

    def _send_empty(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else None

    def _signed_in(self) -> bool:
        state = self.server.state
        if self.headers.get("Authorization") == f"Bearer {state.token}":
            return True
        self._send_json(_error(AuthCode.UNAUTHORIZED, "Sign in first."), 401)
        return False

    def _route(self, method: str) -> None:
        state = self.server.state
        parts = urlsplit(self.path)
        with state.lock:
            state.requests.append(f"{method} {parts.path}")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        if method == "POST" and parts.path == "/api/v1/auth/login":
            self._login()
        elif method == "GET" and parts.path == "/healthz":
            self._send_json({"status": "ok", "store": "ok"})
        elif not self._signed_in():
            return
        elif method == "GET" and parts.path in _GETS:
            _GETS[parts.path](self, query)
        elif method == "POST" and parts.path == "/api/v1/events":
            self._events()
        elif method == "POST" and parts.path == "/api/v1/auth/logout":
            self._send_empty(204)
        else:
            self._send_json(_error("not_found", "Not served by the smoke-test hub."), 404)

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    # -- answers ----------------------------------------------------------------------

    def _login(self) -> None:
        state = self.server.state
        body = self._body() or {}
        if body.get("username") != USER_NAME or body.get("password") != state.password:
            message = "Wrong user name or password."
            self._send_json(_error(AuthCode.BAD_CREDENTIALS, message), 401)
            return
        expires = to_rfc3339(now_ms() + 12 * 3600 * 1000)
        self._send_json({"token": state.token, "expires_at": expires, "user": state.user()})

    def _me(self, _query: dict[str, str]) -> None:
        self._send_json(self.server.state.user())

    def _policy(self, _query: dict[str, str]) -> None:
        raw = json.dumps(self.server.state.policy(), ensure_ascii=False).encode()
        etag = f'"{uuid.uuid5(uuid.NAMESPACE_OID, raw.decode()).hex}"'
        if self.headers.get("If-None-Match") == etag:
            self._send_empty(304, {"ETag": etag})
        else:
            self._send_json(self.server.state.policy(), headers={"ETag": etag})

    def _page(self, items: list[dict[str, Any]]) -> None:
        self._send_json({"items": items, "next": None})

    def _templates(self, _query: dict[str, str]) -> None:
        self._page(self.server.state.templates())

    def _agents(self, _query: dict[str, str]) -> None:
        self._page(self.server.state.agents())

    def _conversations(self, query: dict[str, str]) -> None:
        wanted = query.get("state")
        rows = self.server.state.conversations()
        self._page([r for r in rows if wanted in (None, r["state"])])

    def _acked(self, query: dict[str, str]) -> None:
        state = self.server.state
        device = query.get("device", "")
        with state.lock:
            seq = state.acked.get(device, 0)
        self._send_json({"device": device, "acked_seq": seq})

    def _events(self) -> None:
        state = self.server.state
        events = (self._body() or {}).get("events") or []
        if not events:
            self._send_json(_error("invalid_batch", "A batch holds at least one event."), 422)
            return
        device = str(events[0].get("device", ""))
        with state.lock:
            state.acked[device] = max(int(e.get("seq", 0)) for e in events)
            seq = state.acked[device]
        self._send_json({"device": device, "acked_seq": seq})

    def _stream(self, _query: dict[str, str]) -> None:
        """Server-sent events: ``ready`` at once, then keep-alives until the hub stops."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(b'retry: 2000\n\nid: 1\nevent: ready\ndata: {"seq":1}\n\n')
            self.wfile.flush()
            while not self.server.stopping.wait(KEEP_ALIVE_S):
                self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except OSError:
            return  # the app went away


_GETS = {
    "/api/v1/me": _Handler._me,
    "/api/v1/policy": _Handler._policy,
    "/api/v1/templates": _Handler._templates,
    "/api/v1/agents": _Handler._agents,
    "/api/v1/conversations": _Handler._conversations,
    "/api/v1/events/acked": _Handler._acked,
    "/api/v1/stream": _Handler._stream,
}
SERVED = (
    "POST /api/v1/auth/login",
    "POST /api/v1/auth/logout",
    "POST /api/v1/events",
    "GET /healthz",
    *(f"GET {path}" for path in _GETS),
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: HubState) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state
        self.stopping = threading.Event()


@dataclass(frozen=True)
class RunningSmokeHub:
    url: str
    state: HubState

    @property
    def user_name(self) -> str:
        return USER_NAME

    def asked(self, method_and_path: str) -> bool:
        with self.state.lock:
            return method_and_path in self.state.requests


@contextmanager
def smoke_hub() -> Iterator[RunningSmokeHub]:
    """The stand-in hub on a free loopback port, for the life of the block."""
    server = _Server(HubState())
    thread = threading.Thread(target=server.serve_forever, name="smoke-hub", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield RunningSmokeHub(f"http://{host!s}:{port}", server.state)
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


__all__ = ["SERVED", "RunningSmokeHub", "smoke_hub"]
