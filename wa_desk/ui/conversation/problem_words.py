"""Why an incoming message is flagged, in the agent's language.

The server stores each problem the webhook parser found as a stable code
(``core.message_problems``) beside an English detail; the conversation shows the app's
own words for the code, never the detail. A message stored before codes existed (only
English details) or carrying a code this version does not know still shows, in general
words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from wa_desk.core.message_problems import MessageProblem as P


def _words() -> dict[str, str]:
    no_number = QCoreApplication.translate(
        "ProblemWords", "WhatsApp did not say which business number this came to."
    )
    no_time = QCoreApplication.translate(
        "ProblemWords",
        "WhatsApp gave no usable time for this message: the time shown is when the server "
        "received it.",
    )
    return {
        P.NO_METADATA: no_number,
        P.NO_PHONE_NUMBER_ID: no_number,
        P.SENDER_NOT_TEXT: QCoreApplication.translate(
            "ProblemWords",
            "The sender's number came in an unusual form: check it is the right customer.",
        ),
        P.SENDER_FROM_CONTACTS: QCoreApplication.translate(
            "ProblemWords",
            "WhatsApp did not name the sender; it was taken from the contact details.",
        ),
        P.SENDER_USER_ID_ONLY: QCoreApplication.translate(
            "ProblemWords",
            "The customer is known by a WhatsApp user id only, without a phone number.",
        ),
        P.MISSING_ID: QCoreApplication.translate(
            "ProblemWords",
            "WhatsApp sent this message without an id: replies and reactions to it may not "
            "link up.",
        ),
        P.ID_NOT_TEXT: QCoreApplication.translate(
            "ProblemWords", "WhatsApp sent this message's id in an unusual form."
        ),
        P.MISSING_TIMESTAMP: no_time,
        P.TIMESTAMP_NOT_A_NUMBER: no_time,
        P.TIMESTAMP_OUT_OF_RANGE: no_time,
        P.TYPE_GUESSED: QCoreApplication.translate(
            "ProblemWords",
            "WhatsApp did not say what kind of message this is; it is shown from its content.",
        ),
        P.MISSING_TYPE: QCoreApplication.translate(
            "ProblemWords",
            "WhatsApp did not say what kind of message this is, and it could not be worked out.",
        ),
        P.UNKNOWN_TYPE: QCoreApplication.translate(
            "ProblemWords", "This kind of message cannot be shown by this version of wa-desk."
        ),
        P.ERRORS_NOT_LIST: QCoreApplication.translate(
            "ProblemWords", "WhatsApp reported an error with this message that could not be read."
        ),
        P.MISSING_CONTENT: QCoreApplication.translate(
            "ProblemWords",
            "The message arrived without its content: ask the customer to send it again.",
        ),
        P.CONTENT_NOT_OBJECT: QCoreApplication.translate(
            "ProblemWords",
            "The message's content could not be read: ask the customer to send it again.",
        ),
        P.FIELD_NOT_TEXT: QCoreApplication.translate(
            "ProblemWords",
            "Part of the message's text could not be read: ask the customer to send it again.",
        ),
        P.MISSING_MEDIA_ID: QCoreApplication.translate(
            "ProblemWords",
            "The file in this message cannot be downloaded: ask the customer to send it again.",
        ),
        P.BAD_LOCATION: QCoreApplication.translate(
            "ProblemWords", "The shared location has no usable position."
        ),
        P.MISSING_CONTACTS_LIST: QCoreApplication.translate(
            "ProblemWords", "The shared contacts could not be read."
        ),
        P.BAD_SHARED_CONTACT: QCoreApplication.translate(
            "ProblemWords", "A shared contact could not be read."
        ),
        P.REACTION_WITHOUT_TARGET: QCoreApplication.translate(
            "ProblemWords", "WhatsApp did not say which message this reaction is for."
        ),
        P.UNKNOWN_INTERACTIVE: QCoreApplication.translate(
            "ProblemWords",
            "The customer answered with a kind of reply this version cannot read.",
        ),
        P.MISSING_ORDER_ITEMS: QCoreApplication.translate(
            "ProblemWords", "The order arrived without its products."
        ),
        P.BAD_ORDER_ITEM: QCoreApplication.translate(
            "ProblemWords", "A product of the order could not be read."
        ),
        P.EDIT_WITHOUT_TARGET: QCoreApplication.translate(
            "ProblemWords", "WhatsApp did not say which message the customer edited."
        ),
        P.EDIT_WITHOUT_MESSAGE: QCoreApplication.translate(
            "ProblemWords", "The customer edited a message, but the new text did not arrive."
        ),
        P.REVOKE_WITHOUT_TARGET: QCoreApplication.translate(
            "ProblemWords", "The customer deleted a message, but WhatsApp did not say which."
        ),
    }


def problem_text(code: str) -> str:
    """The agent's words for one problem code; a code this version does not know is
    named inside a general sentence."""
    known = _words().get(code)
    if known is not None:
        return known
    return QCoreApplication.translate(
        "ProblemWords", "Something in this message could not be read (%1)."
    ).replace("%1", code)


def problem_texts(message: dict[str, Any]) -> list[str]:
    """The words for every problem of a message dict from the server, each once.

    A flagged message without codes (stored before codes existed, or by an older
    server) reads as one general sentence: its English details are not the agent's
    language."""
    codes = message.get("problem_codes")
    texts: list[str] = []
    for code in codes if isinstance(codes, list) else []:
        text = problem_text(str(code))
        if text not in texts:
            texts.append(text)
    if not texts and (message.get("flagged") or message.get("problems")):
        texts.append(
            QCoreApplication.translate(
                "ProblemWords", "Something in this message could not be read."
            )
        )
    return texts
