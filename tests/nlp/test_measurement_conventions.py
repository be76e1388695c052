"""The measurement conventions of the labelling standard (LABELLING.md D), one table per kind.

The sentences are new, written for each convention rather than taken from a labelled set: the
kinds, earlier values ("compared with", "vs", "(16 at intake)", "went from 80 to 45", "up from
none", "instead of", arrows), "N of 7 days", number words everywhere, SUDS on 0-100, "twice a day";
and the exclusions: never a target, an assignment, a clock time, a dose, a percentage, a range.
They go through the whole pipeline, so a plan or assignment is read as the tagger reads it.
Each row gives (kind, value, previous, scale | period | unit); names are matched loosely by the
standard, so they are not compared.
"""

from __future__ import annotations

import pytest

RATINGS = [
    ("Rated her worry 6 out of 10 this morning.", [("rating", 6, None, 10)]),
    ("Urge to drink rated 4/10, compared with 8/10 last week.", [("rating", 4, 8, 10)]),
    ("Mood 6/10 vs 3/10 a month ago.", [("rating", 6, 3, 10)]),
    ("Self-rated depression at seven out of ten.", [("rating", 7, None, 10)]),
    ("Rated the urge to check at eight out of ten, down from ten.", [("rating", 8, 10, 10)]),
    ("Sadness went from 9/10 to 4/10 over the session.", [("rating", 4, 9, 10)]),
    ("Pain 3 out of 10 (6 at intake).", [("rating", 3, 6, 10)]),
    ("Anger about the move is a 5/10 compared with 9/10 in the spring.", [("rating", 5, 9, 10)]),
    ("Worry sits at two out of ten now, versus six before the exam.", [("rating", 2, 6, 10)]),
    ("Confidence rated 7/10 (3/10 at intake).", [("rating", 7, 3, 10)]),
    ("Cravings 5/10 -> 2/10.", [("rating", 2, 5, 10)]),
    ("Mood: 4/10.", [("rating", 4, None, 10)]),
    ("Anxiety 6/10 compared to 8/10 last session.", [("rating", 6, 8, 10)]),
    ("Worry 3/10 (last week: 6/10).", [("rating", 3, 6, 10)]),
    ("Rated the craving a 6.", [("rating", 6, None, 10)]),
    ("Mood rated 5/10 today, 2/10 two weeks ago.", [("rating", 5, 2, 10)]),
    ("Urges were a 3 out of 10 compared to a 7 last week.", [("rating", 3, 7, 10)]),
    ("Low mood: 3/10 (from 6/10).", [("rating", 3, 6, 10)]),
]

SUDS = [
    ("SUDS of 60 in the lift, compared with 90 the first time.", [("rating", 60, 90, 100)]),
    ("Her SUDS was seventy at the start of the exposure.", [("rating", 70, None, 100)]),
    ("SUDS went from ninety to thirty-five during the exposure.", [("rating", 35, 90, 100)]),
    ("SUDS 30 vs 75 last session.", [("rating", 30, 75, 100)]),
    ("Peak SUDS 55 (85 at the first exposure).", [("rating", 55, 85, 100)]),
    ("Rated his distress 40/100 on the SUDS.", [("rating", 40, None, 100)]),
    ("SUDS dropped from 80 to 45 over 20 minutes.", [("rating", 45, 80, 100)]),
    ("Fear of vomiting rated 60/100 (was 90/100).", [("rating", 60, 90, 100)]),
]

SCORES = [
    ("PHQ-9 today 11 (19 at intake).", [("score", 11, 19, None)]),
    ("GAD-7 was 8 compared with 15 in October.", [("score", 8, 15, None)]),
    ("Y-BOCS came down from 28 to 21.", [("score", 21, 28, None)]),
    ("AUDIT-C of 6 vs 10 at baseline.", [("score", 6, 10, None)]),
    ("PHQ-9 dropped to twelve from eighteen.", [("score", 12, 18, None)]),
    ("His PCL-5 total is 41, up from 33.", [("score", 41, 33, None)]),
    (
        "Scored fourteen on the GAD-7, compared with nineteen at assessment.",
        [("score", 14, 19, None)],
    ),
    ("PHQ-9: 9 vs. 16.", [("score", 9, 16, None)]),
    ("PHQ-9 18 → 12.", [("score", 12, 18, None)]),
    ("GAD-7 10 (prev. 14).", [("score", 10, 14, None)]),
    ("PHQ-9 7, last week 11.", [("score", 7, 11, None)]),
    ("ISI 12, up from 8 the week before.", [("score", 12, 8, None)]),
    ("PHQ-9 decreased from 21 at intake to 13.", [("score", 13, 21, None)]),
    ("Repeat GAD-7 today: 9 (intake 17).", [("score", 9, 17, None)]),
    ("PCL-5 of 45 vs 61 pre-treatment.", [("score", 45, 61, None)]),
]

