"""The baseline: a webhook receiver built the usual way, to compare the hub against.

FastAPI + pywa + SQLite in WAL mode: pywa checks the signature and parses the update, a
message handler inserts one row (unique on the WhatsApp message id) and commits, and
only then does the endpoint answer 200 (pywa's own FastAPI route answers first and
handles the update in a background task, which is not durable, so the route is written
out here). One connection, used on the event loop: the straightforward way, and with
one process the fastest way to use SQLite (no lock contention between writers).

    python -m benchmarks.baseline_receiver --port 8800 --db /tmp/base.sqlite3 \
        --synchronous FULL
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request, Response
from pywa import WhatsApp, types

from benchmarks.bodies import APP_SECRET, VERIFY_TOKEN, WEBHOOK_PATH

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    wamid TEXT NOT NULL UNIQUE,
    wa_id TEXT,
    name TEXT,
    phone_number_id TEXT NOT NULL,
    type TEXT NOT NULL,
    text TEXT,
    sent_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL
)
"""


def open_db(path: Path, synchronous: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute(SCHEMA)
    conn.commit()
    return conn


def create_app(db_path: Path, synchronous: str = "FULL") -> FastAPI:
    conn = open_db(db_path, synchronous)
    app = FastAPI()
    wa = WhatsApp(server=None, verify_token=VERIFY_TOKEN, app_secret=APP_SECRET)

    @wa.on_message()
    def store(_: WhatsApp, msg: types.Message) -> None:
        conn.execute(
            "INSERT INTO messages (wamid, wa_id, name, phone_number_id, type, text, sent_at, "
            "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(wamid) DO NOTHING",
            (
                msg.id,
                msg.from_user.wa_id,
                msg.from_user.name,
                msg.metadata.phone_number_id,
                str(msg.type),
                msg.text,
                int(msg.timestamp.timestamp()),
                int(time.time() * 1000),
            ),
        )
        conn.commit()

    @app.get(WEBHOOK_PATH)
    async def challenge(request: Request) -> Response:
        q = request.query_params
        text, status = wa.webhook_challenge_handler(
            q.get("hub.verify_token"), q.get("hub.challenge")
        )
        return Response(text, status_code=status, media_type="text/plain")

    @app.post(WEBHOOK_PATH)
    async def webhook(request: Request) -> Response:
        body = await request.body()
        error = wa.webhook_update_validator(body, request.headers.get("X-Hub-Signature-256"))
        if error is not None:
            return Response(error[0], status_code=error[1], media_type="text/plain")
        _, status = wa.webhook_update_handler(body)  # runs `store`: committed on return
        return Response(status_code=status)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--synchronous", choices=["FULL", "NORMAL"], default="FULL")
    args = parser.parse_args()
    # The same uvicorn settings as `wa-desk hub serve`: one process, uvloop + httptools
    # (uvicorn's defaults when installed), no access log.
    uvicorn.run(
        create_app(args.db, args.synchronous),
        host="127.0.0.1",
        port=args.port,
        access_log=False,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )


if __name__ == "__main__":
    main()
