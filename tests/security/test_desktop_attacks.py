"""Attacks on the desktop app by what customers and colleagues can type: markup in a
customer's message or profile name reaching the Linux notification server, files that
run code when opened, and agent names written as markup or with bidirectional controls.
Each runs the real app, offscreen, signed in against a real hub and simulator on
loopback (the UI tests' fixtures)."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desktop_driver import features, messages, run, signed_in, started, until, visible_child
from hub_harness import SALES, RunningHub, text_webhook, wait_for
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QSystemTrayIcon, QWidget
from ui import conftest as ui_fixtures

from wa_desk.client import mark_of_the_web
from wa_desk.client.credentials import CredentialStore
from wa_desk.core.risky_files import runs_code
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.inbox.model import InboxRoles
from wa_desk.ui.settings.settings import Settings

# The UI tests' fixtures: a hub with agent "ana" in "ventas", the app's settings and data.
desktop_data_home = ui_fixtures.desktop_data_home
hub = ui_fixtures.hub
settings = ui_fixtures.settings

# A tray icon made on the offscreen platform (which has no tray) says so once.
NO_TRAY_NOISE = r"No such signal QPlatformNativeInterface::systemTrayWindowChanged"

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(ui_fixtures.OFFSCREEN_NOISE, NO_TRAY_NOISE),
]

MARKUP_TEXT = (
    '<a href="https://evil.example/pay">Pay here</a> <img src="https://evil.example/t.png"> & co'
)
MARKUP_NAME = "<b>Lucía</b><img src=x>"

# -- desktop notifications ---------------------------------------------------------------


@pytest.fixture
def shown_notifications(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """A desktop whose system tray shows messages (the offscreen platform has none):
    every (title, body) the app hands to ``QSystemTrayIcon.showMessage``."""
    shown: list[tuple[str, str]] = []

    def show_message(_icon: QSystemTrayIcon, title: str, body: str, *_rest: Any) -> None:
        shown.append((title, body))

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", show_message)
    yield shown


def _notification_of_a_customer_message(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    shown: list[tuple[str, str]],
    platform: str,
    name: str = MARKUP_NAME,
    text: str = MARKUP_TEXT,
) -> tuple[str, str]:
    """The agent works in another window when a customer whose profile name is markup
    writes markup (or ``name`` writes ``text``): the notification the app shows."""

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            window.tray.platform = platform
            await until(lambda: app.session is not None and app.session.stream.connected)
            elsewhere = QWidget()
            elsewhere.show()
            elsewhere.activateWindow()
            await until(lambda: not window.isActiveWindow())
            await asyncio.to_thread(
                hub.customer_writes, "wamid.markup1", "34611112222", text, name=name
            )
            await until(lambda: shown)
            elsewhere.close()

    run(qapp, scenario)
    assert len(shown) == 1
    return shown[0]


def test_linux_notifications_carry_customer_markup_as_text(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    shown_notifications: list[tuple[str, str]],
) -> None:
    title, body = _notification_of_a_customer_message(
        qapp, hub, settings, shown_notifications, "linux"
    )
    # The body is markup to the notification server: every markup character escaped,
    # so it shows the customer's text literally.
    assert body == html.escape(isolated(MARKUP_TEXT), quote=False)
    assert "<" not in body and ">" not in body
    # The summary is plain text to servers that follow the specification (GNOME Shell,
    # dunst, mako), so entities would show as "&lt;": its angle brackets become look-alike
    # quotation marks instead, which no server can read as a tag.
    assert title == isolated("‹b›Lucía‹/b›‹img src=x›")


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_a_directional_override_cannot_turn_a_notification_around(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    shown_notifications: list[tuple[str, str]],
    platform: str,
) -> None:
    """A name or message holding U+202E would show "Pedido 54321" for 12345: the
    notification carries neither override, each text in its own isolate."""
    title, body = _notification_of_a_customer_message(
        qapp,
        hub,
        settings,
        shown_notifications,
        platform,
        name="Soporte \u202eoficial",
        text="Pedido \u202e12345 listo",
    )
    assert title == "\u2068Soporte oficial\u2069"
    assert body == "\u2068Pedido 12345 listo\u2069"


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_desktops_get_the_text_as_it_is(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    shown_notifications: list[tuple[str, str]],
    platform: str,
) -> None:
    assert _notification_of_a_customer_message(
        qapp, hub, settings, shown_notifications, platform
    ) == (isolated(MARKUP_NAME), isolated(MARKUP_TEXT))


# -- customers' files that run code -------------------------------------------------------

# What careful mail clients and browsers block or warn about (Outlook's blocked
# attachments, Chrome's dangerous types), plus what opens as a program on macOS and Linux.
RISKY_TYPES = [
    ext
    for line in (
        # Windows programs, scripts, installers and shell files
        ".exe .com .bat .cmd .scr .pif .cpl .dll .msi .msp .mst .msu .msix .msixbundle .appx ",
        ".appxbundle .appinstaller .application .appref-ms .gadget .hta .htc .inf .ins .isp ",
        ".jar .jnlp .js .jse .vb .vbe .vbs .wsf .wsh .wsc .ws .sct .ps1 .ps1xml .ps2 .psm1 .psd1 ",
        ".psc1 .msh .reg .lnk .url .scf .website .shb .shs .settingcontent-ms .library-ms ",
        ".search-ms .searchconnector-ms .msc .diagcab .xbap .xll .chm .hlp .rdp .wsb .cer .crt ",
        ".der .ps2xml .psc2 .msh1 .msh2 .mshxml ",
        # disk images that carry their files past the Mark of the Web
        ".iso .img .vhd .vhdx ",
        # pages that run script or pose as a sign-in form
        ".html .htm .xhtml .xht .shtml .mht .mhtml .svg .xml ",
        # Office files that run macros, add-ins and OneNote
        ".docm .dotm .xlsm .xltm .xlsb .xlam .xla .xlm .slk .iqy .pptm .potm .ppsm .ppam .sldm ",
        ".one .onepkg .mdb .mde .accde .ade .adp ",
        # macOS and Linux
        ".app .command .tool .pkg .mpkg .dmg .scpt .terminal .webloc .inetloc .fileloc .workflow ",
        ".sh .bash .zsh .csh .ksh .desktop .run .bin .appimage .deb .rpm .snap .flatpakref ",
        # interpreters' files
        ".py .pyw .pyc .pyo .pyz .pyzw .pl .rb .php .apk",
    )
    for ext in line.split()
]


def _disguises(ext: str) -> list[str]:
    """The names a customer would use to get ``ext`` opened: plain, behind a document's
    extension in capitals, and with the trailing dots and spaces Windows drops."""
    return [f"factura{ext}", f"INVOICE.PDF{ext.upper()}", f"invoice{ext}. . ", f"scan.jpg{ext} "]


@pytest.mark.parametrize("ext", RISKY_TYPES)
def test_each_risky_type_is_never_opened_however_it_is_named(ext: str) -> None:
    for name in _disguises(ext):
        assert runs_code(name), name


@pytest.mark.parametrize("name", ["factura.pdf", "foto.JPG", "notas.txt", "hoja.xlsx", "x.one.pdf"])
def test_documents_still_open(name: str) -> None:
    assert not runs_code(name)


def _customer_sends_document(hub: RunningHub, wamid: str, filename: str) -> None:
    """A customer's document as WhatsApp delivers it (the simulator serves its bytes)."""
    body = text_webhook(wamid, CUSTOMER, "")
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    del message["text"]
    message["type"] = "document"
    message["document"] = {
        "filename": filename,
        "mime_type": "application/pdf",
        "sha256": "0" * 64,
        "id": f"media-{wamid}",
    }
    hub.world.record_webhook(body)  # the simulated Cloud API now holds the file
    hub.world.note_inbound(SALES, CUSTOMER, hub.world.now_ms())
    response = hub.post_webhook(body)
    assert response.status_code == 200, response.text


