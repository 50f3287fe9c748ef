"""Message templates synced from the WhatsApp Business Account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.templates import TemplateSpec, spec_from
from wa_desk.hub.db.connection import Conn, Row


@dataclass(frozen=True, slots=True)
class TemplateChange:
    """A template that is new, gone (``status`` None), or not as it was."""

    name: str
    language: str
    status: str | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "language": self.language, "status": self.status}


def _as_stored(conn: Conn) -> dict[tuple[str, str], tuple[str, str | None, Any]]:
    """Each stored template's status, category and components (parsed, so two listings
    of the same template compare equal however their JSON was spelled)."""
    return {
        (r["name"], r["language"]): (r["status"], r["category"], orjson.loads(r["components"]))
        for r in conn.all("SELECT name, language, status, category, components FROM templates")
    }


def replace_all(
    conn: Conn, templates: list[dict[str, Any]], now: Millis
) -> tuple[int, list[TemplateChange]]:
    """Store the account's templates as listed now; those no longer listed are removed.
    How many were stored, and which changed since the last sync."""
    before = _as_stored(conn)
    conn.execute("DELETE FROM templates")
    count = 0
    for t in templates:
        name, language = t.get("name"), t.get("language")
        if not isinstance(name, str) or not isinstance(language, str):
            continue
        components = t.get("components") if isinstance(t.get("components"), list) else []
        conn.execute(
            "INSERT INTO templates (name, language, status, category, components, synced_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name, language) DO NOTHING",
            (
                name,
                language,
                str(t.get("status", "UNKNOWN")),
                t.get("category"),
                orjson.dumps(components).decode(),
                now,
            ),
        )
        count += 1
    after = _as_stored(conn)
    changes = [
        TemplateChange(name, language, None if key not in after else after[key][0])
        for key in sorted(before.keys() | after.keys())
        for name, language in [key]
        if before.get(key) != after.get(key)
    ]
    return count, changes


def set_status(conn: Conn, name: str, language: str, status: str, now: Millis) -> bool:
    """A stored template's new status (from Meta's status webhook); whether it changed."""
    row = get(conn, name, language)
    if row is None or row["status"] == status:
        return False
    conn.execute(
        "UPDATE templates SET status = ?, synced_at = ? WHERE name = ? AND language = ?",
        (status, now, name, language),
    )
    return True


def get(conn: Conn, name: str, language: str) -> Row | None:
    return conn.one("SELECT * FROM templates WHERE name = ? AND language = ?", (name, language))


def count(conn: Conn) -> int:
    return int(conn.scalar("SELECT COUNT(*) FROM templates") or 0)


def all_templates(conn: Conn) -> list[Row]:
    return conn.all("SELECT * FROM templates ORDER BY name, language")


def body_text(components: list[dict[str, Any]]) -> str | None:
    for c in components:
        if isinstance(c, dict) and str(c.get("type", "")).upper() == "BODY":
            text = c.get("text")
            return text if isinstance(text, str) else None
    return None


def spec(row: Row) -> TemplateSpec:
    """The stored template as the send rules read it."""
    return spec_from(
        {
            "name": row["name"],
            "language": row["language"],
            "status": row["status"],
            "category": row["category"],
            "components": orjson.loads(row["components"]),
        }
    )


def view(row: Row) -> dict[str, Any]:
    components = orjson.loads(row["components"])
    parsed = spec(row)
    return {
        "name": row["name"],
        "language": row["language"],
        "status": row["status"],
        "category": row["category"],
        "components": components,
        "parameter_format": "NAMED" if parsed.named else "POSITIONAL",
        "body": body_text(components),
        "body_parameters": len(parsed.body_keys),
        "header_parameters": len(parsed.header_keys),
        "synced_at": to_rfc3339(row["synced_at"]),
    }
