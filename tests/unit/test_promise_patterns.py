"""Promise patterns: the policy's entries, checked, and what they find in a text; the
example configuration catches the common promises in Spanish, English and Portuguese."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from wa_desk.core.business_hours import BusinessHours
from wa_desk.core.guidelines import guidelines_from_json
from wa_desk.core.policy_entries import InvalidPolicy
from wa_desk.core.promise_patterns import (
    PromisePattern,
    find_promise,
    promise_patterns_from_json,
    sentences,
)
from wa_desk.hub.settings import SettingsError, load_settings, policy_guidelines

EXAMPLE = Path(__file__).resolve().parents[2] / "installers" / "hub.example.toml"
MADRID = ZoneInfo("Europe/Madrid")


def madrid(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=MADRID).timestamp() * 1000)


Example = tuple[tuple[PromisePattern, ...], BusinessHours]


@pytest.fixture(scope="module")
def example() -> Example:
    settings = load_settings(EXAMPLE, env={})
    ventas = settings.guidelines.sla_for("ventas")
    assert ventas is not None
    return settings.guidelines.promises, ventas.hours


@pytest.mark.parametrize(
    ("text", "pattern", "what", "due"),
    [
        # Thursday 24 December 2026 11:00 in ventas (Madrid; Christmas a holiday).
        ("Hola Ana. Te lo envío mañana.", "send_es", "Te lo envío mañana.", "2026-12-28 19:00"),
        ("te llamo en una hora", "call_es", "te llamo en una hora", "2026-12-24 12:00"),
        (
            "Perfecto. El reembolso llega en 48 horas!",
            "arrives_es",
            "El reembolso llega en 48 horas!",
            "2026-12-28 09:00",
        ),
        ("I'll send it tomorrow", "send_en", "I'll send it tomorrow", "2026-12-28 19:00"),
        ("I’ll call you on Monday", "send_en", "I’ll call you on Monday", "2026-12-28 19:00"),
        ("Vou te ligar amanhã", "send_pt", "Vou te ligar amanhã", "2026-12-28 19:00"),
        # A promise without a time: the agent picks when.
        ("Te lo envío en cuanto lo tenga", "send_es", "Te lo envío en cuanto lo tenga", None),
    ],
)
def test_the_example_catches_the_common_promises(
    example: Example, text: str, pattern: str, what: str, due: str | None
) -> None:
    patterns, hours = example
    offer = find_promise(patterns, text, madrid("2026-12-24 11:00"), hours)
    assert offer is not None
    assert (offer.pattern, offer.what) == (pattern, what)
    assert offer.due_ms == (None if due is None else madrid(due))


def test_the_example_leaves_alone_what_promises_nothing(example: Example) -> None:
    patterns, hours = example
    now = madrid("2026-12-24 11:00")
    for text in ("Hola, ¿en qué te puedo ayudar?", "Thanks for waiting", "Obrigado!"):
        assert find_promise(patterns, text, now, hours) is None


def test_a_due_date_elsewhere_in_the_text_counts() -> None:
    patterns = promise_patterns_from_json([{"id": "p", "language": "es", "phrase": "te aviso"}])
    ventas = load_settings(EXAMPLE, env={}).guidelines.sla_for("ventas")
    assert ventas is not None
    now = madrid("2026-12-28 10:00")
    offer = find_promise(patterns, "Mañana sin falta. Te aviso", now, ventas.hours)
    assert offer is not None and offer.what == "Te aviso"
    assert offer.due_ms == madrid("2026-12-29 19:00")


def test_a_phrase_folds_case_accents_and_spacing() -> None:
    patterns = promise_patterns_from_json([{"id": "p", "language": "pt", "phrase": "vou ligar"}])
    assert find_promise(patterns, "VOU,  LIGAR já", 0, BusinessHours()) is not None
    assert find_promise(patterns, "vou te ligar", 0, BusinessHours()) is None


def test_entries_are_checked() -> None:
    cases = [
        ([{"id": "p", "language": "fr", "phrase": "je"}], "promises[0].language"),
        ([{"id": "p", "language": "es"}], "promises[0]"),
        ([{"id": "p p", "language": "es", "phrase": "x"}], "promises[0].id"),
        ([{"id": "p", "language": "es", "pattern": "("}], "promises[0].pattern"),
        ([{"id": "p", "language": "es", "phrase": "x", "what": 1}], "promises[0]"),
        ([{"id": "p", "language": "es", "phrase": "x"}] * 2, "promises"),
    ]
    for raw, where in cases:
        with pytest.raises(InvalidPolicy) as caught:
            promise_patterns_from_json(raw)
        assert caught.value.where == where


def test_the_hub_names_a_faulty_entry_and_refuses_two_tests() -> None:
    with pytest.raises(SettingsError, match=r"policy\.promises\[0\]\.language"):
        policy_guidelines({"promises": [{"id": "p", "language": "xx", "phrase": "y"}]})
    both = {"id": "p", "language": "es", "phrase": "te llamo", "pattern": "llamo"}
    with pytest.raises(SettingsError, match=r"policy\.promises\[0\]\.pattern"):
        policy_guidelines({"promises": [both]})


def test_the_bundle_carries_the_patterns_to_desktops(example: Example) -> None:
    patterns, _ = example
    guidelines = load_settings(EXAMPLE, env={}).guidelines
    again = guidelines_from_json(guidelines.for_queues(["ventas"]).as_json())
    assert again.promises == patterns
    assert [p.id for p in again.promises][:2] == ["send_es", "call_es"]


def test_sentences_split_at_ends_and_line_breaks() -> None:
    assert sentences("Hola. ¿Qué tal?\nTe llamo mañana!  Adiós") == [
        "Hola.",
        "¿Qué tal?",
        "Te llamo mañana!",
        "Adiós",
    ]
