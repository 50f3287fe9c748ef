"""What both Debian packages share: the version, a staged tree, its control file, the build.

A package is built from a staging directory laid out as the installed system, with its
``DEBIAN/`` control directory. Every path is owned by root in the archive
(``dpkg-deb --root-owner-group``, no fakeroot), modes are normalised, and every time stamp
is the last commit's (``SOURCE_DATE_EPOCH``), so the same commit gives the same files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

import wa_desk

REPO = Path(__file__).resolve().parents[2]
INSTALLERS = REPO / "installers"
LINUX = INSTALLERS / "linux"
MAINTAINER = "wa-desk packaging <packages@wadesk.com>"
HOMEPAGE = "https://wadesk.com"


class PackagingError(Exception):
    """A package cannot be built; the message says what is missing or wrong."""


def version() -> str:
    return wa_desk.__version__


def architecture() -> str:
    return _run(["dpkg", "--print-architecture"]).strip()


def source_date_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` when set, else the last commit's time (now, outside git)."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        return int(given)
    try:
        proc = run(["git", "-C", str(REPO), "log", "-1", "--format=%ct"])
    except PackagingError:
        return int(time.time())
    out = proc.stdout.strip() if proc.returncode == 0 else ""
    return int(out) if out else int(time.time())


def copy_file(src: Path, dest: Path, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(mode)


def write_file(dest: Path, text: str, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    dest.chmod(mode)


def fill(template: Path, values: Mapping[str, str]) -> str:
    """``template``'s text with each ``@NAME@`` replaced; an unknown or unfilled name fails."""
    text = template.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    if left:
        raise PackagingError(f"{template}: no value for {', '.join(left)}")
    return text


def control_text(fields: Iterable[tuple[str, str]]) -> str:
    """A control paragraph; a multi-line value (Description) is folded as dpkg expects."""
    lines: list[str] = []
    for name, value in fields:
        first, *rest = value.split("\n")
        lines.append(f"{name}: {first}")
        lines.extend(f" {line}" if line.strip() else " ." for line in rest)
    return "\n".join(lines) + "\n"


def installed_size_kib(root: Path) -> int:
    """Installed-Size as dpkg-gencontrol counts it: KiB per file, one per directory."""
    total = 0
    for path in root.rglob("*"):
        if path.relative_to(root).parts[0] == "DEBIAN":
            continue
        if path.is_symlink() or path.is_dir():
            total += 1
        else:
            total += (path.stat().st_size + 1023) // 1024
    return total


def normalise(root: Path, epoch: int) -> None:
    """Directories 0755; files 0755 when executable (shared libraries excepted), else 0644;
    every time stamp ``epoch``. Maintainer scripts keep their own modes."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_symlink():
            os.utime(path, (epoch, epoch), follow_symlinks=False)
            continue
        rel = path.relative_to(root)
        if path.is_dir():
            path.chmod(0o755)
        elif rel.parts[0] != "DEBIAN":
            mode = path.stat().st_mode
            executable = bool(mode & 0o111) and ".so" not in path.name
            keep = mode & 0o777 if (mode & 0o777) in (0o600, 0o640) else None
            path.chmod(keep if keep is not None else (0o755 if executable else 0o644))
        os.utime(path, (epoch, epoch))
    os.utime(root, (epoch, epoch))


def build(root: Path, out: Path, epoch: int) -> Path:
    """The .deb of the staged ``root``, written to ``out`` (a file)."""
    normalise(root, epoch)
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    proc = run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(out)], env=env)
    if proc.returncode != 0:
        raise PackagingError(f"dpkg-deb --build failed:\n{proc.stderr.strip()}")
    return out


def run(
    cmd: list[str], cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``cmd`` (a build tool, by name) with its output captured; a missing tool fails."""
    try:
        return subprocess.run(  # noqa: S603 - the packaging tools, with arguments we built
            cmd, capture_output=True, text=True, cwd=cwd, env=env, check=False
        )
    except FileNotFoundError as exc:
        raise PackagingError(f"{cmd[0]} is not installed") from exc


def _run(cmd: list[str]) -> str:
    proc = run(cmd)
    if proc.returncode != 0:
        raise PackagingError(f"{' '.join(cmd[:2])} failed:\n{proc.stderr.strip()}")
    return proc.stdout
