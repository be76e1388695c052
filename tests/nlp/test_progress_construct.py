"""Progress through the construct, and the phrasings that read one way but mean another.

The labelling standard's C4 note ("a numeric comparison decides rule 4 through the construct"):
a measured quantity says which way is better whatever the objective's wording, so a shorter
fall-asleep time is improved for "Fall asleep within 30 minutes", an increase objective. Also
"no more X" and "X no more" (B: the target did not occur), the problem an increase objective's
behaviour undoes named in its own words ("lying awake" of sleep onset), idioms that hold a change
word ("walked down to the shops", "she dropped off quickly"), an age of onset as history (C2),
abstinence streaks (B, and D: a streak is a duration), and a change word beside another
objective's mention ("AA twice and drinking less": the drinking's change). Sentences written
for this test, not taken from any labelled set. Each case checks negated, progress and the rule
in the evidence.
"""

from __future__ import annotations

import pytest

from tests.nlp.conftest import one_goal_tagger, tags_of

PLANS = {
    "sleep": """
          - id: S1
            text: "Fall asleep within 30 minutes on 5 nights a week"
            direction: increase
          - id: S2
            text: "Get at least 7 hours of sleep a night"
            direction: increase
""",
    "latency": """
          - id: L1
            text: "Reduce sleep onset latency to under 30 minutes"
            direction: decrease
""",
    "mood": """
          - id: M1
            text: "Reduce depressive symptoms to a PHQ-9 below 10"
            direction: decrease
          - id: M2
            text: "Walk for 30 minutes three times a week"
            direction: increase
""",
    "habits": """
          - id: H1
            text: "Stop drinking alcohol"
            direction: decrease
          - id: H2
            text: "Reduce cannabis use"
            direction: decrease
          - id: H3
            text: "Reduce hair pulling episodes"
            direction: decrease
""",
    "panic": """
          - id: X1
            text: "Reduce panic attacks to fewer than one a week"
            direction: decrease
""",
    "recovery": """
          - id: R1
            text: "Attend AA meetings twice a week"
            direction: increase
          - id: R2
            text: "Reduce drinking"
            direction: decrease
          - id: R3
            text: "Reduce cravings for alcohol"
            direction: decrease
""",
    "sober": """
          - id: A1
            text: "Maintain sobriety from alcohol"
            direction: increase
""",
}

N, P = True, False  # the expected `negated`, readable in the table

