"""A contact's marketing opt-out: since when, and what said so (``core/opt_out.py``)."""

from __future__ import annotations

from typing import Any

import orjson

from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.hub.db import json_text
from wa_desk.hub.db.connection import Conn


def opt_out_view(at: Millis | None, origin: str | None) -> dict[str, Any] | None:
    """The API form: None while the customer gets marketing, else ``{"at", "source"}``
    with what said so (``keyword`` and ``message``; ``code`` and ``message``; ``user``)."""
    if at is None:
        return None
    details = orjson.loads(origin) if origin else {}
    return {"at": to_rfc3339(at), **(details if isinstance(details, dict) else {})}


def of_contact(conn: Conn, wa_id: str) -> dict[str, Any] | None:
    row = conn.one(
        "SELECT marketing_opt_out_at, marketing_opt_out FROM contacts WHERE wa_id = ?", (wa_id,)
    )
    if row is None:
        return None
    return opt_out_view(row["marketing_opt_out_at"], row["marketing_opt_out"])


def set_opt_out(
    conn: Conn, wa_id: str, origin: dict[str, Any], at: Millis, *, told_late: bool = False
) -> bool:
    """Opt the contact out as of ``at`` (``origin``: what said so); False when they
    already were. ``told_late``: ``at`` is when it happened, and it changes nothing when
    the flag changed after that (a newer change stands). The order is checked in the
    UPDATE itself, not read before it: PostgreSQL checks it again on a row a concurrent
    delivery just changed, so two preferences told at once keep their order."""
    changed = conn.execute(
        "UPDATE contacts SET marketing_opt_out_at = ?, marketing_opt_out = ?, "
        "marketing_opt_changed_at = ? WHERE wa_id = ? AND marketing_opt_out_at IS NULL "
        "AND (NOT ? OR marketing_opt_changed_at IS NULL OR marketing_opt_changed_at <= ?)",
        (at, json_text.dumps(origin), at, wa_id, told_late, at),
    )
    if changed:
        return True
    _confirm(conn, wa_id, "marketing_opt_out_at IS NOT NULL", at)
    return False


def clear_opt_out(conn: Conn, wa_id: str, at: Millis, *, told_late: bool = False) -> bool:
    """The contact gets marketing again as of ``at``; False when they already did (or,
    ``told_late``, when the flag changed after ``at``: see ``set_opt_out``)."""
    changed = conn.execute(
        "UPDATE contacts SET marketing_opt_out_at = NULL, marketing_opt_out = NULL, "
        "marketing_opt_changed_at = ? WHERE wa_id = ? AND marketing_opt_out_at IS NOT NULL "
        "AND (NOT ? OR marketing_opt_changed_at IS NULL OR marketing_opt_changed_at <= ?)",
        (at, wa_id, told_late, at),
    )
    if changed:
        return True
    _confirm(conn, wa_id, "marketing_opt_out_at IS NULL", at)
    return False


def _confirm(conn: Conn, wa_id: str, state: str, at: Millis) -> None:
    """The contact was already in ``state``, said again as of ``at``: the flag's time
    moves on (nothing else changes), so a change told late from before ``at`` does not
    undo what the customer confirmed after it (a resume retried by Meta after a newer
    stop that found them out already)."""
    conn.execute(
        "UPDATE contacts SET marketing_opt_changed_at = ? WHERE wa_id = ? AND "  # noqa: S608 - constants
        + state
        + " AND (marketing_opt_changed_at IS NULL OR marketing_opt_changed_at < ?)",
        (at, wa_id, at),
    )
