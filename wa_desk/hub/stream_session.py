"""Why the session behind an open live stream no longer holds.

A stream is checked when it opens (as every request is) and then again every
``[sessions] stream_recheck_seconds`` while it stays open, the same way a request is
(:func:`wa_desk.hub.api.deps.session_user`: the re-check is a use of the token). A token
expired or idle ends the stream within that time (a revoked one, or a user disabled, far
sooner: :mod:`wa_desk.hub.revocation_watch`); this module names the reason for its last
event.
"""

from __future__ import annotations

from wa_desk.core.stream_protocol import SessionEnd
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import users

MESSAGES = {
    SessionEnd.REVOKED: "This session was ended (signed out or replaced); sign in again.",
    SessionEnd.EXPIRED: "This session expired; sign in again.",
    SessionEnd.USER_DISABLED: "This user was disabled; ask an administrator.",
}


def why_ended(conn: Conn, token: str) -> SessionEnd:
    """For a token that is no longer accepted: why."""
    row = conn.one(
        "SELECT t.revoked_at, u.disabled FROM tokens t LEFT JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ?",
        (users.hash_token(token),),
    )
    if row is None:
        return SessionEnd.EXPIRED  # gone: dead tokens are deleted
    if row["disabled"] is None or bool(row["disabled"]):
        return SessionEnd.USER_DISABLED
    if row["revoked_at"] is not None:
        return SessionEnd.REVOKED
    return SessionEnd.EXPIRED  # past its expiry, or idle for too long
