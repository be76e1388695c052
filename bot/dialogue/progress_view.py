"""What /progress shows, in the bot's words: per objective its trend with the rule that decided
it, its measures and latest evidence; the measurements; the chart's panels.

Pure: judged views and evidence in (progress_trends), text lines and ChartPanels out. Every word
is a key of prompts/status.toml ([progress...]).
"""

from __future__ import annotations

from datetime import date

from bot.dialogue.progress_chart import ChartPanel
from bot.progress.evidence import Measure, Tagged
from bot.progress.matching import MeasureMatch
from bot.progress.rules import instrument
from bot.progress.trends import Finding, ObjectiveView
from bot.shared.wording import Wording

MAX_SERIES_POINTS = 6  # in the text; the chart shows them all
DATE = "%d %b"


def number(value: float) -> str:
    return f"{round(value, 2):g}"


class ProgressWords:
    """The wording of measures: their labels, amounts in their unit, axis labels."""

    def __init__(self, wording: Wording) -> None:
        self.wording = wording
        self.known = wording.keys()

    def __call__(self, key: str, **values: object) -> str:
        return self.wording(key, **values)

    def _in_unit(self, specific: str, general: str, measure: Measure, **values: object) -> str:
        """The words for the measure in its own unit where there are some, else for its kind."""
        key = specific if specific in self.known else general
        return self.wording(key, name=measure.name, unit=measure.unit, **values)

    def label(self, measure: Measure) -> str:
        return self.wording(f"progress.label.{measure.kind}", name=measure.name, unit=measure.unit)

    def amount(self, measure: Measure, value: str) -> str:
        return self._in_unit(
            f"progress.amount.{measure.kind}_in.{measure.unit}",
            f"progress.amount.{measure.kind}",
            measure,
            value=value,
        )

    def axis(self, measure: Measure) -> str:
        return self._in_unit(
            f"progress.chart.axis.{measure.kind}_in.{measure.unit}",
            f"progress.chart.axis.{measure.kind}",
            measure,
        )


def rule_text(words: ProgressWords, finding: Finding) -> str:
    figures = finding.figures
    if finding.rule == "measure":
        match: MeasureMatch = figures["match"]
        span = f"{number(figures['first'])} to {number(figures['last'])}"
        values = dict(
            name=match.words,
            range=words.amount(match.measure, span),
            sessions=figures["sessions"],
            within=words.amount(match.measure, number(figures["within"])),
        )
        key = "progress.rule.measure_flat" if finding.trend == "flat" else "progress.rule.measure"
        return words(key, **values)
    if finding.rule == "tagged":
        return words("progress.rule.tagged", **figures)
    match = figures["match"]
    if match is None:
        measured = words("progress.rule.no_measure")
    else:
        key = "progress.rule.values" if figures["judged"] else "progress.rule.values_unjudged"
        measured = words(key, name=match.words, values=figures["values"])
    return words(
        "progress.rule.too_little",
        measured=measured,
        notes=figures["notes"],
        min_values=figures["min_values"],
        min_notes=figures["min_notes"],
    )


def _how(words: ProgressWords, view: ObjectiveView, match: MeasureMatch) -> str:
    how = words(
        f"progress.how.{match.how}",
        objective=view.objective.id,
        count=match.linked_points,
        total=len(match.measure.points),
    )
    return words("progress.measure_how", measure=words.label(match.measure), how=how)


def progress_word(words: ProgressWords, tag: Tagged) -> str:
    if tag.counts:
        return words(f"progress.word.{tag.progress}")
    if tag.progress in ("improved", "worsened", "unchanged"):  # stated, but not about the client
        return words("progress.word.not_client")
    return words("progress.word.unknown")


def _target_days(words: ProgressWords, target_date: date, today: date) -> str:
    left = (target_date - today).days
    if left > 0:
        return words("progress.target_left", days=left)
    if left == 0:
        return words("progress.target_today")
    return words("progress.target_past", days=-left)


def trend_line(words: ProgressWords, view: ObjectiveView) -> str:
    """"· Trend: improving (panic attacks 4 to 1 a week over the last 6 sessions)"."""
    return words(
        "progress.trend_line",
        trend=words(f"progress.trend.{view.finding.trend}"),
        rule=rule_text(words, view.finding),
    )


