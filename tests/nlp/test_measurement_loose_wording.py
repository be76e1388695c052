"""Measurements written loosely, as notes are (labelling standard D): an earlier value in a clause
of its own ("was 27 back in sept", "15 at intake, 9 today", "having been 50"), a value after "at"
that follows what it measures ("anxiety at 7", "PHQ-9 at 12": no clock time), a qualifier before
the value ("maybe a 5", "like twice"), period shorthand ("3x wkly"); and, once the earlier value is
read, progress from value against previous (table C4) for the objective linked to it.

Sentences and plans written for this test, not taken from any labelled set. Rows give (kind,
value, previous, scale | period | unit); names are matched loosely by the standard.
"""

from __future__ import annotations

import pytest

from tests.nlp.conftest import listed_plan_taggers, measurement_shape, tags_of

EARLIER_IN_A_CLAUSE = [
    ("Fear of lifts 3/10 this wk; 8/10 in sept.", [("rating", 3, 8, 10)]),
    ("Worry 5/10 now, 9/10 back in Feb.", [("rating", 5, 9, 10)]),
    ("Shame 4/10 today, 8/10 in the summer.", [("rating", 4, 8, 10)]),
    ("GAD-7 8 this time and 15 at the first session.", [("score", 8, 15, None)]),
    ("BDI 21 today but 34 at referral.", [("score", 21, 34, None)]),
    ("Her PCL-5 came in at 33, having been 50 in the summer.", [("score", 33, 50, None)]),
    # the earlier value first, the present one in the next clause
    ("GAD-7 15 at intake, 9 today.", [("score", 9, 15, None)]),
    ("At intake her PHQ-9 was 19; today it is 11.", [("score", 11, 19, None)]),
    ("ISI 22 at baseline and now 14.", [("score", 14, 22, None)]),
    ("Craving was 8/10 last week and is 3/10 now.", [("rating", 3, 8, 10)]),
    ("Urges 7/10 on admission, 2/10 this week.", [("rating", 2, 7, 10)]),
    ("The BDI was repeated: 17, against 29 at the first session.", [("score", 17, 29, None)]),
    ("Fear 2/10 after the lift ride; it had been 7/10 before.", [("rating", 2, 7, 10)]),
]

AFTER_AT = [
    ("Anxiety at 7 at the start of the exposure.", [("rating", 7, None, 10)]),
    ("Urges were at 8 before the session.", [("rating", 8, None, 10)]),
    ("Mood at 4 this week, up from 2.", [("rating", 4, 2, 10)]),
    ("PHQ-9 at 12, down from 19 last month.", [("score", 12, 19, None)]),
    ("Y-BOCS stood at 20 today.", [("score", 20, None, None)]),
]

QUALIFIED = [
    ("Mood maybe a 5 today.", [("rating", 5, None, 10)]),
    ("Fear roughly a 6 while driving.", [("rating", 6, None, 10)]),
    ("Purged 3x wkly.", [("frequency", 3, None, "week")]),
    ("Slept maybe 6 hours, up from like 4.", [("duration", 6, 4, "hour")]),
    ("Night waking down to perhaps twice this wk.", [("frequency", 2, None, "week")]),
]

BEFORE_AND_AFTER = [
    ("Fear 7/10 before the lift, after 3/10.", [("rating", 3, 7, 10)]),
    ("SUDS 60 then 25.", [("rating", 25, 60, 100)]),
    ("Urge to pick 6, down from 9.", [("rating", 6, 9, 10)]),
    ("Hopelessness 5 today (8 at intake).", [("rating", 5, 8, 10)]),
    ("Distress 70/100 during the exposure, 30/100 after.", [("rating", 30, 70, 100)]),
    ("Pain level 5 this morning.", [("rating", 5, None, 10)]),
    ("Subjective units of distress 45 in the lift.", [("rating", 45, None, 100)]),
]

COUNTS_AND_SPANS = [
    (
        "Binged twice and purged once this week.",
        [("frequency", 2, None, "week"), ("frequency", 1, None, "week")],
    ),
    ("Left the room 4 times this week.", [("frequency", 4, None, "week")]),
    ("Checks the clock 5 times an hour.", [("frequency", 5, None, "hour")]),
    ("Sobbed 15 minutes after the phone call.", [("duration", 15, None, "minute")]),
    ("Froze for 30 seconds in the queue.", [("duration", 30, None, "second")]),
    ("The flashbacks last around 5 minutes.", [("duration", 5, None, "minute")]),
    ("Was up 2 hours in the night after the nightmare.", [("duration", 2, None, "hour")]),
    ("Put off the essay for about 2 hours.", [("duration", 2, None, "hour")]),
    ("Gamed 5 hours on Sunday.", [("duration", 5, None, "hour")]),
    # the days of an earlier "N of 7" are no count of their own
    ("Journaled 4 of 7 days, vs 1 of 7 last week.", [("frequency", 4, 1, "week")]),
    ("Vaping down from 30 a day to about 12 now.", [("frequency", 12, 30, "day")]),
    ("Went to the gym twice-weekly.", [("frequency", 2, None, "week")]),
    ("Self-harmed once in 14 days.", [("frequency", 1, None, "fortnight")]),
]

