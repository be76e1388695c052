"""Reminders end to end: the dispatcher sends through PTB to the fake Bot API, taps come back
through the real Application."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.reminders.dispatcher import Dispatcher
from bot.scheduler import start_reminders
from bot.telegram.sender import make_sender
from storage.models import Clinician
from tests.conftest import CLINICIAN
from tests.reminders.support import cycle, rows


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def telegram_dispatcher(services, telegram, waits) -> Dispatcher:
    app, _ = telegram

    async def record_wait(seconds: float) -> None:
        waits.append(seconds)

    return Dispatcher(services, make_sender(app.bot), worker="e2e", sleep=record_wait)


async def start_a_draft(chat) -> None:
    await chat.start_note("A.B.", "soap")
    await chat.say("Reports sleeping five hours a night.")
    await chat.say("cancel")
    chat.expect("Saved as a draft")


async def test_a_digest_arrives_with_its_button_and_resumes_the_draft(
    services, clock, chat, telegram, telegram_dispatcher
):
    _, api = telegram
    await start_a_draft(chat)
    await cycle(services, telegram_dispatcher)
    clock.set(datetime(2026, 11, 30, 22, 0, tzinfo=UTC))  # 17:00 in New York
    await cycle(services, telegram_dispatcher)
    digest = api.messages_in(CLINICIAN)[-1]
    assert digest.visible_text == "1 note is waiting (the oldest for 7 h)."
    assert "A.B." not in digest.visible_text
    assert digest.buttons[0] == "Open drafts"
    await chat.press("Open drafts")
    chat.expect("Subjective (1/4)", "Reports sleeping five hours a night.")
    await chat.say("Sleeps six hours now.")
    chat.expect("Added to Subjective (2 so far")


async def test_a_429_is_retried_after_retry_after(
    services, clock, chat, telegram, telegram_dispatcher, waits
):
    _, api = telegram
    await start_a_draft(chat)
    await cycle(services, telegram_dispatcher)
    clock.set(datetime(2026, 11, 30, 22, 0, tzinfo=UTC))
    api.fail_next("sendMessage", error_code=429, retry_after=7)
    await cycle(services, telegram_dispatcher)
    assert waits == [7]
    assert [m.visible_text for m in api.messages_in(CLINICIAN)][-1].startswith("1 note is waiting")
    assert [r.status for r in await rows(services, kind="digest")][:1] == ["sent"]


async def test_blocking_the_bot_turns_reminders_off(
    services, clock, chat, telegram, telegram_dispatcher
):
    _, api = telegram
    await start_a_draft(chat)
    await cycle(services, telegram_dispatcher)
    clock.set(datetime(2026, 11, 30, 22, 0, tzinfo=UTC))
    api.block(CLINICIAN)
    await cycle(services, telegram_dispatcher)
    async with services.database.transaction() as session:
        assert (await session.get(Clinician, CLINICIAN)).blocked
    assert await rows(services, status="pending") == []


async def test_the_scheduler_plans_and_dispatches_on_its_own(services, chat, telegram):
    app, api = telegram
    await chat.onboard()
    scheduler = start_reminders(services, make_sender(app.bot), worker="e2e")
    try:
        assert {job.id for job in scheduler.get_jobs()} == {"reminders.plan", "reminders.dispatch"}
        for _ in range(200):  # the first planning run starts at once; give the loop a moment
            if await rows(services, kind="digest"):
                break
            await asyncio.sleep(0.025)
        (digest,) = await rows(services, kind="digest")
        assert digest.due_at == datetime(2026, 11, 30, 22, 0, tzinfo=UTC)
    finally:
        scheduler.shutdown(wait=False)
