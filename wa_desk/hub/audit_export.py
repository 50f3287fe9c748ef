"""``wa-desk hub audit export``: the audit log for auditors, as JSON lines or CSV.

``per="event"``: one row per audit event whose ``at`` falls in the range, with
DESIGN.md's fields (``data`` as JSON text in CSV). A row whose stored ``data`` cannot be
shown (one kept from before the intake capped it: nested too deep, too large, not JSON)
is exported with ``data`` null and ``data_problem`` naming why (in CSV, the ``data``
cell says so), instead of failing the export; ``audit verify`` still checks its hash.
``per="conversation"``: one row per conversation opened in the range, with its contact,
queue, times, assignees, disposition, durations and counts. ``redact`` masks phone
numbers wherever they appear (``•••••••1234``: the last four digits kept), replaces
message text with ``[redacted]`` and the contact's name too.

CSV cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or
a carriage return) are written with a leading ``'``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, TextIO

import orjson

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, optional_rfc3339, to_rfc3339
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.event_data import DATA_COLUMN, read_stored
from wa_desk.hub.queries import audit_log, outcomes, timeline, users

Format = Literal["jsonl", "csv"]
Per = Literal["event", "conversation"]

EVENT_FIELDS = (
    "id",
    "device",
    "seq",
    "at",
    "actor",
    "kind",
    "conversation",
    "data",
    "prev",
    "hash",
)
CONVERSATION_FIELDS = (
    "id",
    "contact_wa_id",
    "contact_name",
    "queue",
    "state",
    "opened_at",
    "closed_at",
    "assignees",
    "refused_attempts",
    "disposition",
    "waiting_ms",
    "first_response_ms",
    "handle_ms",
    "messages_in",
    "messages_out",
    "actions",
)
REDACTED = "[redacted]"
CHUNK_ROWS = 2000

# Keys whose value is what a customer or an agent wrote.
_TEXT_KEYS = frozenset(("text", "body", "caption", "preview", "last_message_preview"))
_PHONE = re.compile(r"\+?\d[\d ]{6,18}\d")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class InvalidRange(ValueError):
    """``--from``/``--to`` are not dates, or the range is empty."""


@dataclass(frozen=True, slots=True)
class ExportRange:
    start: Millis  # inclusive
    end: Millis  # exclusive


def parse_range(start: str, end: str) -> ExportRange:
    """``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``, UTC; a date alone as ``--to`` includes
    that whole day."""
    lo = _parse_instant(start, "--from", end_of_day=False)
    hi = _parse_instant(end, "--to", end_of_day=True)
    if hi <= lo:
        raise InvalidRange(f"--to ({end}) must be after --from ({start})")
    return ExportRange(lo, hi)


def _parse_instant(text: str, option: str, *, end_of_day: bool) -> Millis:
    for fmt in ("%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d" and end_of_day:
            if parsed.date() == date.max:
                raise InvalidRange(f"{option}: {text!r} is past the last day there is")
            parsed += timedelta(days=1)
        return int(parsed.timestamp() * 1000)
    raise InvalidRange(f"{option}: {text!r} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)")


# -- redaction ---------------------------------------------------------------------


def mask_phone(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    if len(digits) <= 4:
        return digits
    return "•" * (len(digits) - 4) + digits[-4:]


def _mask_phones_in(text: str) -> str:
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), text)


def redact(value: Any) -> Any:
    """``value`` with every phone number masked and every text under a text key replaced."""
    if isinstance(value, dict):
        return {
            k: REDACTED if k in _TEXT_KEYS and isinstance(v, str) else redact(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, str):
        return _mask_phones_in(value)
    return value


# -- rows --------------------------------------------------------------------------


_EVENTS = (
    f"SELECT device, seq, id, at, at_ms, actor, kind, conversation_id, {DATA_COLUMN}, prev, hash "  # noqa: S608
    "FROM audit_events WHERE at_ms >= ? AND at_ms < ? AND (at_ms, device, seq) > (?, ?, ?) "
    "ORDER BY at_ms, device, seq LIMIT ?"
)


def event_rows(conn: Conn, rng: ExportRange, redacted: bool) -> Iterator[dict[str, Any]]:
    after: tuple[Millis, str, int] = (rng.start - 1, "", 0)
    while True:
        chunk = conn.all(_EVENTS, (rng.start, rng.end, *after, CHUNK_ROWS))
        for row in chunk:
            event = audit_log.event_of(row)
            if redacted:
                event["data"] = redact(event["data"])
            yield event
        if len(chunk) < CHUNK_ROWS:
            return
        last = chunk[-1]
        after = (int(last["at_ms"]), str(last["device"]), int(last["seq"]))


_CONVERSATIONS = (
    "SELECT c.*, k.name AS contact_name, u.name AS assignee_name "
    "FROM conversations c JOIN contacts k ON k.wa_id = c.wa_id "
    "LEFT JOIN users u ON u.id = c.assignee "
    "WHERE c.opened_at >= ? AND c.opened_at < ? AND (c.opened_at, c.id) > (?, ?) "
    "ORDER BY c.opened_at, c.id LIMIT ?"
)


def conversation_rows(conn: Conn, rng: ExportRange, redacted: bool) -> Iterator[dict[str, Any]]:
    after: tuple[Millis, str] = (rng.start - 1, "")
    while True:
        chunk = conn.all(_CONVERSATIONS, (rng.start, rng.end, *after, CHUNK_ROWS))
        for conv in chunk:
            yield _summary(conn, conv, redacted)
        if len(chunk) < CHUNK_ROWS:
            return
        after = (int(chunk[-1]["opened_at"]), str(chunk[-1]["id"]))


def _summary(conn: Conn, conv: Row, redacted: bool) -> dict[str, Any]:
    cid = conv["id"]
    counts = {
        r["direction"]: int(r["n"])
        for r in conn.all(
            "SELECT direction, COUNT(*) AS n FROM messages WHERE conversation_id = ? "
            "GROUP BY direction",
            (cid,),
        )
    }
    actions = int(
        conn.scalar("SELECT COUNT(*) FROM audit_events WHERE conversation_id = ?", (cid,)) or 0
    )
    durations = timeline.durations(conn, conv)
    wa_id, name = conv["wa_id"], conv["contact_name"]
    if redacted:
        wa_id, name = mask_phone(wa_id), (REDACTED if name else name)
    return {
        "id": cid,
        "contact_wa_id": wa_id,
        "contact_name": name,
        "queue": conv["queue"],
        "state": conv["state"],
        "opened_at": to_rfc3339(conv["opened_at"]),
        "closed_at": optional_rfc3339(conv["closed_at"]),
        "assignees": _assignees(conn, conv),
        "refused_attempts": _refused_attempts(conn, conv),
        "disposition": conv["disposition"],
        "waiting_ms": durations.waiting_ms,
        "first_response_ms": durations.first_response_ms,
        "handle_ms": durations.handle_ms,
        "messages_in": counts.get("in", 0),
        "messages_out": counts.get("out", 0),
        "actions": actions,
    }


def _assignees(conn: Conn, conv: Row) -> list[str]:
    """Names of everyone who held the conversation, in the order they first did, from the
    hub's facts only: a claim the hub took, a transfer to someone, a takeover (by the
    fact's actor), a reopen. A device's logged claim is an intent the hub may have
    refused (``_refused_attempts``)."""
    rows = conn.all(
        f"SELECT actor, kind, {DATA_COLUMN} FROM audit_events "  # noqa: S608 - constants
        f"WHERE conversation_id = ? AND {audit_log.HUB_CHAINS} AND kind IN ({_HOLDING_MARKS}) "
        "ORDER BY at_ms, device, seq",
        (conv["id"], *_HOLDING_KINDS),
    )
    held: list[str] = []
    for row in rows:
        data = read_stored(row["data"]).value
        who = row["actor"]
        if row["kind"] in (AuditKind.CONVERSATION_TRANSFERRED, AuditKind.CONVERSATION_ASSIGNED):
            who = data.get("to_user") if isinstance(data, dict) else None
        if who and who != audit_log.HUB_ACTOR and who not in held:
            held.append(str(who))
    if conv["assignee"] and conv["assignee"] not in held:
        held.append(str(conv["assignee"]))
    names = users.names_of(conn, held)
    return [names.get(user_id, user_id) for user_id in held]


_HOLDING_KINDS = (
    AuditKind.CONVERSATION_ASSIGNED,
    AuditKind.CONVERSATION_CLAIMED,
    AuditKind.CONVERSATION_TRANSFERRED,
    AuditKind.CONVERSATION_REOPENED,
    AuditKind.CONVERSATION_TAKEN_OVER,
)
_HOLDING_MARKS = ", ".join("?" * len(_HOLDING_KINDS))


def _refused_attempts(conn: Conn, conv: Row) -> list[str]:
    """What agents tried on this conversation and the hub refused, in order: who, what,
    and the hub's code (``queries.outcomes``)."""
    refused = outcomes.outcomes(conn, conv["id"]).refused
    names = users.names_of(conn, [r["actor"] for r in refused.values()])
    return [
        f"{names.get(r['actor'], r['actor'])}: {r['kind']} ({r['code']})" for r in refused.values()
    ]


