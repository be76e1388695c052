"""The inbox's rows: recorded once, claimed one chat at a time in update-id order, leased,
marked processed by the turn, answered, pruned. SQLite always; PostgreSQL where configured."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from storage import inbox
from storage.inbox import Received
from storage.models import InboxUpdate

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)
CANARY = "Inbox-Canary-4471"


def update(update_id: int, chat: int, text: str = "hello") -> Received:
    payload = {"update_id": update_id, "message": {"chat": {"id": chat}, "text": text}}
    return Received(update_id, chat, payload)


async def record(database, *updates: Received, now: datetime = NOW) -> int:
    async with database.transaction() as session:
        return await inbox.record(session, updates, now)


async def claim(database, worker: str = "w1", now: datetime = NOW, **kwargs):
    async with database.transaction() as session:
        return await inbox.claim(
            session, worker=worker, now=now, lease=LEASE, limit=kwargs.pop("limit", 10), **kwargs
        )


async def answered(database, update_id: int, worker: str = "w1") -> bool:
    async with database.transaction() as session:
        return await inbox.answered(session, update_id, worker=worker, now=NOW)


async def test_a_redelivered_update_is_recorded_once_and_sealed(database):
    assert await record(database, update(1, 10, CANARY)) == 1
    assert await record(database, update(1, 10, CANARY), update(2, 10)) == 1
    async with database.transaction() as session:
        rows = (await session.scalars(select(InboxUpdate).order_by(InboxUpdate.id))).all()
        assert [row.id for row in rows] == [1, 2]
        assert CANARY.encode() not in rows[0].payload_sealed
        assert rows[0].payload["message"]["text"] == CANARY


async def test_only_the_oldest_open_update_of_each_chat_can_be_claimed(database):
    await record(database, update(5, 10), update(6, 10), update(7, 20), update(8, 20))
    first = await claim(database)
    assert [(c.update_id, c.chat_id, c.status) for c in first] == [(5, 10, "pending"),
                                                                   (7, 20, "pending")]
    assert first[0].payload["update_id"] == 5 and first[0].attempts == 1
    assert await claim(database, "w2") == [], "a chat with an update in hand is held whole"
    assert await answered(database, 5)
    assert [c.update_id for c in await claim(database, "w2")] == [6]


async def take_in(database, *updates: Received, worker: str = "w1", limit: int = 10):
    async with database.statements() as session:
        return await inbox.record_and_claim(
            session, updates, worker=worker, now=NOW, lease=LEASE, limit=limit
        )


async def test_an_update_is_recorded_and_claimed_at_once_when_its_chat_is_free(database):
    taken = await take_in(database, update(5, 10, CANARY), update(6, 10), update(7, 20))
    assert [(c.update_id, c.chat_id, c.attempts) for c in taken] == [(5, 10, 1), (7, 20, 1)]
    assert taken[0].payload["message"]["text"] == CANARY
    assert await claim(database, "w2") == [], "both free chats are w1's, 6 waits behind 5"
    assert await take_in(database, update(8, 10), worker="w2") == [], "chat 10 is busy"
    assert await answered(database, 5)
    assert [c.update_id for c in await claim(database, "w2")] == [6]
    async with database.transaction() as session:
        row = await session.get(InboxUpdate, 7)
        assert CANARY.encode() not in (row.payload_sealed or b"")
        assert (row.status, row.lease_owner, row.attempts) == ("pending", "w1", 1)


async def test_a_busy_worker_records_without_claiming_and_a_redelivery_is_claimed_once(database):
    assert await take_in(database, update(1, 10), update(2, 20), limit=1) != []
    [left] = await claim(database, "w2")
    assert left.update_id == 2, "beyond its limit the update was recorded, not claimed"
    assert await take_in(database, update(1, 10), worker="w3") == [], "w1 holds it"
    later = NOW + LEASE + timedelta(seconds=1)
    async with database.statements() as session:
        [again] = await inbox.record_and_claim(
            session, [update(1, 10)], worker="w3", now=later, lease=LEASE, limit=10
        )
    assert (again.update_id, again.attempts) == (1, 2), "the same row, claimed again"
    async with database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(InboxUpdate)) == 2


async def test_what_a_worker_records_unclaimed_is_announced_to_the_others_and_nothing_else(
    database,
):
    heard = asyncio.Event()
    async with inbox.listening(database.engine, heard.set) as listens:
        if not listens:
            pytest.skip("SQLite: one process, nobody to tell")

        async def announced() -> bool:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(heard.wait(), 2.0)
            was, _ = heard.is_set(), heard.clear()
            return was

        assert await take_in(database, update(1, 10)) != []
        assert not await announced(), "claimed by the worker that recorded it"
        assert await take_in(database, update(2, 10)) == []
        assert await announced(), "its chat is busy: whoever finishes 1 may be another worker"
        assert await take_in(database, update(3, 20), limit=0) == []
        assert await announced(), "no room: left to the others"
        assert await take_in(database, update(3, 20), limit=0) == []
        assert await announced(), "a redelivery left unclaimed: announced again"
        assert [c.update_id for c in await take_in(database, update(3, 20), worker="w2")] == [3]
        assert not await announced(), "a redelivery claimed at once"


async def answer_and_claim_next(database, update_id: int, chat: int, worker: str = "w1"):
    async with database.statements() as session:
        return await inbox.answer_and_claim_next(
            session, update_id, chat, worker=worker, now=NOW, lease=LEASE
        )


async def test_answering_an_update_claims_its_chats_next_only_for_the_one_who_held_it(database):
    await record(database, update(1, 10), update(2, 10), update(3, 10), update(4, 20))
    assert [c.update_id for c in await claim(database)] == [1, 4]
    assert await answer_and_claim_next(database, 1, 10, worker="w2") is None, "w1 holds 1"
    async with database.transaction() as session:
        assert (await session.get(InboxUpdate, 1)).status == "pending"
    following = await answer_and_claim_next(database, 1, 10)
    assert (following.update_id, following.attempts) == (2, 1)
    assert following.payload["update_id"] == 2
    assert await claim(database, "w2") == [], "3 waits behind 2, and 4 is w1's"
    assert (await answer_and_claim_next(database, 2, 10)).update_id == 3
    assert await answer_and_claim_next(database, 3, 10) is None, "chat 10 is done"
    async with database.transaction() as session:
        rows = (await session.scalars(select(InboxUpdate).order_by(InboxUpdate.id))).all()
        assert [row.status for row in rows] == ["done", "done", "done", "pending"]


async def test_a_lapsed_lease_passes_to_another_worker_and_the_first_cannot_finish(database):
    await record(database, update(1, 10))
    [mine] = await claim(database, "w1")
    assert await claim(database, "w2", now=NOW + LEASE - timedelta(seconds=1)) == []
    [theirs] = await claim(database, "w2", now=NOW + LEASE + timedelta(seconds=1))
    assert theirs.update_id == mine.update_id and theirs.attempts == 2
    assert not await answered(database, 1, "w1"), "the lease is w2's now"
    assert await answered(database, 1, "w2")


async def test_the_turn_marks_only_a_pending_row_and_keeps_its_replies(database):
    await record(database, update(1, 10, CANARY))
    await claim(database)
    async with database.transaction() as session:
        await inbox.mark_processed(session, 1, [{"text": f"Added {CANARY}"}], NOW)
    async with database.transaction() as session:
        with pytest.raises(inbox.AlreadyProcessed):
            await inbox.mark_processed(session, 1, [], NOW)
        with pytest.raises(inbox.NotRecorded):
            await inbox.mark_processed(session, 99, [], NOW)
        kept = await session.get(InboxUpdate, 1)
        assert kept.status == "replying" and kept.payload is None
        assert CANARY.encode() not in kept.replies_sealed
    async with database.transaction() as session:
        await inbox.release(session, 1, worker="w1")
    [again] = await claim(database, "w2")
    assert again.status == "replying" and again.replies == [{"text": f"Added {CANARY}"}]


async def test_replies_sent_are_counted_only_by_the_leases_holder(database):
    await record(database, update(1, 10))
    await claim(database)
    async with database.statements() as session:
        await inbox.count_sent(session, 1, 2, worker="w1")
        await inbox.count_sent(session, 1, 5, worker="w2")
    [kept] = await claim(database, "w3", now=NOW + 2 * LEASE)
    assert kept.replies_sent == 2, "w2 held no lease; a retry sends from the third reply"


async def test_answered_rows_keep_only_their_id_and_times(database):
    await record(database, update(1, 10, CANARY))
    await claim(database)
    assert await answered(database, 1)
    async with database.transaction() as session:
        row = await session.get(InboxUpdate, 1)
        assert (row.status, row.chat_id, row.payload_sealed, row.replies_sealed) == (
            "done", None, None, None
        )
        assert row.processed_at == NOW and await inbox.depth(session) == 0
    assert await record(database, update(1, 10)) == 0, "still known: a redelivery is a no-op"


async def test_a_retry_wait_holds_the_chat_back_until_it_is_due(database):
    await record(database, update(1, 10), update(2, 10))
    await claim(database)
    async with database.transaction() as session:
        await inbox.release(session, 1, worker="w1", retry_at=NOW + timedelta(seconds=5))
    assert await claim(database) == [], "update 2 waits behind update 1"
    [due] = await claim(database, now=NOW + timedelta(seconds=5))
    assert due.update_id == 1


async def test_only_updates_left_unclaimed_long_enough_are_claimed_with_left_before(database):
    patience = timedelta(milliseconds=50)
    await record(database, update(1, 10), update(2, 20), update(3, 30), now=NOW - patience)
    await record(database, update(4, 40), update(5, 10), now=NOW - patience / 2)
    assert [c.update_id for c in await claim(database, "w1", limit=1)] == [1]
    [left] = await claim(database, "w2", left_before=NOW - patience, limit=1)
    assert left.update_id == 2 and left.status == "pending"
    taken = await claim(database, "w2", left_before=NOW - patience)
    assert [c.update_id for c in taken] == [3], (
        "1 is w1's, 4 and 5 were recorded too recently (and 5 waits behind 1 anyway)"
    )
    assert [c.update_id for c in await claim(database, "w3")] == [4]


async def test_a_stopped_workers_leases_can_be_dropped_and_renewed_ones_hold(database):
    await record(database, update(1, 10), update(2, 20))
    await claim(database, "w1", limit=1)
    await claim(database, "w2", limit=1)
    async with database.transaction() as session:
        assert await inbox.lease_owners(session, NOW) == {"w1", "w2"}
        assert await inbox.renew(session, [2], worker="w2", until=NOW + 3 * LEASE) == 1
        assert await inbox.drop_leases(session, ["w1"]) == 1
    [freed] = await claim(database, "w3", now=NOW + 2 * LEASE)
    assert freed.update_id == 1, "w2's renewed lease still holds update 2"


async def test_answered_rows_past_the_redelivery_horizon_are_pruned(database):
    await record(database, update(1, 10), update(2, 10), now=NOW - timedelta(hours=25))
    await record(database, update(3, 20), now=NOW - timedelta(hours=1))
    await claim(database)
    assert await answered(database, 1) and await answered(database, 3)
    async with database.transaction() as session:
        assert await inbox.prune(session, NOW - timedelta(hours=24)) == 1
        left = (await session.scalars(select(InboxUpdate.id).order_by(InboxUpdate.id))).all()
    assert left == [2, 3], "an old update not yet answered is kept; a recent answered one too"
