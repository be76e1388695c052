"""The end-of-day digest: at 17:00 local in any zone, across DST, only when something is open."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.reminders.support import add_clinician, add_draft, cycle, rows


async def test_digest_at_five_in_new_york(services, clock, dispatcher, outbox):
    # 2026-11-30 15:00 UTC is Monday 10:00 in New York (EST, UTC-5).
    await add_clinician(services, "America/New_York")
    await add_draft(services)
    await cycle(services, dispatcher)
    assert outbox.sent == []
    (digest,) = await rows(services, kind="digest", status="pending")
    assert digest.due_at == datetime(2026, 11, 30, 22, 0, tzinfo=UTC)
    clock.set(datetime(2026, 11, 30, 21, 59, tzinfo=UTC))
    await cycle(services, dispatcher)
    assert outbox.sent == []
    clock.set(datetime(2026, 11, 30, 22, 0, 30, tzinfo=UTC))
    await cycle(services, dispatcher)
    assert outbox.texts() == ["1 note is waiting (the oldest for 7 h)."]
    assert "A.B." not in outbox.texts()[0]
    await cycle(services, dispatcher)
    assert len(outbox.sent) == 1
    (following,) = await rows(services, kind="digest", status="pending")
    assert following.due_at == datetime(2026, 12, 1, 22, 0, tzinfo=UTC)


async def test_digest_at_five_in_kolkata(services, clock, dispatcher, outbox):
    # Kolkata is UTC+5:30 without DST: 17:00 there is 11:30 UTC; Monday's has passed at 15:00.
    await add_clinician(services, "Asia/Kolkata")
    await add_draft(services)
    await cycle(services, dispatcher)
    (digest,) = await rows(services, kind="digest", status="pending")
    assert digest.due_at == datetime(2026, 12, 1, 11, 30, tzinfo=UTC)
    clock.set(datetime(2026, 12, 1, 11, 30, tzinfo=UTC))
    await cycle(services, dispatcher)
    assert len(outbox.sent) == 1


async def test_no_digest_when_nothing_is_open(services, clock, dispatcher, outbox):
    await add_clinician(services, "America/New_York")
    await cycle(services, dispatcher)
    clock.set(datetime(2026, 11, 30, 22, 1, tzinfo=UTC))
    await cycle(services, dispatcher)
    assert outbox.sent == []
    assert [r.status for r in await rows(services, kind="digest")] == ["skipped", "pending"]


async def test_digest_skips_the_weekend(services, clock, dispatcher, outbox):
    clock.set(datetime(2026, 12, 4, 23, 0, tzinfo=UTC))  # Friday 18:00 in New York
    await add_clinician(services, "America/New_York")
    await cycle(services, dispatcher)
    (digest,) = await rows(services, kind="digest", status="pending")
    assert digest.due_at == datetime(2026, 12, 7, 22, 0, tzinfo=UTC)  # Monday 17:00 EST


async def test_digest_keeps_local_time_across_dst(services, clock, dispatcher, outbox):
    # New York springs forward on Sunday 2027-03-14: 17:00 is 22:00 UTC before, 21:00 after.
    clock.set(datetime(2027, 3, 12, 15, 0, tzinfo=UTC))
    await add_clinician(services, "America/New_York")
    await add_draft(services)
    await cycle(services, dispatcher)
    (friday,) = await rows(services, kind="digest", status="pending")
    assert friday.due_at == datetime(2027, 3, 12, 22, 0, tzinfo=UTC)
    clock.set(datetime(2027, 3, 12, 22, 0, tzinfo=UTC))
    await cycle(services, dispatcher)
    (monday,) = await rows(services, kind="digest", status="pending")
    assert monday.due_at == datetime(2027, 3, 15, 21, 0, tzinfo=UTC)
    clock.set(monday.due_at)
    await cycle(services, dispatcher)
    digests = [text for text in outbox.texts() if "waiting (the oldest" in text]
    assert digests == [
        "1 note is waiting (the oldest for 7 h).",
        "1 note is waiting (the oldest for 3 d).",
    ]


async def test_changing_the_digest_time_replaces_the_pending_one(services, clock, dispatcher):
    await add_clinician(services, "America/New_York")
    await cycle(services, dispatcher)
    async with services.database.transaction() as session:
        from storage.models import Clinician

        clinician = await session.get(Clinician, 1001)
        clinician.digest_time = "18:30"
    await cycle(services, dispatcher)
    statuses = {(r.due_at.hour, r.due_at.minute): r.status for r in await rows(services)}
    assert statuses == {(22, 0): "cancelled", (23, 30): "pending"}
