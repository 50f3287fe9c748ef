"""Checklists and dispositions: parsing, what a close still needs, the bundle's round
trip (the text rules have their own tests: test_text_rules.py)."""

from __future__ import annotations

import pytest

from wa_desk.core.guidelines import (
    BUILT_IN_DISPOSITIONS,
    Checklist,
    ChecklistItem,
    Disposition,
    DispositionList,
    Guidelines,
    InvalidGuideline,
    draft_facts,
    guidelines_from_json,
    make_checklist,
    make_dispositions,
    missing_required,
)
from wa_desk.core.text_rules import RuleSeverity, rule_from_json

CARD = rule_from_json(
    {"id": "card_number", "detector": "payment_card", "severity": "block", "message": "No."}
)


def test_checklist_items_are_checked() -> None:
    with pytest.raises(InvalidGuideline, match=r"items\[1\]\.id"):
        make_checklist("ventas", [{"id": "a", "label": "A"}, {"id": "a", "label": "B"}], "c")
    with pytest.raises(InvalidGuideline, match=r"required"):
        make_checklist("ventas", [{"id": "a", "label": "A", "required": "yes"}], "c")
    with pytest.raises(InvalidGuideline, match=r"c\.items"):
        make_checklist("ventas", [], "c")


def test_a_queue_gets_the_every_queue_items_then_its_own() -> None:
    g = Guidelines(
        (
            Checklist("ventas", (ChecklistItem("order", "Order", True),)),
            Checklist("*", (ChecklistItem("greeted", "Greeted"), ChecklistItem("order", "Old"))),
            Checklist("soporte", (ChecklistItem("ticket", "Ticket"),)),
        )
    )
    items = g.checklist_for("ventas")
    assert [(i.id, i.label, i.required) for i in items] == [
        ("greeted", "Greeted", False),
        ("order", "Order", True),
    ]
    assert [c.queue for c in g.for_queues(["soporte"]).checklists] == ["*", "soporte"]
    assert missing_required(items, {"greeted": True}) == (items[1],)
    assert missing_required(items, {"order": True}) == ()
    assert missing_required(items, None) == (items[1],)


def test_the_bundle_round_trips_through_json() -> None:
    g = Guidelines((Checklist("*", (ChecklistItem("greeted", "Greeted", True),)),), (CARD,))
    again = guidelines_from_json(g.as_json())
    assert again == g
    assert again.rules[0].severity is RuleSeverity.BLOCK
    with pytest.raises(InvalidGuideline, match=r"rules\[0\]\.pattern"):
        guidelines_from_json({"rules": [{"id": "x", "pattern": "(", "action": "warn"}]})


SALE = Disposition("sale", "Sale closed")
RESOLVED = Disposition("resolved", "Resolved")


def test_a_queue_list_of_dispositions_replaces_the_every_queue_one() -> None:
    g = Guidelines(
        dispositions=(
            DispositionList("*", (RESOLVED,)),
            DispositionList("ventas", (SALE, RESOLVED)),
        )
    )
    assert g.dispositions_for("ventas") == (SALE, RESOLVED)
    assert g.dispositions_for("soporte") == (RESOLVED,)
    assert [d.queue for d in g.for_queues(["soporte"]).dispositions] == ["*"]
    # Nothing for every queue: the built-in reasons.
    only_sales = Guidelines(dispositions=(DispositionList("ventas", (SALE,)),))
    assert only_sales.dispositions_for("soporte") == BUILT_IN_DISPOSITIONS.items
    assert Guidelines().dispositions_for("ventas") == BUILT_IN_DISPOSITIONS.items


def test_dispositions_round_trip_and_a_bundle_without_them_has_the_built_in_ones() -> None:
    g = guidelines_from_json({"dispositions": [{"queue": "ventas", "items": [SALE.as_json()]}]})
    assert g.dispositions == (DispositionList("ventas", (SALE,)), BUILT_IN_DISPOSITIONS)
    assert guidelines_from_json(g.as_json()) == g
    assert guidelines_from_json({}).dispositions == (BUILT_IN_DISPOSITIONS,)
    with pytest.raises(InvalidGuideline, match=r"dispositions\[1\]\.queue"):
        guidelines_from_json({"dispositions": [g.dispositions[0].as_json()] * 2})
    with pytest.raises(InvalidGuideline, match=r"policy"):
        guidelines_from_json({"dispositions": {"queue": "*"}})


def test_disposition_items_are_checked() -> None:
    with pytest.raises(InvalidGuideline, match=r"d\.items\[0\]\.label"):
        make_dispositions("*", [{"id": "sale"}], "d")
    with pytest.raises(InvalidGuideline, match=r"d\.queue"):
        make_dispositions(7, [SALE.as_json()], "d")
    assert make_dispositions(" ventas ", [SALE.as_json()], "d").queue == "ventas"


def test_the_log_keeps_the_length_of_a_draft_not_its_text() -> None:
    assert draft_facts("4111 1111 1111 1111") == {"length": 19}
