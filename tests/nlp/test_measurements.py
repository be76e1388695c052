"""Measurements: ratings, instrument scores, frequencies, durations, and out-of-range flags."""

from __future__ import annotations

import pytest

from nlp.measurements import MeasurementReader


@pytest.fixture(scope="module")
def read():
    reader = MeasurementReader()
    return lambda text: [m.to_json() for m in reader.read(text)]


def test_ratings(read) -> None:
    assert read("Anxiety 6/10, down from 8.") == [
        {"kind": "rating", "name": "anxiety", "value": 6, "scale": 10, "previous": 8}
    ]
    assert read("Pt rated her mood a 4 today.") == [
        {"kind": "rating", "name": "mood", "value": 4, "scale": 10}
    ]
    assert read("Cravings down to 3/10 from 6/10.") == [
        {"kind": "rating", "name": "craving", "value": 3, "scale": 10, "previous": 6}
    ]
    assert read("Anxiety 4/10 today, up from 2 last week.")[0]["previous"] == 2
    assert read("Anxiety 12/10 at the worst.")[0]["flag"] == "out_of_range"
    assert read("Scored 3/10 on the quiz.") == []  # nothing rateable named


def test_instrument_scores(read) -> None:
    assert read("PHQ-9 = 14.") == [{"kind": "score", "name": "PHQ-9", "value": 14}]
    assert read("Scored 12 on the PHQ9.") == [{"kind": "score", "name": "PHQ-9", "value": 12}]
    assert read("GAD-7 score of 9, down from 14.") == [
        {"kind": "score", "name": "GAD-7", "value": 9, "previous": 14}
    ]
    assert read("Pt's YBOCS is 18 (was 24).")[0] == {
        "kind": "score",
        "name": "Y-BOCS",
        "value": 18,
        "previous": 24,
    }
    assert read("PCL-5 went from 58 to 44.")[0]["previous"] == 58
    assert read("AUDIT-C 9, previously 11.")[0]["name"] == "AUDIT-C"
    assert read("AUDIT score 18.")[0]["name"] == "AUDIT"
    # SUDS is a subjective 0-100 scale: a rating (labelling standard D)
    assert read("SUDS 70 during the exposure.")[0] == {
        "kind": "rating",
        "name": "SUDS",
        "value": 70,
        "scale": 100,
    }
    assert read("LSAS of 62, down from 80.") == [
        {"kind": "score", "name": "LSAS", "value": 62, "previous": 80}
    ]


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("PHQ-9 of 31.", "PHQ-9", 31),
        ("GAD-7: 22", "GAD-7", 22),
        ("PCL-5 = 85", "PCL-5", 85),
        ("AUDIT of 45", "AUDIT", 45),
        ("AUDIT-C 13", "AUDIT-C", 13),
        ("Y-BOCS 41", "Y-BOCS", 41),
        ("LSAS 150", "LSAS", 150),
    ],
)
def test_out_of_range_scores_are_flagged(read, text: str, name: str, value: int) -> None:
    assert read(text) == [{"kind": "score", "name": name, "value": value, "flag": "out_of_range"}]


def test_frequencies(read) -> None:
    assert read("Reports 3 panic attacks this week, down from 5.") == [
        {"kind": "frequency", "name": "panic attack", "value": 3, "period": "week", "previous": 5}
    ]
    assert read("Uses belly breathing twice daily.") == [
        {"kind": "frequency", "name": None, "value": 2, "period": "day"}
    ]
    assert read("Attended 2 AA meetings this week.")[0]["name"] == "AA meeting"
    assert read("Still drinking 4 cups of coffee a day.")[0]["name"] == "cup of coffee"
    assert read("Handwashing: 8 times/day.")[0] == {
        "kind": "frequency",
        "name": None,
        "value": 8,
        "period": "day",
    }
    # a count of days with a period is a frequency under the labelling standard (D)
    assert read("Endorsed SI on two days this week.") == [
        {"kind": "frequency", "name": "day", "value": 2, "period": "week"}
    ]
    assert read("Walked on 4 of 7 days.") == [
        {"kind": "frequency", "name": "walked", "value": 4, "period": "week"}
    ]
    assert read("Checked the stove once yesterday.")[0]["period"] == "day"


def test_durations(read) -> None:
    assert read("Slept 6 hours last night.") == [
        {"kind": "duration", "name": "sleep", "value": 6, "unit": "hour"}
    ]
    assert read("Sleeping about 7 hours a night, up from 5.")[0]["previous"] == 5
    assert read("Pt's sleep improved to 6.5 hrs per night.")[0]["value"] == 6.5
    assert read("Walked 20 minutes on Monday.")[0]["name"] == "walk"
    assert read("Arrived 10 min before the session.") == []  # no activity named


def test_a_subjective_scale_above_its_top_is_flagged(read) -> None:
    assert read("SUDS 120") == [
        {"kind": "rating", "name": "SUDS", "value": 120, "scale": 100, "flag": "out_of_range"}
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Goal: no more than 2 drinks a day.",  # a target
        "Aim for at least 20 minutes of walking.",  # a threshold
        "Took 50 mg of sertraline at 8 pm.",  # a dose, a clock time
        "Her 10-year-old son is in 5th grade.",  # an age, a grade
        "Rate tension 0-10 morning and evening.",  # a range
        "Practised 4-7-8 breathing.",  # a technique's parameters
        "First panic attack in 2 months; the last was 3 weeks ago.",  # time anchors
        "Session 6 of 12, a 50-minute session.",  # session number and length
        "Scored 85% on the quiz.",  # a percentage
        "Didn't go for her walk once this week.",  # "not once" is none
    ],
)
def test_numbers_that_are_not_measurements(read, text: str) -> None:
    assert read(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Slept about seven hours, up from five.",
            {"kind": "duration", "name": "sleep", "value": 7, "unit": "hour", "previous": 5},
        ),
        (
            "Worry 7/10 vs 9/10 last week.",
            {"kind": "rating", "name": "worry", "value": 7, "scale": 10, "previous": 9},
        ),
        (
            "PCL-5 38 (52 at intake).",
            {"kind": "score", "name": "PCL-5", "value": 38, "previous": 52},
        ),
        (
            "SUDS went from 80 to 45.",
            {"kind": "rating", "name": "SUDS", "value": 45, "scale": 100, "previous": 80},
        ),
        (
            "Two panic attacks this week, up from none.",
            {
                "kind": "frequency",
                "name": "panic attack",
                "value": 2,
                "period": "week",
                "previous": 0,
            },
        ),
        (
            "An hour and a half of sleep.",
            {"kind": "duration", "name": "sleep", "value": 1.5, "unit": "hour"},
        ),
        (
            "Drinks went from 20 a week to 6 a week.",
            {"kind": "frequency", "name": "drink", "value": 6, "period": "week", "previous": 20},
        ),
    ],
)
def test_comparisons_and_number_words(read, text: str, expected: dict) -> None:
    assert read(text) == [expected]
