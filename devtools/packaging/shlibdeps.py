"""The system libraries a staged tree's ELF files load, as a Depends value.

The frozen app bundles Python and Qt, but not the libraries every Linux desktop has
(libc, X11/xcb, OpenGL, fontconfig, D-Bus...): PySide6's wheels leave those to the system,
and Qt's xcb platform plugin alone needs a dozen xcb libraries. ``dpkg-shlibdeps`` reads
every ELF file's needed libraries, skips those found inside the package itself, and
names the Debian package (with its minimum version) that provides each of the others.
It runs against the libraries installed on the building machine, so the build machine
must have them (CI installs them: ``.ci/run``'s ``qt_runtime``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from devtools.packaging.debian import PackagingError, run

_ELF_MAGIC = b"\x7fELF"


def elf_files(root: Path) -> list[Path]:
    """Every regular ELF file under ``root`` (executables, libraries, Python extensions)."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as fh:
            if fh.read(4) == _ELF_MAGIC:
                found.append(path)
    return found


def library_depends(staging: Path) -> str:
    """The Depends value for the ELF files of ``staging`` (a tree with its ``DEBIAN/``)."""
    files = elf_files(staging)
    if not files:
        return ""
    with tempfile.TemporaryDirectory(prefix="shlibdeps-") as work:
        # dpkg-shlibdeps reads the package's architecture from a control file.
        control = Path(work) / "debian" / "control"
        control.parent.mkdir()
        control.write_text("Source: wa-desk\n\nPackage: wa-desk\nArchitecture: any\n")
        cmd = ["dpkg-shlibdeps", "-O", "--warnings=0", *map(str, files)]
        proc = run(cmd, cwd=Path(work))
    if proc.returncode != 0:
        errors = [line for line in proc.stderr.splitlines() if "error" in line.lower()]
        raise PackagingError(
            "dpkg-shlibdeps could not name the packages of every library the app loads "
            "(is each one installed here?):\n" + "\n".join(errors or [proc.stderr.strip()])
        )
    for line in proc.stdout.splitlines():
        if line.startswith("shlibs:Depends="):
            return line.removeprefix("shlibs:Depends=")
    return ""
