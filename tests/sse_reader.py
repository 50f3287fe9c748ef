"""An SSE client for tests: reads the hub's live stream in a thread, events into a queue."""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass

import httpx
import orjson


@dataclass
class Sse:
    id: int | None
    event: str | None
    data: dict  # type: ignore[type-arg]


class StreamReader:
    """Reads an SSE stream in a thread; events (and comments) land in a queue."""

    def __init__(self, url: str, token: str, last_event_id: int | None = None) -> None:
        self.events: queue.Queue[Sse] = queue.Queue()
        self.comments = 0
        self.retries: list[int] = []  # every ``retry:`` hint, in order
        self.status: int | None = None  # the response's status, once it came
        self.finished = threading.Event()  # the hub ended the stream (or it broke)
        headers = {"Authorization": f"Bearer {token}"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self._client = httpx.Client(timeout=httpx.Timeout(10, read=30))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(url, headers), daemon=True)
        self._thread.start()

    def _run(self, url: str, headers: dict[str, str]) -> None:
        try:
            with self._client.stream("GET", f"{url}/api/v1/stream", headers=headers) as r:
                self.status = r.status_code
                fields: dict[str, str] = {}
                for line in r.iter_lines():
                    if self._stop.is_set():
                        return
                    if line.startswith(":"):
                        self.comments += 1
                    elif line.startswith("retry: "):
                        self.retries.append(int(line.removeprefix("retry: ")))
                    elif line == "":
                        if "data" in fields:
                            self.events.put(
                                Sse(
                                    int(fields["id"]) if "id" in fields else None,
                                    fields.get("event"),
                                    orjson.loads(fields["data"]),
                                )
                            )
                        fields = {}
                    else:
                        key, _, value = line.partition(": ")
                        fields[key] = value
        except httpx.HTTPError:
            return
        finally:
            self.finished.set()

    def take(self, kind: str, timeout: float = 10) -> Sse:
        """The next event of ``kind``; events of other kinds before it are dropped."""
        while True:
            event = self.events.get(timeout=timeout)
            if event.event == kind:
                return event

    def close(self) -> None:
        self._stop.set()
        self._client.close()
