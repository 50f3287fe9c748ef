"""The composer's offer to record a promise, against a real hub whose policy lists the
example's promise patterns: a reply that promises is sent at once, then offered for
recording with what and by when read from it (in the queue's business hours); the agent
confirms, and the hub links the promise to that reply. A reply that promises nothing
offers nothing. The bar in Spanish and English."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop_driver import messages, run, signed_in, started, state_of, until, visible_dialog
from hub_harness import running_hub
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.business_hours import BusinessHours
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.promise_patterns import PromiseOffer
from wa_desk.hub.settings import policy_guidelines
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.promise_dialog import PromiseDialog
from wa_desk.ui.conversation.promise_offer import PromiseOfferBar
from wa_desk.ui.settings.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "installers" / "hub.example.toml"
MADRID = ZoneInfo("Europe/Madrid")
WA_ID = "34611112299"


def _policy() -> dict[str, object]:
    """The example's promise patterns, and ventas open around the clock in Madrid."""
    with EXAMPLE.open("rb") as f:
        example = tomllib.load(f)["policy"]
    return {
        "promises": example["promises"],
        "sla": [{"queue": "ventas", "first_response": 900, "time_zone": "Europe/Madrid"}],
    }


def _tomorrow_ends() -> int:
    """Tomorrow's end in Madrid, the queue being open around the clock: its midnight."""
    today = datetime.now(MADRID).date()
    return BusinessHours("Europe/Madrid").closing_ms(today.fromordinal(today.toordinal() + 1)) or 0


def test_a_reply_that_promises_is_offered_and_recorded_beside_it(
    qapp: QApplication, settings: Settings, tmp_path: Path, desktop_data_home: Path
) -> None:
    hub_settings = {"guidelines": policy_guidelines(_policy())}
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", hub_settings=hub_settings) as hub:
        hub.add_user("ana", "agent", ("ventas",))
        hub.add_user("beto", "agent", ("ventas",))
        preset = signed_in(hub, "ana")

        async def scenario() -> None:
            app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
            async with started(app) as window:
                view = window.conversation_view
                offer = view.promise_offer
                await until(lambda: app.session is not None and app.session.stream.connected)
                await until(lambda: app.session is not None and app.session.guidelines.promises)
                hub.customer_writes("wamid.po1", WA_ID, "¿Me mandáis la factura?")
                ids = window.inbox_view.model.ids
                cid = await until(lambda: next(iter(ids()), None))
                window.inbox_view.conversationSelected.emit(cid)
                await until(lambda: view.current_id() == cid and messages(app))
                view.claimRequested.emit(cid)
                await until(lambda: state_of(window, cid) == "assigned")

                view.sendTextRequested.emit(cid, "Hola, ahora lo miro.")
                assert not offer.isVisible()  # nothing promised, nothing offered
                view.sendTextRequested.emit(cid, "Perfecto. Te la envío mañana sin falta.")
                # The reply went out at once; the offer came after it.
                assert messages(app)[-1]["status"] == "pending"
                assert offer.isVisible() and offer.conversation_id == cid
                what = isolated("Te la envío mañana sin falta.")
                assert offer.text.text().startswith(f"Record this as a promise? “{what}”, due ")

                offer.record.click()  # the dialog opens, prefilled, for the agent to confirm
                dialog = await until(lambda: visible_dialog(PromiseDialog))
                assert dialog.what.text() == "Te la envío mañana sin falta."
                assert dialog.due_ms() == _tomorrow_ends()
                dialog.accept()
                assert not offer.isVisible()

                beto = hub.login("beto")
                url = f"/api/v1/conversations/{cid}/promises"
                (promise,) = await until(lambda: beto.get(url).json()["items"])
                said = "Perfecto. Te la envío mañana sin falta."
                listed = f"/api/v1/conversations/{cid}/messages"
                sent = await until(
                    lambda: next(
                        (m for m in beto.get(listed).json()["items"] if m.get("text") == said),
                        None,
                    )
                )
                assert promise["message_id"] == sent["id"]
                assert promise["due_at"] == to_rfc3339(_tomorrow_ends())
                assert promise["owner_name"] == "ana"

        run(qapp, scenario)


def _offer(due_ms: int | None) -> PromiseOffer:
    return PromiseOffer("send_es", "es", "Te lo envío el lunes", due_ms)


def test_the_bar_in_both_languages(qtbot: QtBot, spanish: None, tmp_path: Path) -> None:
    bar = PromiseOfferBar(None, now_ms)
    qtbot.addWidget(bar)
    bar.offer("c1", _offer(None), "k1")
    what = isolated("Te lo envío el lunes")
    assert bar.text.text() == f"¿Registrarlo como promesa? «{what}»"
    bar.offer("c1", _offer(now_ms() + 3_600_000), "k1")
    assert bar.text.text().startswith(f"¿Registrarlo como promesa? «{what}», vence ")
    assert (bar.record.text(), bar.dismiss.text()) == ("Registrar promesa…", "No es una promesa")
    bar.resize(760, bar.sizeHint().height())
    bar.grab().save(str(tmp_path / "promise_offer_es.png"))
    with qtbot.waitSignal(bar.recordRequested) as recorded:
        bar.record.click()
    assert recorded.args[0] == "c1" and recorded.args[3] == "k1"
    assert not bar.isVisible()


def test_dismissing_records_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    bar = PromiseOfferBar(None, now_ms)
    qtbot.addWidget(bar)
    bar.show()
    bar.offer("c1", _offer(now_ms() + 3_600_000), "k1")
    bar.resize(760, bar.sizeHint().height())
    bar.grab().save(str(tmp_path / "promise_offer_en.png"))
    with qtbot.assertNotEmitted(bar.recordRequested):
        bar.dismiss.click()
    assert not bar.isVisible() and bar.conversation_id is None
