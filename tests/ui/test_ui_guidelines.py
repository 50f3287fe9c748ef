"""Guideline rules while typing: a block disables Send and says why, a warning needs a
deliberate "Send anyway"; both are logged once per draft, and the hub agrees."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import pytest
from desktop_driver import messages, run, signed_in, started, until
from hub_harness import RunningHub
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.client.credentials import CredentialStore
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.text_rules import rule_from_json
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.conversation.composer import Composer
from wa_desk.ui.settings.settings import Settings

CARD_RULE = rule_from_json(
    {
        "id": "card_number",
        "detector": "payment_card",
        "severity": "block",
        "message": "Never send card numbers over WhatsApp.",
    }
)
PROMISE_RULE = rule_from_json(
    {
        "id": "promise",
        "phrase": "I guarantee",
        "severity": "warn",
        "message": "Do not promise what the company cannot guarantee.",
    }
)
RULES = Guidelines(rules=(CARD_RULE, PROMISE_RULE))
CARD = "4111 1111 1111 1111"
ORDER = "4111 1111 1111 1112"  # sixteen digits that fail the Luhn check


def _composer(qtbot: QtBot, clock: list[int]) -> tuple[Composer, list[tuple[Any, ...]]]:
    composer = Composer(clock=lambda: clock[0])
    qtbot.addWidget(composer)
    composer.set_user_id("u-ana")
    composer.set_conversation(next(c for c in sd.conversations() if c["id"] == "c-lucia"))
    composer.set_guidelines(RULES)
    composer.show()
    qtbot.waitExposed(composer)
    logged: list[tuple[Any, ...]] = []
    composer.guidelineEvent.connect(lambda *a: logged.append(a))
    return composer, logged


def test_a_card_number_disables_send_with_the_reason(qtbot: QtBot, clock: list[int]) -> None:
    composer, logged = _composer(qtbot, clock)
    sent: list[Any] = []
    composer.sendTextRequested.connect(lambda *a: sent.append(a))
    composer.sendTextOverriding.connect(lambda *a: sent.append(a))
    qtbot.keyClicks(composer.editor, f"Your card {CARD}")
    qtbot.waitUntil(lambda: composer.blocked_by() is not None)  # after the typing pause
    assert not composer.send_button.isEnabled()
    assert composer.guidance.isVisible()
    assert "Never send card numbers over WhatsApp." in composer.guidance.text()
    assert not composer.send_anyway.isVisible()
    qtbot.keyClicks(composer.editor, " ok")
    composer.judge_draft()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert sent == []
    # Once, with the draft's length when the block first showed (never its text).
    ((kind, conv_id, data),) = logged
    assert (kind, conv_id, data["rule"]) == ("guideline.blocked", "c-lucia", "card_number")
    assert set(data) == {"rule", "length"} and data["length"] <= len(f"Your card {CARD}")
    assert all(CARD not in str(entry) for entry in logged)
    composer.editor.setPlainText("Your order ships today")
    composer.judge_draft()
    assert composer.send_button.isEnabled() and not composer.guidance.isVisible()


def test_a_warning_needs_send_anyway(qtbot: QtBot, clock: list[int]) -> None:
    composer, logged = _composer(qtbot, clock)
    plain: list[Any] = []
    overriding: list[Any] = []
    composer.sendTextRequested.connect(lambda *a: plain.append(a))
    composer.sendTextOverriding.connect(lambda *a: overriding.append(a))
    qtbot.keyClicks(composer.editor, "I guarantee delivery tomorrow")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)  # Enter alone, over a warning
    assert plain == [] and overriding == []
    assert composer.send_anyway.isVisible() and not composer.send_button.isEnabled()
    assert "Do not promise" in composer.guidance.text()
    composer.send_anyway.setChecked(True)
    assert composer.send_button.isEnabled()
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    assert overriding == [("c-lucia", "I guarantee delivery tomorrow", ["promise"])]
    assert plain == []
    assert [(k, c, d["rule"]) for k, c, d in logged] == [("guideline.warned", "c-lucia", "promise")]
    # A new draft starts clean: the decision is not carried over.
    assert not composer.send_anyway.isChecked() and not composer.guidance.isVisible()
    qtbot.keyClicks(composer.editor, "I guarantee it")
    composer.judge_draft()
    assert not composer.send_button.isEnabled()
    assert len(logged) == 2


@pytest.fixture
def hub(hub: RunningHub) -> RunningHub:
    """The UI tests' hub, handing out these guidelines."""
    hub.ctx.settings = dataclasses.replace(hub.ctx.settings, guidelines=RULES)
    return hub