CUSTOMER = "34611112222"
# As the customer names them, and as the desktop saves them (Windows drops trailing
# dots and spaces; the hub and the desktop do the same).
SENT_FILES = {
    "INVOICE.PDF.ONE": "INVOICE.PDF.ONE",
    "factura.pdf.xll . .": "factura.pdf.xll",
    "presupuesto.VHDX": "presupuesto.VHDX",
    "pedido.library-ms": "pedido.library-ms",
    "albarán.mht": "albarán.mht",
    "catálogo.pdf.msix": "catálogo.pdf.msix",
    "setup.appx": "setup.appx",
    "Scan.jpg.ISO": "Scan.jpg.ISO",
}


def test_customers_files_that_run_code_are_only_shown_in_their_folder_and_all_are_marked(
    qapp: QApplication,
    hub: RunningHub,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each file is opened the way a video tile opens its file (at once, in the computer's
    own program): the risky ones only show their folder. Saved as on Windows, each file
    carries the Mark of the Web (on this file system the stream is a file beside it)."""
    monkeypatch.setattr(mark_of_the_web, "PLATFORM", "win32")
    downloads = tmp_path / "Downloads"
    opened: list[QUrl] = []
    sent = {**SENT_FILES, "factura.pdf": "factura.pdf"}

    async def scenario() -> None:
        app = DesktopApp(
            qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"), downloads_dir=downloads
        )
        async with started(app) as window:
            media = app.media
            assert media is not None
            media.open_url = opened.append
            await until(lambda: app.session is not None and app.session.stream.connected)
            by_wamid = {f"wamid.doc{n}": name for n, name in enumerate(sent)}
            for wamid, name in by_wamid.items():
                await asyncio.to_thread(_customer_sends_document, hub, wamid, name)
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            rows = await until(lambda: len(messages(app)) == len(sent) and messages(app))
            for message in rows:
                saved = downloads / sent[by_wamid[str(message["wamid"])]]
                count = len(opened)
                media.open_media(message)
                if saved.name == "factura.pdf":
                    await until(lambda n=count: len(opened) > n)
                    assert opened[-1] == QUrl.fromLocalFile(str(saved))
                    continue
                box = await until(lambda: visible_child(window, QMessageBox))
                assert str(saved) in box.text()
                assert box.icon() == QMessageBox.Icon.Warning
                buttons = {b.text(): b for b in box.buttons()}
                assert "Open" not in buttons, saved.name
                buttons["Show in folder"].click()
                await until(lambda n=count: len(opened) > n)
                assert opened[-1] == QUrl.fromLocalFile(str(downloads)), saved.name
                await until(lambda: visible_child(window, QMessageBox) is None)

    run(qapp, scenario)
    assert {u.toLocalFile() for u in opened} == {str(downloads), str(downloads / "factura.pdf")}
    for name in sent.values():
        assert (downloads / name).read_bytes().startswith(b"%PDF")
        mark = downloads / f"{name}:Zone.Identifier"
        assert mark.read_bytes() == b"[ZoneTransfer]\r\nZoneId=3\r\n", name


def test_a_volume_without_streams_leaves_the_file_unmarked_and_says_so_in_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(mark_of_the_web, "PLATFORM", "win32")
    saved = tmp_path / "factura.one"
    saved.write_bytes(b"x")
    (tmp_path / "factura.one:Zone.Identifier").mkdir()  # the stream cannot be written
    with caplog.at_level(logging.INFO, logger=mark_of_the_web.__name__):
        assert mark_of_the_web.mark_from_internet(saved) is False
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert "factura" not in caplog.text  # the customer's file name stays out of the log


def test_other_systems_have_no_mark_to_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "factura.one"
    saved.write_bytes(b"x")
    for platform in ("linux", "darwin"):
        monkeypatch.setattr(mark_of_the_web, "PLATFORM", platform)
        assert mark_of_the_web.mark_from_internet(saved) is False
    assert [p.name for p in tmp_path.iterdir()] == ["factura.one"]


# -- agents' names ----------------------------------------------------------------------

ME = "<i>ana</i> & co"
COLLEAGUE = '<b>bea</b><img src="x">'
RTL_COLLEAGUE = "שרה כהן"  # a right-to-left name inside a left-to-right sentence


def _renders_as_written(label: QLabel) -> bool:
    """What ``label`` paints is its text as plain text (a rich-text rendering of a name
    such as ``<b>bea</b>`` paints a bold "bea" and a broken picture instead)."""
    shown = label.grab().toImage()
    kept = label.textFormat()
    label.setTextFormat(Qt.TextFormat.PlainText)
    try:
        literal = label.grab().toImage()
    finally:
        label.setTextFormat(kept)
    return shown == literal


def test_agents_names_written_as_markup_show_as_written_everywhere(
    qapp: QApplication, hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    """A colleague named ``<b>bea</b><img src="x">`` worked the customer's earlier
    conversation (a note, a close) and is answering the current one; the signed-in agent
    is named ``<i>ana</i> & co``. Every place that shows a name shows it literally."""
    for name in (ME, COLLEAGUE, RTL_COLLEAGUE):
        hub.add_user(name, "agent", ("ventas",))
    bea = hub.login(COLLEAGUE)

    def colleague_closes_an_earlier_conversation() -> str:
        hub.customer_writes("wamid.a1", CUSTOMER, "Hola")
        conv_id = str(wait_for(lambda: bea.get("/api/v1/conversations").json()["items"])[0]["id"])
        assert bea.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
        note = bea.post(f"/api/v1/conversations/{conv_id}/notes", json={"text": "Pagó."})
        assert note.status_code == 201, note.text
        closed = bea.post(
            f"/api/v1/conversations/{conv_id}/close", json={"disposition": "resolved"}
        )
        assert closed.status_code == 200, closed.text
        return conv_id

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, ME))
        async with started(app) as window:
            window.resize(1280, 800)
            await until(lambda: app.session is not None and app.session.stream.connected)
            earlier = await asyncio.to_thread(colleague_closes_an_earlier_conversation)
            await asyncio.to_thread(hub.customer_writes, "wamid.a2", CUSTOMER, "¿Sigue ahí?")
            current = await until(
                lambda: next((i for i in window.inbox_view.model.ids() if i != earlier), None)
            )
            await asyncio.to_thread(
                lambda: bea.post(f"/api/v1/conversations/{current}/claim").raise_for_status()
            )
            await until(
                lambda: (
                    (window.inbox_view.model.conversation(current) or {}).get("assignee_name")
                    == COLLEAGUE
                )
            )
            window.inbox_view.conversationSelected.emit(current)
            panel = window.customer_panel
            await until(lambda: panel.history.count() and panel.conversation_id == current)
            composer = window.conversation_view.composer
            await until(lambda: COLLEAGUE in composer.claim_reason.text())
            header = window.conversation_view.subtitle

            window.conversation_view.grab().save(str(tmp_path / "conversation.png"))
            # The conversation header and the composer's "… is answering".
            for label in (header, composer.claim_reason, window.conversation_view.title):
                assert _renders_as_written(label), label.text()
            assert isolated(COLLEAGUE) in header.text()
            assert isolated(COLLEAGUE) in composer.claim_reason.text()
            # The inbox row: painted as plain text from the model's name.
            row = window.inbox_view.model.index(window.inbox_view.model.ids().index(current), 0)
            assert row.data(InboxRoles.ASSIGNEE_NAME) == COLLEAGUE
            # The customer panel: the earlier conversation's agent and the note's author.
            history = [panel.history.item(i).text() for i in range(panel.history.count())]
            assert any(isolated(COLLEAGUE) in t for t in history), history
            window.inbox_view.conversationSelected.emit(earlier)
            await until(lambda: panel.notes.count() and panel.conversation_id == earlier)
            notes = [panel.notes.item(i).text() for i in range(panel.notes.count())]
            assert any(t.startswith(isolated(COLLEAGUE)) for t in notes), notes
            # The window title and the transfer dialog's agents.
            assert isolated(ME) in window.windowTitle()
            # The colleagues the hub lists (GET /api/v1/agents), as the app shows them.
            dialog = features(app).conversation.ask_transfer(earlier)
            assert dialog is not None
            agents = [dialog.agent.itemText(i) for i in range(dialog.agent.count())]
            assert any(t.startswith(isolated(COLLEAGUE)) for t in agents), agents
            assert any(t.startswith(isolated(RTL_COLLEAGUE)) for t in agents), agents
            assert not any(isolated(ME) in t for t in agents), agents  # not the agent
            dialog.reject()

    run(qapp, scenario)


@pytest.mark.parametrize(
    "name",
    [
        "\u202eana",  # RIGHT-TO-LEFT OVERRIDE: "ana is answering" would read backwards
        "ana\u2069\u202e",  # closes the isolate early, then overrides the sentence
        "\u2067bea",  # opens an isolate of its own that never closes
        "\u200fsara\u200e",
    ],
)
def test_a_name_set_in_a_sentence_cannot_reorder_it(name: str) -> None:
    """Directional controls in a name go; the rest is one isolate, closed exactly once."""
    shown = isolated(name)
    assert shown[0] == "\u2068" and shown[-1] == "\u2069"
    inner = shown[1:-1]
    assert not set(inner) & set(
        "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )
    assert inner == "".join(ch for ch in name if ch.isalpha())
