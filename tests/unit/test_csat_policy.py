"""The satisfaction survey's policy (``[[policy.csat]]``) and what an answer means."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from wa_desk.core.csat import (
    DEFAULT_ROWS,
    SURVEY_SENDER,
    csat_policies_from_json,
    rating_of,
    row_id,
)
from wa_desk.demo import DEMO_POLICY
from wa_desk.hub.settings import SettingsError, policy_guidelines
from wa_desk.sim.validation import parse_send
from wa_desk.whatsapp.send_bodies import ListRow, interactive_list


def test_a_queues_own_entry_replaces_the_every_queue_one_and_disabled_means_none() -> None:
    guidelines = policy_guidelines(
        {
            "csat": [
                {"queue": "*", "alert_below": 1},
                {"queue": "ventas", "enabled": False},
                {"queue": "soporte", "question": "¿Qué tal?", "button": "Puntuar"},
            ]
        }
    )
    every = guidelines.csat_for("cobros")
    assert every is not None and every.alert_below == 1 and every.rows == DEFAULT_ROWS
    assert guidelines.csat_for("ventas") is None
    own = guidelines.csat_for("soporte")
    assert own is not None and (own.question, own.button) == ("¿Qué tal?", "Puntuar")
    assert policy_guidelines({}).csat_for("ventas") is None


@pytest.mark.parametrize(
    ("entry", "where"),
    [
        ({"queue": "*", "enabled": "yes"}, "policy.csat[0].enabled"),
        ({"queue": "*", "rows": ["a", "b"]}, "policy.csat[0].rows"),
        ({"queue": "*", "rows": ["a", "b", "c", "d", "x" * 25]}, "policy.csat[0].rows[4]"),
        ({"queue": "*", "button": "x" * 21}, "policy.csat[0].button"),
        ({"queue": "*", "question": " "}, "policy.csat[0].question"),
        ({"queue": "*", "alert_below": 5}, "policy.csat[0].alert_below"),
        ({"queue": "*", "alert_below": True}, "policy.csat[0].alert_below"),
        ({"queue": "*", "colour": "red"}, "policy.csat[0]"),
        ({"enabled": True}, "policy.csat[0].queue"),
    ],
)
def test_an_unusable_entry_names_the_failing_key(entry: dict[str, object], where: str) -> None:
    with pytest.raises(SettingsError) as caught:
        policy_guidelines({"csat": [entry]})
    assert str(caught.value).startswith(f"{where}:")


def test_a_queue_named_twice_is_refused() -> None:
    with pytest.raises(SettingsError, match=r"policy\.csat\[1\]\.queue"):
        policy_guidelines({"csat": [{"queue": "ventas"}, {"queue": "ventas"}]})


def test_every_rating_has_its_row_and_only_a_rows_id_is_a_rating() -> None:
    assert [rating_of(row_id(r)) for r in range(1, 6)] == [1, 2, 3, 4, 5]
    for reply_id in (None, "", "csat-0", "csat-6", "csat-", "csat-x", "opcion_1", "5"):
        assert rating_of(reply_id) is None


def test_the_survey_sender_is_no_user_id() -> None:
    # Users' ids are uuids or names without ':'; a survey never counts as a human reply.
    assert ":" in SURVEY_SENDER


def test_the_demo_and_example_policies_survey_in_a_body_the_graph_api_accepts() -> None:
    example = Path(__file__).parents[2] / "installers" / "hub.example.toml"
    for policy in (
        tomllib.loads(DEMO_POLICY)["policy"],
        tomllib.loads(example.read_text(encoding="utf-8"))["policy"],
    ):
        survey = policy_guidelines(policy).csat_for("ventas")
        assert survey is not None and survey.alert_below == 2
        rows = [ListRow(i, t) for i, t in survey.rows_with_ids()]
        body = interactive_list("5491155550001", survey.question, survey.button, rows)
        assert parse_send("1", body).button_ids == [row_id(r) for r in range(1, 6)]


def test_the_policy_bundle_for_desktops_does_not_carry_the_survey() -> None:
    assert "csat" not in policy_guidelines({"csat": [{"queue": "*"}]}).as_json()
    assert csat_policies_from_json([]) == ()
