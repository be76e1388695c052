"""storage.reminders on SQLite and PostgreSQL: idempotent adds, claims, leases, settling."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from storage import reminders as store
from storage.models import Clinician, Reminder
from storage.reminders import NewReminder

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


async def seed(database, count: int, clinicians: int = 1) -> None:
    async with database.transaction() as session:
        for clinician in range(1, clinicians + 1):
            session.add(Clinician(id=clinician, reminders_off=[], created_at=NOW))
        await session.flush()
        await store.add_unique(
            session,
            [
                NewReminder(1 + n % clinicians, "own", NOW - timedelta(seconds=n), f"k{n}")
                for n in range(count)
            ],
            NOW,
        )


async def claim(database, worker: str, now=NOW, limit=100):
    async with database.transaction() as session:
        return await store.claim_due(session, now=now, worker=worker, lease=LEASE, limit=limit)


async def test_adding_the_same_key_twice_keeps_one_row(database):
    await seed(database, 3)
    async with database.transaction() as session:
        again = [NewReminder(1, "own", NOW, "k0"), NewReminder(1, "own", NOW, "k9")]
        assert await store.add_unique(session, again, NOW) == 1
        assert len(list(await session.scalars(select(Reminder.id)))) == 4


async def test_claims_only_due_rows_and_respects_the_lease(database):
    await seed(database, 5)
    async with database.transaction() as session:
        await store.add_unique(session, [NewReminder(1, "own", NOW + timedelta(hours=1), "f")], NOW)
    first = await claim(database, "a")
    assert len(first) == 5
    assert await claim(database, "b") == []
    taken = await claim(database, "b", now=NOW + LEASE + timedelta(seconds=1))
    assert {row.id for row in taken} == {row.id for row in first}
    async with database.transaction() as session:
        assert (
            await store.settle(session, [first[0].id], worker="a", status="sent", now=NOW) == set()
        )
        ids = [row.id for row in taken]
        assert await store.settle(session, ids, worker="b", status="sent", now=NOW) == set(ids)


async def test_concurrent_claimers_get_disjoint_rows(database):
    await seed(database, 300, clinicians=3)
    batches = await asyncio.gather(*(claim(database, f"w{n}", limit=40) for n in range(6)))
    ids = [row.id for batch in batches for row in batch]
    assert len(ids) == 240
    assert len(set(ids)) == 240


async def test_release_counts_failures_and_absorb_folds_missed_rows(database):
    await seed(database, 4)
    (row,) = await claim(database, "a", limit=1)
    async with database.transaction() as session:
        later = NOW + timedelta(minutes=1)
        assert await store.release(session, [row.id], worker="a", due_at=later, failed=True) == 1
        released = await session.get(Reminder, row.id)
        assert (released.status, released.attempts, released.due_at) == ("pending", 1, later)
        assert await store.absorb_due(session, [(1, "own", None)], NOW) == 3
        assert await store.absorb_due(session, [(1, "digest", None)], NOW) == 0


async def test_cancel_keeps_what_is_wanted(database):
    await seed(database, 0)
    async with database.transaction() as session:
        future = NOW + timedelta(days=1)
        rows = [NewReminder(1, "digest", future, f"auto:digest:{n}") for n in range(3)]
        await store.add_unique(session, rows, NOW)
        cancelled = await store.Reminders(session, 1).cancel_pending(
            key_prefix="auto:", keep_keys=["auto:digest:1"], after=NOW
        )
        assert cancelled == 2
        assert (await store.Reminders(session, 1).next_pending()).dedupe_key == "auto:digest:1"
