"""The MSI's tables, read back with msiinfo: per-machine and x64, the product's fixed
UpgradeCode and version, major upgrades that refuse a downgrade, the Start-menu shortcut,
the tree's files, and SERVERURL written as the hub_url machine policy only when given.

Built by the real build script with wixl over a stand-in tree (see msi_build.py): the
Windows frozen app cannot be built on Linux; the release workflow builds the MSI over it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from msi_build import STAND_IN_FILES, build, need_tools, stand_in_tree

import wa_desk
from wa_desk.managed.windows_policy import POLICY_KEY

UPGRADE_CODE = "{8363BC75-A81C-4380-AA0B-6CEA268AE113}"  # the product's identity, forever
HKLM = "2"  # the Registry table's root for HKEY_LOCAL_MACHINE


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_tools("wixl", "msibuild", "msiinfo")
    folder = tmp_path_factory.mktemp("msi")
    out = folder / f"wa-desk-{wa_desk.__version__}-x64.msi"
    done = build(stand_in_tree(folder / "tree"), out)
    assert done.returncode == 0, done.stderr
    return out


def _rows(msi: Path, table: str) -> list[dict[str, str]]:
    # In the MSI's folder: msiinfo writes a binary table's streams beside it (Icon/).
    text = subprocess.run(
        ["msiinfo", "export", str(msi), table],
        capture_output=True,
        text=True,
        check=True,
        cwd=msi.parent,
    ).stdout
    lines = text.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:]]


def _properties(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in _rows(msi, "Property")}


def test_per_machine_with_the_fixed_upgrade_code_and_the_package_version(msi: Path) -> None:
    properties = _properties(msi)
    assert properties["ALLUSERS"] == "1"
    assert properties["UpgradeCode"] == UPGRADE_CODE
    assert properties["ProductVersion"] == wa_desk.__version__
    assert properties["ProductName"] == "wa-desk"
    assert properties["ARPPRODUCTICON"] in {row["Name"] for row in _rows(msi, "Icon")}


def test_x64_package(msi: Path) -> None:
    info = subprocess.run(
        ["msiinfo", "suminfo", str(msi)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Template: x64;1033$", info, re.MULTILINE), info
    components = _rows(msi, "Component")
    assert all(int(c["Attributes"]) & 256 for c in components)  # 64-bit components


def test_the_hub_policy_is_written_only_when_serverurl_is_given(msi: Path) -> None:
    rows = [r for r in _rows(msi, "Registry") if r["Name"] == "hub_url"]
    assert len(rows) == 1
    assert rows[0]["Root"] == HKLM and rows[0]["Key"] == POLICY_KEY
    assert rows[0]["Value"] == "[SERVERURL]"
    component = {c["Component"]: c for c in _rows(msi, "Component")}[rows[0]["Component_"]]
    assert component["Condition"] == "SERVERURL"
    # Remembered for upgrades run without SERVERURL.
    searches = {r["Property"] for r in _rows(msi, "AppSearch")}
    assert "SAVEDSERVERURL" in searches


def test_major_upgrades_replace_older_versions_and_refuse_newer_ones(msi: Path) -> None:
    upgrades = _rows(msi, "Upgrade")
    assert {u["UpgradeCode"] for u in upgrades} == {UPGRADE_CODE}
    older = next(u for u in upgrades if u["ActionProperty"] == "WIX_UPGRADE_DETECTED")
    newer = next(u for u in upgrades if u["ActionProperty"] == "WIX_DOWNGRADE_DETECTED")
    assert older["VersionMax"] == wa_desk.__version__ and not older["VersionMin"]
    assert newer["VersionMin"] == wa_desk.__version__
    conditions = {c["Condition"] for c in _rows(msi, "LaunchCondition")}
    assert "NOT WIX_DOWNGRADE_DETECTED" in conditions
    sequence = {r["Action"] for r in _rows(msi, "InstallExecuteSequence")}
    assert "RemoveExistingProducts" in sequence


def test_a_start_menu_shortcut_to_the_app(msi: Path) -> None:
    shortcuts = _rows(msi, "Shortcut")
    assert len(shortcuts) == 1
    shortcut = shortcuts[0]
    assert shortcut["Directory_"] == "ProgramMenuFolder"
    assert shortcut["Target"] == "[INSTALLDIR]wa-desk.exe"
    assert shortcut["Icon_"] == "WaDeskIcon"


def test_every_file_of_the_tree_is_installed(msi: Path) -> None:
    names = sorted(r["FileName"] for r in _rows(msi, "File"))
    assert names == sorted(Path(f).name for f in STAND_IN_FILES)
    directories = {r["DefaultDir"] for r in _rows(msi, "Directory")}
    assert {"wa-desk", "_internal", "PySide6", "plugins", "platforms"} <= directories


def test_a_tree_without_the_windows_executable_is_refused(tmp_path: Path) -> None:
    tree = stand_in_tree(tmp_path / "tree")
    (tree / "wa-desk.exe").unlink()
    done = build(tree, tmp_path / "x.msi")
    assert done.returncode != 0 and "no wa-desk.exe" in done.stderr
