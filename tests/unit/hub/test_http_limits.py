"""``[http]``: the keys that are not numbers are read and checked too."""

from __future__ import annotations

import ipaddress

import pytest

from wa_desk.hub.http_limits import ApiDocs, HttpLimits, http_limits
from wa_desk.hub.settings_values import SettingsError


def test_defaults_trust_no_proxy_and_show_the_docs() -> None:
    assert http_limits({}) == HttpLimits()
    assert HttpLimits().trusted_proxies == ()
    assert HttpLimits().api_docs is ApiDocs.PUBLIC


def test_trusted_proxies_are_addresses_or_networks() -> None:
    limits = http_limits({"trusted_proxies": ["127.0.0.1", "10.0.0.0/24", "::1"]})
    assert ipaddress.ip_address("10.0.0.7") in limits.trusted_proxies[1]
    for wrong in (["*"], ["proxy.internal"], "127.0.0.1", [7]):
        with pytest.raises(SettingsError) as caught:
            http_limits({"trusted_proxies": wrong})
        assert caught.value.setting == "http.trusted_proxies"


def test_numbers_and_docs_are_checked() -> None:
    assert http_limits({"max_header_bytes": 8192}).max_header_bytes == 8192
    for raw, setting in (
        ({"api_docs": "sometimes"}, "http.api_docs"),
        ({"header_timeout_seconds": 0}, "http.header_timeout_seconds"),
    ):
        with pytest.raises(SettingsError) as caught:
            http_limits(raw)
        assert caught.value.setting == setting
