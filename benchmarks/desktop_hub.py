"""A stand-in hub for the desktop stream benchmark, run as its own process.

It answers what the desktop asks at start-up (``/api/v1/templates``, one empty page of
``/api/v1/conversations``), and with ``--answers`` (a JSON object: path, or path and
``?state=`` as the alerts are asked for, to the answer's body) whatever else the run
wants answered, such as a supervisor's wallboard and alerts; it acknowledges the action
log's batches (``/api/v1/events``) as a hub would, and serves ``GET /api/v1/stream``:
the SSE frames of a file (one frame per line, JSON ``[seq, kind, data, due_s]``), each
sent when its ``due_s`` (seconds after the stream opened) comes, as a hub would while
messages arrive. It honours ``Last-Event-ID``. Being another process, it takes no CPU time from the
desktop's event loop, which is what the benchmark watches.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

import orjson

_JSON = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
_NOT_FOUND = b'{"error":{"code":"not_found","message":"not in the stand-in hub"}}'
_STREAM_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
    b"Connection: close\r\n\r\n"
)


def load(path: Path) -> list[tuple[int, bytes, float]]:
    frames = []
    for line in path.read_bytes().splitlines():
        seq, kind, data, due = orjson.loads(line)
        frame = b"id: %d\nevent: %s\ndata: %s\n\n" % (seq, kind.encode(), orjson.dumps(data))
        frames.append((seq, frame, float(due)))
    return frames


async def serve(
    port: int, frames: list[tuple[int, bytes, float]], answers: dict[str, bytes]
) -> None:
    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line, *header_lines = head.decode("latin-1").split("\r\n")
                path, _, query = request_line.split(" ")[1].partition("?")
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (h.partition(":") for h in header_lines if h)
                }
                length = int(headers.get("content-length") or 0)
                body_in = await reader.readexactly(length) if length else b""
                if path == "/api/v1/stream":
                    last = int(headers.get("last-event-id") or 0)
                    await stream(writer, [f for f in frames if f[0] > last])
                    return
                if path in ("/api/v1/templates", "/api/v1/conversations"):
                    body = b'{"items":[],"next":null}'
                    writer.write(_JSON % (len(body), body))
                elif (answer := _answer(answers, path, query)) is not None:
                    writer.write(_JSON % (len(answer), answer))
                elif path.startswith("/api/v1/events"):
                    body = _acknowledge(body_in)
                    writer.write(_JSON % (len(body), body))
                else:
                    writer.write(
                        _JSON.replace(b"200 OK", b"404 Not Found") % (len(_NOT_FOUND), _NOT_FOUND)
                    )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def stream(writer: asyncio.StreamWriter, todo: list[tuple[int, bytes, float]]) -> None:
        writer.write(_STREAM_HEAD)
        opened = time.perf_counter()
        i = 0
        while i < len(todo):
            now = time.perf_counter() - opened
            batch = []
            while i < len(todo) and todo[i][2] <= now:
                batch.append(todo[i][1])
                i += 1
            if batch:
                writer.write(b"".join(batch))
                await writer.drain()
            if i < len(todo):
                await asyncio.sleep(max(0.0, min(0.002, todo[i][2] - now)))
        writer.write(b": done\n\n")
        await writer.drain()
        await asyncio.sleep(3600)  # hold the stream open, like a hub between events

    server = await asyncio.start_server(client, "127.0.0.1", port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


def _answer(answers: dict[str, bytes], path: str, query: str) -> bytes | None:
    state = next((p[6:] for p in query.split("&") if p.startswith("state=")), None)
    if state is not None and f"{path}?state={state}" in answers:
        return answers[f"{path}?state={state}"]
    return answers.get(path)


def _acknowledge(body: bytes) -> bytes:
    """``GET /api/v1/events/acked``: nothing held yet; ``POST /api/v1/events``: all held."""
    events = orjson.loads(body)["events"] if body else []
    if not events:
        return b'{"device":null,"acked_seq":0}'
    return orjson.dumps({"device": events[-1]["device"], "acked_seq": events[-1]["seq"]})


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--frames", type=Path, required=True)
    p.add_argument("--answers", type=Path, help="JSON: path (or path?state=...) -> body")
    args = p.parse_args()
    answers = orjson.loads(args.answers.read_bytes()) if args.answers else {}
    bodies = {path: orjson.dumps(body) for path, body in answers.items()}
    asyncio.run(serve(args.port, load(args.frames), bodies))
    return 0


if __name__ == "__main__":
    sys.exit(main())
