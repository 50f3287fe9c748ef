"""``[hub] media_cache_max_bytes`` and ``media_cache_max_age_days``: defaults, 0 for no
limit, the environment winning, and a bad value named by where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from wa_desk.hub.media_cache_limits import GIB, MediaCacheLimits
from wa_desk.hub.settings import SettingsError, load_settings

SECRETS = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}


def _load(tmp_path: Path, hub_toml: str, **env: str) -> MediaCacheLimits:
    config = tmp_path / "hub.toml"
    config.write_text("[hub]\n" + hub_toml, encoding="utf-8")
    return load_settings(config, {**SECRETS, **env}).media_cache


def test_defaults_are_two_gib_and_thirty_days(tmp_path: Path) -> None:
    limits = _load(tmp_path, "")
    assert (limits.max_bytes, limits.max_age_days) == (2 * GIB, 30)
    assert not limits.off


def test_zero_is_no_limit_and_both_zero_no_sweep(tmp_path: Path) -> None:
    limits = _load(tmp_path, "media_cache_max_bytes = 0\nmedia_cache_max_age_days = 0\n")
    assert limits.off and limits.max_age_seconds is None
    only_age = _load(tmp_path, "media_cache_max_bytes = 0\n")
    assert not only_age.off and only_age.max_age_seconds == 30 * 86_400


def test_the_environment_wins(tmp_path: Path) -> None:
    limits = _load(
        tmp_path,
        "media_cache_max_bytes = 5\n",
        WA_MEDIA_CACHE_MAX_BYTES="1048576",
        WA_MEDIA_CACHE_MAX_AGE_DAYS="7",
    )
    assert (limits.max_bytes, limits.max_age_days) == (1_048_576, 7)


@pytest.mark.parametrize(
    ("toml", "env", "named"),
    [
        ('media_cache_max_bytes = "2G"\n', {}, "[hub] media_cache_max_bytes"),
        ("media_cache_max_bytes = -1\n", {}, "[hub] media_cache_max_bytes"),
        ("media_cache_max_bytes = 1.5\n", {}, "[hub] media_cache_max_bytes"),
        ("media_cache_max_age_days = true\n", {}, "[hub] media_cache_max_age_days"),
        ("media_cache_max_age_days = 36501\n", {}, "[hub] media_cache_max_age_days"),
        ("", {"WA_MEDIA_CACHE_MAX_BYTES": "lots"}, "WA_MEDIA_CACHE_MAX_BYTES"),
        ("", {"WA_MEDIA_CACHE_MAX_AGE_DAYS": "-3"}, "WA_MEDIA_CACHE_MAX_AGE_DAYS"),
    ],
)
def test_a_bad_value_is_an_error_naming_it(
    tmp_path: Path, toml: str, env: dict[str, str], named: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        _load(tmp_path, toml, **env)
    assert caught.value.setting == named
    assert "whole number" in str(caught.value)
