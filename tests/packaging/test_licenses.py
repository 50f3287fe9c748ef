"""`make licenses`' module: a licence text, or a plain statement, for everything shipped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import wa_desk
from devtools.packaging import shipped

REPO = Path(__file__).resolve().parents[2]
NO_FILE = "no licence file shipped by upstream; licence per metadata: "

pytestmark = pytest.mark.skipif(
    not Path("/usr/share/common-licenses/LGPL-3").is_file(),
    reason="Qt's LGPL text comes from /usr/share/common-licenses (Debian's base-files)",
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "devtools.packaging.licenses", "--out", str(out)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
        capture_output=True,
    )
    return out / f"wa-desk-{wa_desk.__version__}-licenses"


def _entries(folder: Path) -> dict[str, list[str]]:
    """The index's entries: title line -> its indented lines."""
    entries: dict[str, list[str]] = {}
    blocks = (folder / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8").split("\n\n")
    for block in blocks[2:]:  # after the title and the introduction
        lines = block.strip().splitlines()
        if lines:
            entries[lines[0]] = [line.strip() for line in lines[1:]]
    return entries


def test_every_shipped_distribution_has_a_text_or_says_why_not(folder: Path) -> None:
    entries = _entries(folder)
    for key, item in shipped.closure().items():
        if key == "wa-desk":
            continue
        title = f"{item.display_name} {item.version}"
        assert title in entries, f"{title} is not in the index"
        licence = shipped.declared_license(item.dist)
        assert f"licence: {licence}" in entries[title]
        texts = [line.removeprefix("text: ") for line in entries[title] if line.startswith("text:")]
        assert texts, title
        if texts == [f"{NO_FILE}{licence}"]:
            assert shipped.license_files(item.dist) == [], f"{title} has files to copy"
        else:
            for text in texts:
                assert (folder / text).is_file(), text
                assert (folder / text).stat().st_size > 0, text


def test_every_text_named_in_the_index_is_in_the_folder(folder: Path) -> None:
    for lines in _entries(folder).values():
        for line in lines:
            if line.startswith("text: ") and not line.startswith("text: no licence"):
                assert (folder / line.removeprefix("text: ")).is_file(), line


def test_qt_and_python_come_with_their_licences(folder: Path) -> None:
    entries = _entries(folder)
    qt = next(lines for title, lines in entries.items() if title.startswith("Qt "))
    assert "licence: LGPL-3.0-only" in qt
    qt_texts = [folder / line.removeprefix("text: ") for line in qt if line.startswith("text:")]
    joined = "".join(p.read_text(encoding="utf-8") for p in qt_texts)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in joined
    assert "GNU GENERAL PUBLIC LICENSE" in joined  # the LGPL v3 builds on it

    # The frozen app ships no font (build.spec): nothing of it is listed.
    assert not any("emoji" in title.lower() for title in entries)

    python = next(lines for title, lines in entries.items() if title.startswith("python "))
    assert "licence: PSF-2.0" in python


def test_the_product_itself_heads_the_index(folder: Path) -> None:
    first = next(iter(_entries(folder)))
    assert first == f"wa-desk {wa_desk.__version__}"


def test_hub_and_developer_packages_are_not_in_the_folder(folder: Path) -> None:
    names = {re.sub(r"-[^-]+$", "", p.name).lower() for p in folder.iterdir() if p.is_dir()}
    assert not names & {"fastapi", "uvicorn", "psycopg", "pytest", "mypy", "cyclonedx-bom"}
