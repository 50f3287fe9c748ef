"""An SSE client for tests that behaves like the desktop's: when its stream ends or breaks
it connects again, with ``Last-Event-ID``, after the hub's ``retry:`` hint (or at once
after a refusal or a cut), and keeps every event it is sent, duplicates included, so a
test can tell what was lost or repeated."""

from __future__ import annotations

import contextlib
import socket
import threading

import httpx
import orjson
from sse_reader import Sse

_AFTER_FAILURE_S = 0.1


class ResumingReader:
    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.events: list[Sse] = []
        self.connections = 0  # streams that were answered 200
        self._token = token
        self._last_id: int | None = None
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None  # the stream's, shut to end a read
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def of_kind(self, kind: str) -> list[Sse]:
        with self._lock:
            return [e for e in self.events if e.event == kind]

    def close(self) -> None:
        self._stop.set()
        sock = self._socket
        if sock is not None:  # a read waiting for the next heartbeat ends now
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=40)

    def _run(self) -> None:
        retry_ms = 2000
        while not self._stop.is_set():
            headers = {"Authorization": f"Bearer {self._token}"}
            if self._last_id is not None:
                headers["Last-Event-ID"] = str(self._last_id)
            wait_s = _AFTER_FAILURE_S
            try:
                # Longer than the hub's heartbeat: a quiet stream is not a cut one.
                timeout = httpx.Timeout(5, read=20)
                with (
                    httpx.Client(timeout=timeout) as client,
                    client.stream("GET", f"{self.url}/api/v1/stream", headers=headers) as r,
                ):
                    self._socket = r.extensions["network_stream"].get_extra_info("socket")
                    if self._stop.is_set():
                        break
                    if r.status_code == 200:
                        self.connections += 1
                        retry_ms = self._read(r, retry_ms)
                        wait_s = retry_ms / 1000
            except httpx.HTTPError:
                pass
            self._stop.wait(wait_s)

    def _read(self, response: httpx.Response, retry_ms: int) -> int:
        fields: dict[str, str] = {}
        for line in response.iter_lines():
            if self._stop.is_set():
                break
            if line.startswith(":"):
                continue
            if line == "":
                if "data" in fields:
                    event = Sse(
                        int(fields["id"]) if "id" in fields else None,
                        fields.get("event"),
                        orjson.loads(fields["data"]),
                    )
                    with self._lock:
                        self.events.append(event)
                    if event.id is not None:
                        self._last_id = event.id
                fields = {}
                continue
            key, _, value = line.partition(": ")
            if key == "retry":
                retry_ms = int(value)
            else:
                fields[key] = value
        return retry_ms
