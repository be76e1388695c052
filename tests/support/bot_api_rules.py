"""Telegram's limits and error wording (bot_api_rules.toml) and the error the fake server raises."""

import tomllib
from pathlib import Path
from typing import Any

RULES: dict[str, Any] = tomllib.loads(
    (Path(__file__).with_name("bot_api_rules.toml")).read_text(encoding="utf-8")
)
LIMITS: dict[str, Any] = RULES["limits"]


class BotApiError(Exception):
    """An error answer of the Bot API: HTTP status, description and optional parameters."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def wording(name: str, **fields: object) -> str:
    """The Bot API's text for the error called `name`, with its fields filled in."""
    return RULES["errors"][name].format(**fields)


def api_error(name: str, error_code: int = 400, **fields: object) -> BotApiError:
    return BotApiError(error_code, wording(name, **fields))
