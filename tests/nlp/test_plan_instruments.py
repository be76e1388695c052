"""Instruments a plan names that the registry lacks: their scores are read and linked as a
registry instrument's are (nlp/plan_instruments.py), and only in a plan that names them."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import one_goal_tagger

PLAN = """
          - id: O1
            text: "Reduce FOWS score from 40 to below 20"
            direction: decrease
          - id: O2
            text: "Increase days walking the dog to 5 per week"
            direction: increase
          - id: O3
            text: "Raise perceived support as measured by the MSPSS-R from 30 to 50"
            direction: increase
          - id: O4
            text: "Lower the PHQ-9 total to under 10"
            direction: decrease
          - id: O5
            text: "Reduce loneliness (ULS-8) from 24 to 12 or below"
            direction: decrease
"""
OTHER_PLAN = """
          - id: O1
            text: "Increase days walking the dog to 5 per week"
            direction: increase
"""


@pytest.fixture(scope="module")
def tagger():
    return one_goal_tagger(PLAN)


def _one(tagger, text):
    [result] = tagger.tag(text)
    return result


@pytest.mark.parametrize(
    ("text", "objective", "progress", "value", "previous"),
    [
        ("FOWS 31 today, down from 38", "O1", "improved", 31, 38),
        ("FOWS total came in at 25", "O1", "unknown", 25, None),
        ("scored 44 on the FOWS, up from 36", "O1", "worsened", 44, 36),
        ("MSPSS-R 42 vs 35 at intake", "O3", "improved", 42, 35),
        ("MSPSS-R 28/84, was 33", "O3", "worsened", 28, 33),
        ("ULS-8 15 today, was 24 at intake", "O5", "improved", 15, 24),
    ],
)
def test_a_plan_instrument_is_scored_and_linked(tagger, text, objective, progress, value, previous):
    result = _one(tagger, text)
    [score] = [m for m in result.measurements if m.kind == "score"]
    assert (score.value, score.previous) == (value, previous)
    assert [t.objective for t in result.tags] == [objective]
    assert result.tags[0].progress == progress


def test_a_plan_instrument_has_no_range_to_flag(tagger):
    [score] = _one(tagger, "FOWS 140").measurements
    assert score.flag is None


def test_registry_instruments_are_read_as_before(tagger):
    result = _one(tagger, "PHQ-9 was 12, down from 17")
    [score] = result.measurements
    assert (score.name, score.value, score.previous) == ("PHQ-9", 12, 17)
    assert [t.objective for t in result.tags] == ["O4"]


@pytest.mark.parametrize(
    "text",
    ["NHS appointment moved to 3", "CBT 4 this month with Dr. K", "used the TIPP 2 times"],
)
def test_capitals_the_plan_does_not_score_by_are_no_instrument(tagger, text):
    assert not [m for m in _one(tagger, text).measurements if m.kind == "score"]


def test_a_name_only_another_plan_declares_is_not_read():
    result = _one(one_goal_tagger(OTHER_PLAN), "FOWS 31 today, down from 38")
    assert not [m for m in result.measurements if m.kind == "score"]


FORMS_PLAN = """
          - id: O1
            text: "Reduce CAIS total from 40 to below 20"
            direction: decrease
          - id: O2
            text: "Parent completes the CAIS-P rating each month"
            direction: increase
          - id: O3
            text: "Review CAIS results with the school each term"
            direction: increase
"""


def test_a_plan_instrument_goes_to_the_objectives_that_name_it_as_a_word():
    # O2 names another form (CAIS-P), which holds the name only as part of a longer one.
    result = _one(one_goal_tagger(FORMS_PLAN), "CAIS 31 today, down from 38")
    assert sorted(t.objective for t in result.tags) == ["O1", "O3"]


DEPENDENCE_PLAN = """
          - id: O1
            text: "Reduce alcohol dependence (LDQ) from 22 to 8 or below"
            direction: decrease
          - id: O2
            text: "Drink no more than 14 units per week"
            direction: decrease
"""


def test_a_plan_instrument_of_a_named_disorder_leaves_its_symptoms_to_their_own_objective():
    # O1 scores the dependence its words name, so it is global for it (labelling A3): drinking,
    # which O2 has as its target, goes to O2; O1 takes its own scores.
    tagger = one_goal_tagger(DEPENDENCE_PLAN)
    assert [t.objective for t in _one(tagger, "Drank on 3 nights this week.").tags] == ["O2"]
    assert [t.objective for t in _one(tagger, "LDQ 12 today, was 22").tags] == ["O1"]
