"""Shared fixtures: a fresh encrypted database per test, a clock that only moves when told."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from bot.app import open_services
from bot.clock import ManualClock
from bot.config import Settings
from storage.db import open_database
from tests.pg import fresh_postgres_database, postgres_url

CLINICIAN = 1001
TEST_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 30, 15, 0, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(
        data_dir=tmp_path / "var", allowed_users=frozenset({CLINICIAN}), console_user=CLINICIAN
    )


@pytest.fixture
async def services(settings, clock):
    opened = await open_services(settings, clock)
    yield opened
    await opened.database.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database(request, tmp_path):
    """An empty migrated database: SQLite always, PostgreSQL where it is configured."""
    if request.param == "sqlite":
        db = await open_database(
            f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", env_key=TEST_KEY, key_file=tmp_path / "k"
        )
        yield db
        await db.close()
        return
    if postgres_url() is None:
        pytest.skip("WAYFINDER_TEST_POSTGRES_URL is not set")
    async with fresh_postgres_database() as url:
        db = await open_database(url, env_key=TEST_KEY, key_file=tmp_path / "k")
        yield db
        await db.close()


@pytest.fixture
async def telegram(services):
    """The real PTB Application over the fake Bot API, started; yields (app, api)."""
    from bot.telegram.application import build_application, register_commands
    from tests.support.chat import running
    from tests.support.fake_bot_api import FakeBotAPI

    api = FakeBotAPI()
    app = build_application(services, builder=api.application_builder())
    async with running(app):
        await register_commands(app)
        yield app, api


@pytest.fixture
def chat(telegram):
    from tests.support.chat import Chat

    app, api = telegram
    return Chat(app, api, CLINICIAN)


@pytest.fixture
async def dictating(services):
    """(chat, speech): a chat whose voice messages are heard as `speech.lines`, in order."""
    from bot.telegram.application import build_application, register_commands
    from tests.support.chat import Chat, running
    from tests.support.fake_bot_api import FakeBotAPI
    from tests.support.scripted_speech import ScriptedSpeech

    speech = ScriptedSpeech()
    api = FakeBotAPI()
    app = build_application(services, builder=api.application_builder(), voice=speech)
    async with running(app):
        await register_commands(app)
        yield Chat(app, api, CLINICIAN), speech
