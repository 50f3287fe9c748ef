from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.ui.common.i18n import (
    TRANSLATIONS_DIR,
    Translations,
    compile_translations,
    resolve_language,
)
from wa_desk.ui.settings import settings as s
from wa_desk.ui.shell.main_window import MainWindow

TS_FILES = sorted(TRANSLATIONS_DIR.glob("wa_desk_*.ts"))


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qm")
    compile_translations(TRANSLATIONS_DIR, out)
    return out


@pytest.fixture
def spanish(qapp: object, qm_dir: Path) -> Iterator[Translations]:
    translations = Translations()
    assert translations.install("es", qm_dir) == "es"
    yield translations
    translations.remove()
    QLocale.setDefault(QLocale("en"))


def test_both_languages_exist_and_nothing_is_unfinished() -> None:
    assert {p.name for p in TS_FILES} == {"wa_desk_es.ts", "wa_desk_en.ts"}
    for path in TS_FILES:
        root = ET.parse(path).getroot()  # noqa: S314 (our own sources)
        messages = list(root.iter("message"))
        assert len(messages) > 150
        for message in messages:
            translation = message.find("translation")
            assert translation is not None
            assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), (
                path.name,
                message.findtext("source"),
            )
            assert (translation.text or "").strip(), (path.name, message.findtext("source"))


def test_spanish_keeps_every_placeholder() -> None:
    root = ET.parse(TRANSLATIONS_DIR / "wa_desk_es.ts").getroot()  # noqa: S314
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        target = message.findtext("translation") or ""
        for marker in ("%1", "%2"):
            assert (marker in source) == (marker in target), source


def test_language_follows_the_system_unless_set() -> None:
    assert resolve_language("system", QLocale("es_MX")) == "es"
    assert resolve_language("system", QLocale("de_DE")) == "en"
    assert resolve_language("en", QLocale("es_ES")) == "en"


def test_spanish_translates_the_main_window(
    qtbot: QtBot, spanish: Translations, settings: s.Settings, clock: list[int]
) -> None:
    window = MainWindow(settings, clock=lambda: clock[0])
    qtbot.addWidget(window)
    window.set_user(sd.USER)
    window.inbox_view.model.upsert(sd.conversations())
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Archivo", "&Ver", "A&yuda"]
    assert [b.text() for b in window.inbox_view._view_buttons.values()] == [
        "Mías (3)",
        "Cola (2)",
        "Todas (7)",
    ]
    window.inbox_view.set_view("queue")
    window.inbox_view.model.remove(["c-jorge", "c-carmen"])
    assert window.inbox_view.empty_label.text() == "No hay conversaciones esperando en tus colas."
    assert window.inbox_view.search.placeholderText() == "Buscar nombre, número o mensaje"
    assert window.status_combo.currentText() == "Disponible"
    statuses = [window.status_combo.itemText(i) for i in range(window.status_combo.count())]
    assert statuses == ["Disponible", "Ocupado", "Ausente", "Fuera de turno"]
    assert window.conversation_view.title.text() == "Ninguna conversación seleccionada"
    window.set_connection(False, retry_in=4.5)
    assert window.banner.title.text() == "Sin conexión con el servidor; nuevo intento en 5 s."
    conversation = window.inbox_view.model.conversation("c-pablo")
    assert conversation is not None
    window.conversation_view.show_conversation(conversation, sd.messages())
    assert (
        "WhatsApp solo permite plantillas aprobadas"
        in window.conversation_view.composer.window_reason.text()
    )
    assert window.conversation_view.model.index(0).data() is not None


def test_agents_never_read_the_word_hub() -> None:
    """Agents and team leads talk of the server; "hub" is the operators' word."""
    for path in TS_FILES:
        shown = re.findall(r"<translation[^>]*>([^<]*)</translation>", path.read_text())
        assert shown, path
        offending = [t for t in shown if re.search(r"\bhub\b", t, re.IGNORECASE)]
        assert offending == [], (path.name, offending)
