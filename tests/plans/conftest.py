"""Fixtures for the plan tests: a chat with the dialogue (buttons pressed by label), sample plans,
and a plan database on SQLite and, when WAYFINDER_TEST_POSTGRES_URL is set, PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import open_services
from bot.config import Settings
from bot.dialogue.engine import Dialogue
from bot.shared.events import Document, Event, Reply
from tests.conftest import CLINICIAN
from tests.pg import fresh_postgres_database, postgres_url

SAMPLE_PLAN = (Path(__file__).parent / "sample_plan.yaml").read_text(encoding="utf-8")


class Talk:
    """One clinician talking to the dialogue; keeps the replies of the last message."""

    def __init__(self, dialogue: Dialogue, user_id: int = CLINICIAN):
        self.dialogue = dialogue
        self.user_id = user_id
        self.replies: list[Reply] = []
        self._message_id = 0
        self._keyboard: list = []

    @property
    def text(self) -> str:
        return "\n\n".join(reply.text for reply in self.replies)

    async def send(self, event: Event) -> str:
        self.replies = await self.dialogue.handle(event)
        for reply in self.replies:
            buttons = [button for row in reply.buttons for button in row]
            for button in buttons:
                assert len(button.data.encode()) <= 64, button.data
            if buttons:
                self._keyboard = buttons
        return self.text

    async def say(self, line: str) -> str:
        self._message_id += 1
        return await self.send(Event.from_text(self.user_id, line, message_id=self._message_id))

    def button(self, label: str):
        exact = [b for b in self._keyboard if b.label == label]
        partial = [b for b in self._keyboard if label in b.label]
        matches = exact or partial
        assert len(matches) == 1, f"{label!r} among {[b.label for b in self._keyboard]}"
        return matches[0]

    def labels(self) -> list[str]:
        return [b.label for b in self._keyboard]

    async def press(self, label: str) -> str:
        return await self.send(Event(self.user_id, "button", data=self.button(label).data))

    async def send_file(
        self, name: str, data: bytes | None, mime: str | None = "application/x-yaml", size=None
    ) -> str:
        size = len(data) if size is None else size
        document = Document(filename=name, mime_type=mime, size=size, data=data)
        return await self.send(Event(self.user_id, "document", document=document))


@pytest.fixture
async def talk(services) -> Talk:
    chat = Talk(Dialogue(services))
    await chat.say("/start")
    assert "Time zone set" in await chat.say("Europe/London")
    return chat


@pytest.fixture
def sample_plan() -> str:
    return SAMPLE_PLAN


@pytest.fixture(params=["sqlite", "postgresql"])
async def store_services(request, tmp_path, clock):
    """Services over SQLite, then over PostgreSQL (skipped when no server is configured)."""
    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path / "var", allowed_users=frozenset({CLINICIAN}))
        opened = await open_services(settings, clock)
        yield opened
        await opened.database.close()
        return
    if postgres_url() is None:
        pytest.skip("WAYFINDER_TEST_POSTGRES_URL is not set")
    async with fresh_postgres_database() as url:
        settings = Settings(
            data_dir=tmp_path / "var", allowed_users=frozenset({CLINICIAN}), database_url=url
        )
        opened = await open_services(settings, clock)
        try:
            yield opened
        finally:
            await opened.database.close()
