"""Loads the UI language: the system's by default, or the one chosen in settings.

Translations are Qt Linguist files: ``resources/translations/wa_desk_<lang>.ts``
(sources, extracted with ``pyside6-lupdate``) compiled to ``.qm`` with
``pyside6-lrelease`` (``make translations``). Qt's own strings (standard buttons)
come from the ``qtbase_<lang>.qm`` that ships with PySide6.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from wa_desk.resources import RESOURCES_DIR

SUPPORTED = ("es", "en")
SOURCE_LANGUAGE = "en"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """``system``/``es``/``en`` → the language to load (English when unsupported)."""
    if setting in SUPPORTED:
        return setting
    code = (system or QLocale.system()).name().split("_")[0]
    return code if code in SUPPORTED else SOURCE_LANGUAGE


def lrelease() -> str | None:
    """The ``pyside6-lrelease`` next to this Python (the venv), or on PATH."""
    near = Path(sys.executable).with_name("pyside6-lrelease")
    return str(near) if near.exists() else shutil.which("pyside6-lrelease")


def compile_translations(
    source_dir: Path = TRANSLATIONS_DIR, out_dir: Path | None = None
) -> list[Path]:
    """``.ts`` → ``.qm``; returns the files written. Raises when lrelease is missing."""
    tool = lrelease()
    if tool is None:
        raise FileNotFoundError("pyside6-lrelease not found: install PySide6-Essentials")
    out_dir = out_dir or source_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ts in sorted(source_dir.glob("wa_desk_*.ts")):
        qm = out_dir / ts.with_suffix(".qm").name
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)  # noqa: S603
        written.append(qm)
    return written


class Translations:
    """Holds the installed translators (Qt keeps only pointers)."""

    def __init__(self, qm_dir: Path = TRANSLATIONS_DIR) -> None:
        self.language = SOURCE_LANGUAGE
        self.qm_dir = qm_dir  # where the compiled ``.qm`` files are
        self._installed: list[QTranslator] = []

    def install(self, setting: str = "system", qm_dir: Path | None = None) -> str:
        """Load ``setting``'s language in place of the one installed; the texts already
        shown stay as they are until their widgets are built again."""
        qm_dir = qm_dir or self.qm_dir
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        self.remove()
        language = resolve_language(setting)
        QLocale.setDefault(QLocale(language))
        self.language = language
        if language == SOURCE_LANGUAGE:
            return language
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, directory in (
            (f"qtbase_{language}", qt_dir),
            (f"wa_desk_{language}", str(qm_dir)),
        ):
            translator = QTranslator(app)
            if translator.load(name, directory):
                app.installTranslator(translator)
                self._installed.append(translator)
        return language

    def remove(self) -> None:
        app = QCoreApplication.instance()
        for translator in self._installed:
            if app is not None:
                app.removeTranslator(translator)
        self._installed.clear()
