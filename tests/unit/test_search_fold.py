from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.search_fold import INVISIBLE, fold, without_invisible


def test_a_zero_width_space_inside_a_word_is_ignored() -> None:
    assert fold("Hola\u200bmundo") == fold("holamundo") == "holamundo"


def test_every_invisible_character_is_dropped() -> None:
    for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
        assert fold(f"pe{ch}dido") == "pedido", repr(ch)


def test_visible_text_and_case_are_kept_by_without_invisible() -> None:
    assert without_invisible("Ñandú\u00ad 42") == "Ñandú 42"


def test_case_is_folded_beyond_ascii() -> None:
    assert fold("STRASSE Ñ") == fold("straße ñ")


@given(st.text())
def test_folding_twice_changes_nothing_and_nothing_invisible_is_left(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert not set(once) & set(INVISIBLE)
