"""Measurements in a sentence: 0-10 ratings, instrument scores, frequencies and durations.

A spaCy component reading the sentence text with patterns built from data files
(data/instruments.json, data/measurements.json). A score outside its instrument's range, or a
rating above its scale, is kept with "flag": "out_of_range" so the bot never stores it as fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nlp.analysis import sentences_of
from nlp.text import load_data

_NUMBER = r"\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Measurement:
    kind: str  # rating | score | frequency | duration
    name: str | None
    value: float
    scale: float | None = None
    period: str | None = None
    unit: str | None = None
    previous: float | None = None
    flag: str | None = None
    start: int = 0  # character offset in the sentence, for ordering and evidence

    def to_json(self) -> dict:
        out: dict = {"kind": self.kind, "name": self.name, "value": _plain(self.value)}
        if self.scale is not None:
            out["scale"] = _plain(self.scale)
        if self.period is not None:
            out["period"] = self.period
        if self.unit is not None:
            out["unit"] = self.unit
        if self.previous is not None:
            out["previous"] = _plain(self.previous)
        if self.flag is not None:
            out["flag"] = self.flag
        return out

    @property
    def change(self) -> str | None:
        """ "more" or "less" than the previous value, when the sentence gives one."""
        if self.previous is None or self.flag is not None or self.previous == self.value:
            return None
        return "more" if self.value > self.previous else "less"


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class MeasurementReader:
    def __init__(self) -> None:
        words = load_data("measurements.json")
        self.numbers: dict[str, int] = words["numbers"]
        self.periods: dict[str, str] = words["periods"]
        self.units: dict[str, str] = words["units"]
        self.time_units = frozenset(words["time_units"])
        self.rated = frozenset(words["rated"])
        self.activities: dict[str, str] = words["duration_activities"]
        self.instruments: dict[str, dict] = {}
        aliases: list[str] = []
        for instrument in load_data("instruments.json")["instruments"]:
            for alias in instrument["aliases"]:
                key = re.sub(r"[\s-]", "", alias.lower())
                self.instruments[key] = instrument
                aliases.append(alias)
        alias_pattern = "|".join(
            re.escape(a).replace(r"\-", r"[\s-]?").replace(r"\ ", r"[\s-]?")
            for a in sorted(aliases, key=len, reverse=True)
        )
        inst = rf"(?<![\w-])(?P<inst>{alias_pattern})(?![\w-])"
        count_words = _alternation(
            [w for w in self.numbers if w not in ("once", "twice", "thrice")]
        )
        count = rf"(?P<count>\d+|{count_words})"
        period_word = _alternation(list(self.periods))
        period = (
            rf"(?P<period>(?:(?:per|a|an|each|every|this|last|past|in\s+the\s+past|/)\s*"
            rf"(?:{period_word}))|daily|nightly|weekly|monthly)\b"
        )
        filler = r"(?:score[sd]?|total|of|is|was|=|:|today|now|at|intake|this\s+week|reported)"
        flags = re.IGNORECASE
        self.score_patterns = [
            re.compile(
                inst + r"(?:\s+score)?\s+(?:went|dropped|decreased|fell|rose|increased|"
                rf"improved|changed|moved)\s+from\s+(?P<prev>{_NUMBER})\s+to\s+"
                rf"(?P<value>{_NUMBER})",
                flags,
            ),
            re.compile(
                rf"\bscored\s+(?:a\s+)?(?P<value>{_NUMBER})\s+on\s+(?:the\s+)?" + inst, flags
            ),
            re.compile(
                inst + rf"(?:\s*{filler}){{0,3}}\s*(?P<value>{_NUMBER})(?![\d.]*\s*/\s*\d)", flags
            ),
        ]
        self.rating_patterns = [
            re.compile(
                r"\brated\s+(?:her|his|their|the|my)?\s*(?P<name>[a-z]+(?:\s+[a-z]+)?)\s+"
                rf"(?:as\s+)?(?:a|an|at)\s+(?P<value>{_NUMBER})"
                r"(?:\s*(?:/|out\s+of)\s*(?P<scale>\d+))?",
                flags,
            ),
            re.compile(rf"(?P<value>{_NUMBER})\s*(?:/|out\s+of)\s*(?P<scale>10|100|5)\b", flags),
        ]
        self.frequency_patterns = [
            (re.compile(rf"\b{count}\s*(?:times|x)\s*" + period, flags), False),
            (re.compile(r"\b(?P<count>once|twice|thrice)\s+" + period, flags), False),
            (
                re.compile(
                    rf"\b{count}\s+(?P<noun>[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){{0,3}}?)\s+"
                    + period,
                    flags,
                ),
                True,
            ),
            (re.compile(rf"\b{count}\s+(?:per|a|/)\s*(?P<bare>{period_word})\b", flags), False),
        ]
        unit_words = _alternation(list(self.units))
        self.duration_pattern = re.compile(
            rf"(?P<value>{_NUMBER})\s*(?P<unit>{unit_words})\b", flags
        )
        self.instrument_prefixes = frozenset(a.lower()[:3] for a in aliases)
        self.period_prefixes = ("da", "night", "week", "wk", "mo")
        self.has_unit = re.compile(rf"\d\s*(?:{unit_words})\b", flags)
        self.previous_patterns = [
            re.compile(
                rf"^[^0-9]{{0,25}}?\b(?:down|up|increased|decreased|dropped|improved|rose)\s+"
                rf"(?:from|since)\s+(?P<prev>{_NUMBER})",
                flags,
            ),
            re.compile(rf"^\s*\(\s*(?:was|prev\.?|previously|from)\s+(?P<prev>{_NUMBER})", flags),
            re.compile(rf"^\s*,?\s*previously\s+(?P<prev>{_NUMBER})", flags),
            re.compile(rf"^\s*(?:\S+\s+)?from\s+(?P<prev>{_NUMBER})(?:\s*/\s*10)?", flags),
        ]

    # -- helpers -------------------------------------------------------------------------------

    def _previous(self, text: str, end: int, claimed: list[tuple[int, int]]) -> float | None:
        rest = text[end:]
        for pattern in self.previous_patterns:
            found = pattern.search(rest)
            if found:
                claimed.append((end + found.start("prev"), end + found.end()))
                return float(found.group("prev"))
        return None

    def _count(self, word: str) -> float:
        lowered = word.lower()
        return float(self.numbers[lowered]) if lowered in self.numbers else float(word)

    def _period(self, text: str) -> str:
        last = re.findall(r"[A-Za-z]+", text)[-1].lower()
        return self.periods[last]

    @staticmethod
    def _overlaps(start: int, end: int, claimed: list[tuple[int, int]]) -> bool:
        return any(start < c_end and c_start < end for c_start, c_end in claimed)

    def _singular_noun(self, noun: str) -> str | None:
        words = noun.split()
        if words[0].lower() in self.time_units or words[0].lower() in _NOT_NOUNS:
            return None
        if any(w.lower() in _NOT_NOUNS and w.lower() != "of" for w in words):
            return None
        head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
        words[head] = _singular(words[head])
        return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)

    def _rated_name(self, before: str) -> str | None:
        for word in reversed(re.findall(r"[A-Za-z]+", before)[-6:]):
            lowered = word.lower()
            if lowered in self.rated:
                return _singular(lowered) if lowered[:-1] in self.rated else lowered
        return None

    def _activity(self, before: str) -> str | None:
        for word in reversed(re.findall(r"[A-Za-z]+", before)[-5:]):
            if word.lower() in self.activities:
                return self.activities[word.lower()]
        return None

    # -- reading -------------------------------------------------------------------------------

    def read(self, text: str) -> list[Measurement]:
        found: list[Measurement] = []
        claimed: list[tuple[int, int]] = []
        # Cheap substring tests decide whether a kind's patterns are worth running at all.
        lowered = text.lower()
        if any(prefix in lowered for prefix in self.instrument_prefixes):
            self._scores(text, found, claimed)
        if "/" in lowered or "out of" in lowered or "rated" in lowered:
            self._ratings(text, found, claimed)
        if any(word in lowered for word in self.period_prefixes):
            self._frequencies(text, found, claimed)
        if self.has_unit.search(text):
            self._durations(text, found, claimed)
        return sorted(found, key=lambda m: m.start)

    def _scores(self, text: str, found: list, claimed: list) -> None:
        for pattern in self.score_patterns:
            for match in pattern.finditer(text):
                if self._overlaps(match.start("value"), match.end("value"), claimed):
                    continue
                claimed.append((match.start(), match.end()))
                instrument = self.instruments[re.sub(r"[\s-]", "", match.group("inst").lower())]
                value = float(match.group("value"))
                if "prev" in match.groupdict() and match.group("prev"):
                    previous: float | None = float(match.group("prev"))
                else:
                    previous = self._previous(text, match.end(), claimed)
                in_range = instrument["min"] <= value <= instrument["max"]
                found.append(
                    Measurement(
                        "score",
                        instrument["name"],
                        value,
                        previous=previous,
                        flag=None if in_range else "out_of_range",
                        start=match.start(),
                    )
                )

    def _ratings(self, text: str, found: list, claimed: list) -> None:
        for index, pattern in enumerate(self.rating_patterns):
            for match in pattern.finditer(text):
                if self._overlaps(match.start("value"), match.end("value"), claimed):
                    continue
                if index == 0:
                    name = match.group("name").lower().split()[-1]
                    name = _singular(name) if name[:-1] in self.rated else name
                    if name not in self.rated:
                        continue
                else:
                    name = self._rated_name(text[: match.start()])
                    if name is None:
                        continue
                scale = float(match.group("scale") or 10)
                value = float(match.group("value"))
                claimed.append((match.start(), match.end()))
                previous = self._previous(text, match.end(), claimed)
                flag = None if 0 <= value <= scale else "out_of_range"
                found.append(
                    Measurement(
                        "rating",
                        name,
                        value,
                        scale=scale,
                        previous=previous,
                        flag=flag,
                        start=match.start(),
                    )
                )

    def _frequencies(self, text: str, found: list, claimed: list) -> None:
        for pattern, named in self.frequency_patterns:
            for match in pattern.finditer(text):
                if self._overlaps(match.start(), match.end(), claimed):
                    continue
                name = None
                if named:
                    name = self._singular_noun(match.group("noun"))
                    if name is None:
                        continue
                groups = match.groupdict()
                period = (
                    self.periods[groups["bare"].lower()]
                    if groups.get("bare")
                    else (self._period(match.group("period")))
                )
                claimed.append((match.start(), match.end()))
                previous = self._previous(text, match.end(), claimed)
                found.append(
                    Measurement(
                        "frequency",
                        name,
                        self._count(match.group("count")),
                        period=period,
                        previous=previous,
                        start=match.start(),
                    )
                )

    def _durations(self, text: str, found: list, claimed: list) -> None:
        for match in self.duration_pattern.finditer(text):
            if self._overlaps(match.start(), match.end(), claimed):
                continue
            activity = self._activity(text[: match.start()])
            if activity is None:
                continue
            claimed.append((match.start(), match.end()))
            previous = self._previous(text, match.end(), claimed)
            found.append(
                Measurement(
                    "duration",
                    activity,
                    float(match.group("value")),
                    unit=self.units[match.group("unit").lower()],
                    previous=previous,
                    start=match.start(),
                )
            )


_NOT_NOUNS = frozenset(
    {
        "of",
        "out",
        "to",
        "in",
        "on",
        "at",
        "the",
        "a",
        "an",
        "per",
        "x",
        "times",
        "more",
        "fewer",
        "less",
        "or",
        "and",
        "this",
        "that",
        "last",
        "past",
        "each",
        "every",
        "for",
        "from",
        "with",
        "without",
        "about",
        "than",
        "days",
        "day",
        "is",
        "was",
        "were",
        "are",
    }
)


def _singular(word: str) -> str:
    lowered = word.lower()
    if lowered.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lowered.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if lowered.endswith("s") and not lowered.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


class MeasurementFinder:
    def __init__(self, reader: MeasurementReader) -> None:
        self.reader = reader

    def __call__(self, doc: Doc) -> Doc:
        for sentence in sentences_of(doc):
            if _DIGIT.search(sentence.text) or not _NUMBER_WORDS.isdisjoint(sentence.lowers):
                sentence.measurements = self.reader.read(sentence.text)
        return doc


_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset(load_data("measurements.json")["numbers"])


@Language.factory("wayfinder_measurements")
def make_measurement_finder(nlp: Language, name: str) -> MeasurementFinder:
    return MeasurementFinder(MeasurementReader())
