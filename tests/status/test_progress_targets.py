"""Targets read from an objective's wording, and which measures belong to which objective."""

from __future__ import annotations

from datetime import date

import pytest

from bot.progress.evidence import Measure, Point
from bot.progress.matching import match_measures, named_by
from bot.progress.rules import instruments
from bot.progress.targets import targets
from nlp.planfile import Objective


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reduce depressive symptoms to a PHQ-9 below 8", ("at_most", 8, "score", None, "below 8")),
        (
            "Reduce panic attacks to fewer than one per week",
            ("at_most", 1, "frequency", "week", "fewer than one per week"),
        ),
        ("Rate anxiety 3/10 or below", ("at_most", 3, "rating", "10", "3/10 or below")),
        (
            "Reduce checking rituals to less than 1 hour a day",
            ("at_most", 1, "duration", "hour", "less than 1 hour"),
        ),
        (
            "Practice diaphragmatic breathing at least 5 days per week",
            ("at_least", 5, "frequency", "week", "at least 5 days per week"),
        ),
        ("Sleep at least 7 hours on most nights", ("at_least", 7, "duration", "hour", None)),
        (
            "Have fewer than 2 panic attacks per week",
            ("at_most", 2, "frequency", "week", "fewer than 2 panic attacks per week"),
        ),
        ("Exercise 3 times a week or more", ("at_least", 3, "frequency", "week", None)),
        ("Attend group at least twice a week", ("at_least", 2, "frequency", "week", None)),
    ],
)
def test_targets_in_the_objectives_words(text, expected):
    target = targets(text)[0]
    bound, value, kind, unit, phrase = expected
    assert (target.bound, target.value, target.kind, target.unit) == (bound, value, kind, unit)
    assert target.phrase == (phrase or target.phrase)
    assert target.phrase in text


@pytest.mark.parametrize(
    "text",
    [
        "Drive on the highway for 20 minutes twice a week",  # a plan, no comparator
        "Reduce worry by 50% over 6 weeks",  # a relative change and a time frame
        "Identify three triggers",
        "Reduce depressive symptoms (PHQ-9)",  # the instrument's own digit is no target
    ],
)
def test_wording_without_a_threshold_has_no_target(text):
    assert targets(text) == []


def test_each_score_target_belongs_to_the_instrument_named_before_it():
    found = targets("GAD-7 of 5 or lower and PHQ 9 under 10")
    assert [(t.instrument, t.value) for t in found] == [("GAD-7", 5), ("PHQ-9", 10)]


def measure(kind: str, name: str, unit: str = "", *linked: frozenset[str]) -> Measure:
    points = [
        Point(date(2026, 11, day + 1), 1.0, objectives) for day, objectives in enumerate(linked)
    ]
    return Measure(kind, name, unit, points)


@pytest.mark.parametrize(
    ("objective", "found", "how", "words"),
    [
        (
            Objective("O2", "Reduce panic attacks"),
            measure("frequency", "panic attack", "week"),
            "named",
            "panic attacks",
        ),
        (
            Objective("O3", "Sleep at least 7 hours"),
            measure("duration", "sleep", "hour"),
            "named",
            "sleep",
        ),
        (
            Objective("O1", "Breathe slowly daily"),
            measure("frequency", "breathing", "day"),
            "named",
            "breathe",  # lower case: it only starts the objective
        ),
        (
            Objective("O4", "Lower the PHQ 9 score"),
            measure("score", "PHQ-9"),
            "instrument",
            "PHQ-9",
        ),
        (
            Objective("O7", "More nights free of nightmares"),
            measure("frequency", "nightmare", "week"),
            "absent",
            "nightmares",
        ),
        (
            Objective("O8", "Have no more than 2 panic attacks a week"),  # "no" is no absence
            measure("frequency", "panic attack", "week"),
            "named",
            "panic attacks",
        ),
        (
            Objective("O9", "Reduce FOWS score from 40 to below 20"),  # a plan's own instrument
            measure("score", "FOWS"),
            "named",
            "FOWS",
        ),
        (
            Objective("O6", "Reduce avoidance", keywords=["walks"]),
            measure("frequency", "walk", "week"),
            "keyword",
            "walks",
        ),
    ],
)
def test_an_objective_names_a_measure_loosely_and_says_how(objective, found, how, words):
    match = named_by(objective, found)
    assert (match.how, match.words) == (how, words)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Reduce sleep quality complaints",
            measure("duration", "sleep walk", "hour"),
        ),  # one word only
        ("Reduce pain", measure("rating", "painting", "10")),  # a longer word is not the same
        ("Resolve the crisis plan", measure("score", "ISI")),  # an alias inside a word
    ],
)
def test_a_shared_fragment_is_no_match(text, found):
    assert named_by(Objective("O1", text), found) is None


def test_a_measure_no_objective_names_goes_to_the_objective_tagged_alone_with_it():
    o1, o2 = Objective("O1", "Improve mood"), Objective("O2", "Attend school daily")
    alone = frozenset({"O1"})
    gad = measure("score", "GAD-7", "", alone, alone, frozenset({"O1", "O2"}))
    shared = measure("score", "PCL-5", "", alone, frozenset({"O1", "O2"}), frozenset())
    matches = match_measures([o1, o2], [gad, shared])
    assert [(m.measure.name, m.how, m.linked_points) for m in matches["O1"]] == [
        ("GAD-7", "linked", 2)
    ]
    assert matches["O2"] == []  # PCL-5: tagged with O1 alone in only 1 of 3 sentences


def test_every_scale_names_an_instrument_of_the_registry_with_bands_inside_its_range():
    with_bands = [found for found in instruments().values() if found.bands or found.cutoffs]
    assert {"PHQ-9", "GAD-7", "PCL-5"} <= {found.name for found in with_bands}
    for found in with_bands:
        bounds = [bound for bound, _ in found.bands]
        assert bounds == sorted(bounds) and len(set(bounds)) == len(bounds)
        assert all(found.low <= b < found.high for b in bounds + [at for at, _ in found.cutoffs])
    assert [b for b, _ in instruments()["phq9"].bands] == [0, 5, 10, 15, 20]
    assert [at for at, _ in instruments()["pcl5"].cutoffs] == [33]
