"""The hub's .deb: its metadata, conffile and modes, the service's sandboxing, and an
install into a throwaway root whose shipped wheels build the hub's environment with no
index, from which the hub serves, then a clean purge."""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from throwaway_root import ThrowawayRoot, host_knows

import wa_desk
from wa_desk.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
UNIT = "/usr/lib/systemd/system/wa-desk-hub.service"
LIB = "/usr/lib/wa-desk-hub"

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-deb") is None, reason="dpkg-deb needed (Debian package dpkg)"
)


@pytest.fixture(scope="module")
def hub_deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built as ``make hub-deb`` does; pip takes the wheels from its cache or the index."""
    out = tmp_path_factory.mktemp("hub-deb")
    built = subprocess.run(
        [sys.executable, "-m", "devtools.packaging.hub_deb", "--out", str(out)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    deb = Path(built.stdout.strip())
    assert deb.name == f"wa-desk-hub_{wa_desk.__version__}_amd64.deb"
    return deb


@pytest.fixture(scope="module")
def unpacked(hub_deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("hub-unpacked")
    subprocess.run(["dpkg-deb", "-x", str(hub_deb), str(dest)], check=True)
    return dest


def _info(deb: Path, option: str, *more: str) -> str:
    """``dpkg-deb OPTION DEB MORE...``: what dpkg reads from the package."""
    return subprocess.run(
        ["dpkg-deb", option, str(deb), *more], capture_output=True, text=True, check=True
    ).stdout


def _unit(path: Path) -> dict[str, list[str]]:
    """Each key of the unit file with its values in order (systemd allows repeats)."""
    keys: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            keys.setdefault(key, []).append(value)
    return keys


def test_control_fields_and_conffile(hub_deb: Path) -> None:
    fields = _info(hub_deb, "-f", "Package", "Version", "Architecture", "Depends", "Section")
    assert f"Package: wa-desk-hub\nVersion: {wa_desk.__version__}\n" in fields
    assert "Architecture: amd64" in fields  # compiled wheels (uvloop, pydantic-core...)
    minor = sys.version_info.minor
    assert f"python3 (>= 3.{minor}), python3 (<< 3.{minor + 1}), python3-venv" in fields
    assert "adduser" in fields
    assert _info(hub_deb, "-I", "conffiles").split() == ["/etc/wa-desk/hub.toml"]


def test_files_and_modes(hub_deb: Path, unpacked: Path) -> None:
    listing = {
        line.split()[5].removeprefix("."): (line.split()[0], line.split()[1])
        for line in _info(hub_deb, "-c").splitlines()
    }
    assert all(owner == "root/root" for _, owner in listing.values())
    assert listing["/etc/wa-desk/hub.toml"][0] == "-rw-------"
    for script in (f"{LIB}/make-venv", f"{LIB}/config-ready", "/usr/sbin/wa-desk-hub"):
        assert listing[script][0] == "-rwxr-xr-x", script
    assert listing[UNIT][0] == "-rw-r--r--"
    assert (unpacked / "etc/wa-desk/hub.toml").read_bytes() == (
        REPO / "installers/hub.example.toml"
    ).read_bytes()
    maintainer = _info(hub_deb, "-I")
    for script in ("postinst", "prerm", "postrm"):
        assert f" {script} " in maintainer


def test_wheels_hold_the_hub_and_not_the_desktop(unpacked: Path) -> None:
    wheels = unpacked / LIB.lstrip("/") / "wheels"
    names = {w.name.split("-")[0].lower() for w in wheels.glob("*.whl")}
    assert {"wa_desk", "fastapi", "uvicorn", "psycopg", "httpx"} <= names
    assert not names & {"pyside6", "pyside6_essentials", "shiboken6", "qasync", "keyring"}
    pins = (wheels / "requirements.txt").read_text().split()
    assert len(pins) == len(names) and all("==" in pin for pin in pins)
    assert f"wa-desk=={wa_desk.__version__}" in pins


def test_service_runs_the_hub_as_its_own_sandboxed_user(unpacked: Path) -> None:
    unit = _unit(unpacked / UNIT.lstrip("/"))
    assert unit["User"] == ["wa-desk-hub"] and unit["Group"] == ["wa-desk-hub"]
    expected = {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "PrivateDevices": "yes",
        "CapabilityBoundingSet": "",
        "ReadWritePaths": "/var/lib/wa-desk",
        "StateDirectory": "wa-desk",
        "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
        "Environment": "WA_DESK_DATA_DIR=/var/lib/wa-desk",
    }
    for key, value in expected.items():
        assert unit[key] == [value], key
    assert unit["SystemCallFilter"][0] == "@system-service"
    # ExecStart is the real command line, as the app's own parser reads it.
    argv = shlex.split(unit["ExecStart"][0])
    assert argv[0] == f"{LIB}/venv/bin/wa-desk"
    args = build_parser().parse_args(argv[1:])
    assert (args.command, args.hub_command) == ("hub", "serve")
    assert str(args.config) == "/etc/wa-desk/hub.toml"
    assert unit["ExecStartPre"] == [f"{LIB}/config-ready /etc/wa-desk/hub.toml"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze needed")
def test_service_exposure_is_low(unpacked: Path) -> None:
    """systemd's own score of the sandbox: 0 (locked down) to 10 (exposed)."""
    result = subprocess.run(
        [
            *("systemd-analyze", "security", "--offline=yes", "--threshold=20", "--no-pager"),
            str(unpacked / UNIT.lstrip("/")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_example_settings_are_refused_until_filled_in(unpacked: Path, tmp_path: Path) -> None:
    ready = str(unpacked / LIB.lstrip("/") / "config-ready")
    example = subprocess.run(
        [ready, str(unpacked / "etc/wa-desk/hub.toml")], capture_output=True, text=True, check=False
    )
    assert example.returncode == 1
    assert 'app_secret = "CHANGE-ME"' in example.stderr
    filled = tmp_path / "hub.toml"
    filled.write_text(_settings(tmp_path, 8700))
    assert subprocess.run([ready, str(filled)], check=False).returncode == 0


def _settings(tmp: Path, port: int) -> str:
    return (
        f'[hub]\nhost = "127.0.0.1"\nport = {port}\ndb = "sqlite:///{tmp}/hub.sqlite3"\n'
        # Graph API calls go to a closed loopback port: nothing leaves the machine.
        '[whatsapp]\napp_secret = "app-secret-for-tests"\nverify_token = "verify"\n'
        'access_token = "token"\ngraph_url = "http://127.0.0.1:9"\n'
    )


def _python_3_11() -> str:
    """Debian's python3 when it is the Python the wheels are for; else this one."""
    system = Path("/usr/bin/python3")
    if system.exists():
        probe = subprocess.run(
            [str(system), "-c", "import sys, venv, ensurepip; print(sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.stdout.strip() == str(sys.version_info[:2]):
            return str(system)
    return sys.executable


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_healthy(proc: subprocess.Popen[str], url: str) -> int:
    """The status of ``url`` once the hub answers (or -1 if it exits or never answers)."""
    for _ in range(240):
        if proc.poll() is not None:
            return -1
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                status: int = response.status
                return status
        except OSError:
            time.sleep(0.25)
    return -1


def test_installs_into_a_throwaway_root_builds_its_environment_serves_and_purges(
    hub_deb: Path, tmp_path: Path
) -> None:
    root = ThrowawayRoot(tmp_path / "root")
    installed = root.dpkg("--install", str(hub_deb))
    assert installed.returncode == 0, installed.stderr
    assert root.status("wa-desk-hub") == "ii"
    assert not host_knows("wa-desk-hub")
    # postinst left the other system's user, venv and service alone, and said so.
    assert "dpkg-reconfigure wa-desk-hub" in installed.stderr
    conffiles = subprocess.run(
        ["dpkg-query", f"--root={root.path}", "-W", "-f=${Conffiles}", "wa-desk-hub"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "/etc/wa-desk/hub.toml" in conffiles
    assert (root.path / "etc/wa-desk/hub.toml").stat().st_mode & 0o777 == 0o600

    # What postinst runs on the machine itself: the venv from the shipped wheels, offline.
    lib = root.path / LIB.lstrip("/")
    made = subprocess.run(
        [str(lib / "make-venv"), str(lib / "venv"), str(lib / "wheels")],
        env={**os.environ, "PYTHON": _python_3_11(), "PIP_INDEX_URL": "http://127.0.0.1:9/"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr

    if shutil.which("systemd-analyze"):
        unit = tmp_path / "units" / "wa-desk-hub.service"
        unit.parent.mkdir()
        unit.write_text((root.path / UNIT.lstrip("/")).read_text().replace(LIB, str(lib)))
        verified = subprocess.run(
            ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
        )
        assert verified.returncode == 0, verified.stderr

    port = _free_port()
    settings = tmp_path / "hub.toml"
    settings.write_text(_settings(tmp_path, port))
    env = {k: v for k, v in os.environ.items() if not k.startswith("WA_")}
    hub = subprocess.Popen(
        [str(lib / "venv/bin/wa-desk"), "hub", "serve", "--config", str(settings)],
        env={**env, "WA_DESK_DATA_DIR": str(tmp_path / "data")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status = _wait_healthy(hub, f"http://127.0.0.1:{port}/healthz")
    finally:
        hub.terminate()
        output = hub.communicate(timeout=30)[0]
    assert status == 200, output

    purged = root.dpkg("--purge", "wa-desk-hub")
    assert purged.returncode == 0, purged.stderr
    assert root.status("wa-desk-hub") == ""
    assert root.leftovers() == []
