"""Cloud API error codes and what they mean for the people using wa-desk.

Codes and titles follow Meta's published error-code reference. ``meaning`` is written
for an agent or an operator, not for a developer: what happened and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorKind(StrEnum):
    AUTH = "auth"  # the hub's credentials are wrong or expired: an operational alert
    RATE_LIMIT = "rate_limit"  # retry later, with backoff
    WINDOW = "window"  # the 24 h customer-service window is closed: use a template
    TEMPLATE = "template"  # the template or its parameters are wrong
    RECIPIENT = "recipient"  # the customer cannot receive this message
    REQUEST = "request"  # the request itself is invalid
    SERVICE = "service"  # Meta had a problem; retrying may work
    POLICY = "policy"  # the account is restricted or the message breaks a policy


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    code: int
    title: str
    meaning: str
    kind: ErrorKind

    @property
    def retryable(self) -> bool:
        return self.kind in (ErrorKind.RATE_LIMIT, ErrorKind.SERVICE)


_E = ErrorInfo
_K = ErrorKind

KNOWN_ERRORS: dict[int, ErrorInfo] = {
    e.code: e
    for e in (
        _E(0, "AuthException", "The hub could not authenticate with WhatsApp.", _K.AUTH),
        _E(1, "API Unknown", "WhatsApp reported an unknown error; try again.", _K.SERVICE),
        _E(2, "API Service", "WhatsApp is temporarily unavailable; try again.", _K.SERVICE),
        _E(3, "API Method", "The hub's app lacks a capability for this request.", _K.AUTH),
        _E(
            4, "API Too Many Calls", "Too many requests to WhatsApp; retrying later.", _K.RATE_LIMIT
        ),
        _E(10, "API Permission Denied", "The hub lacks permission for this action.", _K.AUTH),
        _E(
            33, "Parameter value is not valid", "The business phone number id is wrong.", _K.REQUEST
        ),
        _E(
            100, "Invalid parameter", "The request has an invalid or missing parameter.", _K.REQUEST
        ),
        _E(
            190,
            "Access token has expired",
            "The WhatsApp access token of the hub expired or was revoked; an administrator "
            "must renew it. Nothing can be sent until then.",
            _K.AUTH,
        ),
        _E(200, "API Permission", "The hub lacks a permission for this action.", _K.AUTH),
        _E(
            368,
            "Temporarily blocked for policies violations",
            "The account is temporarily blocked for policy violations.",
            _K.POLICY,
        ),
        _E(
            470,
            "Re-engagement message (On-Premises API)",
            "More than 24 hours have passed since the customer last wrote: only an approved "
            "template can be sent now.",
            _K.WINDOW,
        ),
        _E(
            80007,
            "Rate limit issues",
            "The WhatsApp account hit its rate limit; retrying later.",
            _K.RATE_LIMIT,
        ),
        _E(
            130429,
            "Rate limit hit",
            "Too many messages per second for this number; retrying with backoff.",
            _K.RATE_LIMIT,
        ),
        _E(
            130472,
            "User's number is part of an experiment",
            "WhatsApp did not deliver this marketing message as part of an experiment.",
            _K.RECIPIENT,
        ),
        _E(
            131000,
            "Something went wrong",
            "WhatsApp could not send the message; try again.",
            _K.SERVICE,
        ),
        _E(131005, "Access denied", "The hub lacks permission to send.", _K.AUTH),
        _E(
            131008,
            "Required parameter is missing",
            "The message is missing a required part.",
            _K.REQUEST,
        ),
        _E(
            131009,
            "Parameter value is not valid",
            "A part of the message is not valid.",
            _K.REQUEST,
        ),
        _E(
            131016,
            "Service unavailable",
            "WhatsApp is temporarily unavailable; retrying.",
            _K.SERVICE,
        ),
        _E(
            131021,
            "Recipient cannot be sender",
            "The customer's number is the business number itself.",
            _K.RECIPIENT,
        ),
        _E(
            131026,
            "Message undeliverable",
            "WhatsApp could not deliver the message: the number may not be on WhatsApp, "
            "may have an old app version, or may have blocked the business.",
            _K.RECIPIENT,
        ),
        _E(131031, "Account has been locked", "The business account is locked.", _K.POLICY),
        _E(
            131042,
            "Business eligibility payment issue",
            "There is a payment problem with the business account.",
            _K.POLICY,
        ),
        _E(
            131047,
            "Re-engagement message",
            "More than 24 hours have passed since the customer last wrote: only an approved "
            "template can be sent now.",
            _K.WINDOW,
        ),
        _E(
            131048,
            "Spam rate limit hit",
            "Too many messages were reported as spam; sending is limited.",
            _K.POLICY,
        ),
        _E(
            131049,
            "Meta chose not to deliver",
            "WhatsApp did not deliver this marketing message to keep engagement healthy.",
            _K.RECIPIENT,
        ),
        _E(
            131050,
            "User stopped marketing messages",
            "The customer opted out of marketing messages.",
            _K.RECIPIENT,
        ),
        _E(131051, "Unsupported message type", "This message type cannot be sent.", _K.REQUEST),
        _E(
            131052,
            "Media download error",
            "The customer's media could not be downloaded.",
            _K.SERVICE,
        ),
        _E(131053, "Media upload error", "The media could not be uploaded.", _K.REQUEST),
        _E(
            131056,
            "Pair rate limit hit",
            "Too many messages to this customer in a short time; retrying with backoff.",
            _K.RATE_LIMIT,
        ),
        _E(
            131057,
            "Account in maintenance mode",
            "The business account is in maintenance; try again later.",
            _K.SERVICE,
        ),
        _E(
            132000,
            "Template param count mismatch",
            "The template needs a different number of parameters.",
            _K.TEMPLATE,
        ),
        _E(
            132001,
            "Template does not exist",
            "That template does not exist in this language or is not approved.",
            _K.TEMPLATE,
        ),
        _E(
            132005,
            "Template hydrated text too long",
            "The template text with its parameters is too long.",
            _K.TEMPLATE,
        ),
        _E(
            132007,
            "Template format character policy violated",
            "A template parameter breaks WhatsApp's formatting policy.",
            _K.TEMPLATE,
        ),
        _E(
            132012,
            "Template parameter format mismatch",
            "A template parameter has the wrong format.",
            _K.TEMPLATE,
        ),
        _E(132015, "Template is paused", "The template is paused for low quality.", _K.TEMPLATE),
        _E(
            132016,
            "Template is disabled",
            "The template was disabled for low quality.",
            _K.TEMPLATE,
        ),
        _E(
            133010,
            "Phone number not registered",
            "The business number is not registered with the Cloud API.",
            _K.POLICY,
        ),
    )
}


def describe(code: int, title: str | None = None) -> ErrorInfo:
    """What an error code means; unknown codes get a generic, honest description."""
    known = KNOWN_ERRORS.get(code)
    if known is not None:
        return known
    if 132000 <= code < 133000:
        return ErrorInfo(
            code,
            title or "Template error",
            "WhatsApp rejected the template or its parameters.",
            ErrorKind.TEMPLATE,
        )
    if 200 <= code < 300:
        return ErrorInfo(
            code, title or "API Permission", "The hub lacks a permission.", ErrorKind.AUTH
        )
    return ErrorInfo(
        code,
        title or "WhatsApp error",
        f"WhatsApp refused the message (error {code}).",
        ErrorKind.REQUEST,
    )
