"""Typed navigation words ("next", "back", ...) from prompts/navigation.toml."""

from __future__ import annotations

from bot.shared.vocabulary import as_typed, meanings

MOVES = ("next", "back", "skip", "done", "cancel")


def typed_move(text: str) -> str | None:
    """The move a whole message asks for, or None when it is note text."""
    return meanings("navigation").get(as_typed(text))
