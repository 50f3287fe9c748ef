"""The promise ledger's vocabulary: a promise's states and the limits of its fields,
shared by the hub (which stores and judges changes) and the desktop (which offers them).

A promise is made ``open`` and ends ``kept`` or ``broken``; while open it may be
rescheduled (a new due date, with a reason) or handed to another owner any number of
times. Nothing reopens a kept or broken promise: a new promise is made instead.
"""

from __future__ import annotations

from enum import StrEnum

MAX_WHAT_LENGTH = 500
MAX_REASON_LENGTH = 500


class PromiseState(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"


# Error codes of the promise API (``{"error": {"code": ...}}``).
PROMISE_CLOSED = "promise_closed"  # 409: kept or broken already; nothing more changes it
PROMISE_ID_TAKEN = "promise_id_taken"  # 409: that id names another conversation's promise
MESSAGE_NOT_IN_CONVERSATION = "message_not_in_conversation"  # 422
# 422: the message named as keeping a promise is not one of the customer's (in a
# conversation the caller can see).
MESSAGE_NOT_OF_CUSTOMER = "message_not_of_customer"
OWNER_NOT_IN_QUEUE = "owner_not_in_queue"  # 422: the owner cannot see the conversation
