"""Rule-based intent matching for free-text questions; the rules are prompts/intents.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.shared.vocabulary import vocabulary

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class Intent:
    name: str
    values: dict[str, str]


@cache
def _rules() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    return tuple(
        (entry["name"], tuple(re.compile(p, re.IGNORECASE) for p in entry["patterns"]))
        for entry in vocabulary("intents")["intent"]
    )


def match_intent(text: str) -> Intent | None:
    plain = text.translate(_QUOTES).strip()
    for name, patterns in _rules():
        for pattern in patterns:
            found = pattern.search(plain)
            if found:
                values = {k: v for k, v in found.groupdict().items() if v}
                return Intent(name, values)
    return None
