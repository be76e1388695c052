"""Plan review reminders: 14 and 3 days before, on the day, then weekly while overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.reminders.support import add_clinician, add_plan, cycle, rows


async def review_due_dates(services) -> list[datetime]:
    return [r.due_at for r in await rows(services, kind="review", status="pending")]


async def test_review_schedule_before_on_and_after_the_day(services, clock, dispatcher, outbox):
    # Review on Monday 2026-12-28; reminders at 09:00 in New York (14:00 UTC in winter).
    await add_clinician(services, "America/New_York", reminders_off=["digest"])
    await add_plan(services, "A.B.", date(2026, 12, 28))
    await cycle(services, dispatcher)
    assert await review_due_dates(services) == []  # four weeks ahead: nothing planned yet
    clock.set(datetime(2026, 12, 8, 12, 0, tzinfo=UTC))
    expected = [date(2026, 12, 14), date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 4)]
    for day in expected:
        await cycle(services, dispatcher)
        at_nine = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=14)
        assert await review_due_dates(services) == [at_nine]
        clock.set(at_nine)
        await cycle(services, dispatcher)
    assert outbox.texts() == [
        "1 plan review is due within 14 days.",
        "1 plan review is due within 14 days.",
        "1 plan review is due within 14 days.",
        "1 plan review is due within 14 days (1 overdue).",
    ]
    assert all("A.B." not in text for text in outbox.texts())
    assert await review_due_dates(services) == [datetime(2027, 1, 11, 14, 0, tzinfo=UTC)]


async def test_a_reviewed_plan_stops_its_reminders(services, clock, dispatcher, outbox):
    await add_clinician(services, "America/New_York", reminders_off=["digest"])
    await add_plan(services, "A.B.", date(2026, 12, 10))
    await cycle(services, dispatcher)
    assert len(await review_due_dates(services)) == 1
    await add_plan(services, "A.B.", date(2027, 3, 10))  # a new version: reviewed, next in March
    await cycle(services, dispatcher)
    assert await review_due_dates(services) == []
    assert [r.status for r in await rows(services, kind="review")] == ["cancelled"]


async def test_two_plans_due_make_one_message(services, clock, dispatcher, outbox):
    await add_clinician(services, "Europe/Berlin", reminders_off=["digest"])
    await add_plan(services, "A.B.", date(2026, 12, 3))
    await add_plan(services, "C.D.", date(2026, 12, 3))
    await cycle(services, dispatcher)
    clock.set(datetime(2026, 12, 3, 8, 0, tzinfo=UTC))  # 09:00 in Berlin
    await cycle(services, dispatcher)
    assert outbox.texts() == ["2 plan reviews are due within 14 days."]
    statuses = sorted(r.status for r in await rows(services, kind="review"))
    assert statuses == ["pending", "pending", "sent", "sent"]  # both rows in one message
