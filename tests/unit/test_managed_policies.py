"""The operating systems' policies for wa-desk: Windows Group Policy in the registry
(through a fake registry reader, as on any system) and macOS managed preferences (real
plist files in a temporary folder), and how they combine with managed.toml."""

from __future__ import annotations

import logging
import plistlib
from collections.abc import Mapping
from pathlib import Path

import pytest

from wa_desk import managed as m
from wa_desk.managed import macos_preferences as mac
from wa_desk.managed import windows_policy as win
from wa_desk.managed.windows_policy import REG_BINARY, REG_DWORD, REG_SZ, RegistryValue

HUB = "https://hub.example.com"


class FakeRegistry:
    """HKLM as a dict of key paths; a key mapped to an OSError cannot be read."""

    def __init__(self, keys: Mapping[str, Mapping[str, RegistryValue] | OSError]) -> None:
        self.keys = keys

    def read_values(self, key_path: str) -> Mapping[str, RegistryValue] | None:
        found = self.keys.get(key_path)
        if isinstance(found, OSError):
            raise found
        return found


def sz(text: str) -> RegistryValue:
    return RegistryValue(text, REG_SZ)


def dword(number: int) -> RegistryValue:
    return RegistryValue(number, REG_DWORD)


def _load_windows(
    tmp_path: Path, keys: Mapping[str, Mapping[str, RegistryValue] | OSError], toml: str = ""
) -> m.ManagedFile:
    path = tmp_path / "managed.toml"
    if toml:
        path.write_text(toml)
    return m.load(path, platform="win32", registry=FakeRegistry(keys))


# -- Windows ------------------------------------------------------------------------------


def test_group_policy_values_are_locked_and_typed(tmp_path: Path) -> None:
    keys = {
        win.POLICY_KEY: {
            "hub_url": sz(HUB),
            "language": sz("es"),
            "notifications": dword(0),
            "sound": dword(1),
            "font_size": dword(14),
        }
    }
    found = _load_windows(tmp_path, keys)
    assert found.problems == ()
    assert dict(found.values) == {
        "hub_url": HUB,
        "language": "es",
        "notifications": False,
        "sound": True,
        "font_size": 14,
    }
    assert found.locked == set(found.values)
    assert found.source == win.POLICY_SOURCE


def test_recommended_values_are_defaults_and_policy_wins_over_them(tmp_path: Path) -> None:
    keys = {
        win.POLICY_KEY: {"hub_url": sz(HUB)},
        win.RECOMMENDED_KEY: {"hub_url": sz("https://other.example"), "language": sz("en")},
    }
    found = _load_windows(tmp_path, keys)
    assert dict(found.values) == {"hub_url": HUB, "language": "en"}
    assert found.locked == {"hub_url"}
    assert found.origins == {"hub_url": win.POLICY_SOURCE, "language": win.RECOMMENDED_SOURCE}


def test_wrong_registry_types_are_skipped_one_by_one_and_named(tmp_path: Path) -> None:
    keys = {
        win.POLICY_KEY: {
            "hub_url": dword(1),
            "notifications": sz("1"),
            "sound": dword(2),
            "font_size": RegistryValue(b"\x0c", REG_BINARY),
            "language": sz("es"),
        }
    }
    found = _load_windows(tmp_path, keys)
    assert dict(found.values) == {"language": "es"}
    problems = "\n".join(found.problems)
    assert len(found.problems) == 4
    assert "hub_url is a REG_DWORD; it takes a REG_SZ" in problems
    assert "notifications is a REG_SZ; it takes a REG_DWORD" in problems
    assert "sound is 2; it takes 1 (on) or 0 (off)" in problems
    assert "font_size is a REG_BINARY" in problems
    assert all(p.startswith(win.POLICY_SOURCE) for p in found.problems)


def test_value_names_are_case_insensitive_and_unknown_ones_are_passed_on(tmp_path: Path) -> None:
    found = _load_windows(tmp_path, {win.POLICY_KEY: {"Hub_URL": sz(HUB), "colour": sz("red")}})
    # The desktop's settings name the unknown one to IT, as for managed.toml.
    assert dict(found.values) == {"hub_url": HUB, "colour": "red"}


def test_an_unreadable_key_is_ignored_as_a_whole(tmp_path: Path) -> None:
    denied = PermissionError(5, "Access is denied")
    keys = {win.POLICY_KEY: denied, win.RECOMMENDED_KEY: {"language": sz("es")}}
    found = _load_windows(tmp_path, keys)
    assert dict(found.values) == {"language": "es"} and found.locked == frozenset()
    assert found.problems == (
        f"{win.POLICY_SOURCE} could not be read (Access is denied); it was ignored.",
    )


