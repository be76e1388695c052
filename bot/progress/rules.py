"""The trend rules (rules.toml) and instrument scales (scales.toml), read once.

Instruments' names, ranges and better direction come from the tagger's registry, so a range is
written in one place; the scales file adds bands, cut-offs and reliable change.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nlp.text import load_data

RULES_FILE = Path(__file__).with_name("rules.toml")
SCALES_FILE = Path(__file__).with_name("scales.toml")


@dataclass(frozen=True)
class MeasurementRules:
    min_sessions: int
    last_sessions: int
    flat_within: dict  # kind -> {"absolute": number or {unit: number}, "share": ...}


@dataclass(frozen=True)
class TaggedRules:
    min_sessions: int
    last_sessions: int
    lead: int
    not_client_progress_sections: frozenset[str]


@dataclass(frozen=True)
class TrendRules:
    measurement: MeasurementRules
    tagged: TaggedRules
    precedence: tuple[str, ...]


@dataclass(frozen=True)
class Instrument:
    name: str
    low: float
    high: float
    better: str  # "lower" | "higher"
    aliases: tuple[str, ...]
    bands: tuple[tuple[float, str], ...] = ()  # (lower bound, label), bottom up
    cutoffs: tuple[tuple[float, str], ...] = ()
    reliable_change: float | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """Any alias as a whole word, spaces and hyphens optional: "PHQ 9", "phq-9", "PHQ9"."""
        return _alias_pattern(self.aliases)


@cache
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    spellings = "|".join(
        re.escape(alias).replace(r"\-", r"[\s-]?").replace(r"\ ", r"[\s-]?")
        for alias in sorted(aliases, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{spellings})(?![\w-])", re.IGNORECASE)


@cache
def trend_rules() -> TrendRules:
    with RULES_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    measurement, tagged = data["measurement"], data["tagged"]
    return TrendRules(
        measurement=MeasurementRules(
            min_sessions=measurement["min_sessions"],
            last_sessions=measurement["last_sessions"],
            flat_within=measurement["flat_within"],
        ),
        tagged=TaggedRules(
            min_sessions=tagged["min_sessions"],
            last_sessions=tagged["last_sessions"],
            lead=tagged["lead"],
            not_client_progress_sections=frozenset(tagged["not_client_progress_sections"]),
        ),
        precedence=tuple(data["combine"]["precedence"]),
    )


def folded(name: str) -> str:
    """An instrument's name or alias without case, spaces or hyphens: "PHQ 9" -> "phq9"."""
    return re.sub(r"[\s-]", "", name.casefold())


@cache
def instruments() -> dict[str, Instrument]:
    """Folded registry name -> instrument."""
    with SCALES_FILE.open("rb") as handle:
        scales = tomllib.load(handle)["instruments"]
    registry = load_data("instruments.json")["instruments"]
    unknown = scales.keys() - {entry["name"] for entry in registry}
    if unknown:
        raise ValueError(f"{SCALES_FILE.name} names instruments the registry lacks: {unknown}")
    found = {}
    for entry in registry:
        extra = scales.get(entry["name"], {})
        found[folded(entry["name"])] = Instrument(
            name=entry["name"],
            low=float(entry["min"]),
            high=float(entry["max"]),
            better=entry["better"],
            aliases=tuple(entry["aliases"]),
            bands=tuple((float(bound), label) for bound, label in extra.get("bands", [])),
            cutoffs=tuple((float(at), label) for at, label in extra.get("cutoffs", [])),
            reliable_change=extra.get("reliable_change"),
        )
    return found


def instrument(name: str) -> Instrument | None:
    return instruments().get(folded(name))
