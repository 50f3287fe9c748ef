"""The desktop's local SQLite store (no Qt, no network)."""

from wa_desk.store.errors import (
    CannotOpen,
    Damaged,
    DiskFull,
    Locked,
    NewerSchema,
    ReadOnly,
    StoreError,
)
from wa_desk.store.local_store import CachedPage, LocalStore
from wa_desk.store.outbox import OutboxEntry
from wa_desk.store.paths import store_path
from wa_desk.store.waiting import Waiting

__all__ = [
    "CachedPage",
    "CannotOpen",
    "Damaged",
    "DiskFull",
    "LocalStore",
    "Locked",
    "NewerSchema",
    "OutboxEntry",
    "ReadOnly",
    "StoreError",
    "Waiting",
    "store_path",
]
