"""``[hub] wallboard_process``: a hub run from a configuration reads the wallboard's rows
in a process of their own unless told not to; anything but true or false is refused by
name."""

from __future__ import annotations

from pathlib import Path

import pytest

from wa_desk.hub.settings import SettingsError, load_settings

ENV = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}


def test_a_configured_hub_reads_its_rows_in_a_process_of_their_own(tmp_path: Path) -> None:
    assert load_settings(None, ENV).wallboard_process is True
    config = tmp_path / "hub.toml"
    config.write_text("[hub]\nwallboard_process = false\n")
    assert load_settings(config, ENV).wallboard_process is False
    for bad in ('"yes"', "1"):
        config.write_text(f"[hub]\nwallboard_process = {bad}\n")
        with pytest.raises(SettingsError, match=r"^wallboard_process:"):
            load_settings(config, ENV)
