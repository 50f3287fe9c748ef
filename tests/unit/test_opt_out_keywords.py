"""The phrases that stop or resume marketing: folded like the text rules, matched whole,
configured in ``[policy.opt_out]`` with the failing key named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.opt_out import (
    Keyword,
    OptOutKeywords,
    opt_out_keywords_from_json,
    refuses_template,
)
from wa_desk.core.policy_entries import InvalidPolicy
from wa_desk.hub.settings import SettingsError, policy_guidelines

DEFAULT = OptOutKeywords()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("BAJA", Keyword.STOP),
        (" Bája!! ", Keyword.STOP),
        ("no  QUIERO más\tmensajes.", Keyword.STOP),
        ("Stop", Keyword.STOP),
        ("NÃO quero mais mensagens", Keyword.STOP),
        ("alta", Keyword.START),
        ("START", Keyword.START),
        ("Quiero recibir mensajes", Keyword.START),
        ("quero receber mensagens", Keyword.START),
    ],
)
def test_phrases_match_whatever_the_case_accents_and_spacing(text: str, kind: Keyword) -> None:
    judged = DEFAULT.judge(text)
    assert judged is not None and judged[0] is kind


@pytest.mark.parametrize(
    "text", ["bajar", "baja por favor el precio", "stopped", "no quiero", "", None, "🙂"]
)
def test_similar_words_and_longer_sentences_do_not_match(text: str | None) -> None:
    assert DEFAULT.judge(text) is None


@given(st.text(max_size=40))
def test_only_a_text_whose_words_are_a_phrase_matches(text: str) -> None:
    judged = DEFAULT.judge(text)
    if judged is not None:
        assert OptOutKeywords((judged[1],), ()).judge(text) is not None


def test_the_policy_names_its_own_phrases_and_the_failing_key() -> None:
    own = opt_out_keywords_from_json({"stop": ["CANCELAR"], "start": ["VOLVER"]})
    assert own.judge("cancelar") == (Keyword.STOP, "CANCELAR")
    assert own.judge("BAJA") is None
    with pytest.raises(InvalidPolicy) as bad:
        opt_out_keywords_from_json({"stop": ["ok", " ... "]})
    assert bad.value.where == "opt_out.stop[1]"
    with pytest.raises(InvalidPolicy) as both:
        opt_out_keywords_from_json({"stop": ["Alta"]})
    assert both.value.where == "opt_out.start"
    with pytest.raises(SettingsError, match=r"policy\.opt_out: unknown keys: stp"):
        policy_guidelines({"opt_out": {"stp": ["x"]}})
    assert policy_guidelines({"opt_out": {"stop": ["fin"]}}).opt_out.stop == ("fin",)


def test_only_marketing_templates_are_refused_to_an_opted_out_customer() -> None:
    assert refuses_template("MARKETING", opted_out=True)
    assert refuses_template("marketing", opted_out=True)
    assert not refuses_template("MARKETING", opted_out=False)
    assert not refuses_template("UTILITY", opted_out=True)
    assert not refuses_template("AUTHENTICATION", opted_out=True)
    assert not refuses_template(None, opted_out=True)
