"""``make licenses``: the licence texts of everything the desktop bundle ships.

Writes ``<out>/wa-desk-<version>-licenses/``: one folder per shipped distribution with the
licence files it installed (PEP 639's ``licenses/`` folder or its ``License-File``
entries), one per other shipped part (Qt's LGPL, Python's licence, PyInstaller's
bootloader licence), and ``THIRD-PARTY-NOTICES.txt``, which names
each with its version and licence, and says so plainly when upstream ships no licence file.

    python -m devtools.packaging.licenses [--out dist]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import canonicalize_name

from devtools.packaging import shipped

NOTICES = "THIRD-PARTY-NOTICES.txt"
NO_FILE = "no licence file shipped by upstream; licence per metadata: "


@dataclass(frozen=True)
class Entry:
    """One line of the index: what, which version, under which licence, which texts."""

    name: str
    version: str | None
    license: str
    texts: tuple[str, ...]  # paths relative to the licence folder
    note: str = ""
    missing: str = NO_FILE  # said instead of a text when there is none


def _copy(sources: list[Path] | tuple[Path, ...], folder: Path, base: Path) -> tuple[str, ...]:
    """Copy each file into ``folder`` (keeping a licences/ sub-path when there is one)."""
    copied: list[str] = []
    for source in sources:
        parts = source.parts
        sub = Path(*parts[parts.index("licenses") + 1 :]) if "licenses" in parts else None
        target = folder / (sub if sub is not None and sub.parts else Path(source.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied.append(target.relative_to(base).as_posix())
    return tuple(copied)


def collect(out_dir: Path) -> tuple[Path, list[Entry]]:
    """Fill the licence folder; return it and the index's entries."""
    version = shipped.version()
    base = out_dir / f"wa-desk-{version}-licenses"
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)

    closure = shipped.closure()
    root_key = canonicalize_name(shipped.ROOT)
    entries: list[Entry] = []

    root = closure[root_key]
    own = shipped.license_files(root.dist)
    entries.append(
        Entry(
            shipped.ROOT,
            version,
            shipped.declared_license(root.dist),
            _copy(own, base / shipped.ROOT, base),
            "the product itself",
            missing="no licence file in the product; licence per its metadata: ",
        )
    )

    qt_folder = ""
    for extra in shipped.extras(closure):
        folder_name = f"{extra.name}-{extra.version}" if extra.version else extra.name
        if not extra.license_texts:
            raise FileNotFoundError(
                f"no licence text found for {extra.name} ({extra.license_id}); on Debian "
                "and Ubuntu /usr/share/common-licenses holds the GPL and LGPL texts"
            )
        texts = _copy(extra.license_texts, base / folder_name, base)
        if extra.name == "Qt":
            qt_folder = folder_name
        entries.append(Entry(extra.name, extra.version, extra.license_id, texts, extra.description))

    for key, item in sorted(closure.items(), key=lambda kv: kv[0]):
        if key == root_key:
            continue
        declared = shipped.declared_license(item.dist)
        files = shipped.license_files(item.dist)
        folder = base / f"{item.display_name}-{item.version}"
        note = ""
        if not files and qt_folder and key in {"pyside6-essentials", "shiboken6"}:
            note = f"Qt for Python; the LGPL v3 and GPL v3 texts are in {qt_folder}/"
        entries.append(
            Entry(item.display_name, item.version, declared, _copy(files, folder, base), note)
        )
    return base, entries


def render(entries: list[Entry]) -> str:
    lines = [
        "wa-desk: third-party notices",
        "",
        "The desktop app ships the software below. Each entry names its version, its",
        "licence, and the licence texts in this folder.",
        "",
    ]
    for entry in entries:
        title = f"{entry.name} {entry.version}" if entry.version else entry.name
        lines.append(title)
        lines.append(f"  licence: {entry.license}")
        if entry.texts:
            lines.extend(f"  text: {text}" for text in entry.texts)
        else:
            lines.append(f"  text: {entry.missing}{entry.license}")
        if entry.note:
            lines.append(f"  note: {entry.note}")
        lines.append("")
    return "\n".join(lines)


def write(out_dir: Path) -> Path:
    base, entries = collect(out_dir)
    (base / NOTICES).write_text(render(entries), encoding="utf-8")
    return base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("dist"), help="output folder")
    args = parser.parse_args(argv)
    base = write(args.out)
    print(f"{base}: {sum(1 for p in base.rglob('*') if p.is_file())} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
