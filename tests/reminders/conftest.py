"""Fixtures for reminder tests: an outbox that records sends, a dispatcher over it, and a
database on each backend for the storage tests."""

from __future__ import annotations

import pytest

from bot.reminders.dispatcher import Dispatcher
from storage.db import open_database
from tests.conftest import TEST_KEY
from tests.pg import fresh_postgres_database, postgres_url
from tests.reminders.support import Outbox


@pytest.fixture
def outbox() -> Outbox:
    return Outbox()


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def dispatcher(services, outbox, waits) -> Dispatcher:
    async def record_wait(seconds: float) -> None:
        waits.append(seconds)

    return Dispatcher(services, outbox, worker="test-worker", sleep=record_wait)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database(request, tmp_path):
    """An empty migrated database: SQLite always, PostgreSQL where it is configured."""
    if request.param == "sqlite":
        db = await open_database(
            f"sqlite+aiosqlite:///{tmp_path / 'r.db'}", env_key=TEST_KEY, key_file=tmp_path / "k"
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