FREQUENCIES = [
    (
        "Had three panic attacks this week compared with six last week.",
        [("frequency", 3, 6, "week")],
    ),
    ("Drank on 2 of 7 days.", [("frequency", 2, None, "week")]),
    ("Drank on two of the last seven days.", [("frequency", 2, None, "week")]),
    ("Used cannabis 3 days out of 7.", [("frequency", 3, None, "week")]),
    ("Went to the gym twice a week.", [("frequency", 2, None, "week")]),
    ("Did the breathing exercise twice a day.", [("frequency", 2, None, "day")]),
    ("Woke up early three nights this week.", [("frequency", 3, None, "week")]),
    ("Binged twice this week, down from five times.", [("frequency", 2, 5, "week")]),
    (
        "Checked the locks five times a day, vs twenty a day in March.",
        [("frequency", 5, 20, "day")],
    ),
    (
        "Arguments with her partner went from four a week to one a week.",
        [("frequency", 1, 4, "week")],
    ),
    ("Self-harmed once this month, up from none.", [("frequency", 1, 0, "month")]),
    ("Called her sister once a week.", [("frequency", 1, None, "week")]),
    ("Avoided the supermarket four times in the past week.", [("frequency", 4, None, "week")]),
    ("Reassurance-seeking texts: 12 a day, down from 30.", [("frequency", 12, 30, "day")]),
    ("Went out with friends on four days this week.", [("frequency", 4, None, "week")]),
    ("Twelve cigarettes a day, down from twenty.", [("frequency", 12, 20, "day")]),
    ("Had one panic attack this week.", [("frequency", 1, None, "week")]),
    ("Exercised on five of seven days.", [("frequency", 5, None, "week")]),
    ("Two drinking days this week (5 at intake).", [("frequency", 2, 5, "week")]),
    ("Meltdowns went from daily to twice a week.", [("frequency", 2, None, "week")]),
    ("Panic attacks: 2 this week vs 6 last week.", [("frequency", 2, 6, "week")]),
    ("Three arguments this week, up from none.", [("frequency", 3, 0, "week")]),
    (
        "Self-harmed twice in the last month compared with eight times before.",
        [("frequency", 2, 8, "month")],
    ),
    ("Panic attacks down to 2 per week from 5.", [("frequency", 2, 5, "week")]),
    ("Urges 3x/day.", [("frequency", 3, None, "day")]),
    ("Checking 10x/day (vs 25x/day at intake).", [("frequency", 10, 25, "day")]),
    ("Binge episodes: 1/week (from 4/week).", [("frequency", 1, 4, "week")]),
    ("Went to work 3 days this week.", [("frequency", 3, None, "week")]),
    ("Missed two days of school this week.", [("frequency", 2, None, "week")]),
    ("Nightmares 4 nights/week.", [("frequency", 4, None, "week")]),
    (
        "Nightmares on four nights per week, compared with six at intake.",
        [("frequency", 4, 6, "week")],
    ),
    ("Only one drink in the past fortnight.", [("frequency", 1, None, "fortnight")]),
    ("Cut down from 20 cigarettes a day to 10.", [("frequency", 10, 20, "day")]),
    ("Down to ten cigarettes a day from twenty.", [("frequency", 10, 20, "day")]),
    ("Only drank once in the last 7 days.", [("frequency", 1, None, "week")]),
    ("Twice over the weekend she yelled at the kids.", [("frequency", 2, None, "week")]),
    ("Drank 3/7 days.", [("frequency", 3, None, "week")]),
    ("Walked on 4/7 days this week.", [("frequency", 4, None, "week")]),
    ("In the past week she had 2 panic attacks.", [("frequency", 2, None, "week")]),
    ("This week: 4 binges.", [("frequency", 4, None, "week")]),
    (
        "School refusal on 2 days this week, compared with all 5 last week.",
        [("frequency", 2, 5, "week")],
    ),
    ("Two times a day she checks the stove.", [("frequency", 2, None, "day")]),
    ("Drank five nights out of seven.", [("frequency", 5, None, "week")]),
    ("Woke three times a night, down from six.", [("frequency", 3, 6, "night")]),
    ("Purged once this week versus four times last week.", [("frequency", 1, 4, "week")]),
    ("Zero panic attacks this week, down from three.", [("frequency", 0, 3, "week")]),
    ("Drinks per week went from fourteen to six.", [("frequency", 6, 14, "week")]),
    (
        "Binged on 3 occasions this week, compared to 7 the previous week.",
        [("frequency", 3, 7, "week")],
    ),
    ("Panic attacks reduced to one a week.", [("frequency", 1, None, "week")]),
    ("She self-harmed on two occasions in the past month.", [("frequency", 2, None, "month")]),
    ("Drank 6 beers last night.", [("frequency", 6, None, "night")]),
    ("Nightmares twice in the last week.", [("frequency", 2, None, "week")]),
    ("Kept to the sleep window on five of the seven nights.", [("frequency", 5, None, "week")]),
    ("Checked her phone for messages about 40 times a day.", [("frequency", 40, None, "day")]),
    ("Skipped meals 3 times this week.", [("frequency", 3, None, "week")]),
    ("Hand washing: eight a day, down from 15.", [("frequency", 8, 15, "day")]),
    ("Reassurance questions went from about 30 a day to 10 a day.", [("frequency", 10, 30, "day")]),
    ("Purged 0 times this week (vs 3).", [("frequency", 0, 3, "week")]),
    ("Only once this week did he raise his voice.", [("frequency", 1, None, "week")]),
]