def test_the_app_judges_with_the_hubs_rules_and_logs_every_decision(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            assert app.store is not None
            composer = window.conversation_view.composer
            await until(lambda: app.session.guidelines.rules)
            # Cached once applied (the write follows in a thread).
            store = app.store
            await until(lambda: store.policy()[0] is not None)
            bundle, etag = store.policy()
            assert bundle is not None and etag  # cached for offline use
            assert [r["id"] for r in bundle["rules"]] == ["card_number", "promise"]
            await until(lambda: app.session is not None and app.session.stream.connected)
            await asyncio.to_thread(hub.customer_writes, "wamid.g1", "34611112222", "Hola")
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            window.conversation_view.claimRequested.emit(conv_id)
            await until(lambda: composer.editor.isEnabled() and composer.editor.isVisible())

            composer.editor.setPlainText(f"Card {CARD}")
            await until(lambda: composer.blocked_by() is not None)
            assert not composer.send_button.isEnabled()
            composer.send_text()
            composer.editor.setPlainText("I guarantee it arrives tomorrow")
            await until(lambda: composer.warned_by())
            composer.send_anyway.setChecked(True)
            composer.send_button.click()
            await until(lambda: messages(app) and messages(app)[-1]["status"] == "read")

            sent = [s.body["text"]["body"] for s in hub.world.sent_to("34611112222")]
            assert sent == ["I guarantee it arrives tomorrow"]
            actions = app.store.actions()
            guideline = [(a["kind"], a["data"]["rule"]) for a in actions if "rule" in a["data"]]
            assert guideline == [
                ("guideline.blocked", "card_number"),
                ("guideline.warned", "promise"),
                ("guideline.overridden", "promise"),
            ]
            kinds = [a["kind"] for a in actions]
            # The override is logged with the send it allowed, right after it.
            assert kinds[kinds.index("message.sent") + 1] == "guideline.overridden"
            assert all(CARD not in str(a["data"]) for a in actions)

    run(qapp, scenario)


def test_a_restored_draft_is_judged_at_once_as_typed_text_is(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer, logged = _composer(qtbot, clock)
    composer.restore_draft("c-lucia", f"Your card {CARD}")
    assert composer.blocked_by() is CARD_RULE  # no typing pause to wait for
    assert not composer.send_button.isEnabled()
    assert "Never send card numbers over WhatsApp." in composer.guidance.text()
    assert [(kind, data["rule"]) for kind, _cid, data in logged] == [
        ("guideline.blocked", "card_number")
    ]


def test_the_agent_reads_the_explanation_of_a_phrase_or_detector_rule(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer, logged = _composer(qtbot, clock)
    composer.editor.setPlainText(f"Su pedido {ORDER} sale hoy")  # no card: Luhn says so
    composer.judge_draft()
    assert composer.blocked_by() is None and not composer.warned_by()
    assert composer.send_button.isEnabled() and not composer.guidance.isVisible()
    composer.editor.setPlainText("i  GUARANTÉE, delivery tomorrow")
    composer.judge_draft()
    assert composer.warned_by() == (PROMISE_RULE,)
    assert composer.guidance.text() == (
        "Check before sending: Do not promise what the company cannot guarantee."
    )
    composer.editor.setPlainText(f"Card {CARD.replace(' ', '-')}, I guarantee it")
    composer.judge_draft()
    assert composer.blocked_by() is CARD_RULE and not composer.send_button.isEnabled()
    assert composer.guidance.text() == "Cannot be sent: Never send card numbers over WhatsApp."
    assert [(kind, data["rule"]) for kind, _cid, data in logged] == [
        ("guideline.warned", "promise"),
        ("guideline.blocked", "card_number"),
    ]
