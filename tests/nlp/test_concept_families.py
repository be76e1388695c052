"""Concept families (issue 11 item 2): colloquial, British and shorthand forms of a plan's target
reach the objective even though the plan never uses those words. The sentences are new, written
for these tests; none is a row of a labelled set."""

from __future__ import annotations

import pytest

from nlp import build_tagger
from nlp.planfile import parse_plan
from tests.nlp.conftest import PLANS, tags_of

FAMILIES = [
    ("insomnia", "Couldn't get off to sleep until well after midnight on Tuesday.", "O1"),
    ("insomnia", "SOL around 40 min on most nights per his log.", "O1"),
    ("insomnia", "Rolled out of bed at 6:45 every day including Saturday.", "O2"),
    ("panic", "Had a freak-out in the car park and was sure she was dying.", "O2"),
    ("alcohol", "Fell off the wagon at his cousin's stag do.", "O1"),
    ("alcohol", "Went off the wagon for two nights after the funeral.", "O1"),
    ("alcohol", "Was jonesing for a pint all afternoon.", "O4"),
    ("adolescent", "Went ballistic when asked to turn the console off.", "O1"),
    ("adolescent", "Blew his top at his mum over the chores.", "O1"),
    ("adolescent", "Stayed home sick again on Monday and Tuesday.", "O3"),
    ("adolescent", "Dad confiscated the tablet after the second warning, as agreed.", "O4"),
    ("adolescent", "Mum tried to catch him being good at least once a day.", "O4"),
    ("ptsd", "Said it all came flooding back when the lorry braked behind her.", "O1"),
    ("ptsd", "Was in a daze for most of the drive home.", "O1"),
    ("social_anxiety", "Made his excuses and gave the leaving drinks a miss.", "O2"),
    ("depression", "Felt flat and fed up most of the week.", "O1"),
    ("depression", "Cycled to the park and back on Saturday.", "O3"),
    ("binge_eating", "Lost control with food twice after work.", "O1"),
    ("ocd", "Had to redo the stove check until it felt just right.", "O4"),
]


@pytest.mark.parametrize(("plan", "text", "objective"), FAMILIES)
def test_family_forms_reach_the_objective(tagger_for, plan: str, text: str, objective: str) -> None:
    assert objective in tags_of(tagger_for(plan), text)


def test_absent_forms_of_attendance_are_negated() -> None:
    # "skipped group" says the attendance did not happen: negated, worsened on an increase goal
    plan = PLANS.parent / "corpora" / "dev_blind" / "plans" / "opioid.yaml"
    tagger = build_tagger(parse_plan(plan.read_bytes()))
    tag = tags_of(tagger, "Skipped group on Thursday to help his uncle move.")["O4"]
    assert tag.negated
    assert tag.progress == "worsened"


def test_gardening_phrases_are_the_hobby_not_cannabis() -> None:
    # folded, "weeding" and "potting" are "weed" and "pot": the longer gardening term wins
    shared_plans = PLANS.parent / "corpora" / "shared" / "plans"
    grief = build_tagger(parse_plan((shared_plans / "grief.yaml").read_bytes()))
    assert set(tags_of(grief, "Did some weeding and potting up in the greenhouse.")) == {"O6"}
    psychosis = build_tagger(parse_plan((shared_plans / "psychosis.yaml").read_bytes()))
    assert tags_of(psychosis, "Did some weeding at his nan's on Sunday.") == {}
    assert "O4" in tags_of(psychosis, "Smoked weed every night this week.")


def test_a_worry_slot_is_the_worry_period() -> None:
    plan = PLANS.parent / "corpora" / "shared" / "plans" / "gad.yaml"
    tagger = build_tagger(parse_plan(plan.read_bytes()))
    tag = tags_of(tagger, "Kept the worrying to her 6pm slot on most days.")
    assert "O3" in tag


def test_an_urge_is_not_the_act_and_wanting_is_not_always_craving() -> None:
    plan = PLANS.parent / "corpora" / "shared" / "plans" / "dbt.yaml"
    tagger = build_tagger(parse_plan(plan.read_bytes()))
    tags = tags_of(
        tagger, "Urge to cut hit 8/10 after the phone call, so she held ice until it passed."
    )
    assert set(tags) == {"O2", "O3"}  # the urge and the skill, not a self-harm act
    tags = tags_of(tagger, "Used opposite action when she wanted to isolate and went out.")
    assert set(tags) == {"O5"}


def test_keeping_quiet_in_a_meeting_negates_speaking_up(tagger_for) -> None:
    tag = tags_of(tagger_for("social_anxiety"), "Kept quiet in the Monday meeting again.")["O4"]
    assert (tag.negated, tag.progress) == (True, "worsened")


def test_bed_and_rise_times_said_plainly_and_constant_thoughts_of_him() -> None:
    shared_plans = PLANS.parent / "corpora" / "shared" / "plans"
    bipolar = build_tagger(parse_plan((shared_plans / "bipolar.yaml").read_bytes()))
    assert set(tags_of(bipolar, "Bed at 2am on Friday and Saturday, up at noon.")) == {"O4"}
    grief = build_tagger(parse_plan((shared_plans / "grief.yaml").read_bytes()))
    assert "O2" in tags_of(grief, "Thinks about him constantly, most of the day.")