DURATIONS = [
    ("Slept five and a half hours, compared with four last week.", [("duration", 5.5, 4, "hour")]),
    ("Took about forty minutes to fall asleep (90 at intake).", [("duration", 40, 90, "minute")]),
    ("Washing took two hours a day.", [("duration", 2, None, "hour")]),
    ("Sober for 45 days.", [("duration", 45, None, "day")]),
    ("It took her an hour to get to sleep.", [("duration", 1, None, "hour")]),
    ("Sleep onset went from 60 minutes to 20 minutes.", [("duration", 20, 60, "minute")]),
    ("Three months sober now.", [("duration", 3, None, "month")]),
    ("Slept seven hours vs five before.", [("duration", 7, 5, "hour")]),
    (
        "Checking rituals take about thirty minutes, down from two hours.",
        [("duration", 30, 120, "minute")],
    ),
    ("Sleeping six hours a night, up from four.", [("duration", 6, 4, "hour")]),
    ("Slept only three hours.", [("duration", 3, None, "hour")]),
    ("Sleep latency ~30 min.", [("duration", 30, None, "minute")]),
    ("SOL 45 min, down from 90.", [("duration", 45, 90, "minute")]),
    ("TST 6.5h, up from 5h.", [("duration", 6.5, 5, "hour")]),
    ("21 days sober.", [("duration", 21, None, "day")]),
    ("Sleep improved from 4 to 6 hours.", [("duration", 6, 4, "hour")]),
    ("Spends about 2 hrs daily checking.", [("duration", 2, None, "hour")]),
    ("Gaming six hours a day.", [("duration", 6, None, "hour")]),
    ("Rumination around 1 hr/day.", [("duration", 1, None, "hour")]),
    ("Exposure lasted forty-five minutes.", [("duration", 45, None, "minute")]),
    (
        "Stayed in the supermarket for 20 minutes (5 minutes last week).",
        [("duration", 20, 5, "minute")],
    ),
    ("Stayed in the shop twenty minutes, up from five.", [("duration", 20, 5, "minute")]),
    ("The panic lasted about ten minutes.", [("duration", 10, None, "minute")]),
    ("Slept 7 hrs compared to 4 hrs at intake.", [("duration", 7, 4, "hour")]),
    ("Sleep onset latency averaged 25 minutes.", [("duration", 25, None, "minute")]),
    ("Has been sober for two months.", [("duration", 2, None, "month")]),
    ("Now 90 days clean.", [("duration", 90, None, "day")]),
    ("Managed 3 weeks without self-harm.", [("duration", 3, None, "week")]),
    ("Spent an hour and a half sorting the spare room.", [("duration", 1.5, None, "hour")]),
    ("Walked for forty minutes, up from ten.", [("duration", 40, 10, "minute")]),
    ("Her rituals now take 45 min instead of 2 hours.", [("duration", 45, 120, "minute")]),
    (
        "Panic episodes last about 5 minutes now compared with 20 before.",
        [("duration", 5, 20, "minute")],
    ),
    ("Stayed at the party for two hours.", [("duration", 2, None, "hour")]),
    ("Lay awake for about an hour.", [("duration", 1, None, "hour")]),
    ("Twenty minutes of meditation daily.", [("duration", 20, None, "minute")]),
    ("Slept nine hours on Saturday.", [("duration", 9, None, "hour")]),
]

