"""Tag normalisation: one spelling per tag, on the hub and on the desktop."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.tags import MAX_TAG_LENGTH, InvalidTag, normalize_tag


@pytest.mark.parametrize(
    ("typed", "tag"),
    [
        ("VIP", "vip"),
        ("  vip ", "vip"),
        ("Devolución  pendiente", "devolución-pendiente"),
        ("pago_fallido", "pago-fallido"),
        ("ＶＩＰ", "vip"),
        ("v2.1", "v2.1"),
    ],
)
def test_spellings_of_one_tag_become_one(typed: str, tag: str) -> None:
    assert normalize_tag(typed) == tag


@pytest.mark.parametrize("typed", ["", "   ", "---", "a/b", "<b>", "x" * (MAX_TAG_LENGTH + 1)])
def test_what_cannot_be_a_tag_is_refused_with_a_reason(typed: str) -> None:
    with pytest.raises(InvalidTag) as refused:
        normalize_tag(typed)
    assert str(refused.value)


@given(st.text(max_size=60))
def test_normalising_is_stable_and_safe_in_a_path(text: str) -> None:
    try:
        tag = normalize_tag(text)
    except InvalidTag:
        return
    assert normalize_tag(tag) == tag
    assert 0 < len(tag) <= MAX_TAG_LENGTH
    assert not any(c in tag for c in "/?#% <>&\"'")
