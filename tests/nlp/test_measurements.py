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
    assert read("SUDS 70 during the exposure.")[0] == {"kind": "score", "name": "SUDS", "value": 70}
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
        ("SUDS 120", "SUDS", 120),
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
    assert read("Endorsed SI on two days this week.") == []  # counting days is not a rate


def test_durations(read) -> None:
    assert read("Slept 6 hours last night.") == [
        {"kind": "duration", "name": "sleep", "value": 6, "unit": "hour"}
    ]
    assert read("Sleeping about 7 hours a night, up from 5.")[0]["previous"] == 5
    assert read("Pt's sleep improved to 6.5 hrs per night.")[0]["value"] == 6.5
    assert read("Walked 20 minutes on Monday.")[0]["name"] == "walk"
    assert read("Arrived 10 min before the session.") == []  # no activity named
