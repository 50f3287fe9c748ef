"""The kinds of audit events (DESIGN.md, "Action-log event"): extended as needed, never
renamed, since stored chains hold them. Devices write the first group, the hub its own
facts; both are read back by the timeline, the export and the figures."""

from __future__ import annotations

from enum import StrEnum


class AuditKind(StrEnum):
    SESSION_STARTED = "session.started"
    SESSION_ENDED = "session.ended"
    AGENT_STATUS_CHANGED = "agent.status_changed"
    # A supervisor or an administrator gave an agent a capacity of their own (hub fact;
    # data: ``user``, ``from_capacity``, ``capacity``; null: the policy's default).
    AGENT_CAPACITY_CHANGED = "agent.capacity_changed"
    # A lead changed an agent's status and/or capacity, as the lead's device logs it
    # (data: ``user``, and ``status`` and/or ``capacity``: what the lead set, null for
    # the policy's capacity again). The hub records what took effect as
    # ``agent.status_changed`` and ``agent.capacity_changed``, with the same key.
    AGENT_CHANGED = "agent.changed"
    CONVERSATION_OPENED = "conversation.opened"
    CONVERSATION_ROUTED = "conversation.routed"
    # A lead handed the conversation to an agent of its queue (data: ``to_user``; the
    # hub's fact also ``from_user`` and ``queue``), or the queue's routing did (actor
    # ``hub:routing``, data also ``mode`` and ``reason``: ``core/routing.py``).
    CONVERSATION_ASSIGNED = "conversation.assigned"
    # The routing took the conversation back to its queue from an assignee who left the
    # customer waiting too long (actor ``hub:routing``; data: ``from_user``, ``queue``,
    # ``waiting_since``, ``after_minutes``).
    CONVERSATION_REQUEUED = "conversation.requeued"
    CONVERSATION_CLAIMED = "conversation.claimed"
    CONVERSATION_RELEASED = "conversation.released"
    CONVERSATION_TRANSFERRED = "conversation.transferred"
    CONVERSATION_CLOSED = "conversation.closed"
    CONVERSATION_REOPENED = "conversation.reopened"
    # A supervisor or an administrator took a conversation from the agent who held it
    # (data: ``from_user``, ``to_user``, ``queue``).
    CONVERSATION_TAKEN_OVER = "conversation.taken_over"
    CONVERSATION_READ = "conversation.read"  # the agent opened it and read what was new
    MESSAGE_RECEIVED = "message.received"
    MESSAGE_STATUS_CHANGED = "message.status_changed"
    MESSAGE_SENT = "message.sent"
    MESSAGE_SEND_FAILED = "message.send_failed"
    # The hub decided to send an automatic reply (hub fact, actor ``hub:auto``; data:
    # ``message``, ``kind``: ``greeting`` or ``away``, ``type``: ``text`` or ``template``).
    # Its ``message.sent`` or ``message.send_failed`` follows, as for any send.
    MESSAGE_AUTO_SENT = "message.auto_sent"
    # What a device tried and the hub refused (or could not do): the device's log records
    # the outcome after the intent, in the same chain, with the intent's idempotency key,
    # the hub's code and its words.
    CONVERSATION_CLAIM_REFUSED = "conversation.claim_refused"
    CONVERSATION_RELEASE_REFUSED = "conversation.release_refused"
    CONVERSATION_TRANSFER_REFUSED = "conversation.transfer_refused"
    CONVERSATION_CLOSE_REFUSED = "conversation.close_refused"
    CONVERSATION_REOPEN_REFUSED = "conversation.reopen_refused"
    CONVERSATION_TAKEOVER_REFUSED = "conversation.takeover_refused"
    CONVERSATION_ASSIGN_REFUSED = "conversation.assign_refused"
    CONVERSATION_READ_REFUSED = "conversation.read_refused"
    AGENT_STATUS_CHANGE_REFUSED = "agent.status_change_refused"
    AGENT_CHANGE_REFUSED = "agent.change_refused"
    NOTE_REFUSED = "note.refused"
    TAG_ADD_REFUSED = "tag.add_refused"
    TAG_REMOVE_REFUSED = "tag.remove_refused"
    CONTACT_OPT_OUT_REFUSED = "contact.opt_out_refused"
    CONTACT_OPT_IN_REFUSED = "contact.opt_in_refused"
    # A promise made to the customer (data: ``promise``, its id, ``due_at``, ``owner``, the
    # message that made it; a device's intent also ``what``), then what
    # became of it: kept (``message_id``, the message that kept it, if named), rescheduled
    # (``due_at``, ``from_due_at``, ``reason``), broken (``reason``), handed to another
    # owner (``to_user``, ``from_user``). Devices log the intent, the hub the fact.
    PROMISE_MADE = "promise.made"
    PROMISE_KEPT = "promise.kept"
    PROMISE_RESCHEDULED = "promise.rescheduled"
    PROMISE_BROKEN = "promise.broken"
    PROMISE_TRANSFERRED = "promise.transferred"
    PROMISE_MAKE_REFUSED = "promise.make_refused"
    PROMISE_KEEP_REFUSED = "promise.keep_refused"
    PROMISE_RESCHEDULE_REFUSED = "promise.reschedule_refused"
    PROMISE_BREAK_REFUSED = "promise.break_refused"
    PROMISE_TRANSFER_REFUSED = "promise.transfer_refused"
    TEMPLATE_USED = "template.used"
    # A text sent that came from one of the policy's canned replies, logged with the send
    # and its idempotency key (data: ``name``, ``language``; never the text).
    CANNED_REPLY_USED = "canned_reply.used"
    CHECKLIST_CHECKED = "checklist.checked"
    CHECKLIST_UNCHECKED = "checklist.unchecked"
    NOTE_ADDED = "note.added"
    TAG_ADDED = "tag.added"
    TAG_REMOVED = "tag.removed"
    GUIDELINE_WARNED = "guideline.warned"
    GUIDELINE_OVERRIDDEN = "guideline.overridden"
    GUIDELINE_BLOCKED = "guideline.blocked"
    SUPERVISOR_VIEWED = "supervisor.viewed"
    # A lead took an alert on, or put it aside for a while (hub facts; data: ``alert``,
    # ``kind``, ``subject``, ``note``, and ``until`` for a snooze).
    ALERT_ACKNOWLEDGED = "alert.acknowledged"
    ALERT_SNOOZED = "alert.snoozed"
    EXPORT_CREATED = "export.created"
    RETENTION_PURGED = "retention.purged"
    # A customer stopped or resumed marketing messages (hub facts; data: ``wa_id``,
    # ``source`` (``core.opt_out.OptOutSource``) and what said so: ``keyword`` and
    # ``message``, WhatsApp's error ``code`` and ``message``, or the ``user`` and their
    # ``user_name``, who is the fact's actor). A device logs the same kinds for its user's
    # action (data: ``wa_id``, ``idempotency_key``).
    CONTACT_OPTED_OUT = "contact.opted_out"
    CONTACT_OPTED_IN = "contact.opted_in"
    # Sign-ins (hub facts): a failed attempt (reason and address, never the password),
    # a name locked after failures in a row, unlocked by an administrator; a password set.
    AUTH_LOGIN_FAILED = "auth.login_failed"
    AUTH_LOCKED = "auth.locked"
    AUTH_UNLOCKED = "auth.unlocked"
    AUTH_PASSWORD_CHANGED = "auth.password_changed"  # noqa: S105 - a kind, not a password
    # A hub took a version of its policy file into use (hub fact; data: ``hash``, the
    # file's SHA-256, ``previous``, ``file``, ``replica``, and ``reason``: ``start``,
    # ``signal`` or ``replica``, another replica having applied it first).
    POLICY_APPLIED = "policy.applied"
    # The satisfaction survey after a close (hub facts, actor ``hub``; data:
    # ``message``, ``wamid``, ``period`` (the close, RFC 3339), ``agent`` (who closed),
    # ``queue``; an answer adds ``rating``, 1 to 5, and ``answer_wamid``).
    CSAT_SENT = "csat.sent"
    CSAT_ANSWERED = "csat.answered"


