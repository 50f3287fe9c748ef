"""Private notes on conversations and tags on contacts: the agents' shared memory.

Each change runs in one write transaction with the stream event that announces it.
A note carries the author's idempotency key (scoped to the author and the conversation),
so a retried note is stored once; tags are a set, so adding or removing one twice is the
same as once.
"""

from __future__ import annotations

from typing import Any

from wa_desk.core.clock import Millis
from wa_desk.core.conversation import ActionRefused, Refusal
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.core.tags import MAX_TAGS_PER_CONTACT
from wa_desk.hub.actions import NotVisible, load_visible
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import contact_tags, notes, stream_log
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.users import User

NOTES_LIMIT = 500


class ContactNotVisible(Exception):
    """No such contact, or none of its conversations is in the user's queues (404)."""


def list_notes(conn: Conn, user: User, conversation_id: str) -> list[dict[str, Any]]:
    load_visible(conn, user, conversation_id)
    return [notes.view(r) for r in notes.for_conversation(conn, conversation_id, NOTES_LIMIT)]


def add_note(
    conn: Conn, user: User, conversation_id: str, text: str, key: str | None, now: Millis
) -> Outcome[tuple[dict[str, Any], bool]]:
    """The note and whether it is new (False: this key was already used for it)."""
    row = load_visible(conn, user, conversation_id)
    # Looked up after the visibility check, and only among this user's notes on this
    # conversation: the same key on another conversation is another note.
    if key:
        earlier = notes.by_key(conn, user.id, conversation_id, key)
        if earlier is not None:
            return Outcome((notes.view(earlier), False))
    note = notes.view(notes.add(conn, conversation_id, user.id, text, now, key))
    append_hub_fact(conn, "note.added", user.id, conversation_id, {"note": note["id"]}, now)
    event = stream_log.append(
        conn, StreamEventKind.NOTE_ADDED, row["queue"], conversation_id, note, now
    )
    return Outcome((note, True), [event])


def visible_contact_queues(conn: Conn, user: User, wa_id: str) -> list[str]:
    """The queues of the contact's conversations; ContactNotVisible unless ``user`` sees
    one of them (an administrator: any)."""
    queues = contact_tags.queues_of_contact(conn, wa_id)
    if user.role.value != "admin":
        mine = set(user.queues)
        if not any(q in mine for q in queues):
            raise ContactNotVisible(wa_id)
    elif not queues:
        raise ContactNotVisible(wa_id)
    return queues


def tags(conn: Conn, user: User, wa_id: str) -> dict[str, Any]:
    visible_contact_queues(conn, user, wa_id)
    return {"wa_id": wa_id, "tags": contact_tags.of_contact(conn, wa_id)}


def change_tag(
    conn: Conn, user: User, wa_id: str, tag: str, add: bool, now: Millis
) -> Outcome[dict[str, Any]]:
    queues = visible_contact_queues(conn, user, wa_id)
    if add:
        if contact_tags.count(conn, wa_id) >= MAX_TAGS_PER_CONTACT:
            raise ActionRefused(
                Refusal.INVALID, f"A customer has at most {MAX_TAGS_PER_CONTACT} tags."
            )
        changed = contact_tags.add(conn, wa_id, tag, user.id, now)
    else:
        changed = contact_tags.remove(conn, wa_id, tag)
    value = {"wa_id": wa_id, "tags": contact_tags.of_contact(conn, wa_id)}
    if not changed:
        return Outcome(value)
    kind = "tag.added" if add else "tag.removed"
    append_hub_fact(conn, kind, user.id, None, {"wa_id": wa_id, "tag": tag}, now)
    # The contact may have conversations in several queues: tell each queue's agents.
    data = {**value, "by": user.id, "added" if add else "removed": tag}
    events = [
        stream_log.append(conn, StreamEventKind.CONTACT_TAGS_CHANGED, q, None, data, now)
        for q in queues
    ]
    return Outcome(value, events)


__all__ = [
    "ContactNotVisible",
    "NotVisible",
    "add_note",
    "change_tag",
    "list_notes",
    "tags",
    "visible_contact_queues",
]