def test_policy_wins_over_the_file_per_key_and_a_lock_over_a_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    keys = {
        win.POLICY_KEY: {"hub_url": sz(HUB)},
        win.RECOMMENDED_KEY: {"language": sz("en"), "sound": dword(1)},
    }
    toml = (
        'hub_url = "https://file.example"\nlanguage = "es"\nfont_size = 12\n'
        "[locked]\nsound = false\n"
    )
    with caplog.at_level(logging.INFO, logger="wa_desk.managed"):
        found = _load_windows(tmp_path, keys, toml)
    file = str(tmp_path / "managed.toml")
    assert dict(found.values) == {"hub_url": HUB, "language": "en", "sound": False, "font_size": 12}
    assert found.locked == {"hub_url", "sound"}
    assert found.origins == {
        "hub_url": win.POLICY_SOURCE,
        "language": win.RECOMMENDED_SOURCE,
        "sound": file,  # the file's lock beats a recommendation
        "font_size": file,
    }
    ignored = [r.getMessage() for r in caplog.records if "is ignored" in r.getMessage()]
    assert len(ignored) == 3
    assert any(
        f"hub_url from {file} is ignored: {win.POLICY_SOURCE} locks it" in i for i in ignored
    )
    assert any(
        f"sound from {win.RECOMMENDED_SOURCE} is ignored: {file} locks it" in i for i in ignored
    )


def test_a_broken_file_does_not_take_the_policy_with_it(tmp_path: Path) -> None:
    found = _load_windows(tmp_path, {win.POLICY_KEY: {"hub_url": sz(HUB)}}, "hub_url = \n")
    assert dict(found.values) == {"hub_url": HUB} and found.locked == {"hub_url"}
    assert len(found.problems) == 1 and "not valid TOML" in found.problems[0]


def test_no_policy_and_no_file_is_nothing_managed(tmp_path: Path) -> None:
    assert _load_windows(tmp_path, {}) == m.ManagedFile()


def test_the_real_registry_reader_reads_nothing_off_windows() -> None:
    assert win.WindowsRegistry().read_values(win.POLICY_KEY) is None


# -- macOS --------------------------------------------------------------------------------


def _profile(folder: Path, content: object, user: str | None = None) -> Path:
    target = folder / user if user else folder
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{mac.BUNDLE_ID}.plist"
    path.write_bytes(plistlib.dumps(content))
    return path


def _load_mac(tmp_path: Path, user: str = "ana") -> m.ManagedFile:
    return m.load(
        tmp_path / "absent.toml",
        platform="darwin",
        preferences_dir=tmp_path / "Managed Preferences",
        user=user,
    )


def test_a_profile_forces_its_keys_and_recommends_the_rest(tmp_path: Path) -> None:
    prefs = tmp_path / "Managed Preferences"
    _profile(prefs, {"hub_url": HUB, "sound": False, "recommended": {"language": "es"}})
    found = _load_mac(tmp_path)
    assert found.problems == ()
    assert dict(found.values) == {"hub_url": HUB, "sound": False, "language": "es"}
    assert found.locked == {"hub_url", "sound"}


def test_the_users_profile_wins_over_the_computers(tmp_path: Path) -> None:
    prefs = tmp_path / "Managed Preferences"
    computer = _profile(prefs, {"hub_url": HUB, "font_size": 12})
    user = _profile(prefs, {"font_size": 16}, user="ana")
    found = _load_mac(tmp_path)
    assert dict(found.values) == {"hub_url": HUB, "font_size": 16}
    assert found.origins == {"hub_url": str(computer), "font_size": str(user)}
    assert dict(_load_mac(tmp_path, user="bea").values) == {"hub_url": HUB, "font_size": 12}


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not a plist", "not a valid plist"),
        (plistlib.dumps(["hub_url"]), "not a dictionary"),
        (plistlib.dumps({"recommended": "es"}), "must be a dictionary"),
        (plistlib.dumps({"sound": True, "recommended": {"sound": False}}), "both at the top"),
    ],
)
def test_a_broken_profile_is_ignored_as_a_whole(tmp_path: Path, content: bytes, says: str) -> None:
    prefs = tmp_path / "Managed Preferences"
    prefs.mkdir()
    (prefs / f"{mac.BUNDLE_ID}.plist").write_bytes(content)
    found = _load_mac(tmp_path)
    assert found.values == {} and found.locked == frozenset()
    assert len(found.problems) == 1 and says in found.problems[0]


def test_a_user_name_cannot_lead_elsewhere() -> None:
    base = Path("/Library/Managed Preferences")
    assert mac.paths("../etc", base) == [base / f"{mac.BUNDLE_ID}.plist"]
    assert mac.paths(None, base) == [base / f"{mac.BUNDLE_ID}.plist"]