# An intent a device records before the hub acts on it → what the device records after,
# in the same chain and with the same idempotency key, when the hub refuses it.
REFUSAL_OF: dict[AuditKind, AuditKind] = {
    AuditKind.CONVERSATION_CLAIMED: AuditKind.CONVERSATION_CLAIM_REFUSED,
    AuditKind.CONVERSATION_RELEASED: AuditKind.CONVERSATION_RELEASE_REFUSED,
    AuditKind.CONVERSATION_TRANSFERRED: AuditKind.CONVERSATION_TRANSFER_REFUSED,
    AuditKind.CONVERSATION_CLOSED: AuditKind.CONVERSATION_CLOSE_REFUSED,
    AuditKind.CONVERSATION_REOPENED: AuditKind.CONVERSATION_REOPEN_REFUSED,
    AuditKind.CONVERSATION_TAKEN_OVER: AuditKind.CONVERSATION_TAKEOVER_REFUSED,
    AuditKind.CONVERSATION_ASSIGNED: AuditKind.CONVERSATION_ASSIGN_REFUSED,
    AuditKind.CONVERSATION_READ: AuditKind.CONVERSATION_READ_REFUSED,
    AuditKind.AGENT_STATUS_CHANGED: AuditKind.AGENT_STATUS_CHANGE_REFUSED,
    AuditKind.AGENT_CHANGED: AuditKind.AGENT_CHANGE_REFUSED,
    AuditKind.NOTE_ADDED: AuditKind.NOTE_REFUSED,
    AuditKind.TAG_ADDED: AuditKind.TAG_ADD_REFUSED,
    AuditKind.TAG_REMOVED: AuditKind.TAG_REMOVE_REFUSED,
    AuditKind.CONTACT_OPTED_OUT: AuditKind.CONTACT_OPT_OUT_REFUSED,
    AuditKind.CONTACT_OPTED_IN: AuditKind.CONTACT_OPT_IN_REFUSED,
    AuditKind.MESSAGE_SENT: AuditKind.MESSAGE_SEND_FAILED,
    AuditKind.PROMISE_MADE: AuditKind.PROMISE_MAKE_REFUSED,
    AuditKind.PROMISE_KEPT: AuditKind.PROMISE_KEEP_REFUSED,
    AuditKind.PROMISE_RESCHEDULED: AuditKind.PROMISE_RESCHEDULE_REFUSED,
    AuditKind.PROMISE_BROKEN: AuditKind.PROMISE_BREAK_REFUSED,
    AuditKind.PROMISE_TRANSFERRED: AuditKind.PROMISE_TRANSFER_REFUSED,
}