CASES = [
    # C4 through the construct: the measured quantity decides, not the objective's direction
    (
        "sleep",
        "Now it takes her 20 min to fall asleep, compared with 75.",
        "S1",
        P,
        "improved",
        "better way",
    ),
    (
        "sleep",
        "Sleep latency up to 50 minutes from 25 last week.",
        "S1",
        P,
        "worsened",
        "worse way",
    ),
    ("latency", "Onset latency of 15 minutes versus 40 before.", "L1", P, "improved", "better way"),
    ("sleep", "Sleeping 6 and a half hours, up from 4.", "S2", P, "improved", "better way"),
    (
        "panic",
        "The attacks lasted 3 minutes, compared with 15 last month.",
        "X1",
        P,
        "improved",
        "better way",
    ),
    # a change word beside a mention whose concept is a quantity of the construct
    ("sleep", "Took longer to fall asleep on work nights.", "S1", P, "worsened", "got worse"),
    ("sleep", "Falling asleep faster than in the summer.", "S1", P, "improved", "got better"),
    ("latency", "Falling asleep faster than in the summer.", "L1", P, "improved", "got better"),
    # a change word beside a rated state of the mention is read by that state
    ("mood", "Her mood has been a lot higher this week.", "M1", P, "improved", "got better"),
    ("mood", "Mood noticeably lower since the job loss.", "M1", P, "worsened", "got worse"),
    ("mood", "Low mood less often than in the spring.", "M1", P, "improved", "less"),
    # "no more X", "X no more": the target did not occur
    ("panic", "No more panic attacks on the bus since March.", "X1", N, "improved", "not occur"),
    ("panic", "The panic attacks, no more since the new job.", "X1", N, "improved", "not occur"),
    ("habits", "Zero drinks over the long weekend.", "H1", N, "improved", "not occur"),
    # the problem an increase objective's behaviour undoes, in the objective's concept's words
    (
        "sleep",
        "Drifts off sooner and no more lying awake for ages.",
        "S1",
        P,
        "improved",
        "got better",
    ),
    ("sleep", "No more tossing and turning at night.", "S1", P, "improved", "behaviour occurred"),
    (
        "sleep",
        "Tossing and turning until the early hours on Sunday.",
        "S1",
        N,
        "worsened",
        "not occur",
    ),
    ("latency", "No more tossing and turning at night.", "L1", N, "improved", "not occur"),
    # idioms that hold a change word
    ("sleep", "She dropped off quickly most nights.", "S1", P, "improved", "behaviour occurred"),
    (
        "mood",
        "Walked down to the shops and back on Friday.",
        "M2",
        P,
        "improved",
        "behaviour occurred",
    ),
    ("mood", "Walking down to twice a week since the injury.", "M2", P, "worsened", "less"),
    (
        "panic",
        "Panic attacks dropped off quickly once she started the breathing.",
        "X1",
        P,
        "improved",
        "got better",
    ),
    # history before the change word (C2 before C4)
    (
        "habits",
        "Started smoking weed at 14, dropping to weekends at uni.",
        "H2",
        P,
        "unknown",
        "the past",
    ),
    (
        "habits",
        "Pulled her hair a lot as a teen, dropping off later.",
        "H3",
        P,
        "unknown",
        "the past",
    ),
    # abstinence streaks
    ("habits", "Off weed 9 days now.", "H2", N, "improved", "not occur"),
    ("habits", "Four days pull-free.", "H3", N, "improved", "not occur"),
    ("habits", "Two weeks since his last drink.", "H1", N, "improved", "not occur"),
    ("sober", "Eleven days sober.", "A1", P, "improved", "behaviour occurred"),
    (
        "recovery",
        "Ten days sober, cravings strong at night.",
        "R3",
        P,
        "unknown",
        "symptom occurred",
    ),
    ("recovery", "Cut out wine on weeknights.", "R2", N, "improved", "not occur"),
    # a change word beside another objective's mention is that objective's change
    (
        "recovery",
        "Went to three AA meetings and is drinking much less.",
        "R1",
        P,
        "improved",
        "behaviour occurred",
    ),
    (
        "recovery",
        "Went to three AA meetings and is drinking much less.",
        "R2",
        P,
        "improved",
        "less",
    ),
    ("sober", "Had a few beers at the match.", "A1", N, "worsened", "not occur"),
]


@pytest.fixture(scope="module")
def taggers():
    return {name: one_goal_tagger(objectives) for name, objectives in PLANS.items()}


@pytest.mark.parametrize(("plan", "sentence", "objective", "negated", "progress", "rule"), CASES)
def test_progress_through_the_construct(
    taggers, plan, sentence, objective, negated, progress, rule
) -> None:
    tag = tags_of(taggers[plan], sentence)[objective]
    assert (tag.negated, tag.progress) == (negated, progress), tag.evidence
    assert any(e.startswith("rule ") and rule in e for e in tag.evidence), tag.evidence


def test_the_construct_is_named_in_the_evidence(taggers) -> None:
    tag = tags_of(taggers["sleep"], "Took 25 min to fall asleep, down from 90.")["S1"]
    assert "sleep onset 25 from 90: lower is better (construct)" in tag.evidence


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Off weed 9 days now.", 9, "day"),
        ("Four days pull-free.", 4, "day"),
        ("Two weeks since his last drink.", 2, "week"),
    ],
)
def test_an_abstinence_streak_is_a_duration(taggers, sentence, value, unit) -> None:
    (result,) = taggers["habits"].tag(sentence)
    assert [m.to_json() for m in result.measurements] == [
        {"kind": "duration", "name": "abstinence", "value": value, "unit": unit}
    ]


@pytest.mark.parametrize(
    "sentence", ["Pulled her hair 2 days ago.", "First drink in 3 months on Saturday."]
)
def test_a_time_anchor_is_no_streak(taggers, sentence) -> None:
    (result,) = taggers["habits"].tag(sentence)
    assert result.measurements == []


def test_an_age_of_onset_is_not_a_clock_time(taggers) -> None:
    assert tags_of(taggers["habits"], "Started drinking at 15.")["H1"].historical
    assert not tags_of(taggers["habits"], "Started drinking at 9 am on Sunday.")["H1"].historical