def latest_evidence(words: ProgressWords, view: ObjectiveView, count: int) -> list[str]:
    """The `count` latest pieces of evidence, oldest first: noted sentences and measured values."""
    pieces = [
        (tag.day, words("progress.evidence_note", date=tag.day.strftime(DATE),
                        progress=progress_word(words, tag), sentence=tag.sentence))
        for tag in view.tagged
    ]
    pieces.extend(
        (point.day, words("progress.evidence_measure", date=point.day.strftime(DATE),
                          name=match.words,
                          amount=words.amount(match.measure, number(point.value))))
        for match in view.measures
        for point in match.measure.points
    )
    pieces.sort(key=lambda piece: piece[0])  # stable: a day's notes before its measures
    return [text for _, text in pieces[-count:]]


def objective_lines(words: ProgressWords, view: ObjectiveView, today: date) -> list[str]:
    objective, finding = view.objective, view.finding
    lines = [
        "",  # a blank line between objectives, for reading on a phone
        words("progress.objective", id=objective.id, text=objective.text),
        trend_line(words, view),
    ]
    if view.other is not None:
        lines.append(
            words(
                "progress.other_line",
                source=words(f"progress.source.{view.other.rule}"),
                trend=words(f"progress.trend.{view.other.trend}"),
                rule=rule_text(words, view.other),
            )
        )
    if view.measures:
        shown = "; ".join(_how(words, view, match) for match in view.measures)
        lines.append(words("progress.measures", measures=shown))
        latest = finding.figures["match"] if finding.rule == "measure" else view.measures[0]
        day, value = latest.measure.points[-1].day, latest.measure.points[-1].value
        lines.append(
            words(
                "progress.latest_measure",
                date=day.strftime(DATE),
                name=latest.words,
                amount=words.amount(latest.measure, number(value)),
            )
        )
    if view.tagged:
        tag = view.tagged[-1]
        lines.append(
            words(
                "progress.latest",
                date=tag.day.strftime(DATE),
                progress=progress_word(words, tag),
                sentence=tag.sentence,
            )
        )
    elif not view.measures:
        lines.append(words("progress.no_evidence"))
    if objective.target_date is not None:
        days = _target_days(words, objective.target_date, today)
        lines.append(words("progress.target", date=objective.target_date, days=days))
    return lines


def measurement_lines(words: ProgressWords, measures: list[Measure]) -> list[str]:
    if not measures:
        return []
    lines = ["", words("progress.measurements")]
    for measure in measures:
        shown = " → ".join(
            f"{number(p.value)} ({p.day.strftime(DATE)})"
            for p in measure.points[-MAX_SERIES_POINTS:]
        )
        lines.append(words("progress.measurement", name=words.label(measure), series=shown))
    return lines


def _panel(words: ProgressWords, measure: Measure, owners: list[ObjectiveView]) -> ChartPanel:
    name = measure.name  # the unit is on the axis
    if owners:
        ids = ", ".join(view.objective.id for view in owners)
        title = words("progress.chart.panel", name=name, objectives=ids)
    else:
        title = words("progress.chart.panel_alone", name=name)
    target = next((found for v in owners if (found := v.target_of(measure))), None)
    target_title = None
    if target is not None:
        target_title = words("progress.chart.with_target", title=title, target=target[0].phrase)
    low = high = None
    bands: tuple = ()
    cutoffs: tuple = ()
    if measure.kind == "score" and (known := instrument(measure.name)):
        low, high, bands, cutoffs = known.low, known.high, known.bands, known.cutoffs
    elif measure.kind == "rating":
        low, high = 0.0, float(measure.unit)
    return ChartPanel(
        title=title,
        target_title=target_title,
        target_label=words("progress.chart.target"),
        axis_label=words.axis(measure),
        points=[(point.day, point.value) for point in measure.points],
        low=low,
        high=high,
        bands=bands,
        cutoffs=cutoffs,
        target=target[1] if target else None,
        integer=measure.kind == "frequency",
    )


def chart_panels(
    words: ProgressWords, views: list[ObjectiveView], measures: list[Measure]
) -> list[ChartPanel]:
    """One panel per measure: the objectives' measures in plan order, then the others."""
    owners: dict[tuple, list[ObjectiveView]] = {measure.key: [] for measure in measures}
    order: list[Measure] = []
    for view in views:
        for match in view.measures:
            if match.measure.key in owners:
                if not owners[match.measure.key]:
                    order.append(match.measure)
                owners[match.measure.key].append(view)
    order.extend(measure for measure in measures if not owners[measure.key])
    return [_panel(words, measure, owners[measure.key]) for measure in order]
