"""From signed notes' tags to evidence: measures over dates of service and tagged progress.

Input is one Session per signed note: its date of service, its `tags`, {section: [tagger
sentence objects]} (the tagger output format), and which of its objective ids are the same
objective in the current plan (an id reused for another objective is not: its tags are no
evidence for it). A measure is one kind of measurement under one
name and unit (PHQ-9; anxiety /10; panic attack per week; sleep in hours), with at most one value
per date of service: the last one mentioned that day. A value the tagger flagged (out of its
instrument's range) is not a fact and is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KINDS = ("score", "rating", "frequency", "duration")
KNOWN_PROGRESS = ("improved", "worsened", "unchanged")


@dataclass(frozen=True)
class Session:
    day: date  # the date of service
    tags: dict
    # The note's objective ids -> the current plan's ids of the same objectives; None: the same.
    objectives: dict[str, str] | None = None

    def current_id(self, objective_id: str) -> str | None:
        return objective_id if self.objectives is None else self.objectives.get(objective_id)


@dataclass(frozen=True)
class Point:
    day: date
    value: float
    linked: frozenset[str]  # the objectives the sentence carrying it was tagged with


@dataclass
class Measure:
    kind: str
    name: str
    unit: (
        str  # a rating's scale ("10"), a count's period ("week"), a duration's unit; "" for scores
    )
    points: list[Point] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.name.casefold(), self.unit)


@dataclass(frozen=True)
class Tagged:
    day: date
    objective: str
    progress: str  # improved | worsened | unchanged | unknown, as the tagger said
    sentence: str
    section: str
    counts: bool  # evidence of change: a known progress, in a section about the client


@dataclass
class Evidence:
    measures: list[Measure]
    tagged: dict[str, list[Tagged]]  # objective id -> in date order


def tagged_sentences(tags: object) -> list[tuple[str, dict]]:
    """(section, sentence object) for every well-formed sentence of a note's tags."""
    if not isinstance(tags, dict):
        return []
    return [
        (str(section), entry)
        for section, entries in tags.items()
        if isinstance(entries, list)
        for entry in entries
        if isinstance(entry, dict)
    ]


def _unit(measurement: dict) -> str | None:
    """The unit that makes values comparable, or None for a measurement of an unknown shape."""
    kind = measurement.get("kind")
    if kind == "score":
        return ""
    key = {"rating": "scale", "frequency": "period", "duration": "unit"}.get(kind)
    raw = measurement.get(key) if key else None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return f"{raw:g}"
    return raw if isinstance(raw, str) and raw else None


def _value(measurement: dict) -> float | None:
    value = measurement.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or measurement.get("flag"):
        return None
    return float(value)


def read_evidence(sessions: list[Session], not_client_sections: frozenset[str]) -> Evidence:
    measures: dict[tuple[str, str, str], Measure] = {}
    tagged: dict[str, list[Tagged]] = {}
    for session in sorted(sessions, key=lambda s: s.day):
        for section, sentence in tagged_sentences(session.tags):
            tags = [
                (objective, tag)
                for tag in sentence.get("tags") or []
                if isinstance(tag, dict)
                and tag.get("objective")
                and (objective := session.current_id(str(tag["objective"]))) is not None
            ]
            linked = frozenset(objective for objective, _ in tags)
            text = str(sentence.get("sentence", ""))
            for objective, tag in tags:
                progress = str(tag.get("progress", "unknown"))
                counts = progress in KNOWN_PROGRESS and section not in not_client_sections
                tagged.setdefault(objective, []).append(
                    Tagged(session.day, objective, progress, text, section, counts)
                )
            for measurement in sentence.get("measurements") or []:
                if not isinstance(measurement, dict) or measurement.get("kind") not in KINDS:
                    continue
                value, unit, name = _value(measurement), _unit(measurement), measurement.get("name")
                if value is None or unit is None or not isinstance(name, str) or not name:
                    continue
                measure = Measure(measurement["kind"], name, unit)
                measure = measures.setdefault(measure.key, measure)
                if measure.points and measure.points[-1].day == session.day:
                    measure.points.pop()  # one value per date of service: the last mentioned
                measure.points.append(Point(session.day, value, linked))
    return Evidence(list(measures.values()), tagged)


def objectives_addressed(tags: object) -> list[str]:
    """The objective ids a note's sentences (its `tags`) are linked to, sorted; empty when none."""
    return sorted(
        {
            tag["objective"]
            for _, sentence in tagged_sentences(tags)
            for tag in sentence.get("tags") or []
            if isinstance(tag, dict) and "objective" in tag
        }
    )
