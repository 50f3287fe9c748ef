"""Who sends a message when no person does: the hub's automatic replies and its
satisfaction surveys. Their messages are shown as automatic, and no figure counts them as
anyone's reply or send (docs/kpis.md)."""

from __future__ import annotations

from wa_desk.core.auto_replies import AUTOMATIC_SENDER
from wa_desk.core.csat import SURVEY_SENDER

HUB_SENDERS = frozenset({AUTOMATIC_SENDER, SURVEY_SENDER})