# -- writing -----------------------------------------------------------------------


def spreadsheet_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        value = orjson.dumps(value).decode() if isinstance(value, dict) else "; ".join(value)
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return value


def write_rows(
    out: TextIO, rows: Iterator[dict[str, Any]], fmt: Format, fields: tuple[str, ...]
) -> int:
    """Write every row; how many were written."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(orjson.dumps(row).decode())
            out.write("\n")
            count += 1
        return count
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        problem = row.get("data_problem")
        if problem is not None:
            row = {**row, "data": f"[data not shown: {problem}]"}
        writer.writerow([csv_cell(row[f]) for f in fields])
        count += 1
    return count


def export(conn: Conn, out: TextIO, rng: ExportRange, fmt: Format, per: Per, redacted: bool) -> int:
    """Write the export to ``out``; the number of rows (not counting a CSV header)."""
    source: Callable[[Conn, ExportRange, bool], Iterator[dict[str, Any]]]
    source, fields = (
        (event_rows, EVENT_FIELDS) if per == "event" else (conversation_rows, CONVERSATION_FIELDS)
    )
    return write_rows(out, source(conn, rng, redacted), fmt, fields)


def describe(rng: ExportRange, fmt: Format, per: Per, redacted: bool, rows: int) -> dict[str, Any]:
    """The ``export.created`` fact's data (who is added by the caller)."""
    return {
        "from": to_rfc3339(rng.start),
        "to": to_rfc3339(rng.end),
        "format": fmt,
        "per": per,
        "redacted": redacted,
        "rows": rows,
    }
