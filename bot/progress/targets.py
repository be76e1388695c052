"""Targets in an objective's wording: "PHQ-9 below 8" -> at most 8 on PHQ-9, "at least 7 hours"
-> at least 7 hours. The words are prompts/progress_targets.toml; an objective without a
comparator and a number has no target (nothing is guessed).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from bot.progress.rules import Instrument, instruments
from bot.shared.wording import PROMPTS_DIR

TARGETS_FILE = PROMPTS_DIR / "progress_targets.toml"
MAX_WORDS_BEFORE_PERIOD = 3  # "fewer than 2 panic attacks per week"


@dataclass(frozen=True)
class Target:
    bound: str  # "at_most" | "at_least"
    value: float
    kind: str | None  # rating | duration | frequency | score (an instrument named before it) | None
    unit: str | None  # a rating's scale, a count's period, a duration's unit
    instrument: str | None  # registry name, for a score
    phrase: str  # as the objective words it: "below 8"

    @property
    def better(self) -> str:
        return "lower" if self.bound == "at_most" else "higher"


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Reader:
    patterns: tuple[re.Pattern[str], ...]
    absence: re.Pattern[str]  # matches the end of the text before a measure's name
    bounds: dict[str, str]  # comparator (lower case) -> bound
    numbers: dict[str, float]
    units: dict[str, tuple[str, str]]  # unit words (lower case) -> (kind, unit)


@cache
def _reader() -> _Reader:
    with TARGETS_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    comparators = data["comparators"]
    bounds = {
        word: bound
        for bound in ("at_most", "at_least")
        for place in ("before", "after")
        for word in comparators[f"{bound}_{place}"]
    }
    units = {
        word: (entry["kind"], entry["unit"]) for entry in data["units"] for word in entry["words"]
    }
    periods = [word for word, (kind, _) in units.items() if kind == "frequency"]
    number = rf"(?<![\w./-])(?P<value>\d+(?:\.\d+)?|{_alternation(data['numbers'])})(?![\w.]*%)"
    filler = r"(?:\s+[^\W\d]+)"
    unit = (
        rf"(?:\s*(?P<unit>{_alternation(units)})(?![A-Za-z])"
        rf"|{filler}{{1,{MAX_WORDS_BEFORE_PERIOD}}}?\s+(?P<period>{_alternation(periods)})"
        r"(?![A-Za-z]))"
    )
    before = _alternation(w for b in ("at_most", "at_least") for w in comparators[f"{b}_before"])
    after = _alternation(w for b in ("at_most", "at_least") for w in comparators[f"{b}_after"])
    flags = re.IGNORECASE
    patterns = (
        re.compile(rf"\b(?P<cmp>{before})\s+{number}{unit}?", flags),
        re.compile(rf"{number}{unit}?\s+(?P<cmp>{after})\b", flags),
    )
    numbers = {word: float(value) for word, value in data["numbers"].items()}
    absence = re.compile(
        rf"\b(?:{_alternation(data['absence']['before'])})\s+(?:(?:a|an|the|any)\s+)?\Z", flags
    )
    return _Reader(patterns, absence, bounds, numbers, units)


def absent_before(text: str, position: int) -> bool:
    """Do the words just before `position` make what follows something to be without?"""
    return _reader().absence.search(text[:position]) is not None


def _instrument_before(text: str, end: int) -> Instrument | None:
    """The instrument named last before `end` in the text, if any."""
    best: tuple[int, Instrument] | None = None
    for candidate in instruments().values():
        for found in candidate.pattern.finditer(text[:end]):
            if best is None or found.start() > best[0]:
                best = (found.start(), candidate)
    return best[1] if best else None


def targets(text: str) -> list[Target]:
    """Every target the wording states, in order; the first per measure is the one that counts."""
    reader = _reader()
    found: list[tuple[int, Target]] = []
    taken: list[tuple[int, int]] = []
    for pattern in reader.patterns:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            raw = match.group("value").lower()
            value = reader.numbers.get(raw, None)
            value = float(raw) if value is None else value
            words = (match.group("unit") or match.group("period") or "").lower()
            kind, unit = reader.units.get(words, (None, None))
            named = None
            if kind is None:
                named = _instrument_before(text, match.start())
                kind = "score" if named else None
            target = Target(
                bound=reader.bounds[match.group("cmp").lower()],
                value=value,
                kind=kind,
                unit=unit,
                instrument=named.name if named else None,
                phrase=match.group(0).strip(),
            )
            found.append((match.start(), target))
    return [target for _, target in sorted(found, key=lambda pair: pair[0])]
