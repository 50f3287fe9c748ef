"""What the desktop bundle ships: the wa-desk distribution and its runtime closure.

The closure is read from the installed distributions' metadata (``Requires-Dist``), with
markers evaluated for this interpreter and platform and no extras: the hub's and the
developers' extras never reach the desktop bundle. Beside the Python distributions, the
bundle carries things no ``Requires-Dist`` names (Qt's own libraries inside PySide6, the
Python runtime, PyInstaller's bootloader); they are listed here once so the
SBOM and the licence folder agree.
"""

from __future__ import annotations

import importlib.metadata as metadata
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name

import wa_desk

ROOT = "wa-desk"
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Shipped:
    """One installed distribution the bundle carries."""

    name: NormalizedName
    dist: metadata.Distribution

    @property
    def display_name(self) -> str:
        return str(self.dist.metadata["Name"])

    @property
    def version(self) -> str:
        return self.dist.version


@dataclass(frozen=True)
class Extra:
    """Something shipped that is not a Python distribution of its own."""

    name: str
    version: str | None  # None: the upstream file carries no version we can read
    license_id: str  # an SPDX expression
    description: str
    license_texts: tuple[Path, ...]  # files to copy next to the notices
    kind: str = "library"  # CycloneDX component type


def version() -> str:
    """The product's version, from the package itself."""
    return wa_desk.__version__


def _requirements(dist: metadata.Distribution, extras: frozenset[str]) -> list[Requirement]:
    env = {str(k): str(v) for k, v in default_environment().items()}
    wanted: list[Requirement] = []
    for line in dist.requires or []:
        req = Requirement(line)
        if req.marker is None:
            wanted.append(req)
            continue
        for extra in extras or frozenset({""}):
            if req.marker.evaluate({**env, "extra": extra}):
                wanted.append(req)
                break
    return wanted


def closure(root: str = ROOT) -> dict[NormalizedName, Shipped]:
    """``root`` and every distribution it needs at run time, by normalised name.

    A requirement that is not installed is an error: the bundle would miss it too.
    """
    found: dict[NormalizedName, Shipped] = {}
    extras_seen: dict[NormalizedName, frozenset[str]] = {}
    queue: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    while queue:
        name, extras = queue.pop()
        key = canonicalize_name(name)
        if key in found and extras <= extras_seen[key]:  # nothing new to follow
            continue
        try:
            dist = found[key].dist if key in found else metadata.distribution(name)
        except metadata.PackageNotFoundError:
            raise LookupError(f"{name} is required but not installed") from None
        extras_seen[key] = extras_seen.get(key, frozenset()) | extras
        found[key] = Shipped(key, dist)
        for req in _requirements(dist, extras_seen[key]):
            queue.append((req.name, frozenset(req.extras)))
    return found


def direct_dependencies(
    dist: metadata.Distribution, shipped: dict[NormalizedName, Shipped]
) -> list[NormalizedName]:
    """The shipped distributions ``dist`` requires itself (for the SBOM's graph)."""
    names = {canonicalize_name(r.name) for r in _requirements(dist, frozenset())}
    return sorted(n for n in names if n in shipped)


def _pyside_root() -> Path | None:
    try:
        files = metadata.distribution("shiboken6").locate_file("PySide6")
    except metadata.PackageNotFoundError:
        return None
    path = Path(str(files))
    return path if path.is_dir() else None


def _common_license(name: str) -> tuple[Path, ...]:
    """A licence text from the system's collection (Debian's base-files), if there."""
    path = Path("/usr/share/common-licenses") / name
    return (path,) if path.is_file() else ()


