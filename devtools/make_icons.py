"""Write the app's icon files from the one drawing the app paints at run time.

``python -m devtools.make_icons`` writes ``resources/icons/``: PNGs in the freedesktop
hicolor sizes and a scalable SVG (Linux packages), ``wa-desk.ico`` (Windows executable
and MSI shortcut) and ``wa-desk.icns`` (macOS bundle). The tray and window icon come from
``wa_desk.ui.shell.tray.app_icon``; drawing the files from it keeps every icon the same.
The outputs are committed, so building a package needs no display and no Qt script.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageWriter
from PySide6.QtWidgets import QApplication

from wa_desk.ui.shell.tray import app_icon

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
# ICNS element types holding PNG data, by pixel size (Apple's "icns" format).
ICNS_TYPES = {32: b"ic11", 64: b"ic12", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def _image(size: int) -> QImage:
    return app_icon(size=size).pixmap(size, size).toImage()


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"png")
    if not writer.write(image):
        raise OSError(f"PNG encoding failed: {writer.errorString()}")
    return bytes(data.data())


def icns(images: dict[int, QImage]) -> bytes:
    """An ICNS file: a header, then one PNG element per size."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(png)) + png
        for kind, png in ((ICNS_TYPES[s], _png_bytes(images[s])) for s in sorted(ICNS_TYPES))
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def ico(images: dict[int, QImage]) -> bytes:
    """A Windows ICO file with one PNG-compressed image per size (Vista and later)."""
    pngs = [(s, _png_bytes(images[s])) for s in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries = b""
    for size, png in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(png for _, png in pngs)


def svg(side: int = 256) -> str:
    """The same drawing as ``app_icon`` (no badges), as a scalable file."""

    def at(share: float) -> str:
        return f"{share * side:g}"

    dots = "".join(
        f'<circle cx="{at(0.28 + 0.19 * i)}" cy="{at(0.42)}" r="{side / 16:g}" fill="#ffffff"/>'
        for i in range(3)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" '
        f'viewBox="0 0 {side} {side}">'
        f'<rect x="{at(0.06)}" y="{at(0.1)}" width="{at(0.82)}" height="{at(0.64)}" '
        f'rx="{at(0.2)}" fill="#25a244"/>'
        f'<path d="M{at(0.22)} {at(0.7)} L{at(0.14)} {at(0.94)} L{at(0.44)} {at(0.72)} Z" '
        f'fill="#25a244"/>{dots}</svg>\n'
    )


def write_icons(out: Path) -> list[Path]:
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_TYPES))
    images = {s: _image(s) for s in sizes}
    written = []
    for size in PNG_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / "wa-desk.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = QImageWriter(str(path), b"png")
        if not writer.write(images[size]):
            raise OSError(f"{path}: {writer.errorString()}")
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / "wa-desk.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_text(svg(), encoding="utf-8")
    written.append(scalable)
    for name, data in (("wa-desk.ico", ico(images)), ("wa-desk.icns", icns(images))):
        path = out / name
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("resources/icons"))
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    for path in write_icons(args.out):
        print(path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
