"""Typed answers in the plan flows (yes/no, increase/decrease, keep/met/...), read from
prompts/plan_words.toml: each table name is a meaning, its list the words that mean it."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from bot.dialogue.wording import PROMPTS_DIR

ANSWER_FILE = "plan_words.toml"


@cache
def _answers() -> dict[str, str]:
    with (PROMPTS_DIR / ANSWER_FILE).open("rb") as handle:
        table = tomllib.load(handle)
    return {word.casefold(): meaning for meaning, words in table.items() for word in words}


def typed_answer(text: str) -> str | None:
    """The meaning of a typed answer (yes, no, increase, keep, met, ...), or None."""
    cleaned = re.sub(r"[\s.!?]+$", "", text.strip()).casefold()
    return _answers().get(cleaned)
