"""What WhatsApp's delivery error codes mean, in the agent's language.

A failed send carries Meta's numeric code (and Meta's English title and details, which
the hub passes on). The conversation shows the app's own words for the codes an agent
meets: what happened and what to do next. Meta's title and details are kept for the
tooltip, where support can read them. Meanings follow Meta's Cloud API error-code
reference.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def _words() -> dict[int, str]:
    window = QCoreApplication.translate(
        "DeliveryErrors",
        "More than 24 hours have passed since the customer last wrote: send an approved template.",
    )
    account_payment = QCoreApplication.translate(
        "DeliveryErrors",
        "The business's WhatsApp account has a payment problem, so nothing can be sent. "
        "Tell your supervisor.",
    )
    return {
        131047: window,
        470: window,  # the same error as the older WhatsApp API numbered it
        131026: QCoreApplication.translate(
            "DeliveryErrors",
            "WhatsApp could not deliver it to this number: it may not be on WhatsApp, or "
            "the customer may need to update the app or accept WhatsApp's terms. Try "
            "another way to reach them.",
        ),
        131049: QCoreApplication.translate(
            "DeliveryErrors",
            "WhatsApp chose not to deliver this marketing message, to limit how many a "
            "customer receives. Do not resend it now: try later, or wait for the customer "
            "to write.",
        ),
        131050: QCoreApplication.translate(
            "DeliveryErrors",
            "The customer turned off marketing messages from this business. Do not send "
            "them marketing; you can still answer what they ask.",
        ),
        131051: QCoreApplication.translate(
            "DeliveryErrors",
            "WhatsApp does not accept this kind of message. Send it as text or as another "
            "kind of file.",
        ),
        131052: QCoreApplication.translate(
            "DeliveryErrors",
            "The customer's file could not be downloaded from WhatsApp. Ask them to send it again.",
        ),
        131053: QCoreApplication.translate(
            "DeliveryErrors",
            "WhatsApp could not take the attached file (its type or its size). Try another "
            "format or a smaller file.",
        ),
        131042: account_payment,
        131031: QCoreApplication.translate(
            "DeliveryErrors",
            "The business's WhatsApp account is locked, so nothing can be sent. Tell your "
            "supervisor.",
        ),
        131056: QCoreApplication.translate(
            "DeliveryErrors",
            "Too many messages to this customer in a short time. Wait a little, then send "
            "it again.",
        ),
        130429: QCoreApplication.translate(
            "DeliveryErrors",
            "This number reached WhatsApp's sending speed limit. Wait a minute, then send it "
            "again.",
        ),
        80007: QCoreApplication.translate(
            "DeliveryErrors",
            "The business's WhatsApp account reached its sending limit. Wait a while, then "
            "send it again.",
        ),
        131048: QCoreApplication.translate(
            "DeliveryErrors",
            "WhatsApp is limiting this number because customers blocked or reported its "
            "messages as spam. Send only what customers expect, and tell your supervisor.",
        ),
        132000: QCoreApplication.translate(
            "DeliveryErrors",
            "The template was sent with the wrong number of fields. Fill it in again; if it "
            "keeps failing, tell your supervisor.",
        ),
        132001: QCoreApplication.translate(
            "DeliveryErrors",
            "That template does not exist on WhatsApp in this language, or is not approved "
            "yet. Choose another template.",
        ),
        132005: QCoreApplication.translate(
            "DeliveryErrors",
            "The template is too long with what you filled in. Shorten the fields and send "
            "it again.",
        ),
        132007: QCoreApplication.translate(
            "DeliveryErrors",
            "WhatsApp says this template's content breaks one of its policies. Choose "
            "another template and tell your supervisor.",
        ),
        132012: QCoreApplication.translate(
            "DeliveryErrors",
            "A field of the template is not in the format the template expects (a date, a "
            "number, a file…). Correct it and send it again.",
        ),
        132015: QCoreApplication.translate(
            "DeliveryErrors",
            "WhatsApp paused this template for low quality. Choose another template.",
        ),
        132016: QCoreApplication.translate(
            "DeliveryErrors",
            "WhatsApp disabled this template for low quality. Choose another template.",
        ),
        133010: QCoreApplication.translate(
            "DeliveryErrors",
            "The business number is not registered with WhatsApp, so nothing can be sent. "
            "Tell your supervisor.",
        ),
        131000: QCoreApplication.translate(
            "DeliveryErrors", "Something went wrong at WhatsApp. Send it again in a moment."
        ),
        131008: QCoreApplication.translate(
            "DeliveryErrors",
            "The message was missing a part WhatsApp requires. Check it and send it again.",
        ),
        131009: QCoreApplication.translate(
            "DeliveryErrors",
            "A part of the message is not valid for WhatsApp. Check it and send it again.",
        ),
        131021: QCoreApplication.translate(
            "DeliveryErrors",
            "The customer's number is the business's own number: it cannot send to itself.",
        ),
        368: QCoreApplication.translate(
            "DeliveryErrors",
            "The business's WhatsApp account is temporarily blocked for breaking a WhatsApp "
            "policy. Tell your supervisor.",
        ),
        190: QCoreApplication.translate(
            "DeliveryErrors",
            "The server's access to WhatsApp has expired, so nothing can be sent. Tell your "
            "supervisor.",
        ),
    }


def delivery_error_text(code: int | None) -> str:
    """What happened and what to do, for a WhatsApp error code; a code this version does
    not know is named in a general sentence (Meta's English never reaches the words)."""
    if code is None:
        return QCoreApplication.translate("DeliveryErrors", "WhatsApp gave no reason.")
    known = _words().get(code)
    if known is not None:
        return known
    return QCoreApplication.translate(
        "DeliveryErrors", "WhatsApp refused it for a reason this version does not know (code %1)."
    ).replace("%1", str(code))


def error_code(message: dict[str, Any]) -> int | None:
    """The WhatsApp error code of a message dict from the hub, when it has one."""
    error = message.get("error")
    code = error.get("code") if isinstance(error, dict) else None
    if isinstance(code, int) and not isinstance(code, bool):
        return code
    if isinstance(code, str) and code.strip().lstrip("-").isdecimal():
        return int(code)
    return None


def error_details(message: dict[str, Any]) -> str:
    """Meta's own English title and details, for the tooltip (what support asks for)."""
    error = message.get("error")
    if not isinstance(error, dict):
        return ""
    parts = [str(error[key]) for key in ("title", "details") if error.get(key)]
    code = error_code(message)
    head = f"WhatsApp {code}" if code is not None else "WhatsApp"
    return f"{head}: {' — '.join(parts)}" if parts else ""
