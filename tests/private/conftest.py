"""Fixtures for private-note tests: the real PTB app with speech that hears scripted lines."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.telegram.application import build_application, register_commands
from tests.conftest import CLINICIAN
from tests.support.chat import Chat, running
from tests.support.fake_bot_api import FakeBotAPI


@dataclass(frozen=True)
class Heard:
    text: str


class ScriptedSpeech:
    """Stands in for the speech model: each voice message is heard as the next scripted line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def check_before_download(self, file_size: int | None, duration: float | None) -> None:
        """Every voice message is short enough."""

    async def transcribe(self, audio: bytes, *, on_queued=None) -> Heard:
        return Heard(self.lines.pop(0))


@pytest.fixture
async def dictating(services):
    """(chat, speech): a chat whose voice messages are heard as `speech.lines`, in order."""
    speech = ScriptedSpeech()
    api = FakeBotAPI()
    app = build_application(services, builder=api.application_builder(), voice=speech)
    async with running(app):
        await register_commands(app)
        yield Chat(app, api, CLINICIAN), speech
