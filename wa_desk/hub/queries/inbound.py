"""The read a customer message's intake starts with, on the path of every webhook
delivery (one round trip on PostgreSQL): whether its WhatsApp message id is stored
already (Meta redelivers), the contact's name as stored (if the contact is known), and
their open conversation on that number with its heat-map standing."""

from __future__ import annotations

from dataclasses import dataclass

from wa_desk.core.conversation import State
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.queries.conversations import OPEN_WITH_STANDING

_SEEN = "wamid_seen"
_KNOWN = "contact_known"
_NAME = "contact_name_stored"
# The open conversation as a derived table joined to one row: a row comes back whether
# the contact has an open conversation or not (then its columns are NULL).
_READ = (
    f"SELECT (SELECT 1 FROM messages WHERE wamid = ?) AS {_SEEN}, "  # noqa: S608 - constants
    f"(SELECT 1 FROM contacts WHERE wa_id = ?) AS {_KNOWN}, "
    f"(SELECT name FROM contacts WHERE wa_id = ?) AS {_NAME}, open_one.* "
    f"FROM (SELECT 1 AS one) AS one_row LEFT JOIN ({OPEN_WITH_STANDING}) AS open_one ON 1 = 1"
)


@dataclass(frozen=True, slots=True)
class InboundRead:
    seen: bool  # the message is stored already
    contact_known: bool
    contact_name: str | None  # as stored
    conversation: Row | None  # ``conversations.OPEN_WITH_STANDING``'s row


def inbound_read(conn: Conn, wamid: str, wa_id: str, phone_number_id: str) -> InboundRead:
    row = conn.one(_READ, (wamid, wa_id, wa_id, wa_id, phone_number_id, State.CLOSED.value))
    assert row is not None  # one row always
    seen, known, name = row.pop(_SEEN), row.pop(_KNOWN), row.pop(_NAME)
    return InboundRead(
        seen is not None, known is not None, name, None if row["id"] is None else row
    )
