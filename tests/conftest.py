"""Shared fixtures: a fresh encrypted database per test, a clock that only moves when told."""

from __future__ import annotations

import base64
import os
from datetime import UTC, datetime

import pytest

from bot.app import open_services
from bot.clock import ManualClock
from bot.config import Settings

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


def postgres_url() -> str | None:
    return os.environ.get("WAYFINDER_TEST_POSTGRES_URL")
