"""Render the main windows offscreen with sample data and save PNGs.

    python -m devtools.screenshots OUT_DIR [--language es|en|all] [--theme light|dark|all]

Used to review the UI (and by ``make screenshots``); needs no display.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from devtools import sample_data as sd
from wa_desk.core.guidelines import ChecklistItem, guidelines_from_json
from wa_desk.core.kpis.report_groups import ReportGroup
from wa_desk.core.message_text import render as render_text
from wa_desk.store import Waiting
from wa_desk.ui.app.crash_dialog import CrashDialog
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.common import theme
from wa_desk.ui.common.emoji_font import ensure_colour_emoji
from wa_desk.ui.common.i18n import TRANSLATIONS_DIR, Translations, compile_translations
from wa_desk.ui.common.promise_kept_dialog import KeptByMessageDialog, may_keep_a_promise
from wa_desk.ui.conversation.close_dialog import CloseDialog
from wa_desk.ui.conversation.model import MessageRoles
from wa_desk.ui.conversation.transfer_dialog import TransferDialog
from wa_desk.ui.settings.dialog import SettingsDialog
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow
from wa_desk.ui.shell.signin_dialog import SigninDialog
from wa_desk.ui.supervisor.my_day_dialog import MyDayDialog
from wa_desk.ui.supervisor.report_chart import day_points
from wa_desk.ui.supervisor.reports_panel import ReportsPanel

# The main window's sizes in the review set (besides its default size).
WINDOW_SIZES = ((800, 600), (1920, 1080))


def _clock() -> int:
    return sd.NOW


def _settle(app: QApplication, widget: QWidget) -> None:
    widget.show()
    for _ in range(5):
        app.processEvents()


def _opened(dialog: QDialog) -> QDialog:
    dialog.open()
    return dialog


def _save(app: QApplication, widget: QWidget, path: Path) -> Path:
    _settle(app, widget)
    widget.grab().save(str(path))
    return path


def build_main_window(settings: Settings, conversation_id: str = "c-lucia") -> MainWindow:
    window = MainWindow(settings, clock=_clock)
    window.set_user(sd.USER)
    window.conversation_view.composer.set_templates(sd.templates())
    window.inbox_view.model.upsert(sd.conversations())
    conversation = window.inbox_view.model.conversation(conversation_id)
    assert conversation is not None
    messages = (
        sd.messages()
        if conversation_id == "c-lucia"
        else [{**m, "conversation_id": conversation_id} for m in sd.messages()[:4]]
    )
    window.inbox_view.select_conversation(conversation_id)
    window.conversation_view.show_conversation(conversation, messages, older_cursor=None)
    window.customer_panel.show_customer(
        conversation["contact"], sd.history(), sd.notes(), sd.TAGS, conversation_id
    )
    window.customer_panel.promises.show_promises(sd.promises(), conversation_id)
    window.set_waiting(Waiting(1, messages=1, log_entries=1))
    return window


def render(out_dir: Path, language: str, scheme: str, qm_dir: Path) -> list[Path]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, Qt.ColorScheme.Dark if scheme == "dark" else Qt.ColorScheme.Light)
    translations = Translations()
    translations.install(language, qm_dir)
    store_dir = Path(tempfile.mkdtemp(prefix="wa-desk-shots-"))
    settings = Settings(QSettings(str(store_dir / "settings.ini"), QSettings.Format.IniFormat))
    tag = f"{language}_{scheme}"
    written: list[Path] = []

    def shot(name: str, make: Callable[[], QWidget]) -> None:
        widget = make()
        written.append(_save(app, widget, out_dir / f"{name}_{tag}.png"))
        widget.close()
        widget.deleteLater()

    shot("main", lambda: build_main_window(settings))

    def main_at(width: int, height: int) -> Callable[[], QWidget]:
        def make() -> QWidget:
            w = build_main_window(settings)
            w.resize(width, height)
            return w

        return make

    # The smallest window the app allows, and a full-HD screen.
    for width, height in WINDOW_SIZES:
        shot(f"main_{width}x{height}", main_at(width, height))

    def window_closed(width: int, height: int) -> Callable[[], QWidget]:
        """Outside the 24 h window: a template picked and half filled in."""

        def make() -> QWidget:
            w = build_main_window(settings, "c-pablo")
            w.resize(width, height)
            form = w.conversation_view.composer.template_form
            form.choose("envio_en_camino", "es")
            for field_id, value in (("header:1", "A-1042"), ("body:1", "Pablo")):
                edit = form.edit_for(field_id)
                assert edit is not None
                edit.setText(value)
            return w

        return make

    shot("window_closed", window_closed(1280, 800))
    shot("window_closed_800x600", window_closed(800, 600))

    def queued_and_offline() -> QWidget:
        w = build_main_window(settings, "c-jorge")
        w.set_connection(False, retry_in=8.0)
        w.show_problem(ProblemKind.SESSION_EXPIRED)
        return w

    shot("queued_disconnected", queued_and_offline)

    def with_canned_replies() -> MainWindow:
        w = build_main_window(settings)
        composer = w.conversation_view.composer
        composer.set_agent_name(str(sd.USER["name"]))
        bundle = {"canned_replies": sd.canned_replies(language)}
        composer.set_guidelines(guidelines_from_json(bundle))
        return w

    def canned_picker() -> QWidget:
        """ "/" typed at the start of the draft: the picker, its first reply previewed."""
        w = with_canned_replies()
        w.conversation_view.composer.editor.insertPlainText("/")
        return w

    def canned_to_complete() -> QWidget:
        """A reply inserted with values left to write: highlighted, the send waiting."""
        w = with_canned_replies()
        composer = w.conversation_view.composer
        composer.open_canned({"es": "pedido", "en": "order"}[language])
        composer.canned_picker.choose()
        return w

    shot("canned_picker", canned_picker)
    shot("canned_to_complete", canned_to_complete)

    def opted_out() -> QWidget:
        """Pablo wrote "BAJA": the panel says so, and the marketing template is refused."""
        w = build_main_window(settings, "c-pablo")
        w.resize(1280, 800)
        conversation = w.inbox_view.model.conversation("c-pablo")
        assert conversation is not None
        stopped = {"at": "2026-11-24T09:12:00.000Z", "source": "keyword", "keyword": "BAJA"}
        contact = {**conversation["contact"], "marketing_opt_out": stopped}
        w.conversation_view.update_conversation({**conversation, "contact": contact})
        w.customer_panel.set_marketing(stopped)
        w.conversation_view.composer.template_form.choose("oferta_personal", "es")
        return w

    shot("opted_out", opted_out)

    def reading_above_with_a_draft() -> QWidget:
        """Messages arrived while the agent read further up; their draft came back."""
        w = build_main_window(settings)
        _settle(app, w)
        view = w.conversation_view
        view.list.scrollToTop()
        app.processEvents()
        lines = {
            "es": ["¿Sigue ahí?", "Es que lo necesito para el viernes", "Gracias"],
            "en": ["Are you still there?", "I need it by Friday", "Thanks"],
        }[language]
        view.model.upsert(
            sd._msg(f"shot-new{i}", 60_000 * (i + 1), "text", text=line)
            for i, line in enumerate(lines)
        )
        draft = {
            "es": "Lo miro ahora mismo y te digo si llega antes del viernes",
            "en": "Let me check right now whether it can arrive before Friday",
        }[language]
        view.composer.restore_draft("c-lucia", draft)
        return w

    shot("new_messages_draft", reading_above_with_a_draft)

    def message_text() -> QWidget:
        """Formatting, links, a selection and a reply (in the list and in the composer)."""
        w = build_main_window(settings)
        view = w.conversation_view
        view.model.upsert(sd.message_text_samples())
        _settle(app, w)
        view.list.scrollToBottom()
        app.processEvents()
        formatted = view.model.index(view.model.row_of("f01") or 0)
        body = str(formatted.data(MessageRoles.BODY))
        shown = render_text(body).text
        start = shown.index("llega")
        view.delegate.selection = ("f01", start, start + len("llega el jueves"))
        # The agent picks Reply on the customer's question.
        menu = view.message_menu(view.list.model().index(view.model.row_of("m15") or 0, 0))
        menu.actions()[1].trigger()
        _settle(app, w)
        return w

    shot("message_text", message_text)

    def long_message() -> QWidget:
        """A very long message shown to a screenful, with Show more."""
        w = build_main_window(settings)
        view = w.conversation_view
        view.model.upsert([sd.long_message()])
        _settle(app, w)
        view.list.scrollToBottom()
        return w

    shot("message_long", long_message)
    shot(
        "signin",
        lambda: SigninDialog(
            hub_url="https://hub.ejemplo.es",
            username="ana.martin",
            reason=SigninDialog.tr_expired(),
        ),
    )
    shot("settings", lambda: SettingsDialog(settings))

    def dialog_over(open_dialog: Callable[[MainWindow], QWidget | None]) -> Callable[[], QWidget]:
        def make() -> QWidget:
            w = build_main_window(settings)
            _settle(app, w)
            dialog = open_dialog(w)
            assert dialog is not None
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            dialog.setParent(None)
            w.close()
            return dialog

        return make

    shot("help", dialog_over(lambda w: w.show_help()))

    def promise_kept() -> QWidget:
        """Which of the agent's replies kept the customer's promise (newest first)."""
        replies = [m for m in reversed(sd.messages()) if may_keep_a_promise(m)]
        what = str(sd.promises()[0]["what"])
        return _opened(KeptByMessageDialog(None, what, replies[:6], sd.NOW))

    shot("promise_kept", promise_kept)
    shot("transfer", dialog_over(lambda w: _opened(TransferDialog(sd.AGENTS, sd.QUEUES, w))))
    shot("close", dialog_over(lambda w: _opened(CloseDialog(None, w))))
    items = [
        ChecklistItem(id="greet", label="Saludar al cliente por su nombre", required=True),
        ChecklistItem(
            id="id", label="Verificar la identidad (DNI o número de pedido)", required=True
        ),
        ChecklistItem(id="survey", label="Ofrecer la encuesta de satisfacción", required=False),
    ]
    shot(
        "close_checklist",
        dialog_over(lambda w: _opened(CloseDialog(None, w, items=items, ticked={"greet": True}))),
    )
    today = datetime.fromtimestamp(sd.NOW / 1000, UTC).date()

    def reports(group: ReportGroup, exporting: bool) -> Callable[[], QWidget]:
        def make() -> QWidget:
            panel = ReportsPanel(today=lambda: today)
            panel.set_group(group)
            days = panel.days()
            iso = [d.isoformat() for d in days.days()]
            panel.show_report(group, sd.report_groups(group.value, iso), sd.at(0))
            panel.show_days(day_points(days.days(), sd.report_groups("day", iso)))
            if exporting:
                path = str(Path.home() / "Documents" / "report-2026-03-04-2026-03-10.csv")
                panel.export_started(path)
                panel.export_progressed(48_213, 137)
            panel.resize(1280, 760)
            return panel

        return make

    shot("reports", reports(ReportGroup.QUEUE, False))
    shot("reports_by_agent_exporting", reports(ReportGroup.AGENT, True))

    def my_day() -> QWidget:
        dialog = MyDayDialog(today=lambda: today)
        dialog.show_figures(sd.report_figures(11, by_agent=True), sd.at(0))
        return dialog

    shot("my_day", my_day)
    details = "Traceback (most recent call last):\n" + "".join(
        f'  File "wa_desk/ui/module_{i}.py", line {10 * i}, in step_{i}\n    step_{i + 1}()\n'
        for i in range(12)
    )
    log = str(Path.home() / ".local/state/wa-desk/log/wa-desk.log")
    shot(
        "crash", lambda: _opened(CrashDialog(details + "ZeroDivisionError: division by zero", log))
    )
    translations.remove()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--language", choices=("es", "en", "all"), default="all")
    parser.add_argument("--theme", choices=("light", "dark", "all"), default="light")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("wa-desk")
    ensure_colour_emoji(app)
    qm_dir = Path(tempfile.mkdtemp(prefix="wa-desk-qm-"))
    compile_translations(TRANSLATIONS_DIR, qm_dir)
    languages = ("es", "en") if args.language == "all" else (args.language,)
    schemes = ("light", "dark") if args.theme == "all" else (args.theme,)
    for language in languages:
        for scheme in schemes:
            for path in render(args.out_dir, language, scheme, qm_dir):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
