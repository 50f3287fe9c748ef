"""The read a customer message's intake starts with, on the path of every webhook
delivery: whether its WhatsApp message id is stored already (Meta redelivers), the
contact's name as stored (if the contact is known), and their open conversation on that
number with its heat-map standing.

A delivery's reads are made ahead (:class:`InboundAhead`), with those of every delivery
of the store's group commit: one round trip for them all on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wa_desk.core.conversation import State
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.db.read_ahead import ReadAhead
from wa_desk.hub.queries.conversations import OPEN_WITH_STANDING
from wa_desk.whatsapp.updates import InboundMessage, ParsedWebhook

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
    row = conn.one(_READ, _params(wamid, wa_id, phone_number_id))
    assert row is not None  # one row always
    return _as_read(row)


def _params(wamid: str, wa_id: str, phone_number_id: str) -> tuple[str, ...]:
    return (wamid, wa_id, wa_id, wa_id, phone_number_id, State.CLOSED.value)


def _as_read(row: Row) -> InboundRead:
    seen, known, name = row.pop(_SEEN), row.pop(_KNOWN), row.pop(_NAME)
    return InboundRead(
        seen is not None, known is not None, name, None if row["id"] is None else row
    )


class InboundAhead:
    """A delivery's customer messages, read ahead (``ReadAhead``). Its reads depend on
    its customers' rows, which are also all its messages write; statuses, template
    statuses and preferences may write any contact's."""

    def __init__(self, parsed: ParsedWebhook) -> None:
        self.messages = parsed.messages
        self.reads = frozenset(m.wa_id for m in parsed.messages)
        only_messages = not (parsed.statuses or parsed.template_statuses or parsed.user_preferences)
        self.writes: frozenset[str] | None = self.reads if only_messages else None
        self._found: dict[str, InboundRead] = {}

    def read_together(self, conn: Conn, all_of_type: Sequence[ReadAhead]) -> None:
        mine = [a for a in all_of_type if isinstance(a, InboundAhead)]
        wanted = [(a, m) for a in mine for m in a.messages]
        rows = conn.one_each(
            _READ, [_params(m.wamid, m.wa_id, m.phone_number_id) for _, m in wanted]
        )
        for a in mine:
            a._found = {}
        for (a, m), row in zip(wanted, rows, strict=True):
            assert row is not None  # one row always
            a._found.setdefault(m.wamid, _as_read(row))

    def read(self, conn: Conn, m: InboundMessage) -> InboundRead:
        """``m``'s read: as read ahead, unless an earlier message of this delivery, from
        the same customer, may have changed it."""
        found = self._found.pop(m.wamid, None)
        if any(other.wa_id == m.wa_id for other in self.messages if other is not m):
            self._found.clear()  # the next one of this customer reads for itself
        if found is None:
            return inbound_read(conn, m.wamid, m.wa_id, m.phone_number_id)
        return found
