"""A realistic local store for the desktop benchmarks, built once per size and reused.

Conversations and messages have the hub API's shapes and go in through the store's own
write path (``upsert_conversations``, ``upsert_messages``) in large batches, so the file
has what the app would have written: rows, JSON, the full-text index. One conversation
("the long one") holds ``long_messages`` messages; the rest are spread over the others.
The file is kept in the temp dir under a name that carries the sizes, ``GENERATOR``
and the schema version; each run works on a copy, so runs never see each other's writes.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wa_desk.core.clock import Millis, now_ms, to_rfc3339
from wa_desk.store.local_store import LocalStore
from wa_desk.store.migrations import MIGRATIONS
from wa_desk.store.paths import store_path

GENERATOR = 1  # bump when the generated data changes, so old cached files are not reused
CACHE_DIR = Path(tempfile.gettempdir()) / "wa-desk-bench"
HUB_URL = "http://127.0.0.1:9"  # the discard port: refused at once, an offline start
USER: dict[str, Any] = {
    "id": "u-ana",
    "name": "ana",
    "role": "agent",
    "queues": ["ventas", "soporte"],
    "status": "available",
}
OTHER_AGENTS = [("u-luis", "Luis Pérez"), ("u-marta", "Marta Gil")]
QUEUES = ["ventas", "soporte", "facturacion"]
LONG_ID = "c-long"
MINUTE = 60_000
DAY = 24 * 60 * MINUTE

FIRST = [
    "Lucía",
    "Jorge",
    "Carmen",
    "Pablo",
    "Marta",
    "Luis",
    "Elena",
    "Sergio",
    "Nuria",
    "Andrés",
    "Rocío",
    "Javier",
]
LAST = [
    "Fernández",
    "Ruiz",
    "López",
    "Gil",
    "Pérez",
    "Martín",
    "Sánchez",
    "Romero",
    "Navarro",
    "Torres",
    "Díaz",
]
WORDS = [
    "hola",
    "buenos",
    "días",
    "quería",
    "saber",
    "si",
    "el",
    "pedido",
    "ya",
    "salió",
    "gracias",
    "factura",
    "envío",
    "router",
    "conexión",
    "tarifa",
    "cambio",
    "dirección",
    "devolución",
    "talla",
    "precio",
    "oferta",
    "mañana",
    "tarde",
    "ayer",
    "problema",
    "funciona",
    "número",
    "cuenta",
    "pago",
    "tarjeta",
    "transferencia",
    "plazo",
    "semana",
    "urgente",
    "perfecto",
    "vale",
    "entendido",
    "cuándo",
    "dónde",
    "cómo",
    "cuánto",
    "necesito",
    "ayuda",
    "por",
    "favor",
]


@dataclass(frozen=True, slots=True)
class Sizes:
    conversations: int
    messages: int
    long_messages: int

    @property
    def key(self) -> str:
        # The schema version too: a copy that must migrate on every open would time that.
        sizes = f"c{self.conversations}-m{self.messages}-l{self.long_messages}"
        return f"{sizes}-g{GENERATOR}-s{len(MIGRATIONS)}"


FULL = Sizes(10_000, 100_000, 10_000)
QUICK = Sizes(2_000, 20_000, 10_000)


def text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 24))).capitalize()


def conversation(rng: random.Random, index: int, last_ms: Millis) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.25:
        state, assignee, assignee_name = "assigned", USER["id"], "Ana Martín"
    elif roll < 0.4:
        state = "assigned"
        assignee, assignee_name = rng.choice(OTHER_AGENTS)
    elif roll < 0.65:
        state, assignee, assignee_name = "queued", None, None
    else:
        state, assignee, assignee_name = "closed", None, None
    named = rng.random() < 0.85
    wa_id = f"34{600_000_000 + index}"
    return {
        "id": LONG_ID if index == 0 else f"c-{index:06d}",
        "contact": {
            "wa_id": wa_id,
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}" if named else None,
        },
        "phone_number_id": "100000000000001",
        "queue": rng.choice(QUEUES),
        "state": state,
        "assignee": assignee,
        "assignee_name": assignee_name,
        "opened_at": to_rfc3339(last_ms - 30 * MINUTE),
        "assigned_at": to_rfc3339(last_ms - 20 * MINUTE) if assignee else None,
        "closed_at": to_rfc3339(last_ms) if state == "closed" else None,
        "disposition": "resolved" if state == "closed" else None,
        "previous_id": None,
        "window_expires_at": to_rfc3339(last_ms + DAY),
        "last_inbound_at": to_rfc3339(last_ms),
        "first_response_at": None,
        "waiting_since": to_rfc3339(last_ms) if state == "queued" else None,
        "last_message_at": to_rfc3339(last_ms),
        "last_message_preview": text(rng)[:80],
        "unread": rng.choice((0, 0, 0, 1, 2, 5)) if state != "closed" else 0,
    }


def message(
    rng: random.Random, message_id: str, conversation: dict[str, Any], at_ms: Millis
) -> dict[str, Any]:
    incoming = rng.random() < 0.55
    return {
        "id": message_id,
        "wamid": f"wamid.{message_id}",
        "conversation_id": conversation["id"],
        "direction": "in" if incoming else "out",
        "type": "text",
        "text": text(rng),
        "status": "received" if incoming else rng.choice(("delivered", "read", "read")),
        "status_at": to_rfc3339(at_ms),
        "error": None,
        "timestamp": to_rfc3339(at_ms),
        "sender": conversation["contact"]["wa_id"] if incoming else USER["id"],
        "context_wamid": None,
        "reaction_to": None,
        "media_id": None,
        "template": None,
        "flagged": False,
        "problems": [],
        "payload": {},
    }


def _build(path: Path, sizes: Sizes, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = now_ms()
    conversations = [
        conversation(rng, i, now - (0 if i == 0 else rng.randint(MINUTE, 30 * DAY)))
        for i in range(sizes.conversations)
    ]
    others = sizes.messages - sizes.long_messages
    with LocalStore.open(path) as store:
        store.upsert_conversations(conversations)
        long_start = now - sizes.long_messages * MINUTE
        batch: list[dict[str, Any]] = []
        for n in range(sizes.long_messages):
            batch.append(message(rng, f"m-long-{n:06d}", conversations[0], long_start + n * MINUTE))
        for n in range(others):
            owner = conversations[1 + n % (sizes.conversations - 1)]
            at = now - rng.randint(MINUTE, 30 * DAY)
            batch.append(message(rng, f"m-{n:07d}", owner, at))
            if len(batch) >= 10_000:
                store.upsert_messages(batch)
                batch = []
        if batch:
            store.upsert_messages(batch)


def cached_store(sizes: Sizes) -> Path:
    """The pristine store file for ``sizes``, built when missing (a few seconds)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"store-{sizes.key}.sqlite3"
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".building")
        for leftover in CACHE_DIR.glob(partial.name + "*"):
            leftover.unlink()
        _build(partial, sizes)
        partial.rename(path)
        print(
            f"built {path} ({sizes.conversations:,} conversations, {sizes.messages:,} "
            f"messages) in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return path


def install_copy(sizes: Sizes, data_home: Path) -> Path:
    """Copy the cached store to where the app looks for it with ``XDG_DATA_HOME=data_home``."""
    target = store_path(HUB_URL, str(USER["name"]), data_home / "wa-desk")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached_store(sizes), target)
    return target
