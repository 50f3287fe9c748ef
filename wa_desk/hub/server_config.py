"""How uvicorn serves the hub: the same in ``wa-desk hub serve`` and in tests."""

from __future__ import annotations

from typing import Any

from wa_desk.hub.guarded_http import guarded_protocol
from wa_desk.hub.http_limits import HttpLimits


def server_options(limits: HttpLimits) -> dict[str, Any]:
    """``uvicorn.Config`` keyword arguments for one hub server (call once per server: the
    per-address connection count lives in the protocol class it returns)."""
    proxies = [str(network) for network in limits.trusted_proxies]
    return {
        "http": guarded_protocol(limits),
        "ws": "none",  # the hub has no WebSocket route; nothing may bypass the protocol
        "timeout_keep_alive": limits.keep_alive_seconds,
        # Forwarded client addresses are believed from the configured proxies only (never
        # from uvicorn's defaults or the FORWARDED_ALLOW_IPS environment variable).
        "proxy_headers": bool(proxies),
        "forwarded_allow_ips": proxies,
        # No access log: query strings (the webhook handshake's verify token) stay out.
        "access_log": False,
    }
