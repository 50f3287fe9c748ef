"""What the hub's HTTP server allows a client, and who may read the API's own schema:
the ``[http]`` table of the hub's TOML.

These bound what one slow or greedy client can hold (connections, time to send its
headers and body, how deeply a JSON body nests); a reverse proxy in front of the hub
should bound the same things (README, "Deployment").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from wa_desk.hub.settings_values import SettingsError, numbers_table


class ApiDocs(StrEnum):
    """Who may read ``/docs`` and ``/openapi.json``."""

    PUBLIC = "public"
    SIGNED_IN = "signed_in"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class HttpLimits:
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 30.0
    max_connections_per_address: int = 200
    max_json_depth: int = 32
    api_docs: ApiDocs = ApiDocs.PUBLIC


def http_limits(raw: Any) -> HttpLimits:
    """``[http]``: every key optional."""
    if not isinstance(raw, Mapping):
        raise SettingsError("http", "must be a table ([http])")
    numbers = {k: v for k, v in raw.items() if k != "api_docs"}
    limits = numbers_table(numbers, "http", HttpLimits)
    docs = raw.get("api_docs", ApiDocs.PUBLIC.value)
    if docs not in {d.value for d in ApiDocs}:
        choices = ", ".join(d.value for d in ApiDocs)
        raise SettingsError("http.api_docs", f"must be one of {choices}, not {docs!r}")
    return replace(limits, api_docs=ApiDocs(docs))
