"""What the hub's HTTP server allows a client, and who may read the API's own schema:
the ``[http]`` table of the hub's TOML.

These bound what one slow or greedy client can hold (connections, time to send its
headers and body, how deeply a JSON body nests); a reverse proxy in front of the hub
should bound the same things (README, "Deployment").
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from wa_desk.hub.settings_values import SettingsError, numbers_table

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class ApiDocs(StrEnum):
    """Who may read ``/docs``, ``/redoc`` and ``/openapi.json``."""

    PUBLIC = "public"
    SIGNED_IN = "signed_in"  # a valid bearer token
    OFF = "off"  # 404


@dataclass(frozen=True, slots=True)
class HttpLimits:
    # A request's line and headers must be in within this long of its first byte (of the
    # connection, for its first request).
    header_timeout_seconds: float = 10.0
    # Its whole body, once the headers are in.
    body_timeout_seconds: float = 30.0
    # How long a kept-alive connection may stay idle between two requests.
    keep_alive_seconds: float = 5.0
    # A request's line and headers together (the body's limit is [hub] max_body_bytes).
    max_header_bytes: int = 65_536
    # Connections open at once from one peer address (a trusted proxy is not counted:
    # it speaks for many clients, and limits each of them itself).
    max_connections_per_address: int = 200
    # Arrays and objects inside one another in any request body.
    max_json_depth: int = 32
    api_docs: ApiDocs = ApiDocs.PUBLIC
    # Addresses or networks of the reverse proxies whose X-Forwarded-For and
    # X-Forwarded-Proto the hub believes; nobody's by default.
    trusted_proxies: tuple[IpNetwork, ...] = ()


_NOT_NUMBERS = ("api_docs", "trusted_proxies")


def http_limits(raw: Any) -> HttpLimits:
    """``[http]``: every key optional."""
    if not isinstance(raw, Mapping):
        raise SettingsError("http", "must be a table ([http])")
    numbers = {k: v for k, v in raw.items() if k not in _NOT_NUMBERS}
    limits = numbers_table(numbers, "http", HttpLimits)
    docs = raw.get("api_docs", ApiDocs.PUBLIC.value)
    if docs not in {d.value for d in ApiDocs}:
        choices = ", ".join(d.value for d in ApiDocs)
        raise SettingsError("http.api_docs", f"must be one of {choices}, not {docs!r}")
    proxies = _networks(raw.get("trusted_proxies", []))
    return replace(limits, api_docs=ApiDocs(docs), trusted_proxies=proxies)


def _networks(raw: Any) -> tuple[IpNetwork, ...]:
    setting = "http.trusted_proxies"
    if not isinstance(raw, list):
        raise SettingsError(setting, 'must be a list of addresses, such as ["10.0.0.5"]')
    networks = []
    for item in raw:
        try:
            if not isinstance(item, str):  # ip_network would take 7 for 0.0.0.7
                raise TypeError(item)
            networks.append(ipaddress.ip_network(item, strict=False))
        except (TypeError, ValueError):
            raise SettingsError(
                setting, f"{item!r} is not an IP address or network (such as 10.0.0.0/24)"
            ) from None
    return tuple(networks)
