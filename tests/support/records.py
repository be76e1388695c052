"""What the fake Bot API remembers: each call, and the messages and files the bot sent."""

import time
from dataclasses import dataclass, field
from typing import Any

from tests.support.bot_api_rules import BotApiError
from tests.support.fake_request import UploadedFile


@dataclass
class SentFile:
    """A photo or document the bot sent, with the file_id the fake gave it."""

    file_id: str
    file_unique_id: str
    data: bytes
    filename: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass
class SentMessage:
    """A message the bot sent; `text` is the text or caption exactly as sent (markup included),
    `visible_text` what the user reads."""

    chat_id: int
    message_id: int
    date: int
    text: str | None = None
    parse_mode: str | None = None
    visible_text: str = ""
    reply_markup: dict[str, Any] | None = None
    photo: SentFile | None = None
    document: SentFile | None = None
    edit_date: int | None = None

    @property
    def edited(self) -> bool:
        return self.edit_date is not None

    @property
    def inline_buttons(self) -> list[dict[str, Any]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    @property
    def buttons(self) -> list[str]:
        return [button["text"] for button in self.inline_buttons]


@dataclass
class ApiCall:
    """One request to the fake: method, decoded parameters, uploaded files and the outcome.

    `message` is a snapshot of the bot message this call created or changed, if any; `at` is
    when the call arrived (time.perf_counter(), for benchmarks).
    """

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    result: Any = None
    error: BotApiError | None = None
    message: SentMessage | None = None
    at: float = field(default_factory=time.perf_counter)
