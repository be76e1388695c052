"""Which measures belong to which objective, and why (the reason is shown to the clinician).

A measure belongs to an objective that names it: a score when the objective's wording or
keywords name its instrument ("PHQ-9 below 8"); any other measure, and a score of an instrument
the registry lacks (a plan's own, "Reduce FOWS score": nlp.plan_instruments), when every word of
its name appears, loosely (panic attack ~ "panic attacks", breathing ~ "breathe"), in the
wording or the keywords; named as something to be without ("days without a panic attack"), it is
absent, and less of it is better. A measure no objective names belongs to the objective its
sentences were tagged with, when more than half of them were tagged with that objective alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.progress.evidence import Measure
from bot.progress.rules import instrument
from bot.progress.targets import absent_before
from nlp.planfile import Objective

SUFFIXES = ("ing", "ed", "es", "s", "e", "d")
MIN_STEM = 3
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class MeasureMatch:
    measure: Measure
    how: str  # instrument | named | absent | keyword | linked
    words: str  # the objective's own words for it ("panic attacks"), or the measure's name
    linked_points: int = 0  # for "linked": how many of its values' sentences were linked alone

    @property
    def named(self) -> bool:
        return self.how != "linked"


def _stems(word: str) -> set[str]:
    lowered = word.casefold()
    stems = {lowered}
    for suffix in SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= MIN_STEM:
            stems.add(lowered[: -len(suffix)])
    return stems


def _words_found(name: str, text: str) -> tuple[str, int] | None:
    """The words of `text` that match every word of `name` (in text order) and where they
    start, or None."""
    wanted = [word for word in _WORD.findall(name) if len(word) >= MIN_STEM]
    if not wanted:
        return None
    spans = []
    for want in wanted:
        stems = _stems(want)
        found = next((m for m in _WORD.finditer(text) if _stems(m.group()) & stems), None)
        if found is None:
            return None
        spans.append(found.span())
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    if end - start > len(name) + 12:  # words far apart: list them rather than quote the stretch
        found = " ".join(text[s:e] for s, e in sorted(spans))
    else:
        found = text[start:end]
    if start == 0 and not found[:2].isupper():  # "Sleep at least 7 hours": not a proper noun
        found = found[0].lower() + found[1:]
    return found, start


def _instrument_named(measure: Measure, text: str) -> str | None:
    found = instrument(measure.name)
    return found.name if found is not None and found.pattern.search(text) else None


def named_by(objective: Objective, measure: Measure) -> MeasureMatch | None:
    if measure.kind == "score" and instrument(measure.name) is not None:
        if words := _instrument_named(measure, objective.text):
            return MeasureMatch(measure, "instrument", words)
        keywords = " ; ".join(objective.keywords)
        if words := _instrument_named(measure, keywords):
            return MeasureMatch(measure, "keyword", words)
        return None
    if found := _words_found(measure.name, objective.text):
        words, start = found
        how = "absent" if absent_before(objective.text, start) else "named"
        return MeasureMatch(measure, how, words)
    for keyword in objective.keywords:
        if _words_found(measure.name, keyword):
            return MeasureMatch(measure, "keyword", keyword)
    return None


def _linked_alone(measure: Measure) -> tuple[str, int] | None:
    """The objective that more than half of the measure's sentences were tagged with alone."""
    counts: dict[str, int] = {}
    for point in measure.points:
        if len(point.linked) == 1:
            (objective_id,) = point.linked
            counts[objective_id] = counts.get(objective_id, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.get)
    return (best, counts[best]) if counts[best] * 2 > len(measure.points) else None


def match_measures(
    objectives: list[Objective], measures: list[Measure]
) -> dict[str, list[MeasureMatch]]:
    """Objective id -> its measures, named ones first, each measure in the order first seen."""
    matches: dict[str, list[MeasureMatch]] = {objective.id: [] for objective in objectives}
    for measure in measures:
        named = [(o, m) for o in objectives if (m := named_by(o, measure)) is not None]
        for objective, match in named:
            matches[objective.id].append(match)
        if named:
            continue
        linked = _linked_alone(measure)
        if linked is not None and linked[0] in matches:
            matches[linked[0]].append(MeasureMatch(measure, "linked", measure.name, linked[1]))
    for found in matches.values():
        found.sort(key=lambda match: not match.named)
    return matches
