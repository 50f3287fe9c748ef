"""The desktop's side of the wire: hub API, live stream, outbox runner (no Qt)."""

from wa_desk.client.backoff import Backoff
from wa_desk.client.credentials import CredentialStore
from wa_desk.client.errors import (
    BadCredentials,
    CertificateError,
    HubError,
    HubUnreachable,
    Refused,
    ServerError,
    SessionExpired,
)
from wa_desk.client.hub_api import HubApi, Page, Session
from wa_desk.client.outbox_runner import OutboxResult, OutboxRunner
from wa_desk.client.ports import OutboxItem, OutboxPort
from wa_desk.client.sse import SseEvent, SseParser
from wa_desk.client.stream import StreamConsumer, StreamState

__all__ = [
    "Backoff",
    "BadCredentials",
    "CertificateError",
    "CredentialStore",
    "HubApi",
    "HubError",
    "HubUnreachable",
    "OutboxItem",
    "OutboxPort",
    "OutboxResult",
    "OutboxRunner",
    "Page",
    "Refused",
    "ServerError",
    "Session",
    "SessionExpired",
    "SseEvent",
    "SseParser",
    "StreamConsumer",
    "StreamState",
]
