"""Sending: leases, Telegram errors (429, blocked, other), quiet hours, nudges, missed ticks."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from bot.reminders.dispatcher import Dispatcher
from bot.reminders.planner import plan_everyone
from bot.reminders.rules import rules
from bot.reminders.sending import RecipientGone, RetryLater, SendFailed
from storage import reminders as reminder_store
from storage.models import Clinician
from storage.reminders import NewReminder
from tests.conftest import CLINICIAN
from tests.reminders.support import Outbox, add_clinician, add_draft, cycle, rows

SECRET = "call A.B. about the overdose plan"


async def add_own(
    services,
    due: datetime,
    text: str = SECRET,
    recurrence: str | None = None,
    series: str = "series1",
):
    async with services.database.transaction() as session:
        row = await reminder_store.add_with_text(
            session,
            NewReminder(CLINICIAN, "own", due, subject_id=series, recurrence=recurrence),
            text,
            services.clock.now(),
        )
        return row.id


async def test_a_dead_workers_rows_are_taken_over_after_the_lease(services, clock, outbox):
    await add_clinician(services, "UTC", quiet_start="00:00", quiet_end="00:00")
    await add_own(services, clock.now())
    async with services.database.transaction() as session:
        claimed = await reminder_store.claim_due(
            session, now=clock.now(), worker="dead", lease=rules().lease, limit=10
        )
    assert len(claimed) == 1  # ...and the worker dies before sending
    survivor = Dispatcher(services, outbox, worker="survivor")
    await survivor.tick()
    assert outbox.sent == []
    clock.advance(seconds=rules().lease.total_seconds() + 1)
    await survivor.tick()
    await survivor.tick()
    assert len(outbox.sent) == 1
    async with services.database.transaction() as session:
        # The dead worker coming back cannot settle a row it no longer holds.
        assert not await reminder_store.settle(
            session, [claimed[0].id], worker="dead", status="sent", now=clock.now()
        )


async def test_rate_limit_waits_retry_after_then_sends(services, clock, dispatcher, outbox, waits):
    await add_clinician(services, "UTC", quiet_start="00:00", quiet_end="00:00")
    await add_own(services, clock.now())
    outbox.failures = [RetryLater(3), RetryLater(2)]
    await dispatcher.tick()
    assert waits == [3, 2]
    assert len(outbox.sent) == 1
    assert [r.status for r in await rows(services)] == ["sent"]


async def test_a_long_rate_limit_releases_the_row_until_it_ends(
    services, clock, dispatcher, outbox, waits
):
    await add_clinician(services, "UTC", quiet_start="00:00", quiet_end="00:00")
    await add_own(services, clock.now())
    outbox.failures = [RetryLater(120)]
    await dispatcher.tick()
    assert waits == [] and outbox.sent == []
    (row,) = await rows(services)
    assert (row.status, row.attempts) == ("pending", 0)
    assert row.due_at == clock.now() + timedelta(seconds=120)
    clock.advance(seconds=120)
    await dispatcher.tick()
    assert len(outbox.sent) == 1


async def test_a_blocked_bot_turns_reminders_off(services, clock, dispatcher, outbox):
    await add_clinician(services, "UTC", quiet_start="00:00", quiet_end="00:00")
    await add_own(services, clock.now())
    await add_own(services, clock.now() + timedelta(days=1), text="later")
    outbox.failures = [RecipientGone()]
    await dispatcher.tick()
    assert [r.status for r in await rows(services)] == ["cancelled", "cancelled"]
    async with services.database.transaction() as session:
        assert (await session.get(Clinician, CLINICIAN)).blocked
    await cycle(services, dispatcher)
    assert await rows(services, status="pending") == []


async def test_other_errors_back_off_then_give_up_without_phi(
    services, clock, dispatcher, outbox, caplog
):
    await add_clinician(services, "UTC", quiet_start="00:00", quiet_end="00:00")
    await add_own(services, clock.now())
    outbox.failures = [SendFailed(SECRET)] * rules().max_attempts
    caplog.set_level(logging.INFO)
    for attempt in range(1, rules().max_attempts):
        await dispatcher.tick()
        (row,) = await rows(services)
        assert (row.status, row.attempts) == ("pending", attempt)
        assert row.due_at == clock.now() + rules().backoff_after(attempt)
        clock.set(row.due_at)
    await dispatcher.tick()
    (row,) = await rows(services)
    assert row.status == "failed"
    assert outbox.sent == []
    assert "given up" in caplog.text
    assert "A.B." not in caplog.text and "overdose" not in caplog.text


async def test_quiet_hours_hold_a_reminder_until_they_end(services, clock, dispatcher, outbox):
    # 15:00 UTC is 23:00 in Singapore (no DST), inside the default quiet hours 21:00-07:00.
    await add_clinician(services, "Asia/Singapore")
    await add_own(services, clock.now())
    await dispatcher.tick()
    assert outbox.sent == []
    (row,) = await rows(services)
    assert (row.status, row.due_at) == ("pending", datetime(2026, 11, 30, 23, 0, tzinfo=UTC))
    clock.set(row.due_at)
    await dispatcher.tick()
    assert outbox.texts() == ["⏰ Your reminder for 07:00."]


async def test_the_nudge_comes_once_a_day_at_most(services, clock, dispatcher, outbox):
    await add_clinician(services, "America/New_York", reminders_off=["digest"])
    await add_draft(services)
    await cycle(services, dispatcher)
    (nudge,) = await rows(services, kind="nudge", status="pending")
    assert nudge.due_at == clock.now() + timedelta(hours=24)
    clock.set(nudge.due_at)
    await cycle(services, dispatcher)
    assert outbox.texts() == ["A note has waited more than 24 h."]
    clock.advance(hours=3)
    await cycle(services, dispatcher)
    assert len(outbox.sent) == 1
    (following,) = await rows(services, kind="nudge", status="pending")
    assert following.due_at == datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # 07:00 New York


async def test_missed_while_down_is_sent_once_per_kind(services, clock, outbox):
    # Three days of downtime: every due row of a kind becomes one message, then life goes on.
    await add_clinician(services, "UTC", quiet_start="00:00", quiet_end="00:00")
    await add_draft(services)
    start = clock.now()
    async with services.database.transaction() as session:
        await reminder_store.add_unique(
            session,
            [
                NewReminder(CLINICIAN, "digest", start + timedelta(days=d, hours=2), f"d{d}")
                for d in range(3)
            ],
            start,
        )
    await add_own(services, start + timedelta(hours=1), recurrence="daily:16:00")
    clock.set(start + timedelta(days=3, hours=3))
    dispatcher = Dispatcher(services, outbox, worker="restarted")
    await cycle(services, dispatcher)
    assert sorted(outbox.texts()) == [
        "1 note is waiting (the oldest for 3 d).",
        "A note has waited more than 24 h.",
        "⏰ Your reminder for 16:00.",
    ]
    assert all(SECRET not in text and "A.B." not in text for text in outbox.texts())
    (next_own,) = await rows(services, kind="own", status="pending")
    assert next_own.due_at == datetime(2026, 12, 4, 16, 0, tzinfo=UTC)  # not one per missed day
    assert next_own.text == SECRET
    await cycle(services, dispatcher)
    assert len(outbox.sent) == 3


async def test_only_one_worker_sends_with_two_racing(services, clock):
    await add_clinician(services, "UTC", quiet_start="00:00", quiet_end="00:00")
    for minute in range(30):
        due = clock.now() - timedelta(minutes=minute)
        await add_own(services, due, text=f"r{minute}", series=f"s{minute}")
    outbox = Outbox()
    first, second = (
        Dispatcher(services, outbox, worker="a"),
        Dispatcher(services, outbox, worker="b"),
    )
    await asyncio.gather(first.tick(), second.tick())
    statuses = [r.status for r in await rows(services)]
    assert statuses.count("pending") == 0
    assert len(outbox.sent) == 30  # one message per reminder, none twice


async def test_a_row_that_cannot_be_composed_backs_off_and_others_still_go(
    services, clock, dispatcher, outbox
):
    await add_clinician(services, "UTC", quiet_start="00:00", quiet_end="00:00")
    await add_clinician(services, "UTC", clinician_id=2002, quiet_start="00:00", quiet_end="00:00")
    await add_own(services, clock.now())
    async with services.database.transaction() as session:
        await reminder_store.add_unique(
            session,
            [
                NewReminder(2002, "own", clock.now(), "m1", subject_id="s2"),
                NewReminder(2002, "mystery", clock.now(), "m2"),
            ],
            clock.now(),
        )
        (await session.get(Clinician, CLINICIAN)).timezone = "Not/AZone"
    await dispatcher.tick()
    statuses = {(r.clinician_id, r.kind): (r.status, r.attempts) for r in await rows(services)}
    assert statuses == {
        (CLINICIAN, "own"): ("pending", 1),
        (2002, "own"): ("sent", 0),
        (2002, "mystery"): ("skipped", 0),
    }
    assert [clinician for clinician, _ in outbox.sent] == [2002]


async def test_one_clinicians_bad_settings_do_not_stop_planning_for_others(services, caplog):
    await add_clinician(services, "Not/AZone")
    await add_clinician(services, "Europe/Berlin", clinician_id=2002)
    assert await plan_everyone(services.database, services.clock.now()) == 2
    assert [r.clinician_id for r in await rows(services, kind="digest")] == [2002]
    assert "planning reminders for 1001 failed" in caplog.text
