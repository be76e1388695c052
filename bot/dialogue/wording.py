"""The bot's own wording, loaded from prompts/messages.toml: code names a key, never a sentence."""

from __future__ import annotations

import tomllib
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"


class Wording:
    def __init__(self, table: dict[str, str]):
        self._table = table

    @classmethod
    def load(cls, path: Path = PROMPTS_DIR / "messages.toml") -> Wording:
        with path.open("rb") as handle:
            return cls(_flatten(tomllib.load(handle)))

    def __call__(self, key: str, **values: object) -> str:
        return self._table[key].format(**values).strip()

    def keys(self) -> set[str]:
        return set(self._table)


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat
