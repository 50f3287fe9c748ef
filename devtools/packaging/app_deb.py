"""``wa-desk`` .deb: the frozen one-dir app under ``/opt/wa-desk``, ready for a desktop.

    python -m devtools.packaging.app_deb --tree dist/wa-desk --out dist

Besides the app: ``/usr/bin/wa-desk``, a desktop entry, the icon in every hicolor size,
AppStream metadata, the managed-settings example and the copyright file. Depends names
the system libraries the bundled Qt loads (:mod:`devtools.packaging.shlibdeps`).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from devtools.packaging import debian
from devtools.packaging.debian import PackagingError
from devtools.packaging.shlibdeps import library_depends
from wa_desk import APP_ID

PACKAGE = "wa-desk"
RESOURCES = debian.REPO / "resources"
PREFIX = Path("opt/wa-desk")
EMOJI_FONT_PACKAGE = "fonts-noto-color-emoji"
DESCRIPTION = """WhatsApp shared inbox and supervision for contact centers
Agents answer WhatsApp chats together: claim, answer, transfer and close
conversations, with templates and the 24-hour window enforced while they type.
Every action is recorded and synced to the hub, so anyone authorised can tell
who answered, how long it took and how it closed. Team leads switch the same app
to a supervisor view of queues, waits, service levels and agents, live.

IT can preset and lock the hub address and other settings in
/etc/wa-desk/managed.toml (example in /usr/share/doc/wa-desk)."""


def stage(tree: Path, root: Path, epoch: int) -> None:
    """Lay out ``root`` as the package installs it."""
    executable = tree / PACKAGE
    if not executable.is_file():
        raise PackagingError(f"{executable} does not exist: build the app first (make bundle)")
    shutil.copytree(tree, root / PREFIX, symlinks=True)
    launcher = root / "usr/bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    # Relative, so the link also resolves inside an unpacked or relocated root.
    launcher.symlink_to(Path("../..") / PREFIX / PACKAGE)

    share = root / "usr/share"
    debian.copy_file(RESOURCES / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    values = {
        "VERSION": debian.version(),
        "DATE": datetime.fromtimestamp(epoch, UTC).date().isoformat(),
        "HOMEPAGE": debian.HOMEPAGE,
    }
    debian.write_file(
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        debian.fill(RESOURCES / f"{APP_ID}.metainfo.xml", values),
    )
    icons = RESOURCES / "icons" / "hicolor"
    for icon in sorted(icons.glob("*/apps/wa-desk.*")):
        debian.copy_file(icon, share / "icons/hicolor" / icon.relative_to(icons))
    doc = share / "doc" / PACKAGE
    debian.write_file(doc / "copyright", debian.fill(debian.LINUX / "copyright", values))
    debian.copy_file(debian.INSTALLERS / "managed.example.toml", doc / "managed.example.toml")


def control(root: Path) -> str:
    # The frozen app ships no emoji font (build.spec): the distribution's draws them.
    depends = ", ".join(d for d in (library_depends(root), EMOJI_FONT_PACKAGE) if d)
    return debian.control_text(
        [
            ("Package", PACKAGE),
            ("Version", debian.version()),
            ("Architecture", debian.architecture()),
            ("Maintainer", debian.MAINTAINER),
            ("Installed-Size", str(debian.installed_size_kib(root))),
            ("Depends", depends),
            ("Recommends", "fonts-dejavu-core | fonts-noto-core"),
            ("Section", "net"),
            ("Priority", "optional"),
            ("Homepage", debian.HOMEPAGE),
            ("Description", DESCRIPTION),
        ]
    )


def build_app_deb(tree: Path, out_dir: Path) -> Path:
    """Build ``<out_dir>/wa-desk_<version>_<arch>.deb`` from the one-dir ``tree``."""
    epoch = debian.source_date_epoch()
    with tempfile.TemporaryDirectory(prefix="wa-desk-deb-") as work:
        root = Path(work) / "root"
        stage(tree, root, epoch)
        (root / "DEBIAN").mkdir()  # how dpkg-shlibdeps tells the package's own libraries
        debian.write_file(root / "DEBIAN" / "control", control(root))
        out = out_dir / f"{PACKAGE}_{debian.version()}_{debian.architecture()}.deb"
        return debian.build(root, out, epoch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=Path("dist/wa-desk"), help="one-dir app")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="where the .deb goes")
    args = parser.parse_args(argv)
    try:
        deb = build_app_deb(args.tree, args.out)
    except PackagingError as exc:
        print(f"deb: {exc}", file=sys.stderr)
        return 1
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
