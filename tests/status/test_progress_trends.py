"""The trend rules (bot/progress/rules.toml) on evidence of both kinds, without a database:
measures over dates of service, tagged progress, and how the two combine."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.dialogue.progress_view import ProgressWords, rule_text
from bot.progress.evidence import Session, read_evidence
from bot.progress.rules import instruments, trend_rules
from bot.progress.trends import objective_views
from bot.shared.wording import Wording
from nlp.planfile import Objective
from tests.status.support import sentence

START = date(2026, 10, 5)
PANIC = Objective("O2", "Reduce panic attacks to fewer than one per week", "decrease")
SLEEP = Objective("O3", "Sleep at least 7 hours on most nights")
MOOD = Objective("O4", "Reduce depressive symptoms to a PHQ-9 below 8")
WELLBEING = Objective("O5", "Improve wellbeing")
BREATHING = Objective("O1", "Practice diaphragmatic breathing at least 5 days per week")


def weekly(*notes: dict) -> list[Session]:
    """One signed note a week from START; each note is {section: [sentences]}."""
    return [Session(START + timedelta(weeks=week), tags) for week, tags in enumerate(notes)]


def counted(name: str, values: list[float], objective: str = "O2") -> list[Session]:
    return weekly(
        *(
            {
                "subjective": [
                    sentence(
                        f"{value:g} {name}s this week.",
                        (objective, "unknown"),
                        measurements=[
                            {"kind": "frequency", "name": name, "value": value, "period": "week"}
                        ],
                    )
                ]
            }
            for value in values
        )
    )


def slept(hours: list[float], unit: str = "hour") -> list[Session]:
    measurement = {"kind": "duration", "name": "sleep", "unit": unit}
    return weekly(
        *(
            {"subjective": [sentence("Slept.", measurements=[{**measurement, "value": h}])]}
            for h in hours
        )
    )


def tagged(objective: str, *progress: str, section: str = "assessment") -> list[Session]:
    return weekly(*({section: [sentence(f"Week {p}.", (objective, p))]} for p in progress))


def judged(objective: Objective, sessions: list[Session], rules=None):
    (view,), _ = objective_views([objective], sessions, rules)
    return view


def rule_line(finding) -> str:
    return rule_text(ProgressWords(Wording.load()), finding)


@pytest.mark.parametrize(
    ("values", "trend", "rule"),
    [
        ([5, 4, 3, 3, 1], "improving", "panic attacks 5 to 1 a week over the last 5 sessions"),
        ([1, 2, 4], "worsening", "panic attacks 1 to 4 a week over the last 3 sessions"),
        (
            [4, 3, 4],
            "flat",
            "panic attacks 4 to 4 a week over the last 3 sessions; a change under 1 a week is flat",
        ),
        (
            [5, 5, 4],
            "flat",
            "panic attacks 5 to 4 a week over the last 3 sessions;"
            " a change under 1.25 a week is flat",
        ),
        # only the latest six values count: the early spike is left behind
        (
            [9, 2, 2, 2, 2, 2, 2],
            "flat",
            "panic attacks 2 to 2 a week over the last 6 sessions; a change under 1 a week is flat",
        ),
    ],
)
def test_a_count_the_objective_names_decides_by_first_against_last(values, trend, rule):
    view = judged(PANIC, counted("panic attack", values))
    assert (view.finding.rule, view.finding.trend) == ("measure", trend)
    assert rule_line(view.finding) == rule


def test_two_values_are_too_little_data_and_say_so():
    view = judged(PANIC, counted("panic attack", [5, 1]))
    assert view.finding.trend == "too_little_data"
    assert view.finding.figures["values"] == 2
    assert view.finding.figures["min_values"] == trend_rules().measurement.min_sessions


def test_hours_of_sleep_rising_to_the_target_are_improving():
    view = judged(SLEEP, slept([4, 5, 6, 7]))
    assert (view.finding.trend, view.finding.figures["first"], view.finding.figures["last"]) == (
        "improving",
        4,
        7,
    )
    # direction from the target ("at least 7 hours"), as the objective states none
    assert view.better(view.measures[0]) == "higher"
    assert view.target_of(view.measures[0].measure)[1] == 7


def test_a_measure_named_as_something_to_be_without_is_better_lower():
    days_free = Objective(
        "O6", "Increase days without a panic attack to at least 5 per week", "increase"
    )
    view = judged(days_free, counted("panic attack", [4, 2, 1], objective="O6"))
    assert view.measures[0].how == "absent"
    assert view.better(view.measures[0]) == "lower"
    assert view.target_of(view.measures[0].measure) is None  # the 5 counts days, not attacks
    assert view.finding.trend == "improving"


def test_a_target_in_hours_is_converted_for_a_measure_in_minutes():
    view = judged(SLEEP, slept([240, 300, 420], unit="minute"))
    assert view.target_of(view.measures[0].measure)[1] == 420
    assert view.finding.trend == "improving"


@pytest.mark.parametrize(
    ("scores", "trend"),
    [((14, 12, 10), "flat"), ((16, 13, 10), "improving"), ((10, 12, 16), "worsening")],
)
def test_a_score_is_judged_by_its_instrument_and_its_reliable_change(scores, trend):
    phq = {"kind": "score", "name": "PHQ-9"}
    sessions = weekly(
        *({"s": [sentence("PHQ.", measurements=[{**phq, "value": v}])]} for v in scores)
    )
    view = judged(MOOD, sessions)
    assert view.measures[0].how == "instrument"
    assert view.finding.trend == trend
    assert view.finding.figures["within"] == instruments()["phq9"].reliable_change == 5


def test_a_score_where_higher_is_better_improves_when_it_rises():
    who = {"kind": "score", "name": "WHO-5"}
    sessions = weekly(
        *(
            {"s": [sentence("WHO-5.", ("O5", "unknown"), measurements=[{**who, "value": v}])]}
            for v in (8, 12, 18)
        )
    )
    view = judged(WELLBEING, sessions)
    assert view.measures[0].how == "linked"  # WHO-5 is not named; O5 was tagged alone
    assert view.finding.trend == "improving"


@pytest.mark.parametrize(
    ("direction", "trend"), [("decrease", "improving"), ("increase", "worsening")]
)
def test_a_plan_instrument_is_named_and_judged_by_the_objective_direction(direction, trend):
    """An instrument the registry lacks has no reliable change or range: it belongs to the
    objective that names it, and which way is better is that objective's direction."""
    fows = {"kind": "score", "name": "FOWS"}
    sessions = weekly(
        *({"s": [sentence("FOWS.", measurements=[{**fows, "value": v}])]} for v in (40, 31, 22))
    )
    view = judged(Objective("O6", "Change the FOWS score", direction), sessions)
    assert (view.measures[0].how, view.measures[0].words) == ("named", "FOWS")
    assert view.finding.trend == trend


