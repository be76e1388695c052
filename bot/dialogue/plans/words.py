"""Typed answers in the plan flows (yes/no, increase/decrease, keep/met/...), from
prompts/plan_words.toml: each table name is a meaning, its list the words that mean it."""

from __future__ import annotations

from bot.shared.vocabulary import as_typed, meanings


def typed_answer(text: str) -> str | None:
    """The meaning of a typed answer (yes, no, increase, keep, met, ...), or None."""
    return meanings("plan_words").get(as_typed(text))
