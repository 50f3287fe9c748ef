"""Which hub replica this process is: ``[hub] replica_id`` (or ``WA_REPLICA_ID``, which
wins), a short token of letters, digits, ``.``, ``_`` and ``-``.

The hub's own audit facts go to the chain ``hub/<replica id>``
(:func:`wa_desk.hub.queries.audit_log.hub_chain`), so replicas on one PostgreSQL extend
chains of their own instead of taking turns on one. By default a replica on PostgreSQL is
its machine's host name; a hub on SQLite (one process) has none and keeps the chain
``hub``. Two processes given the same id share its chain: still correct (they take turns
on its head), only not side by side.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Mapping
from typing import Any

from wa_desk.hub.db.connection import Dialect
from wa_desk.hub.settings_values import SettingsError

REPLICA_ID_ENV = "WA_REPLICA_ID"
MAX_LENGTH = 63  # a host name's label
_TOKEN = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{MAX_LENGTH - 1}}}")
_NOT_IN_TOKEN = re.compile(r"[^A-Za-z0-9._-]")


def replica_id(hub: Mapping[str, Any], env: Mapping[str, str], dialect: Dialect) -> str | None:
    """The replica id from ``[hub]`` and the environment, else the default for the store
    (:func:`default_replica_id`); one that is not a short safe token is an error naming
    the key (or the variable) it came from."""
    raw: Any = hub.get("replica_id")
    setting = "[hub] replica_id"
    if env.get(REPLICA_ID_ENV):
        raw, setting = env[REPLICA_ID_ENV].strip(), REPLICA_ID_ENV
    if raw is None or raw == "":
        return default_replica_id(dialect)
    if not isinstance(raw, str) or not _TOKEN.fullmatch(raw):
        raise SettingsError(
            setting,
            f"must be 1 to {MAX_LENGTH} letters, digits, '.', '_' or '-', starting with a "
            f"letter or a digit (not {raw!r})",
        )
    return raw


def default_replica_id(dialect: Dialect, host: str | None = None) -> str | None:
    """None on SQLite (one hub process); on PostgreSQL the host name, made a token."""
    if dialect == "sqlite":
        return None
    name = _NOT_IN_TOKEN.sub("-", host if host is not None else socket.gethostname())
    return name.lstrip("._-")[:MAX_LENGTH] or None
