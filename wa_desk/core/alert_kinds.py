"""The alerts the hub raises for supervisors and administrators, and what each one carries.

An alert is about one **subject** (a conversation, a queue, an agent, a template...): the
hub keeps at most one unresolved alert per kind and subject while its condition lasts,
counts it again and changes its severity while it does, and resolves it by itself when
the condition clears (docs/kpis.md, "Alerts", defines each condition exactly). On the
stream, ``alert.raised``, ``alert.updated`` and ``alert.resolved`` carry the alert as
``GET /api/v1/supervisor/alerts`` lists it: ``id``, ``kind`` (an ``AlertKind``),
``subject``, ``severity`` (an ``AlertSeverity``), ``state`` (an ``AlertState``),
``count``, ``at`` (first raised, RFC 3339), ``last_at``, ``resolved_at``, the
acknowledgement and the snooze (who, when, note), ``message`` (the hub's own English
sentence, for API clients) and ``details``: the kind's structured fields below. The
desktop never shows ``message`` for a kind it knows: it writes its own words, in the
user's language, from those fields; a kind it does not know is shown with a generic
lead-in and the hub's ``message``. Stream events of an older hub (kind ``alert``) carry
the same fields at the top level, with neither ``subject`` nor ``severity``.

Kinds, each with its subject and its ``details``:

- ``audit_gap`` / ``audit_fork`` (an agent's device sent a batch of its action log that
  does not link to what the hub holds; subject: the chain's device id): ``user`` and
  ``user_name`` (whose chain), ``device`` (the chain's id, only when its install part is
  an install id as the desktop makes them, else null: it is the request's text),
  ``device_name`` (the host name the device sent with its batches, or null), ``seq``
  (where the batch failed to link) and ``acked_seq`` (how far the hub holds the chain).
- ``whatsapp_auth`` (WhatsApp refused the hub's access token: nothing can be sent until
  an administrator renews it; subject ``whatsapp``): ``code``, WhatsApp's error code (or
  null).
- ``sla_at_risk`` / ``sla_breached`` (a waiting customer's SLA clock passed the at-risk
  share of its target, or the target; subject: the conversation id):
  ``conversation_id``, ``queue``, ``clock`` (``first_response`` or ``next_response``),
  ``waiting_since`` and ``deadline`` (RFC 3339), ``assignee`` (user id or null).
- ``queue_backlog`` (too many customers waiting in a queue; subject: the queue):
  ``queue``, ``waiting``, ``threshold``, ``oldest_waiting_since``.
- ``unanswered_streak`` (a customer wrote several messages in a row with no answer;
  subject: the conversation id): ``conversation_id``, ``queue``, ``messages``,
  ``assignee``.
- ``repeat_contact`` (a customer came back within hours of a close; subject: the new
  conversation's id): ``conversation_id``, ``previous_id``, ``queue``,
  ``previous_closed_at``.
- ``agent_waiting`` (customers have been waiting on an agent too long; subject: the
  agent's user id): ``user``, ``user_name``, ``waiting`` (how many customers),
  ``longest_minutes``, ``conversation_id`` (the longest wait).
- ``window_closing`` (a waiting customer's 24 h window closes soon; subject: the
  conversation id): ``conversation_id``, ``queue``, ``closes_at``, ``assignee``.
- ``send_failures`` (sends that WhatsApp refused, grouped by cause; subject
  ``<queue>/<group>``): ``queue``, ``group`` (a ``FailureGroup``), ``last_code``.
- ``template_status`` (an approved template was rejected, paused or disabled; subject
  ``<name>/<language>``): ``name``, ``language``, ``status``.
- ``low_csat`` (a customer rated a closed conversation at or below the queue's
  ``alert_below``; subject: the conversation id): ``conversation_id``, ``queue``,
  ``rating``, ``user`` and ``user_name`` (the agent who closed it), ``closed_at``.
- ``guideline_spike`` (many guideline blocks and overrides in a queue lately; subject:
  the queue): ``queue``, ``blocked``, ``overridden``, ``minutes``.
- ``promise_due_soon`` / ``promise_overdue`` (a promise to a customer is still open and
  due within ``promise_due_minutes``, or past its due date; subject ``<promise id>/<owner
  id>``, so a promise handed to another owner is a new alert naming them):
  ``promise_id``, ``conversation_id``, ``queue``, ``due_at``, ``owner``, ``owner_name``,
  ``wa_id`` and ``customer_name`` (the customer's WhatsApp profile name, or null).

Stored in the hub's alerts table, so a kind is never renamed.
"""

