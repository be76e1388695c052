"""When a route is blocked (bot/progress/route.py), without a database: no improvement over the
last N sessions, an intervention reported as not helping, a target date passed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.progress.route import blocked, not_helping
from bot.progress.trends import objective_views
from tests.status.support import sentence
from tests.status.test_progress_trends import BREATHING, PANIC, START, counted, weekly


def _reasons(objective, sessions, today=START + timedelta(weeks=10), window=4) -> list[str]:
    (view,), _ = objective_views([objective], sessions)
    days = [session.day for session in sessions]
    return [found.reason for found in blocked(view, days, today, window)]


def _noted(*progress: str, text: str = "Breathing practice this week.") -> list:
    return weekly(*({"subjective": [sentence(text, ("O1", p))]} for p in progress))


def test_four_sessions_without_improvement_flag_no_improvement():
    assert _reasons(BREATHING, _noted("worsened", "worsened", "unchanged", "worsened")) == [
        "no_improvement"
    ]


def test_one_improved_session_in_the_window_is_improvement():
    assert _reasons(BREATHING, _noted("worsened", "improved", "worsened", "worsened")) == []


def test_fewer_sessions_than_the_window_are_not_judged_yet():
    assert _reasons(BREATHING, _noted("worsened", "worsened", "worsened")) == []


def test_an_objective_nobody_wrote_about_is_not_judged():
    silent = _noted("unknown", "unknown", "unknown", "worsened")
    assert _reasons(BREATHING, silent) == []


def test_a_measure_improving_in_the_window_is_improvement_and_a_flat_one_is_not():
    assert _reasons(PANIC, counted("panic attack", [5, 4, 3, 1], objective="O2")) == []
    assert _reasons(PANIC, counted("panic attack", [4, 4, 4, 4], objective="O2")) == [
        "no_improvement"
    ]


def test_the_window_is_a_setting():
    sessions = _noted("improved", "worsened", "worsened", "worsened")
    assert _reasons(BREATHING, sessions, window=4) == []
    assert _reasons(BREATHING, sessions, window=3) == ["no_improvement"]


def test_reports_of_an_intervention_not_helping():
    for said in (
        "The breathing did not help.",
        "Stopped using the log: pointless.",
        "She says the breathing doesn’t help.",
        "Gave up on the breathing.",
    ):
        assert not_helping(said), said
    for said in ("The breathing helped a lot.", "Helpful session.", "Used the log daily."):
        assert not not_helping(said), said
    sessions = _noted("improved", text="The breathing did not help.")
    assert _reasons(BREATHING, sessions) == ["not_helping"]


def test_past_its_target_date_and_active_is_flagged_met_is_not():
    due = replace(BREATHING, target_date=date(2026, 11, 1))
    sessions = _noted("improved")
    assert _reasons(due, sessions, today=date(2026, 11, 2)) == ["past_target"]
    assert _reasons(due, sessions, today=date(2026, 11, 1)) == []
    assert _reasons(replace(due, status="met"), sessions, today=date(2026, 11, 2)) == []