NOT_MEASUREMENTS = [
    "Target is to sleep at least seven hours.",
    "Assigned two thought records before next session.",
    "Homework: walk three times a week.",
    "Bedtime set for 10:30 pm, wake at 6:30.",
    "Goes to bed at eleven most nights.",
    "Increased sertraline to 100 mg daily.",
    "Attendance was 80% this term.",
    "Rate anxiety on a 0-10 scale each evening.",
    "Uses a 0 to 100 SUDS scale.",
    "Wants to get her PHQ-9 below 10.",
    "Plan: reduce drinking to two days a week.",
    "Aim is fewer than three drinks a night.",
    "Session 4 of 12.",
    "Next session in two weeks.",
    "Her goal is to walk for thirty minutes a day.",
    "Practise the 5-4-3-2-1 grounding.",
    "Sleep window 11 pm to 6 am.",
    "Sleeps through about 50% of nights.",
    "Will log SUDS 0-100 before and after each exposure.",
    "Takes 20 mg of fluoxetine once a day.",
    "Agreed to three exposures a week.",
    "Asked to keep a sleep diary for seven days.",
    "Wakes at 5 every morning.",
    "Rate cravings 0 to 10 three times a day.",
    "Scored 70% on the coping quiz.",
    "Was told to limit screens to two hours a day.",
    "Her goal is a SUDS under 30.",
    "Panic first started three years ago.",
    "Anxiety went up 20% after the move.",
    "Sleep 6-7 hours on average.",
    "The kids go to bed at half past eight.",
    "Up at seven, in bed by eleven.",
    "Propranolol 10mg twice daily as needed.",
    "Takes one tablet three times a day.",
    "Scored 8 out of 10 on the spelling test.",
    "Walked 2 miles.",
    "Her 3 children are at school.",
    "Over the next two weeks she will practise daily.",
    "Target: SUDS below 40 before ending the exposure.",
    "Plan to increase walks to five days a week.",
    "Will phone her sister twice a week.",
    "Asked to rate mood 0-10 each night.",
    "Hierarchy step 4 of 10.",
    "Worry time set for 15 minutes at 6 pm.",
    "Schedule 3 pleasant activities this week.",
    "Homework: 2 exposures a day.",
    "Reduced her drinking by 50%.",
    "Sleep 5-6 hours.",
    "Panic attacks most days.",
    "A few panic attacks this week.",
    "Mood has been low for hours at a time.",
    "Drinks daily.",
    "She turned 40 this year.",
    "Seen for 50 minutes.",
    "Bedtime routine starts at 9.",
    "Referred for 12 sessions of CBT.",
    "Wake-up time 7 am.",
    "Exposure at step 5 of the hierarchy.",
    "Increase to 3 walks a week.",
    "Goal: PHQ-9 under 10 by March.",
    "Needs to reach 7 hours of sleep.",
    "Lithium 600 mg at night.",
    "Prescribed zopiclone 7.5 mg nightly.",
    "Scored 45% on the worry questionnaire.",
    "Drove 15 km to the clinic.",
    "Session lasted 50 minutes.",
    "Rated on a 1-5 scale.",
    "Rate SUDS out of 100 at each step.",
    "She will aim for 7 hours of sleep.",
    "Practise breathing for 10 minutes twice a day.",
    "Slept less than 5 hours.",
    "Slept over 8 hours.",
    "At 3 am she woke.",
    "Up to 10 panic attacks a day at their worst.",
    "Slept between 5 and 6 hours.",
    "Sleeps 6–7 hours.",
    "Drinks 2 or 3 times a week.",
    "Woke two or three times a night.",
    "Worry time is 20 minutes at 7 pm.",
    "Drinking most weekends.",
    "Has a 6-year-old and a 9-year-old.",
    "Lost 3 kg this month.",
    "Pays 200 dollars a week in rent.",
]


def _shape(m: dict) -> tuple:
    return (
        m["kind"],
        m["value"],
        m.get("previous"),
        m.get("scale") or m.get("period") or m.get("unit"),
    )


@pytest.fixture(scope="module")
def measure(tagger_for):
    tagger = tagger_for("panic")
    return lambda text: [m.to_json() for r in tagger.tag(text) for m in r.measurements]


@pytest.mark.parametrize(("text", "expected"), RATINGS + SUDS + SCORES + FREQUENCIES + DURATIONS)
def test_the_value_the_standard_names(measure, text: str, expected: list[tuple]) -> None:
    assert [_shape(m) for m in measure(text)] == expected


@pytest.mark.parametrize("text", NOT_MEASUREMENTS)
def test_numbers_the_standard_leaves_out(measure, text: str) -> None:
    assert measure(text) == []
