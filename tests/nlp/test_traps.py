"""The known traps named in issue 4, and the tag/JSON format of DESIGN.md."""

from __future__ import annotations

import json

from nlp import build_tagger
from nlp.planfile import parse_plan
from tests.nlp.conftest import PLANS, only, tags_of


def test_design_example_output(tagger_for) -> None:
    result = only(
        tagger_for("panic").tag("She did not practice the breathing exercises this week.")
    )
    data = result.to_json()
    assert list(data) == ["sentence", "tags", "measurements"]
    assert data["sentence"] == "She did not practice the breathing exercises this week."
    assert data["measurements"] == []
    [tag] = data["tags"]
    assert list(tag) == [
        "objective",
        "negated",
        "hypothetical",
        "historical",
        "other_person",
        "progress",
        "evidence",
    ]
    assert tag["objective"] == "O1"
    assert (tag["negated"], tag["hypothetical"], tag["historical"]) == (True, False, False)
    assert tag["progress"] == "worsened"
    assert "breathing exercises ~ diaphragmatic breathing" in tag["evidence"]
    assert "did not (negation)" in tag["evidence"]
    json.dumps(data)


def test_intervention_that_did_not_help_does_not_negate_the_symptom(tagger_for) -> None:
    tag = tags_of(tagger_for("panic"), "It did not help her anxiety.")["O4"]
    assert not tag.negated
    assert tag.progress == "unchanged"
    assert not tag.other_person  # "her" is the client


def test_recent_absence_is_not_history(tagger_for) -> None:
    tag = tags_of(tagger_for("panic"), "No panic attacks in the past month.")["O2"]
    assert tag.negated and not tag.historical
    assert tag.progress == "improved"


def test_breathing_heavily_is_not_the_breathing_practice(tagger_for) -> None:
    assert tags_of(tagger_for("panic"), "Breathing heavily after the stairs.") == {}
    # ... even though "breathing" is one of O1's own keywords:
    assert "O1" in tags_of(tagger_for("panic"), "Her breathing practice went well.")


def test_other_person_mentions_are_not_tagged(tagger_for) -> None:
    panic = tagger_for("panic")
    assert tags_of(panic, "Her mother also has panic attacks.") == {}
    assert tags_of(panic, "Pt's husband has been anxious lately.") == {}
    # the client's own mention before the other person is kept
    assert "O2" in tags_of(panic, "Had a panic attack after a fight with her husband.")


def test_objective_about_parents_keeps_parent_mentions(tagger_for) -> None:
    tags = tags_of(tagger_for("adolescent"), "Parents used the reward chart consistently.")
    assert tags["O4"].progress == "improved"
    assert tags_of(tagger_for("adolescent"), "His brother has frequent tantrums.") == {}


def test_progress_is_judged_against_direction(tagger_for) -> None:
    panic = tagger_for("panic")
    assert tags_of(panic, "Panic attacks are less frequent.")["O2"].progress == "improved"
    assert tags_of(panic, "Panic attacks increased after her job loss.")["O2"].progress == (
        "worsened"
    )
    assert tags_of(panic, "She skipped her breathing practice.")["O1"].progress == "worsened"
    assert tags_of(panic, "Practiced belly breathing daily.")["O1"].progress == "improved"
    assert tags_of(panic, "Frequency of panic attacks unchanged.")["O2"].progress == ("unchanged")
    assert tags_of(panic, "Had a panic attack on Saturday.")["O2"].progress == "unknown"


def test_tag_without_a_plan_objective_is_empty(tagger_for) -> None:
    result = only(tagger_for("panic").tag("Work stress has been high this month."))
    assert result.tags == [] and result.measurements == []


def test_free_before_a_noun_is_no_negation() -> None:
    # "free" negates what it follows ("alcohol free"), not in "two free chairs" or "for free"
    plan = PLANS.parent / "corpora" / "dev_blind" / "plans" / "hoarding.yaml"
    tagger = build_tagger(parse_plan(plan.read_bytes()))
    assert not tags_of(tagger, "Picked up two free chairs from the kerb on the way home.")[
        "O1"
    ].negated
    assert not tags_of(tagger, "Brought home a lamp someone was giving away for free.")[
        "O1"
    ].negated
