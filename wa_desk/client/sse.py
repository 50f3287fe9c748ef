"""A server-sent events parser (the WHATWG ``text/event-stream`` rules), fed by chunks.

Bytes arrive in chunks that can split anywhere: inside a UTF-8 character, between the
CR and LF of a line ending, in the middle of a field. ``feed`` keeps what is incomplete
for the next chunk and returns the events completed so far.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_LINE_END = re.compile(r"\r\n?|\n")  # CRLF, CR or LF


@dataclass(frozen=True, slots=True)
class SseEvent:
    event: str  # "message" when the stream names none
    data: str
    id: str | None  # the last event id in effect when this event was dispatched


class SseParser:
    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._buffer = ""
        self._started = False
        self._pending_cr = False
        self._event = ""
        self._data: list[str] = []
        self.last_event_id: str | None = None
        self.retry_ms: int | None = None
        self.comments = 0

    def feed(self, chunk: bytes) -> list[SseEvent]:
        text = self._decoder.decode(chunk)
        if not self._started and text:
            self._started = True
            text = text.removeprefix("\ufeff")
        return self._lines(text)

    def _lines(self, text: str) -> list[SseEvent]:
        events: list[SseEvent] = []
        if self._pending_cr:
            # The previous chunk ended with CR: a LF here belongs to that line ending.
            self._pending_cr = False
            text = text.removeprefix("\n")
        buffer = self._buffer + text
        start = 0
        # Line endings found by the regex engine, not character by character in Python: a
        # busy stream brings tens of kilobytes a frame, parsed on the UI thread.
        for end in _LINE_END.finditer(buffer):
            if end.end() == len(buffer) and end.group() == "\r":
                self._pending_cr = True  # its LF, if any, comes with the next chunk
            event = self._line(buffer[start : end.start()])
            if event is not None:
                events.append(event)
            start = end.end()
        self._buffer = buffer[start:]
        return events

    def _line(self, line: str) -> SseEvent | None:
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            self.comments += 1
            return None
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id":
            if "\0" not in value:
                self.last_event_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self.retry_ms = int(value)
        return None

    def _dispatch(self) -> SseEvent | None:
        data, event = self._data, self._event
        self._data, self._event = [], ""
        if not data:
            return None
        return SseEvent(event or "message", "\n".join(data), self.last_event_id)