# Scales the registry knows (data/instruments.json), written as notes write them
SCALES = [
    ("HADS-A 12, was 16 at intake.", [("score", 12, 16, None)]),
    ("PGSI 9 vs 17 at baseline.", [("score", 9, 17, None)]),
    ("CES-D 30 (41 at intake).", [("score", 30, 41, None)]),
    ("IGDS9-SF 24 today.", [("score", 24, None, None)]),
    ("PHQ-9 down 4 points to 13.", [("score", 13, None, None)]),
    ("ISI 19 to 12 over the month.", [("score", 12, 19, None)]),  # going down: no range
    ("OASIS completed: 8, previous 13.", [("score", 8, 13, None)]),
    ("GAD-7 and BDI were 12 and 25.", [("score", 12, None, None), ("score", 25, None, None)]),
]

# The clock and the goal stay out, however the value is qualified or placed.
STILL_NOT = [
    "Woke at 4 most mornings.",
    "Anxiety woke her at 4 every morning.",
    "Mood usually dips at 3 in the afternoon.",
    "Panic at 4 in the morning woke him.",
    "Urges at 2 or lower is the aim.",
    "Wants his worry at 3 by review.",
    "Her goal is maybe 3 drinks a week.",
    "Panic attacks only a couple of times this week.",
    "Woke with nightmares every night this week.",
    "Checked the locks most days.",
    "Had 2 coffees an hour before bed.",
    "Binges down from 6 last month.",  # the earlier value alone
    "No binges this week (4 last week).",  # "no" is no count (D); 4 is only the earlier value
    "Homework is to walk the dog 4 times this week.",  # an assignment
    "Was asked to log her mood twice a day.",
    "Slowed her breathing to 6 breaths a minute.",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    EARLIER_IN_A_CLAUSE + AFTER_AT + QUALIFIED + BEFORE_AND_AFTER + COUNTS_AND_SPANS + SCALES,
)
def test_the_value_and_its_earlier_value(measure, text: str, expected: list[tuple]) -> None:
    assert [measurement_shape(m) for m in measure(text)] == expected


@pytest.mark.parametrize("text", STILL_NOT)
def test_still_no_measurement(measure, text: str) -> None:
    assert measure(text) == []


PLANS = {
    "mixed": [
        ("D1", "Reduce depressive symptoms to a PHQ-9 below 10", "decrease"),
        ("F1", "Reduce nicotine dependence (FTND) from 8 to 3", "decrease"),
        ("W1", "Improve wellbeing on the WEMWBS from 32 to 50", "increase"),
        ("A1", "Lower fear of driving rating to 3/10", "decrease"),
    ],
}


@pytest.fixture(scope="module")
def tagger():
    return listed_plan_taggers(PLANS)("mixed")


@pytest.mark.parametrize(
    ("text", "objective", "progress"),
    [
        ("At intake his PHQ-9 was 21; today it is 13.", "D1", "improved"),
        # both values before treatment: only the past (C2)
        ("Before treatment his PHQ-9 was 25, down from 27 the month before.", "D1", "unknown"),
        ("PHQ-9 at 16 today, was 11 last month.", "D1", "worsened"),
        ("FTND 5 this week, it was 8 back in March.", "F1", "improved"),
        ("FTND scored 6 (8 at intake).", "F1", "improved"),
        ("WEMWBS 32 at intake, 41 today.", "W1", "improved"),
        ("Driving fear 7/10 in oct, 4/10 this wk.", "A1", "improved"),
    ],
)
def test_progress_follows_value_against_previous(
    tagger, text: str, objective: str, progress: str
) -> None:
    tags = tags_of(tagger, text)
    assert objective in tags, text
    assert tags[objective].progress == progress


# A plan's own scale, declared by how its objective writes the scale's values, and read however
# the note writes the score ("QRS-7=18", "ZFQ: 12"); capitals that are never a scale are not one.
DECLARING = [
    ("Q1", "Lower the QRS-7 from 30 to 12", "decrease"),
    ("Z1", "Keep worry about vomiting at ZFQ < 10", "decrease"),
    ("M1", "Increase AA from 1 to 3 meetings a week", "increase"),
]


@pytest.fixture(scope="module")
def declaring():
    return listed_plan_taggers({"declaring": DECLARING})("declaring")


@pytest.mark.parametrize(
    ("text", "objective", "value", "previous", "progress"),
    [
        ("QRS-7=18, was 26.", "Q1", 18, 26, "improved"),
        ("QRS-7 scored 22 today, 19 last month.", "Q1", 22, 19, "worsened"),
        ("ZFQ: 12 (17 at intake).", "Z1", 12, 17, "improved"),
        ("ZFQ 9 today.", "Z1", 9, None, "unknown"),
    ],
)
def test_a_plan_scale_declared_by_its_values(declaring, text, objective, value, previous, progress):
    [result] = declaring.tag(text)
    [score] = [m for m in result.measurements if m.kind == "score"]
    assert (score.value, score.previous) == (value, previous)
    assert {t.objective: t.progress for t in result.tags} == {objective: progress}


def test_capitals_never_a_scale(declaring) -> None:
    [result] = declaring.tag("AA 2 times this week.")
    assert [m.kind for m in result.measurements] == ["frequency"]
