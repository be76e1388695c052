"""The bot's own wording, loaded from prompts/messages.toml: code names a key, never a sentence."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
# One file per feature area; their top-level tables must not overlap.
WORDING_FILES = ("messages.toml", "plan.toml", "reminders.toml", "status.toml", "private.toml",
                 "group_notes.toml", "lock.toml", "export.toml", "record.toml", "supervision.toml")


class Wording:
    def __init__(self, table: dict[str, str]):
        self._table = table

    @classmethod
    def load(cls, directory: Path = PROMPTS_DIR) -> Wording:
        table: dict[str, str] = {}
        for name in WORDING_FILES:
            with (directory / name).open("rb") as handle:
                entries = _flatten(tomllib.load(handle))
            clash = table.keys() & entries.keys()
            if clash:
                raise ValueError(f"{name} repeats wording keys {sorted(clash)[:3]}")
            table.update(entries)
        return cls(table)

    def __call__(self, key: str, **values: object) -> str:
        return self._table[key].format(**values).strip()

    def keys(self) -> set[str]:
        return set(self._table)


def counted(words: Wording, key: str, count: int, **values: object) -> str:
    """`key.one` or `key.many`, as `count` asks."""
    return words(f"{key}.{'one' if count == 1 else 'many'}", count=count, **values)


def age_text(words: Wording, delta: timedelta) -> str:
    """How long ago, in the largest whole unit that reads naturally: minutes, hours or days."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 60:
        return words("time.minutes", n=minutes)
    if minutes < 48 * 60:
        return words("time.hours", n=minutes // 60)
    return words("time.days", n=minutes // (24 * 60))


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat
