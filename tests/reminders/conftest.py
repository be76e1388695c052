"""Fixtures for reminder tests: an outbox that records sends, and a dispatcher over it."""

from __future__ import annotations

import pytest

from bot.reminders.dispatcher import Dispatcher
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
