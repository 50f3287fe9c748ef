"""The kinds of audit events (DESIGN.md, "Action-log event"): extended as needed, never
renamed, since stored chains hold them. Devices write the first group, the hub its own
facts; both are read back by the timeline, the export and the figures."""

from __future__ import annotations

from enum import StrEnum


class AuditKind(StrEnum):
    SESSION_STARTED = "session.started"
    SESSION_ENDED = "session.ended"
    AGENT_STATUS_CHANGED = "agent.status_changed"
    CONVERSATION_OPENED = "conversation.opened"
    CONVERSATION_ROUTED = "conversation.routed"
    CONVERSATION_ASSIGNED = "conversation.assigned"
    CONVERSATION_CLAIMED = "conversation.claimed"
    CONVERSATION_RELEASED = "conversation.released"
    CONVERSATION_TRANSFERRED = "conversation.transferred"
    CONVERSATION_CLOSED = "conversation.closed"
    CONVERSATION_REOPENED = "conversation.reopened"
    CONVERSATION_READ = "conversation.read"  # the agent opened it and read what was new
    MESSAGE_RECEIVED = "message.received"
    MESSAGE_STATUS_CHANGED = "message.status_changed"
    MESSAGE_SENT = "message.sent"
    MESSAGE_SEND_FAILED = "message.send_failed"
    TEMPLATE_USED = "template.used"
    CHECKLIST_CHECKED = "checklist.checked"
    CHECKLIST_UNCHECKED = "checklist.unchecked"
    NOTE_ADDED = "note.added"
    TAG_ADDED = "tag.added"
    TAG_REMOVED = "tag.removed"
    GUIDELINE_WARNED = "guideline.warned"
    GUIDELINE_OVERRIDDEN = "guideline.overridden"
    GUIDELINE_BLOCKED = "guideline.blocked"
    SUPERVISOR_VIEWED = "supervisor.viewed"
    EXPORT_CREATED = "export.created"
    RETENTION_PURGED = "retention.purged"
    # Sign-ins (hub facts): a failed attempt (reason and address, never the password),
    # a name locked after failures in a row, unlocked by an administrator; a password set.
    AUTH_LOGIN_FAILED = "auth.login_failed"
    AUTH_LOCKED = "auth.locked"
    AUTH_UNLOCKED = "auth.unlocked"
    AUTH_PASSWORD_CHANGED = "auth.password_changed"  # noqa: S105 - a kind, not a password
