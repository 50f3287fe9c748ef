"""Message templates synced from the WhatsApp Business Account."""

from __future__ import annotations

from typing import Any

import orjson

from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.templates import TemplateSpec, spec_from
from wa_desk.hub.db.connection import Conn, Row


def replace_all(conn: Conn, templates: list[dict[str, Any]], now: Millis) -> int:
    """Store the account's templates as listed now; those no longer listed are removed."""
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
    return count


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
