"""installers/macos: the plists mean what the app and macOS expect, and the scripts that
can only really run on a Mac are lint-clean and do nothing when their secrets are absent."""

from __future__ import annotations

import importlib
import os
import plistlib
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

import wa_desk
from wa_desk.ui.settings.settings import MANAGED_NAMES

REPO = Path(__file__).resolve().parents[2]
MACOS = REPO / "installers" / "macos"
SCRIPTS = [MACOS / "sign.sh", MACOS / "notarize.sh", MACOS / "build_pkg.sh"]
BUNDLE_ID = "com.wadesk.desktop"
SECRETS = (
    "MACOS_SIGN_IDENTITY",
    "MACOS_INSTALLER_IDENTITY",
    "MACOS_KEYCHAIN",
    "APPLE_API_KEY_ID",
    "APPLE_API_ISSUER",
    "APPLE_API_KEY_PATH",
)


def _load(path: Path) -> Any:
    with path.open("rb") as f:
        return plistlib.load(f)


def _env(**secrets: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SECRETS}
    return {**env, **secrets}


@pytest.fixture
def stand_in_app(tmp_path: Path) -> Path:
    """A bundle with the shape of PyInstaller's: an executable, a library, an Info.plist."""
    app = tmp_path / "dist" / "wa-desk.app"
    (app / "Contents" / "MacOS").mkdir(parents=True)
    (app / "Contents" / "Frameworks").mkdir()
    (app / "Contents" / "MacOS" / "wa-desk").write_bytes(b"\xcf\xfa\xed\xfe stand-in")
    (app / "Contents" / "MacOS" / "wa-desk").chmod(0o755)
    (app / "Contents" / "Frameworks" / "libpython3.11.dylib").write_bytes(b"\xcf\xfa\xed\xfe")
    info = {
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": "0.1.0",
        "CFBundleExecutable": "wa-desk",
    }
    (app / "Contents" / "Info.plist").write_bytes(plistlib.dumps(info))
    return app


def _snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _run(*args: str | Path, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", *map(str, args)], env=env, cwd=cwd, capture_output=True, text=True, check=False
    )


# -- entitlements -------------------------------------------------------------------------


def test_entitlements_are_the_one_runtime_exception_the_app_needs() -> None:
    entitlements = _load(MACOS / "entitlements.plist")
    # ctypes (keyring's macOS backend) makes a callback when it is imported, which needs
    # writable executable memory unless the Python's libffi has static trampolines.
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}


def test_the_spec_uses_these_entitlements_and_bundle_id_when_it_exists() -> None:
    spec = REPO / "build.spec"
    if not spec.exists():
        pytest.skip("build.spec is not in this tree")
    text = spec.read_text(encoding="utf-8")
    assert "entitlements.plist" in text
    assert "bundle_identifier=wa_desk.APP_ID" in text
    assert wa_desk.APP_ID == BUNDLE_ID


# -- configuration profile ----------------------------------------------------------------


@pytest.fixture(scope="module")
def profile() -> dict[str, Any]:
    loaded: dict[str, Any] = _load(MACOS / "com.wadesk.desktop.mobileconfig.example")
    return loaded


def _payloads(profile: dict[str, Any]) -> list[dict[str, Any]]:
    return [profile, *profile["PayloadContent"]]


def test_the_profile_is_a_system_configuration_with_distinct_valid_uuids(
    profile: dict[str, Any],
) -> None:
    assert profile["PayloadType"] == "Configuration"
    assert profile["PayloadScope"] == "System"
    payloads = _payloads(profile)
    uuids = [p["PayloadUUID"] for p in payloads]
    for value in uuids:
        assert str(uuid.UUID(value)).upper() == value
    assert len(set(uuids)) == len(uuids)
    identifiers = [p["PayloadIdentifier"] for p in payloads]
    assert len(set(identifiers)) == len(identifiers)
    assert all(p["PayloadVersion"] == 1 for p in payloads)


def _forced_settings(profile: dict[str, Any]) -> dict[str, Any]:
    (payload,) = [
        p
        for p in profile["PayloadContent"]
        if p["PayloadType"] == "com.apple.ManagedClient.preferences"
    ]
    domains = payload["PayloadContent"]
    assert list(domains) == [BUNDLE_ID], "the preference domain is the app's bundle id"
    (forced,) = domains[BUNDLE_ID]["Forced"]
    settings: dict[str, Any] = forced["mcx_preference_settings"]
    return settings


