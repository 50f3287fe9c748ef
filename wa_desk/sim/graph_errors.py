"""Graph API error envelopes, shaped as Meta returns them.

``{"error": {"message": "(#131047) Re-engagement message", "type": "OAuthException",
"code": 131047, "error_data": {"messaging_product": "whatsapp", "details": "..."},
"fbtrace_id": "..."}}``. Meta answers business errors (window, templates, limits) with
HTTP 400 and token errors with HTTP 401.
"""

from __future__ import annotations

from typing import Any

from wa_desk.whatsapp.errors import describe

DOCS_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"


class GraphError(Exception):
    """A refusal the Graph stand-in answers with an error envelope."""

    def __init__(
        self,
        code: int,
        message: str,
        *,
        details: str | None = None,
        status: int = 400,
        subcode: int | None = None,
        type_: str = "OAuthException",
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
        self.status = status
        self.subcode = subcode
        self.type = type_

    def envelope(self, fbtrace_id: str) -> dict[str, Any]:
        error: dict[str, Any] = {"message": self.message, "type": self.type, "code": self.code}
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        if self.details is not None:
            error["error_data"] = {"messaging_product": "whatsapp", "details": self.details}
        error["fbtrace_id"] = fbtrace_id
        return {"error": error}


def invalid_parameter(details: str) -> GraphError:
    return GraphError(100, "(#100) Invalid parameter", details=details)


def missing_parameter(name: str) -> GraphError:
    return GraphError(100, f"(#100) The parameter {name} is required.")


def unknown_object(object_id: str, method: str) -> GraphError:
    return GraphError(
        100,
        f"Unsupported {method} request. Object with ID '{object_id}' does not exist, "
        "cannot be loaded due to missing permissions, or does not support this operation. "
        "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
        subcode=33,
        type_="GraphMethodException",
    )


def bad_token() -> GraphError:
    return GraphError(190, "Invalid OAuth access token - Cannot parse access token", status=401)


def business_error(code: int, details: str) -> GraphError:
    """A WhatsApp business-rule error: ``(#code) Title`` with the details Meta gives."""
    return GraphError(code, f"(#{code}) {describe(code).title}", details=details)


def webhook_error(code: int, details: str) -> dict[str, Any]:
    """One entry of a failed status's ``errors`` array."""
    title = describe(code).title
    return {
        "code": code,
        "title": title,
        "message": title,
        "error_data": {"details": details},
        "href": DOCS_HREF,
    }


RE_ENGAGEMENT_DETAILS = (
    "Message failed to send because more than 24 hours have passed "
    "since the customer last replied to this number."
)
THROUGHPUT_DETAILS = "Cloud API message throughput has been reached."
PAIR_RATE_DETAILS = (
    "Message failed to send because there were too many messages sent from "
    "this phone number to the same phone number in a short period of time."
)
UNDELIVERABLE_DETAILS = "Message Undeliverable."
MARKETING_STOPPED_DETAILS = (
    "Unable to deliver the message. This recipient has chosen to stop receiving "
    "marketing messages on WhatsApp from your business."
)