from __future__ import annotations

from enum import StrEnum


class AlertKind(StrEnum):
    AUDIT_GAP = "audit_gap"
    AUDIT_FORK = "audit_fork"
    WHATSAPP_AUTH = "whatsapp_auth"
    SLA_AT_RISK = "sla_at_risk"
    SLA_BREACHED = "sla_breached"
    QUEUE_BACKLOG = "queue_backlog"
    UNANSWERED_STREAK = "unanswered_streak"
    REPEAT_CONTACT = "repeat_contact"
    AGENT_WAITING = "agent_waiting"
    WINDOW_CLOSING = "window_closing"
    SEND_FAILURES = "send_failures"
    TEMPLATE_STATUS = "template_status"
    GUIDELINE_SPIKE = "guideline_spike"
    PROMISE_DUE_SOON = "promise_due_soon"
    PROMISE_OVERDUE = "promise_overdue"
    LOW_CSAT = "low_csat"


class AlertSeverity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


# How loud each severity is: an alert whose severity rises is pushed again, open.
SEVERITY_RANK = {AlertSeverity.INFO: 0, AlertSeverity.WARNING: 1, AlertSeverity.CRITICAL: 2}


class AlertState(StrEnum):
    """Where an alert stands for its leads (``GET /api/v1/supervisor/alerts?state=``)."""

    OPEN = "open"  # its condition lasts and nobody has acknowledged or snoozed it
    ACKNOWLEDGED = "acknowledged"  # a lead took it on; it stays until its condition clears
    SNOOZED = "snoozed"  # a lead put it aside until ``snoozed_until``
    RESOLVED = "resolved"  # its condition cleared


# The severity of an alert stored before alerts had one (by kind).
DEFAULT_SEVERITY: dict[str, AlertSeverity] = {
    AlertKind.AUDIT_GAP: AlertSeverity.CRITICAL,
    AlertKind.AUDIT_FORK: AlertSeverity.CRITICAL,
    AlertKind.WHATSAPP_AUTH: AlertSeverity.CRITICAL,
}


def severity_of(stored: str | None, kind: str) -> AlertSeverity:
    """A stored alert's severity; for a row from before severities, its kind's default."""
    if stored:
        return AlertSeverity(stored)
    return DEFAULT_SEVERITY.get(kind, AlertSeverity.WARNING)


def alert_state(
    resolved_at: int | None, acked_at: int | None, snoozed_until: int | None, now: int
) -> AlertState:
    """Resolved wins; then a snooze still running; then an acknowledgement."""
    if resolved_at is not None:
        return AlertState.RESOLVED
    if snoozed_until is not None and snoozed_until > now:
        return AlertState.SNOOZED
    if acked_at is not None:
        return AlertState.ACKNOWLEDGED
    return AlertState.OPEN


WHATSAPP_SUBJECT = "whatsapp"  # the subject of ``whatsapp_auth``: the account's token


# How a device names itself to the hub (``device_name`` of an events batch): a host name,
# so nothing an agent types into a sentence ("URGENT: call ...") can reach a supervisor's
# alert. The desktop makes its own name fit (``device_name_of``).
DEVICE_NAME_MAX = 63
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")


def is_device_name(name: object) -> bool:
    """Whether ``name`` is a device name the hub keeps: 1 to 63 of a host name's letters
    (ASCII letters and digits, ``.``, ``-``, ``_``), starting with a letter or digit."""
    return (
        isinstance(name, str)
        and 0 < len(name) <= DEVICE_NAME_MAX
        and name[0].isascii()
        and name[0].isalnum()
        and set(name) <= _HOST_CHARS
    )


def device_name_of(host: str) -> str | None:
    """A host name made into a device name (other characters become ``-``), or None."""
    name = "".join(c if c in _HOST_CHARS else "-" for c in host.strip())
    name = name.lstrip(".-_")[:DEVICE_NAME_MAX]
    return name if is_device_name(name) else None
