"""A customer who writes "BAJA" stops marketing messages, in the desktop app against a
real hub and simulator: the customer panel says since when and why as soon as the
stream announces it, the template picker marks marketing templates and will not send
one (a utility template still goes), and "ALTA" undoes both; in English and Spanish."""

from __future__ import annotations

from typing import Any

from desktop_driver import run, signed_in, started, state_of, until
from hub_harness import RunningHub
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.hub.template_sync import sync_templates
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.conversation.composer import Composer
from wa_desk.ui.conversation.template_list import TemplateRoles
from wa_desk.ui.customer.panel import CustomerPanel
from wa_desk.ui.settings.settings import Settings

WA_ID = "34655500088"
MARKETING = ("encuesta_satisfaccion", "es")
UTILITY = ("bienvenida", "es")


def _refused_row(composer: Composer, name: str, language: str) -> bool:
    model = composer.template_form.model
    row = model.row_of(name, language)
    assert row >= 0, name
    return bool(model.index(row).data(TemplateRoles.REFUSED))


async def _scenario(qapp: QApplication, hub: RunningHub, settings: Settings) -> list[str]:
    """Drives it through; what the panel said, opted out then back in."""
    said: list[str] = []
    app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
    async with started(app) as window:
        conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
        window.inbox_view.conversationSelected.emit(conv_id)
        window.conversation_view.claimRequested.emit(conv_id)
        await until(lambda: state_of(window, conv_id) == "assigned")
        panel: CustomerPanel = window.customer_panel
        await until(lambda: panel.conversation_id == conv_id and panel.isEnabled())
        composer = window.conversation_view.composer
        await until(lambda: composer.template_form.template_count() > 0)
        assert panel.marketing.opt_out is None
        assert not _refused_row(composer, *MARKETING)

        hub.customer_writes("wamid.baja", WA_ID, "  Baja ")
        await until(lambda: panel.marketing.opt_out is not None)
        said.append(panel.marketing.text())
        assert "BAJA" in panel.marketing.text()
        assert panel.marketing.opt_out["source"] == "keyword"
        await until(lambda: _refused_row(composer, *MARKETING))
        assert not _refused_row(composer, *UTILITY)

        composer.open_templates()
        form = composer.template_form
        assert form.choose(*MARKETING)
        assert form.problem() is not None and "encuesta_satisfaccion" in form.problem()
        assert not composer.template_send.isEnabled()
        assert composer.template_reason.text() == form.problem()
        composer.send_template()  # Enter in the form: nothing goes
        assert form.choose(*UTILITY)
        assert form.problem() is None and composer.template_send.isEnabled()
        composer.send_template()
        sent = await until(lambda: [r for r in hub.world.sent_to(WA_ID) if r.type == "template"])
        assert [r.body["template"]["name"] for r in sent] == ["bienvenida"]

        hub.customer_writes("wamid.alta", WA_ID, "ALTA")
        await until(lambda: panel.marketing.opt_out is None)
        said.append(panel.marketing.text())
        await until(lambda: not _refused_row(composer, *MARKETING))
        assert form.choose(*MARKETING) and form.problem() is None
    return said


def test_a_customer_who_stops_marketing_is_flagged_and_marketing_is_blocked(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    hub.customer_writes("wamid.hola", WA_ID, "Hola, una consulta")
    assert hub.run(sync_templates(hub.ctx)) > 0
    said: list[str] = []

    async def scenario() -> None:
        said.extend(await _scenario(qapp, hub, settings))

    run(qapp, scenario)
    assert said[0].startswith("Opted out since ") and "the customer wrote “BAJA”" in said[0]
    assert said[1] == "Accepted"


def test_in_spanish_too(
    qapp: QApplication, hub: RunningHub, settings: Settings, spanish: None
) -> None:
    hub.customer_writes("wamid.hola", WA_ID, "Hola, una consulta")
    assert hub.run(sync_templates(hub.ctx)) > 0
    said: list[str] = []

    async def scenario() -> None:
        said.extend(await _scenario(qapp, hub, settings))

    run(qapp, scenario)
    assert said[0].startswith("No recibe marketing desde ") and "escribió «BAJA»" in said[0]
    assert said[1] == "Acepta"


def test_an_agent_records_a_stop_the_customer_asked_for_on_the_phone(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    hub.customer_writes("wamid.hola", WA_ID, "Os llamo luego")
    assert hub.run(sync_templates(hub.ctx)) > 0

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            panel: CustomerPanel = window.customer_panel
            await until(lambda: panel.conversation_id == conv_id and panel.isEnabled())
            assert panel.marketing_button.text() == "Stop marketing"
            QTest.mouseClick(panel.marketing_button, Qt.MouseButton.LeftButton)
            await until(lambda: panel.marketing.opt_out is not None)
            assert panel.marketing.opt_out["source"] == "user"
            assert "recorded by" in panel.marketing.text() and "ana" in panel.marketing.text()
            assert panel.marketing_button.text() == "Allow marketing again"
            composer = window.conversation_view.composer
            await until(lambda: _refused_row(composer, *MARKETING))
            # The hub holds it, and the device's log says who did it.
            ana_id = hub.user_ids["ana"]
            contact = await until(lambda: _hub_contact(hub, conv_id))
            assert contact["marketing_opt_out"]["user"] == ana_id
            store = app.store
            assert store is not None
            logged = [e for e in store.actions(user_id=ana_id) if e["kind"] == "contact.opted_out"]
            assert [e["data"]["wa_id"] for e in logged] == [WA_ID]

            QTest.mouseClick(panel.marketing_button, Qt.MouseButton.LeftButton)
            await until(lambda: panel.marketing.opt_out is None)
            await until(lambda: not _refused_row(composer, *MARKETING))

    run(qapp, scenario)


def _hub_contact(hub: RunningHub, conv_id: str) -> dict[str, Any] | None:
    from wa_desk.hub.queries import conversations

    row = hub.run(hub.ctx.db.read(lambda c: conversations.get(c, conv_id)))
    contact: dict[str, Any] = conversations.view(row)["contact"]
    return contact if contact["marketing_opt_out"] else None
