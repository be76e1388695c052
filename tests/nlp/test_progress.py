"""Progress judged by the rule table (data/progress_rules.json), against the direction."""

from __future__ import annotations

import pytest

from nlp.progress import judge, progress_rules
from tests.nlp.conftest import tags_of


@pytest.mark.parametrize(
    ("direction", "facts", "expected", "rule"),
    [
        ("decrease", {"negated"}, "improved", "C6"),  # no panic attacks
        ("increase", {"negated"}, "worsened", "C6"),  # did not practise
        ("increase", {"negated", "external"}, "unknown", "C6"),  # no group: the holiday
        ("increase", {"hypothetical", "negated"}, "unknown", "C1"),  # plans to stay sober
        ("decrease", {"historical", "less"}, "unknown", "C2"),
        ("increase", {"delivery"}, "unknown", "C3"),  # taught box breathing
        ("decrease", {"same"}, "unchanged", "C5"),
        ("increase", {"same", "negated"}, "unchanged", "C5"),  # still not practising
        ("decrease", {"worse"}, "worsened", "C4"),
        ("increase", {"better", "less"}, "improved", "C4"),  # valence before amount
        ("increase", {"better", "negated"}, "unchanged", "C5"),  # no better
        ("decrease", {"less"}, "improved", "C4"),
        ("decrease", {"more"}, "worsened", "C4"),
        ("increase", {"more", "less"}, "improved", "C7"),  # contradicting amounts: no change said
        ("decrease", {"measured_less"}, "improved", "C4"),  # PHQ-9 11 (was 16)
        ("increase", {"measured_less"}, "worsened", "C4"),  # slept 5 hours, down from 7
        ("decrease", {"replacement"}, "improved", "C4"),  # resisted asking for reassurance
        ("decrease", {"replaced"}, "improved", "C4"),  # went for a walk instead of bingeing
        ("increase", {"replaced", "negated"}, "worsened", "C4"),  # scrolled rather than walked
        ("increase", {"replaced", "hypothetical"}, "unknown", "C1"),  # will call rather than text
        ("increase", {"insufficient"}, "worsened", "C8"),  # practised sporadically
        ("increase", set(), "improved", "C7"),  # practised
        ("decrease", set(), "unknown", "C9"),  # had a panic attack
        (None, {"less"}, "unknown", "C9"),  # no direction known
        (None, {"better"}, "improved", "C4"),
    ],
)
def test_first_matching_rule_decides(direction, facts, expected, rule) -> None:
    progress, decided_by = judge(direction, facts)
    assert (progress, decided_by.id) == (expected, rule)


def test_every_outcome_in_the_table_is_a_progress_value() -> None:
    allowed = {"improved", "worsened", "unchanged", "unknown"}
    for rule in progress_rules():
        assert set(rule.outcomes.values()) <= allowed, rule.id
    assert "any" in progress_rules()[-1].outcomes  # the last rule always decides


def test_progress_words_are_not_folded(tagger_for) -> None:
    insomnia = tagger_for("insomnia")
    assert tags_of(insomnia, "Sleep is better.")["O1"].progress == "improved"
    assert tags_of(insomnia, "Sleep is worse.")["O1"].progress == "worsened"
    assert tags_of(insomnia, "Sleeping about 7 hours a night, up from 5.")["O1"].progress == (
        "improved"
    )


def test_the_deciding_rule_is_in_the_evidence(tagger_for) -> None:
    tag = tags_of(tagger_for("panic"), "Taught box breathing in session.")["O1"]
    assert tag.progress == "unknown"
    assert "rule C3: the therapist's delivery" in tag.evidence


def test_going_into_an_avoided_situation_is_less_avoidance(tagger_for) -> None:
    social = tagger_for("social_anxiety")
    assert tags_of(social, "Went to a neighbourhood gathering.")["O2"].progress == "improved"
    # turning them down is the avoidance itself: it occurred (C9), it is not negated (B)
    declined = tags_of(social, "Turned down two invitations.")["O2"]
    assert (declined.negated, declined.progress) == (False, "unknown")
    # the avoidance itself keeps the objective's own direction
    assert tags_of(social, "Avoidance of parties has decreased.")["O2"].progress == "improved"
    ptsd = tagger_for("ptsd")
    assert tags_of(ptsd, "Drove past the accident site for the first time.")["O4"].progress == (
        "improved"
    )


@pytest.mark.parametrize(
    ("plan", "text", "objective", "negated", "progress"),
    [
        # the objective's behaviour after "instead of" / "rather than" was replaced: improved
        (
            "binge_eating",
            "Went for a walk instead of bingeing after the argument.",
            "O1",
            False,
            "improved",
        ),
        ("alcohol", "Had a soda instead of a beer at the barbecue.", "O1", False, "improved"),
        (
            "adolescent",
            "Took himself off to his room rather than kicking off.",
            "O1",
            False,
            "improved",
        ),
        # an increase objective's behaviour replaced by something else did not happen
        (
            "insomnia",
            "Scrolled on her phone rather than filling in the sleep diary.",
            "O4",
            True,
            "worsened",
        ),
        # cessation of a decrease objective's behaviour: did not occur, improved
        ("alcohol", "Gave up drinking after the New Year.", "O1", True, "improved"),
        ("alcohol", "No longer drinks on weeknights.", "O1", True, "improved"),
        ("ocd", "Stopped checking the locks twice before bed.", "O4", True, "improved"),
        # cessation of an increase objective's behaviour: worsened
        ("insomnia", "Stopped filling in the sleep diary after Tuesday.", "O4", True, "worsened"),
        ("panic", "Gave up on the breathing practice mid-week.", "O1", True, "worsened"),
        # "no longer" is not "longer": an avoidance that ended is better
        ("social_anxiety", "No longer avoids the staff room at lunch.", "O2", False, "improved"),
    ],
)
def test_cessation_and_replacement(tagger_for, plan, text, objective, negated, progress) -> None:
    tag = tags_of(tagger_for(plan), text)[objective]
    assert (tag.negated, tag.progress) == (negated, progress), tag.evidence
    assert any(e.startswith("rule C") for e in tag.evidence)


def test_the_replacement_rule_is_named_in_the_evidence(tagger_for) -> None:
    tag = tags_of(tagger_for("binge_eating"), "Phoned her sister instead of bingeing.")["O1"]
    assert "rule C4: done instead of by something else" in tag.evidence