def test_the_profile_sets_and_locks_the_hub_address_by_the_managed_names(
    profile: dict[str, Any],
) -> None:
    settings = _forced_settings(profile)
    recommended = settings.get("recommended", {})
    forced = {k: v for k, v in settings.items() if k != "recommended"}
    # Every top-level key of a profile is forced (locked); defaults go under "recommended".
    assert forced == {"hub_url": "https://hub.example.com"}
    assert set(recommended) <= set(MANAGED_NAMES)
    assert not set(forced) & set(recommended)
    reader = _macos_reader()
    if reader is not None:  # the app's own reader, where this tree has it
        parsed = reader.parse(plistlib.dumps(settings), "profile")
        assert parsed.problems == ()
        assert parsed.values["hub_url"] == "https://hub.example.com"
        assert parsed.locked == frozenset({"hub_url"})


def _macos_reader() -> Any:
    try:
        return importlib.import_module("wa_desk.managed.macos_preferences")
    except ImportError:
        return None


# -- scripts ------------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_parse_and_are_strict(script: Path) -> None:
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert os.access(script, os.X_OK)


def test_scripts_pass_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (apt-get install shellcheck; .ci/run does)")
    result = subprocess.run(
        [shellcheck, "--shell=bash", *map(str, SCRIPTS)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_sign_without_an_identity_says_so_and_changes_nothing(
    stand_in_app: Path, tmp_path: Path
) -> None:
    before = _snapshot(tmp_path)
    result = _run(MACOS / "sign.sh", stand_in_app, env=_env(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not signed: MACOS_SIGN_IDENTITY not set" in result.stdout
    assert _snapshot(tmp_path) == before


def test_sign_finds_the_default_bundle_under_dist(stand_in_app: Path, tmp_path: Path) -> None:
    result = _run(MACOS / "sign.sh", env=_env(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not signed: MACOS_SIGN_IDENTITY not set" in result.stdout


def test_sign_fails_without_a_bundle_even_without_an_identity(tmp_path: Path) -> None:
    result = _run(MACOS / "sign.sh", tmp_path / "missing.app", env=_env(), cwd=tmp_path)
    assert result.returncode != 0
    assert "no app bundle" in result.stderr


def test_sign_with_an_identity_but_no_codesign_fails(stand_in_app: Path, tmp_path: Path) -> None:
    if shutil.which("codesign"):
        pytest.skip("codesign exists here: this checks the failure where it does not")
    env = _env(MACOS_SIGN_IDENTITY="Developer ID Application: Example (TEAMID1234)")
    result = _run(MACOS / "sign.sh", stand_in_app, env=env, cwd=tmp_path)
    assert result.returncode != 0
    assert "codesign not found" in result.stderr


def test_notarize_without_a_key_says_so_and_changes_nothing(
    stand_in_app: Path, tmp_path: Path
) -> None:
    before = _snapshot(tmp_path)
    result = _run(MACOS / "notarize.sh", stand_in_app, env=_env(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not notarized: APPLE_API_KEY_ID, APPLE_API_ISSUER and APPLE_API_KEY_PATH not set" in (
        result.stdout
    )
    assert _snapshot(tmp_path) == before


def test_notarize_with_half_a_key_is_an_error(stand_in_app: Path, tmp_path: Path) -> None:
    env = _env(APPLE_API_KEY_ID="ABCDE12345")
    result = _run(MACOS / "notarize.sh", stand_in_app, env=env, cwd=tmp_path)
    assert result.returncode != 0
    assert "APPLE_API_ISSUER APPLE_API_KEY_PATH not set" in result.stderr


def test_build_pkg_refuses_a_bundle_of_another_identifier(
    stand_in_app: Path, tmp_path: Path
) -> None:
    info = stand_in_app / "Contents" / "Info.plist"
    info.write_bytes(plistlib.dumps({**_load(info), "CFBundleIdentifier": "org.example.other"}))
    result = _run(MACOS / "build_pkg.sh", stand_in_app, env=_env(), cwd=tmp_path)
    assert result.returncode != 0
    assert "not 'com.wadesk.desktop'" in result.stderr


def test_build_pkg_fails_clearly_where_pkgbuild_does_not_exist(
    stand_in_app: Path, tmp_path: Path
) -> None:
    if shutil.which("pkgbuild"):
        pytest.skip("pkgbuild exists here: this checks the failure where it does not")
    result = _run(MACOS / "build_pkg.sh", stand_in_app, env=_env(), cwd=tmp_path)
    assert result.returncode != 0
    assert "pkgbuild not found" in result.stderr
    assert not (tmp_path / "dist" / "wa-desk-0.1.0.pkg").exists()
