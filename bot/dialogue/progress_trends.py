"""From signed notes' tags to per-objective evidence, trends and measurement series.

Input is each note's `tags`: {section: [tagger sentence objects]} (DESIGN.md, "Tagger output").
A note's net for an objective is improved (+1) / worsened (-1) / unchanged (0) summed over its
tagged sentences; `unknown` (hypothetical, historical, unclear) does not count. The trend looks
at the last TREND_WINDOW notes with a net: more up than down is improving, more down is worse,
otherwise flat; no such note is no data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from nlp.planfile import Objective

SCORES = {"improved": 1, "worsened": -1, "unchanged": 0}
TREND_WINDOW = 3


@dataclass(frozen=True)
class Session:
    day: date
    tags: dict


@dataclass(frozen=True)
class Evidence:
    day: date
    progress: str
    sentence: str


@dataclass
class ObjectiveView:
    objective: Objective
    evidence: list[Evidence] = field(default_factory=list)
    nets: list[tuple[date, int]] = field(default_factory=list)

    @property
    def trend(self) -> str:
        recent = [net for _, net in self.nets[-TREND_WINDOW:]]
        if not recent:
            return "no_data"
        balance = sum((net > 0) - (net < 0) for net in recent)
        return "improving" if balance > 0 else "worse" if balance < 0 else "flat"

    @property
    def cumulative(self) -> list[tuple[date, float]]:
        total, points = 0, []
        for day, net in self.nets:
            total += net
            points.append((day, float(total)))
        return points


def sentences(tags: object) -> list[dict]:
    if not isinstance(tags, dict):
        return []
    found = []
    for entries in tags.values():
        if isinstance(entries, list):
            found.extend(entry for entry in entries if isinstance(entry, dict))
    return found


def objective_views(objectives: list[Objective], sessions: list[Session]) -> list[ObjectiveView]:
    views = {objective.id: ObjectiveView(objective) for objective in objectives}
    for session in sorted(sessions, key=lambda s: s.day):
        nets: dict[str, int] = {}
        for sentence in sentences(session.tags):
            for tag in sentence.get("tags") or []:
                view = views.get(tag.get("objective")) if isinstance(tag, dict) else None
                if view is None:
                    continue
                progress = tag.get("progress", "unknown")
                view.evidence.append(
                    Evidence(session.day, progress, str(sentence.get("sentence", "")))
                )
                if progress in SCORES:
                    nets[view.objective.id] = nets.get(view.objective.id, 0) + SCORES[progress]
        for objective_id, net in nets.items():
            views[objective_id].nets.append((session.day, net))
    return list(views.values())


def measurement_label(measurement: dict) -> str:
    name = str(measurement.get("name", "?"))
    if measurement.get("scale"):
        return f"{name} (/{measurement['scale']})"
    if measurement.get("period"):
        return f"{name} (per {measurement['period']})"
    if measurement.get("unit"):
        return f"{name} ({measurement['unit']})"
    return name


def measurement_series(sessions: list[Session]) -> dict[str, list[tuple[date, float]]]:
    """Label -> (session date, value), one value per session (its last mention)."""
    series: dict[str, dict[date, float]] = {}
    for session in sorted(sessions, key=lambda s: s.day):
        for sentence in sentences(session.tags):
            for measurement in sentence.get("measurements") or []:
                value = measurement.get("value") if isinstance(measurement, dict) else None
                if isinstance(value, int | float) and not isinstance(value, bool):
                    label = measurement_label(measurement)
                    series.setdefault(label, {})[session.day] = float(value)
    return {label: sorted(points.items()) for label, points in series.items()}


def about_topic(objective: Objective, topic: str) -> bool:
    """Does the objective's wording or keywords mention the topic ("sleep", "panic")?"""
    words = [w for w in topic.casefold().split() if len(w) >= 3]
    haystack = " ".join([objective.text, *objective.keywords]).casefold()
    return bool(words) and all(word.rstrip("s") in haystack for word in words)
