"""Typed navigation words ("next", "back", ...) read from prompts/navigation.toml."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from bot.dialogue.wording import PROMPTS_DIR

MOVES = ("next", "back", "skip", "done", "cancel")


@cache
def _words() -> dict[str, str]:
    with (PROMPTS_DIR / "navigation.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return {word.casefold(): move for move in MOVES for word in table[move]}


def typed_move(text: str) -> str | None:
    """The move a whole message asks for, or None when it is note text."""
    cleaned = re.sub(r"[\s.!?]+$", "", text.strip()).casefold()
    return _words().get(cleaned)