def extras(shipped: dict[NormalizedName, Shipped]) -> list[Extra]:
    """What the frozen bundle carries beyond the Python distributions."""
    out: list[Extra] = []
    pyside = shipped.get(canonicalize_name("PySide6-Essentials"))
    if pyside is not None:
        # The wheels carry Qt's libraries under PySide6/Qt and no licence text of their
        # own; Qt is used under the LGPL v3, which is the GPL v3 plus its permissions.
        out.append(
            Extra(
                "Qt",
                _qt_version(pyside.version),
                "LGPL-3.0-only",
                "The Qt libraries and plugins inside PySide6 (QtCore, QtGui, QtWidgets and "
                "what they load), used under the GNU LGPL v3 and dynamically linked.",
                _common_license("LGPL-3") + _common_license("GPL-3"),
                kind="framework",
            )
        )
    out.append(
        Extra(
            "python",
            platform.python_version(),
            "PSF-2.0",
            "The Python runtime and standard library the app is frozen with.",
            _python_license(),
            kind="framework",
        )
    )
    try:
        pyinstaller = metadata.distribution("pyinstaller")
    except metadata.PackageNotFoundError:
        pass
    else:
        out.append(
            Extra(
                "pyinstaller-bootloader",
                pyinstaller.version,
                "GPL-2.0-or-later WITH Bootloader-exception",
                "PyInstaller's bootloader, which starts the frozen app; its licence's "
                "exception allows shipping it with any program.",
                tuple(license_files(pyinstaller)),
            )
        )
    return out


def _qt_version(pyside_version: str) -> str:
    """Qt's version: PySide6 x.y.z wheels carry Qt x.y.z; the library file names say so."""
    root = _pyside_root()
    if root is not None:
        for lib in sorted((root / "Qt" / "lib").glob("libQt6Core.so.6.*")):
            return lib.name.removeprefix("libQt6Core.so.")
    return pyside_version


def _python_license() -> tuple[Path, ...]:
    series = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [
        Path(sys.base_prefix) / "lib" / series / "LICENSE.txt",  # Unix builds
        Path(sys.base_prefix) / "LICENSE.txt",  # Windows builds
        Path("/usr/share/doc") / series / "copyright",  # Debian's own Python
    ]
    return tuple(p for p in candidates if p.is_file())[:1]


LICENSE_PREFIXES = ("license", "licence", "copying", "notice", "authors", "copyright")


def license_files(dist: metadata.Distribution) -> list[Path]:
    """The licence files a distribution installed: PEP 639's ``licenses/`` folder, the
    ``License-File`` entries, or licence-named files in its metadata folder."""
    files = [Path(str(dist.locate_file(f))) for f in dist.files or []]
    meta_dirs = {p.parent for p in files if p.name == "METADATA"}
    declared = set(dist.metadata.get_all("License-File") or [])
    picked: list[Path] = []
    for path in files:
        in_meta = any(d in path.parents for d in meta_dirs)
        if not in_meta or not path.is_file():
            continue
        rel = next(path.relative_to(d) for d in meta_dirs if d in path.parents)
        under_licenses = rel.parts[0] == "licenses" and len(rel.parts) > 1
        named = path.name.lower().startswith(LICENSE_PREFIXES)
        if under_licenses or named or rel.as_posix() in declared:
            picked.append(path)
    return sorted(set(picked))


def _first(meta: metadata.PackageMetadata, field: str) -> str:
    values = meta.get_all(field)
    return str(values[0]) if values else ""


def declared_license(dist: metadata.Distribution) -> str:
    """The licence the metadata declares: License-Expression, else License (when short),
    else the trove classifiers, else "unknown"."""
    meta = dist.metadata
    expression = _first(meta, "License-Expression")
    if expression:
        return str(expression).strip()
    text = _first(meta, "License").strip()
    if text and "\n" not in text and len(text) <= 100 and text.upper() != "UNKNOWN":
        return text
    classifiers = [
        c.split(" :: ")[-1]
        for c in meta.get_all("Classifier") or []
        if c.startswith("License :: ") and c != "License :: OSI Approved"
    ]
    if classifiers:
        return " / ".join(classifiers)
    return "unknown"
