"""``wa-desk-hub`` .deb: the hub as a sandboxed systemd service, installed with no network.

    python -m devtools.packaging.hub_deb --out dist

The package ships the wheels of the hub and of every package it needs (the desktop's Qt
packages left out), pinned in ``requirements.txt``; its postinst builds
``/usr/lib/wa-desk-hub/venv`` from them with Debian's python3 (``make-venv``). The wheels
are those of the Python that runs this build (3.11, as Debian 12's python3), at the
versions installed in its environment, the ones the tests ran with. Collecting them runs
``pip wheel``, which reads from pip's cache or the package index.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

from devtools.packaging import debian
from devtools.packaging.debian import PackagingError

PACKAGE = "wa-desk-hub"
LIB = Path("usr/lib") / PACKAGE
HUB = debian.LINUX / "hub"
# The desktop app's own dependencies: the hub imports none of them.
DESKTOP_ONLY = frozenset({"pyside6-essentials", "qasync", "keyring", "sqlite-utils"})
DESCRIPTION = """wa-desk hub: WhatsApp gateway and central store for contact centers
The server the wa-desk desktop apps connect to. It receives Meta's WhatsApp
webhooks, keeps every conversation and the audit trail, sends the agents'
replies through the Graph API and pushes a live stream to the desktops.
.
Runs as the sandboxed systemd service wa-desk-hub, as its own user, with its
settings in /etc/wa-desk/hub.toml and its data in /var/lib/wa-desk. It starts
only once the settings' placeholders are filled in (README.Debian)."""


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    if match is None:
        raise PackagingError(f"pyproject.toml: cannot read the requirement {requirement!r}")
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def hub_requirements(pyproject: Path = debian.REPO / "pyproject.toml") -> list[str]:
    """The project's dependencies without the desktop-only ones, plus the ``hub`` extra."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    base = [r for r in project["dependencies"] if _name(r) not in DESKTOP_ONLY]
    return [*base, *project["optional-dependencies"]["hub"]]


def environment_pins() -> list[str]:
    """``name==version`` of every distribution installed beside this build's Python."""
    pins = set()
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name and _name(name) != "wa-desk":
            pins.add(f"{_name(name)}=={dist.version}")
    return sorted(pins)


def _source_copy(dest: Path) -> Path:
    """The project's installable files alone, so no stale build output ends in the wheel."""
    src = dest / "wa-desk-src"
    shutil.copytree(
        debian.REPO / "wa_desk",
        src / "wa_desk",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "devtools"),
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(debian.REPO / name, src / name)
    return src


def collect_wheels(dest: Path) -> list[str]:
    """Wheels of wa-desk and of the hub's dependencies into ``dest``; their pins."""
    dest.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check"]
    with tempfile.TemporaryDirectory(prefix="wa-desk-hub-wheels-") as work:
        requirements = Path(work) / "requirements.in"
        requirements.write_text("\n".join(hub_requirements()) + "\n")
        constraints = Path(work) / "constraints.txt"
        constraints.write_text("\n".join(environment_pins()) + "\n")
        steps = [
            [*pip, "--no-deps", "--wheel-dir", str(dest), str(_source_copy(Path(work)))],
            [
                *pip,
                "--only-binary=:all:",
                "--wheel-dir",
                str(dest),
                "--constraint",
                str(constraints),
                "--requirement",
                str(requirements),
            ],
        ]
        for cmd in steps:
            proc = debian.run(cmd)
            if proc.returncode != 0:
                raise PackagingError(f"pip wheel failed:\n{proc.stderr.strip()}")
    pins = []
    for wheel in sorted(dest.glob("*.whl")):
        name, version = wheel.name.split("-")[:2]
        pins.append(f"{_name(name)}=={version}")
    return pins


def _python_depends() -> str:
    major, minor = sys.version_info[:2]
    # The wheels' compiled modules are for this one Python (cp3XX): no other can load them.
    return f"python3 (>= {major}.{minor}), python3 (<< {major}.{minor + 1}), python3-venv"


def stage(root: Path, epoch: int) -> None:
    """Lay out ``root`` as the package installs it."""
    from datetime import UTC, datetime

    values = {
        "VERSION": debian.version(),
        "DATE": datetime.fromtimestamp(epoch, UTC).date().isoformat(),
        "HOMEPAGE": debian.HOMEPAGE,
    }
    debian.copy_file(debian.INSTALLERS / "hub.example.toml", root / "etc/wa-desk/hub.toml", 0o600)
    debian.copy_file(
        HUB / f"{PACKAGE}.service", root / "usr/lib/systemd/system" / f"{PACKAGE}.service"
    )
    for script in ("make-venv", "config-ready"):
        debian.copy_file(HUB / script, root / LIB / script, 0o755)
    debian.copy_file(HUB / PACKAGE, root / "usr/sbin" / PACKAGE, 0o755)
    wheels = root / LIB / "wheels"
    pins = collect_wheels(wheels)
    debian.write_file(wheels / "requirements.txt", "\n".join(pins) + "\n")
    doc = root / "usr/share/doc" / PACKAGE
    debian.copy_file(HUB / "README.Debian", doc / "README.Debian")
    debian.write_file(doc / "copyright", debian.fill(debian.LINUX / "copyright", values))

    control_dir = root / "DEBIAN"
    for script in ("postinst", "prerm", "postrm"):
        debian.copy_file(HUB / script, control_dir / script, 0o755)
    debian.write_file(control_dir / "conffiles", "/etc/wa-desk/hub.toml\n")


def control(root: Path) -> str:
    return debian.control_text(
        [
            ("Package", PACKAGE),
            ("Version", debian.version()),
            # The wheels hold compiled modules (uvloop, pydantic-core, psycopg...).
            ("Architecture", debian.architecture()),
            ("Maintainer", debian.MAINTAINER),
            ("Installed-Size", str(debian.installed_size_kib(root))),
            ("Depends", f"{_python_depends()}, adduser"),
            ("Suggests", "postgresql"),
            ("Section", "net"),
            ("Priority", "optional"),
            ("Homepage", debian.HOMEPAGE),
            ("Description", DESCRIPTION),
        ]
    )


def build_hub_deb(out_dir: Path) -> Path:
    """Build ``<out_dir>/wa-desk-hub_<version>_<arch>.deb``."""
    epoch = debian.source_date_epoch()
    with tempfile.TemporaryDirectory(prefix="wa-desk-hub-deb-") as work:
        root = Path(work) / "root"
        stage(root, epoch)
        debian.write_file(root / "DEBIAN" / "control", control(root))
        out = out_dir / f"{PACKAGE}_{debian.version()}_{debian.architecture()}.deb"
        return debian.build(root, out, epoch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("dist"), help="where the .deb goes")
    args = parser.parse_args(argv)
    try:
        deb = build_hub_deb(args.out)
    except PackagingError as exc:
        print(f"hub-deb: {exc}", file=sys.stderr)
        return 1
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