def test_a_count_only_tagged_alongside_is_shown_but_not_judged():
    """Which way a count should go is known only for a measure the objective names."""
    view = judged(WELLBEING, counted("argument", [5, 3, 1], objective="O5"))
    assert [match.how for match in view.measures] == ["linked"]
    assert view.better(view.measures[0]) is None
    assert view.finding.trend == "too_little_data"
    assert view.finding.figures["judged"] is False


@pytest.mark.parametrize(
    ("progress", "trend"),
    [
        (["improved", "improved", "worsened"], "improving"),
        (["improved", "worsened", "worsened"], "worsening"),
        (["worsened", "improved", "worsened", "improved"], "flat"),
        (["unchanged", "unchanged"], "flat"),
        (["improved"], "too_little_data"),
        (["unknown", "unknown", "unknown"], "too_little_data"),
        # the latest four count
        (["worsened", "worsened", "worsened", "improved", "improved", "improved"], "improving"),
    ],
)
def test_tagged_progress_by_notes_stating_a_change(progress, trend):
    view = judged(BREATHING, tagged("O1", *progress))
    assert view.finding.trend == trend
    if trend != "too_little_data":
        assert view.finding.rule == "tagged"


def test_therapist_delivery_is_no_evidence_of_change():
    """ "Reviewed breathing; began exposure" tagged improved in an Intervention section, and
    delivery tagged unknown elsewhere, say nothing about the client."""
    sessions = tagged("O1", "improved", "improved", "improved", section="intervention")
    sessions += [
        replace(s, day=s.day + timedelta(days=1))
        for s in tagged("O1", "unknown", "unknown", section="objective")
    ]
    view = judged(BREATHING, sessions)
    assert view.finding.trend == "too_little_data"
    assert view.finding.figures["notes"] == 0
    assert all(not tag.counts for tag in view.tagged)


def test_the_plan_section_is_not_client_progress():
    view = judged(BREATHING, tagged("O1", "improved", "improved", section="plan"))
    assert view.finding.trend == "too_little_data"


def test_measurement_decides_before_tagged_progress_and_a_disagreement_is_kept():
    sessions = counted("panic attack", [5, 3, 1])
    for session, progress in zip(sessions, ["worsened", "worsened", "worsened"], strict=True):
        session.tags["assessment"] = [sentence("Worse.", ("O2", progress))]
    view = judged(PANIC, sessions)
    assert (view.finding.rule, view.finding.trend) == ("measure", "improving")
    assert (view.other.rule, view.other.trend) == ("tagged", "worsening")


def test_precedence_is_data():
    sessions = counted("panic attack", [5, 3, 1])
    for session in sessions:
        session.tags["assessment"] = [sentence("Worse.", ("O2", "worsened"))]
    rules = replace(trend_rules(), precedence=("tagged", "measurement"))
    view = judged(PANIC, sessions, rules)
    assert (view.finding.rule, view.finding.trend) == ("tagged", "worsening")


def test_a_value_flagged_out_of_range_and_malformed_entries_are_left_out():
    bad = [
        {"kind": "score", "name": "PHQ-9", "value": 40, "flag": "out_of_range"},
        {"kind": "score", "name": "PHQ-9", "value": "x"},
        {"kind": "rating", "name": "anxiety", "value": 5},  # no scale
        {"kind": "height", "name": "x", "value": 1},
        "nonsense",
    ]
    tags = {"s": [sentence("a", measurements=bad), "not a sentence", {"tags": ["nope"]}], "t": None}
    evidence = read_evidence([Session(START, tags)], frozenset())
    assert evidence.measures == [] and evidence.tagged == {}


def test_one_value_per_date_of_service_the_last_mentioned():
    phq = {"kind": "score", "name": "PHQ-9"}
    tags = {
        "s": [sentence("a", measurements=[{**phq, "value": 14}, {**phq, "value": 13}])],
        "o": [sentence("b", measurements=[{**phq, "value": 12}])],
    }
    (measure,) = read_evidence([Session(START, tags)], frozenset()).measures
    assert [(p.day, p.value) for p in measure.points] == [(START, 12.0)]
