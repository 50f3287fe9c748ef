"""The live stream's words that the hub and the desktop both use (``GET /api/v1/stream``).

The hub ends a stream whose session no longer holds with one last event,
``session_ended``, whose data is ``{"code": <SessionEnd>, "message": ...}`` and which
carries no id (it moves no resume point); the desktop then asks to sign in again, as for
a 401. A resume point the store can no longer serve is refused with 409
``resume_point_expired``: the desktop drops it, reloads its lists and starts afresh.

A hub process that is stopping (SIGTERM) ends its streams with a ``retry:`` hint and no
event: the client reconnects, with ``Last-Event-ID``, and misses nothing.
"""

from __future__ import annotations

from enum import StrEnum


class StreamEventKind(StrEnum):
    """The ``event:`` of each stream event: what the hub emits and the desktop handles.

    Stored in the hub's stream table, so a kind is never renamed."""

    READY = "ready"  # a fresh stream starts here: data ``{"seq"}``, the position to keep
    MESSAGE_CREATED = "message.created"
    MESSAGE_STATUS = "message.status"
    CONVERSATION_UPDATED = "conversation.updated"
    # A supervisor took a conversation over, for its queue: ``{"conversation_id",
    # "from_user", "by_user", "by_name"}``, so the agent who held it is told (the
    # conversation itself follows as ``conversation.updated``).
    CONVERSATION_TAKEN_OVER = "conversation.taken_over"
    NOTE_ADDED = "note.added"
    CONTACT_TAGS_CHANGED = "contact.tags_changed"
    # A customer stopped or resumed marketing messages: ``{"wa_id", "marketing_opt_out"}``,
    # the latter as a conversation's ``contact`` gives it (null: marketing goes), for the
    # queues of the contact's conversations.
    CONTACT_OPT_OUT_CHANGED = "contact.opt_out_changed"
    # A promise was made, kept, rescheduled, broken or handed to another owner: data is
    # the promise as ``GET /api/v1/contacts/{wa_id}/promises`` lists it, for its
    # conversation's queue.
    PROMISE_CHANGED = "promise.changed"
    # An agent's status changed; its data is the agent as ``GET /api/v1/agents`` lists
    # them (id, name, role, status, queues), for everyone sharing a queue with the agent
    # and administrators.
    AGENT_STATUS = "agent.status"
    # An alert of an older hub (one event per occurrence): still in stored streams.
    ALERT = "alert"
    # Early alerts (``core.alert_kinds``), each with the alert as ``GET
    # /api/v1/supervisor/alerts`` lists it: raised when its condition begins; updated when
    # its severity or count changes, or a lead acknowledges or snoozes it (``previous_severity``
    # says what it was); resolved when its condition clears. For the leads of the
    # subject's queues and administrators (every lead for an operational alert).
    ALERT_RAISED = "alert.raised"
    ALERT_UPDATED = "alert.updated"
    ALERT_RESOLVED = "alert.resolved"
    # The account's templates changed on WhatsApp (added, removed, approved, rejected,
    # paused, disabled, their text or buttons edited), seen by the hub's sync or Meta's
    # ``message_template_status_update`` webhook; for every signed-in user, since anyone
    # may send templates. Data ``{"templates": [{"name", "language", "status"}]}``: the
    # ones that changed, ``status`` null for one no longer listed. Reload the templates.
    TEMPLATES_CHANGED = "templates.changed"
    # A row of the live wallboard changed (docs/kpis.md, "Wallboard"): data is one row as
    # ``GET /api/v1/supervisor/wallboard`` gives it, with its ``type`` (``queue`` or
    # ``agent``) and ``taken_at``; replace the row of that queue or agent id. At most once
    # a second per row, within 2 s of the change; for the supervisors of the row's queues
    # (an agent's: any of theirs) and administrators, never for agents.
    WALLBOARD_CHANGED = "wallboard.changed"
    # The hub applied a new version of its policy (rules, checklists, dispositions, service
    # levels): ``{"hash", "replica"}``, for every signed-in user. Fetch ``GET
    # /api/v1/policy`` again (with the ETag held: an unchanged bundle costs a 304).
    POLICY_CHANGED = "policy.changed"
    SESSION_ENDED = "session_ended"  # the last one; no id (see above)


# Error codes of ``GET /api/v1/stream``.
BAD_LAST_EVENT_ID = "bad_last_event_id"  # 400: not a sequence number
RESUME_POINT_EXPIRED = "resume_point_expired"  # 409: older than the store, or ahead of it
TOO_MANY_STREAMS = "too_many_streams"  # 429: the token's or the user's streams are at the cap
HUB_STOPPING = "hub_stopping"  # 503: this hub process is stopping; connect again (elsewhere)

# A stream the hub ends because its process is stopping: this last frame, then the end.
# The client reconnects with ``Last-Event-ID`` after this many milliseconds, reaching
# another replica through the load balancer, or this hub once it is back.
MOVE_RETRY_MS = 500


class SessionEnd(StrEnum):
    """Why the hub ended a stream: the ``code`` of its ``session_ended`` event."""

    REVOKED = "session_revoked"  # signed out, evicted by a newer session, revoked
    EXPIRED = "session_expired"  # past its lifetime, idle for too long, or gone
    USER_DISABLED = "user_disabled"
