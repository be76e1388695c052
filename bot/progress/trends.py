"""Per objective: its measures, its tagged progress, and a trend decided by the rules as data.

A trend is improving, worsening, flat or too little data (rules.toml says how each is
decided). The finding keeps the rule that decided it and the figures behind it, so the clinician
reads one line such as "panic attacks 5 to 1 a week over the last 5 sessions"; the words are the
caller's (progress_view).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.progress.evidence import Evidence, Measure, Session, Tagged, read_evidence
from bot.progress.matching import MeasureMatch, match_measures
from bot.progress.rules import TrendRules, instrument, trend_rules
from bot.progress.targets import Target, targets
from nlp.planfile import Objective

SCORES = {"improved": 1, "worsened": -1, "unchanged": 0}
# Target units a measure may be written in instead: factor from the target's unit to the measure's.
CONVERSIONS = {
    ("duration", "hour", "minute"): 60.0,
    ("duration", "minute", "hour"): 1 / 60,
    ("duration", "week", "day"): 7.0,
    ("duration", "day", "week"): 1 / 7,
    ("frequency", "week", "day"): 1 / 7,
    ("frequency", "week", "night"): 1 / 7,
    ("frequency", "day", "week"): 7.0,
    ("frequency", "night", "week"): 7.0,
    ("frequency", "day", "night"): 1.0,
    ("frequency", "night", "day"): 1.0,
}


@dataclass(frozen=True)
class Finding:
    trend: str  # improving | worsening | flat | too_little_data
    rule: str  # measure | tagged | too_little: which rule decided it
    figures: dict  # what the rule line states


@dataclass
class ObjectiveView:
    objective: Objective
    measures: list[MeasureMatch]
    tagged: list[Tagged]
    targets: list[Target] = field(default_factory=list)
    finding: Finding | None = None  # set by judge()
    other: Finding | None = None  # the other kind of evidence, when it says something else

    def target_of(self, measure: Measure) -> tuple[Target, float] | None:
        """The objective's target for this measure and its value in the measure's unit. A measure
        to be without has none: "at least 5 days without a panic attack" counts days."""
        if any(m.how == "absent" and m.measure.key == measure.key for m in self.measures):
            return None
        for target in self.targets:
            if target.kind != measure.kind:
                continue
            if measure.kind == "score":
                known = instrument(measure.name)
                if known is not None and known.name == target.instrument:
                    return target, target.value
                continue
            if target.unit == measure.unit:
                return target, target.value
            factor = CONVERSIONS.get((measure.kind, target.unit, measure.unit))
            if factor is not None:
                return target, target.value * factor
        return None

    def better(self, match: MeasureMatch) -> str | None:
        """Which way the measure should move for this objective: "lower", "higher" or None."""
        if match.measure.kind == "score" and (known := instrument(match.measure.name)):
            return known.better
        if not match.named:  # a count or a rating only tagged alongside: which way is unknown
            return None
        if found := self.target_of(match.measure):
            better = found[0].better
        else:
            direction = self.objective.effective_direction
            better = {"decrease": "lower", "increase": "higher"}.get(direction)
        if match.how == "absent" and better is not None:  # "more days without a panic attack"
            return "lower" if better == "higher" else "higher"
        return better


def flat_within(measure: Measure, first: float, rules: TrendRules) -> float:
    """The smallest first-to-last change that is not flat, in the measure's unit."""
    rule = rules.measurement.flat_within[measure.kind]
    if measure.kind == "score" and (known := instrument(measure.name)):
        if known.reliable_change:
            return float(known.reliable_change)
        return rule["share_of_range"] * (known.high - known.low)
    absolute = rule.get("absolute", 0)
    if isinstance(absolute, dict):
        absolute = absolute.get(measure.unit, 0)
    if measure.kind == "rating":
        absolute *= float(measure.unit) / 10
    return max(float(absolute), rule.get("share", 0) * abs(first))


