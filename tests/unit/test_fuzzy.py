"""The fuzzy matcher shared by the canned-reply and template pickers: each ranking below
is worked out by hand from the rules in ``wa_desk/core/fuzzy.py`` (prefix of a word 3,
inside a word 2, letters in order inside one word 1; ties to earlier fields, then to the
given order)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core import fuzzy

# (name, text): the name is the more telling field.
A = ("Saludo", "Hola, ¿en qué puedo ayudarte?")
B = ("Estado del pedido", "Tu pedido sale hoy")
C = ("Despedida", "Gracias por escribirnos")
D = ("Pedidos atrasados", "Lo siento, tu envío se retrasa")
ITEMS = [A, B, C, D]


def _rank(query: str) -> list[tuple[str, str]]:
    return fuzzy.rank(query, ITEMS, lambda item: item)


def test_an_empty_query_keeps_everything_in_order() -> None:
    assert _rank("") == ITEMS
    assert _rank("  ¿? ") == ITEMS


def test_a_word_prefix_in_the_name_ranks_by_the_given_order_on_a_tie() -> None:
    # B and D: "pedido" starts a word of the name (3, field 0); A and C have no such word.
    assert _rank("pedido") == [B, D]


def test_a_prefix_beats_a_word_found_inside_another() -> None:
    # B "pedido" and D "pedidos" start with "pedid" (3); "despedida" holds it (2).
    assert _rank("pedid") == [B, D, C]


def test_the_name_beats_the_text_on_the_same_score() -> None:
    # A: "saludo" in its name (3, field 0); B: "sale" in its text (3, field 1).
    assert _rank("sal") == [A, B]


def test_letters_in_order_find_an_abbreviation() -> None:
    # "pdo": p…d…o inside "pedido" (B's name), "pedidos" (D's name), "puedo" (A's text),
    # each 1; the names first, then A; C has no word starting with p that holds d, o.
    assert _rank("pdo") == [B, D, A]


def test_case_and_accents_are_ignored_both_ways() -> None:
    assert _rank("ENVIO") == [D]  # "envío" in D's text
    assert fuzzy.rank("envío", [("envio",)], lambda i: i) == [("envio",)]
    assert fuzzy.rank("Que", [A], lambda i: i) == [A]  # "qué"


def test_every_word_must_be_found_and_the_scores_add_up() -> None:
    # C: "desp" starts its name (3, field 0), "grac" starts a word of its text (3, field 1).
    assert _rank("DESP grac") == [C]
    assert fuzzy.score("DESP grac", C) == (6, -1)
    assert fuzzy.score("desp zzz", C) is None


def test_the_letters_in_order_must_start_a_word() -> None:
    assert fuzzy.word_score("rcs", ["gracias"]) == 0
    assert fuzzy.word_score("grcs", ["gracias"]) == fuzzy.LETTERS_IN_ORDER
    assert fuzzy.word_score("aci", ["gracias"]) == fuzzy.INSIDE
    assert fuzzy.word_score("gra", ["gracias"]) == fuzzy.PREFIX


@given(st.text(max_size=12), st.lists(st.text(max_size=20), max_size=4))
def test_a_match_holds_every_word_somewhere(query: str, fields: list[str]) -> None:
    found = fuzzy.score(query, fields)
    if found is None:
        return
    words = [w for f in fields for w in fuzzy.query_words(f)]
    for typed in fuzzy.query_words(query):
        assert fuzzy.word_score(typed, words) > 0
