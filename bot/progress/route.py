"""Is an objective's route blocked? The GPS of the plan: another road may be needed when

- no improvement: over the client's last N sessions the objective's evidence shows none (no tag
  stating improvement, no measure improving beyond its flat band), with evidence of change on
  enough of those sessions to judge (rules.toml [route]);
- not helping: a sentence linked to it in those sessions says its intervention is not helping
  (prompts/route_words.toml: "the breathing did not help", "stopped using the log: pointless");
- past target: an active objective past its target date.

Pure: a judged view (trends.py) and the sessions' dates in, reasons with counts (never client
text) and the evidence to show in the chat out.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache

from bot.progress.evidence import Tagged
from bot.progress.rules import RULES_FILE, TrendRules, trend_rules
from bot.progress.trends import ObjectiveView, flat_within
from bot.shared.vocabulary import vocabulary
from nlp.planfile import Objective

REASONS = ("no_improvement", "not_helping", "past_target")
SHOWN_EVIDENCE = 3


@dataclass(frozen=True)
class Blocked:
    reason: str  # one of REASONS
    figures: dict  # counts for the words (and the digest): no client text
    evidence: list[Tagged]  # the latest pieces, oldest first, to show in the chat


@cache
def _min_evidence_sessions() -> int:
    with RULES_FILE.open("rb") as handle:
        return tomllib.load(handle)["route"]["min_evidence_sessions"]


@cache
def _not_helping() -> re.Pattern[str]:
    words = sorted(vocabulary("route_words")["not_helping"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b", re.I)


def not_helping(sentence: str) -> bool:
    return _not_helping().search(sentence.replace("’", "'")) is not None


def _measure_improved(view: ObjectiveView, window: set[date], rules: TrendRules) -> bool | None:
    """Did a measure of the objective improve within the window? None: none measured twice."""
    judged = None
    for match in view.measures:
        better = view.better(match)
        points = [point for point in match.measure.points if point.day in window]
        if better is None or len(points) < 2:
            continue
        first, last = points[0].value, points[-1].value
        if abs(last - first) >= flat_within(match.measure, first, rules) and (
            (last < first) == (better == "lower")
        ):
            return True
        judged = False
    return judged


def _no_improvement(
    view: ObjectiveView, window: set[date], rules: TrendRules
) -> Blocked | None:
    stated = [tag for tag in view.tagged if tag.counts and tag.day in window]
    measured = {
        point.day
        for match in view.measures
        if view.better(match) is not None
        for point in match.measure.points
        if point.day in window
    }
    sessions_with_evidence = {tag.day for tag in stated} | measured
    if len(sessions_with_evidence) < _min_evidence_sessions():
        return None
    if any(tag.progress == "improved" for tag in stated):
        return None
    if _measure_improved(view, window, rules):
        return None
    figures = dict(
        sessions=len(window),
        worsened=len({tag.day for tag in stated if tag.progress == "worsened"}),
        unchanged=len({tag.day for tag in stated if tag.progress == "unchanged"}),
        measured=len(measured),
    )
    return Blocked("no_improvement", figures, stated[-SHOWN_EVIDENCE:])


def blocked(
    view: ObjectiveView,
    session_days: list[date],
    today: date,
    sessions: int,
    rules: TrendRules | None = None,
) -> list[Blocked]:
    """Why the objective's route looks blocked (empty when it does not), in REASONS order.

    `session_days`: the dates of service of the client's signed notes; the last `sessions` of
    them are the window."""
    rules = rules or trend_rules()
    objective = view.objective
    if objective.status != "active":
        return []
    found = []
    days = sorted(set(session_days))
    window = set(days[-sessions:])
    if len(days) >= sessions and (stuck := _no_improvement(view, window, rules)):
        found.append(stuck)
    reports = [tag for tag in view.tagged if tag.day in window and not_helping(tag.sentence)]
    if reports:
        figures = dict(notes=len({tag.day for tag in reports}))
        found.append(Blocked("not_helping", figures, reports[-SHOWN_EVIDENCE:]))
    latest = [tag for tag in view.tagged if tag.counts][-SHOWN_EVIDENCE:]
    found.extend(past_target(objective, today, latest))
    return found


def past_target(
    objective: Objective, today: date, latest: tuple[Tagged, ...] | list[Tagged] = ()
) -> list[Blocked]:
    """The objective is active, past its target date: not met in time (the plan alone says)."""
    if objective.status != "active" or objective.target_date is None:
        return []
    if objective.target_date >= today:
        return []
    days_past = (today - objective.target_date).days
    return [Blocked("past_target", dict(days=days_past), list(latest))]