def _measure_finding(view: ObjectiveView, rules: TrendRules) -> Finding | None:
    judged = [(match, better) for match in view.measures if (better := view.better(match))]
    judged.sort(
        key=lambda pair: (
            view.target_of(pair[0].measure) is None,
            not pair[0].named,
            -len(pair[0].measure.points),
        )
    )
    enough = rules.measurement.min_sessions
    for match, better in judged:
        points = match.measure.points[-rules.measurement.last_sessions :]
        if len(points) < enough:
            continue
        first, last = points[0].value, points[-1].value
        within = flat_within(match.measure, first, rules)
        if abs(last - first) < within:
            trend = "flat"
        else:
            trend = "improving" if (last < first) == (better == "lower") else "worsening"
        figures = dict(match=match, first=first, last=last, sessions=len(points), within=within)
        return Finding(trend, "measure", figures)
    return None


def _tagged_finding(tagged: list[Tagged], rules: TrendRules) -> Finding | None:
    nets: dict = {}
    for tag in tagged:
        if tag.counts:
            nets[tag.day] = nets.get(tag.day, 0) + SCORES[tag.progress]
    signs = [(net > 0) - (net < 0) for _, net in sorted(nets.items())]
    recent = signs[-rules.tagged.last_sessions :]
    if len(recent) < rules.tagged.min_sessions:
        return None
    up, down = recent.count(1), recent.count(-1)
    figures = dict(notes=len(recent), improved=up, worsened=down, unchanged=recent.count(0))
    if up - down >= rules.tagged.lead:
        return Finding("improving", "tagged", figures)
    if down - up >= rules.tagged.lead:
        return Finding("worsening", "tagged", figures)
    return Finding("flat", "tagged", figures)


def _too_little(view: ObjectiveView, rules: TrendRules) -> Finding:
    most = max(view.measures, key=lambda m: len(m.measure.points), default=None)
    figures = dict(
        match=most,
        values=len(most.measure.points) if most else 0,
        judged=most is not None and view.better(most) is not None,
        notes=len({tag.day for tag in view.tagged if tag.counts}),
        min_values=rules.measurement.min_sessions,
        min_notes=rules.tagged.min_sessions,
    )
    return Finding("too_little_data", "too_little", figures)


def judge(view: ObjectiveView, rules: TrendRules) -> tuple[Finding, Finding | None]:
    """The finding of the first kind of evidence (in the rules' precedence) with enough data, and
    the other kind's when it says something else."""
    found = {
        "measurement": _measure_finding(view, rules),
        "tagged": _tagged_finding(view.tagged, rules),
    }
    decided = [found[source] for source in rules.precedence if found[source] is not None]
    if not decided:
        return _too_little(view, rules), None
    return decided[0], next((f for f in decided[1:] if f.trend != decided[0].trend), None)


def objective_views(
    objectives: list[Objective], sessions: list[Session], rules: TrendRules | None = None
) -> tuple[list[ObjectiveView], Evidence]:
    """A judged view per objective, in plan order, and the evidence read from the sessions."""
    rules = rules or trend_rules()
    evidence = read_evidence(sessions, rules.tagged.not_client_progress_sections)
    matches = match_measures(objectives, evidence.measures)
    views = []
    for objective in objectives:
        view = ObjectiveView(
            objective,
            matches[objective.id],
            evidence.tagged.get(objective.id, []),
            targets(objective.text),
        )
        view.finding, view.other = judge(view, rules)
        views.append(view)
    return views, evidence


def on_topic(
    views: list[ObjectiveView], measures: list[Measure], topic: str
) -> tuple[list[ObjectiveView], list[Measure]] | None:
    """The objectives about the topic with their measures (and other measures named like it), or
    None when no objective is about it."""
    chosen = [view for view in views if about_topic(view.objective, topic)]
    if not chosen:
        return None
    owned = {match.measure.key for view in chosen for match in view.measures}
    wanted = topic.casefold()
    return chosen, [m for m in measures if m.key in owned or wanted in m.name.casefold()]


def about_topic(objective: Objective, topic: str) -> bool:
    """Does the objective's wording or keywords mention the topic ("sleep", "panic")?"""
    words = [w for w in topic.casefold().split() if len(w) >= 3]
    haystack = " ".join([objective.text, *objective.keywords]).casefold()
    return bool(words) and all(word.rstrip("s") in haystack for word in words)
