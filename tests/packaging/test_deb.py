"""The desktop app's .deb: its metadata and files as dpkg reads them, its desktop entry
and AppStream data as the desktops' validators read them, and a real install into a
throwaway root whose installed app must pass its own smoke test, then a clean purge.
The package is built from the frozen app (``frozen_app``, tests/packaging/conftest.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from system_fonts import needs_colour_emoji_font
from throwaway_root import ThrowawayRoot, host_knows

import wa_desk

REPO = Path(__file__).resolve().parents[2]
APP_ID = "com.wadesk.desktop"
# Libraries Qt's xcb platform plugin loads from the system (PySide6's wheels bundle none
# of them): a Depends without them installs an app that cannot open a window.
XCB_PLUGIN_PACKAGES = ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libx11-xcb1")
EMOJI_FONT_PACKAGE = "fonts-noto-color-emoji"

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-deb") is None or shutil.which("dpkg-shlibdeps") is None,
    reason="dpkg-deb and dpkg-shlibdeps needed (Debian packages dpkg, dpkg-dev)",
)


@pytest.fixture(scope="module")
def app_deb(frozen_app: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("deb")
    build = [sys.executable, "-m", "devtools.packaging.app_deb"]
    built = subprocess.run(
        [*build, "--tree", str(frozen_app), "--out", str(out)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    deb = Path(built.stdout.strip())
    assert deb.name == f"wa-desk_{wa_desk.__version__}_amd64.deb"
    return deb


@pytest.fixture(scope="module")
def unpacked(app_deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["dpkg-deb", "-x", str(app_deb), str(dest)], check=True)
    return dest


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def _contents(deb: Path) -> dict[str, tuple[str, str, str]]:
    """Each path of the archive: its mode string, owner/group, and link target."""
    out = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    entries = {}
    for line in out.splitlines():
        mode, owner, _size, _date, _time, rest = line.split(None, 5)
        path, _, target = rest.partition(" -> ")
        entries[path.removeprefix(".").rstrip("/") or "/"] = (mode, owner, target)
    return entries


def test_control_fields(app_deb: Path, frozen_app: Path) -> None:
    assert _field(app_deb, "Package") == "wa-desk"
    assert _field(app_deb, "Version") == wa_desk.__version__
    assert _field(app_deb, "Architecture") == "amd64"
    assert re.fullmatch(r".+ <[^@ ]+@[^@ ]+>", _field(app_deb, "Maintainer"))
    assert _field(app_deb, "Section") == "net"
    assert _field(app_deb, "Priority") == "optional"
    assert _field(app_deb, "Homepage").startswith("https://")
    summary, *long = _field(app_deb, "Description").splitlines()
    assert "WhatsApp" in summary and len(summary) < 80 and long
    files = [p for p in frozen_app.rglob("*") if p.is_file() and not p.is_symlink()]
    tree_kib = sum(p.stat().st_size for p in files) / 1024
    assert tree_kib <= int(_field(app_deb, "Installed-Size")) <= tree_kib * 1.2 + 1024


def test_depends_names_the_system_libraries_qt_loads(app_deb: Path) -> None:
    depends = _field(app_deb, "Depends")
    names = [re.match(r"[^ (]+", d.strip()).group() for d in depends.split(",")]  # type: ignore[union-attr]
    for package in (*XCB_PLUGIN_PACKAGES, "libc6", "libgl1", "libfontconfig1"):
        assert package in names, depends
    # The app ships no emoji font: the distribution's draws them.
    assert EMOJI_FONT_PACKAGE in names, depends
    # Each library's is a real package that provides it here: dpkg-shlibdeps found them.
    for name in names:
        assert name == EMOJI_FONT_PACKAGE or host_knows(name), f"{name} is not installed"


def test_files_are_root_owned_with_sane_modes(app_deb: Path) -> None:
    entries = _contents(app_deb)
    for path, (mode, owner, _) in entries.items():
        assert owner == "root/root", path
        if mode.startswith("l"):
            continue  # a symbolic link's own mode means nothing
        assert mode[8] not in "wt" and "s" not in mode, f"{path}: {mode}"
    assert entries["/opt/wa-desk/wa-desk"][0] == "-rwxr-xr-x"
    mode, _, target = entries["/usr/bin/wa-desk"]
    assert mode.startswith("l") and target == "../../opt/wa-desk/wa-desk"
    libraries = [
        path
        for path, (mode, _, _) in entries.items()
        if mode[0] == "-" and path.startswith("/opt/") and re.search(r"\.so(\.|$)", path)
    ]
    assert libraries and all(entries[p][0] == "-rw-r--r--" for p in libraries)
    for expected in (
        f"/usr/share/applications/{APP_ID}.desktop",
        f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
        "/usr/share/doc/wa-desk/copyright",
        "/usr/share/doc/wa-desk/managed.example.toml",
        "/usr/share/icons/hicolor/scalable/apps/wa-desk.svg",
    ):
        assert entries[expected][0] == "-rw-r--r--", expected
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/wa-desk.png" in entries


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli needed")
def test_appstream_metadata_validates(unpacked: Path) -> None:
    metainfo = unpacked / "usr/share/metainfo" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(metainfo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = metainfo.read_text()
    assert f'<release version="{wa_desk.__version__}"' in text
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate needed (Debian package desktop-file-utils)",
)
def test_desktop_entry_validates(unpacked: Path) -> None:
    entry = unpacked / "usr/share/applications" / f"{APP_ID}.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    assert "\nExec=wa-desk\n" in entry.read_text()


@needs_colour_emoji_font
def test_installs_into_a_throwaway_root_starts_and_purges(app_deb: Path, tmp_path: Path) -> None:
    root = ThrowawayRoot(tmp_path / "root")
    installed = root.dpkg("--install", str(app_deb))
    assert installed.returncode == 0, installed.stderr
    assert root.status("wa-desk") == "ii"
    assert not host_knows("wa-desk")

    # As a user starts it: through /usr/bin/wa-desk, which must resolve inside the root.
    # Without a desktop session there is no system keyring: tokens are kept in memory
    # (as `make bundle` runs the same check), the keyring backend must still load.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WA_DESK_"))}
    keyring = [] if env.get("DBUS_SESSION_BUS_ADDRESS") else ["--keyring", "memory"]
    smoke = subprocess.run(
        [str(root.path / "usr/bin/wa-desk"), "--smoke-test", *keyring],
        cwd=tmp_path,
        env={**env, "HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr

    purged = root.dpkg("--purge", "wa-desk")
    assert purged.returncode == 0, purged.stderr
    assert root.status("wa-desk") == ""
    assert root.leftovers() == []
