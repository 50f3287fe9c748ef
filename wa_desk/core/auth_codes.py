"""Error codes of sign-in and sessions, named once for the hub that sends them and the
desktop that explains them."""

from __future__ import annotations

from enum import StrEnum


class AuthCode(StrEnum):
    UNAUTHORIZED = "unauthorized"  # no bearer token at all
    TOKEN_INVALID = "token_invalid"  # noqa: S105 - a code; expired, idle too long, revoked, or its user disabled
    BAD_CREDENTIALS = "bad_credentials"  # wrong user name or password (401)
    TOO_MANY_ATTEMPTS = "too_many_attempts"  # wait Retry-After seconds (429)
    ACCOUNT_LOCKED = "account_locked"  # an administrator can unlock it (423)
