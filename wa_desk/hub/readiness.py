"""Whether a load balancer should send this hub process requests (``GET /readyz``).

``/healthz`` says whether the process works (a balancer or supervisor that restarts
dead processes asks it); ``/readyz`` says whether it should take requests now: its store
answers, the store's schema is the one this hub's code was written for (during a rolling
upgrade a hub older than the store is not ready, and its newer replicas take over), its
live stream is fed every committed event (``HubContext.stream_caught_up``), and it is not
stopping.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wa_desk.hub.context import HubContext
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.db.schema import MIGRATIONS

_SCHEMA_VERSION = "SELECT MAX(version) FROM schema_version"


class SchemaState(StrEnum):
    CURRENT = "current"
    BEHIND = "behind"  # the store lacks migrations this hub knows (another is upgrading it)
    AHEAD = "ahead"  # a newer hub upgraded the store: this one is the old one
    UNKNOWN = "unknown"  # the store did not answer


@dataclass(frozen=True, slots=True)
class Readiness:
    store: str  # ``ok``, ``unavailable``, ``full`` or ``damaged`` (as ``/healthz``)
    schema: SchemaState
    stream_caught_up: bool
    stopping: bool

    @property
    def ready(self) -> bool:
        return (
            self.store == "ok"
            and self.schema is SchemaState.CURRENT
            and self.stream_caught_up
            and not self.stopping
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ready" if self.ready else "not_ready",
            "store": self.store,
            "schema": self.schema.value,
            "stream": "caught_up" if self.stream_caught_up else "behind",
            "stopping": self.stopping,
        }


def schema_state(version: int | None) -> SchemaState:
    known = len(MIGRATIONS)
    if version is None or version < known:
        return SchemaState.BEHIND
    return SchemaState.CURRENT if version == known else SchemaState.AHEAD


async def readiness(ctx: HubContext) -> Readiness:
    store = (await ctx.db.check_health()).store
    schema = SchemaState.UNKNOWN
    if store == "ok":
        try:
            version = await ctx.db.read(lambda conn: conn.scalar(_SCHEMA_VERSION))
        except StorageError as exc:
            store = str(exc.cause)
        else:
            schema = schema_state(None if version is None else int(version))
    return Readiness(store, schema, ctx.stream_caught_up, ctx.broker.draining)
