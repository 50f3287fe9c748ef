"""What the server's refusal codes mean, in the agent's language.

Every refusal from the server carries a stable code (the API's error envelope, an outbox
result's ``code``); the app shows its own words for it, never the server's English
sentence, which stays in the log for support.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from wa_desk.core.media_codes import MediaCode
from wa_desk.core.promises import (
    MESSAGE_NOT_IN_CONVERSATION,
    MESSAGE_NOT_OF_CUSTOMER,
    OWNER_NOT_IN_QUEUE,
    PROMISE_CLOSED,
    PROMISE_ID_TAKEN,
)


def _words() -> dict[str, str]:
    return {
        "already_assigned": QCoreApplication.translate(
            "Refusals", "Another agent took this conversation first."
        ),
        "not_assignee": QCoreApplication.translate(
            "Refusals", "Only the agent who holds this conversation can do that."
        ),
        "conversation_closed": QCoreApplication.translate(
            "Refusals", "This conversation is closed; reopen it first."
        ),
        "conversation_open": QCoreApplication.translate(
            "Refusals", "This conversation is not closed."
        ),
        "window_closed": QCoreApplication.translate(
            "Refusals",
            "More than 24 hours have passed since the customer last wrote: only an approved "
            "template can be sent.",
        ),
        "no_target": QCoreApplication.translate(
            "Refusals", "That agent or queue cannot take the conversation."
        ),
        "template_invalid": QCoreApplication.translate(
            "Refusals",
            "The template has changed on WhatsApp since it was loaded, so it was not sent. "
            "It has been loaded again: fill it in once more.",
        ),
        "unknown_disposition": QCoreApplication.translate(
            "Refusals", "That closing reason is not one of this queue's."
        ),
        "checklist_incomplete": QCoreApplication.translate(
            "Refusals", "Tick the required checklist items before closing."
        ),
        "reply_not_in_conversation": QCoreApplication.translate(
            "Refusals",
            "The message you answered is not part of this conversation, so the reply was not sent.",
        ),
        "guideline_blocked": QCoreApplication.translate(
            "Refusals", "The message breaks a rule of your organisation and was not sent."
        ),
        "invalid_tag": QCoreApplication.translate("Refusals", "That tag cannot be used."),
        "not_found": QCoreApplication.translate(
            "Refusals", "This conversation is not available to you any more."
        ),
        "forbidden": QCoreApplication.translate("Refusals", "You are not allowed to do that."),
        "supervisor_only": QCoreApplication.translate(
            "Refusals", "Only a supervisor of this queue can take over a conversation."
        ),
        "not_assigned": QCoreApplication.translate(
            "Refusals", "Nobody holds this conversation: claim it instead."
        ),
        "already_yours": QCoreApplication.translate(
            "Refusals", "This conversation is already yours."
        ),
        "opted_out": QCoreApplication.translate(
            "Refusals",
            "This customer stopped marketing messages, so the marketing template was not "
            "sent. A utility template can still go.",
        ),
        "send_failed": QCoreApplication.translate(
            "Refusals", "WhatsApp did not deliver the message."
        ),
        "server_error": QCoreApplication.translate(
            "Refusals", "The server had a problem and could not do it. Try again later."
        ),
        "alert_resolved": QCoreApplication.translate(
            "Refusals", "This alert is resolved: what caused it has cleared by itself."
        ),
        MediaCode.NO_MEDIA: QCoreApplication.translate(
            "Refusals", "This message has no file to download."
        ),
        MediaCode.MEDIA_TOO_LARGE: QCoreApplication.translate(
            "Refusals", "This file is larger than the server is set to download from WhatsApp."
        ),
        "invalid": QCoreApplication.translate(
            "Refusals", "The server could not accept it as it was."
        ),
        PROMISE_CLOSED: QCoreApplication.translate(
            "Refusals", "That promise was already kept or given up; record a new one instead."
        ),
        PROMISE_ID_TAKEN: QCoreApplication.translate(
            "Refusals", "That promise could not be recorded: record it again."
        ),
        MESSAGE_NOT_IN_CONVERSATION: QCoreApplication.translate(
            "Refusals", "The message named with the promise is not part of this conversation."
        ),
        MESSAGE_NOT_OF_CUSTOMER: QCoreApplication.translate(
            "Refusals",
            "The message picked as keeping the promise is not one of this customer's, so "
            "the promise is still open.",
        ),
        OWNER_NOT_IN_QUEUE: QCoreApplication.translate(
            "Refusals", "That colleague does not work in this conversation's queue."
        ),
    }


def refusal_text(code: str | None) -> str:
    """The agent's words for a refusal code; a code this version does not know is named."""
    known = _words()
    if code and code in known:
        return known[code]
    return QCoreApplication.translate("Refusals", "The server refused it (code %1).").replace(
        "%1", code or "?"
    )
