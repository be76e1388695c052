"""Several workers on PostgreSQL: a worker busy with updates leaves new ones to the others
(NOTIFY); what a claim round of its own is taking counts as in hand when an update comes in;
when every worker was too busy to take one, the first to finish an update takes it, without
waiting for the next claim round, and a busy one takes it once it has waited `patience` (even
when a finish meanwhile took only another left update).

One worker runs here, configured as one of two: what it leaves, nobody else takes, so what
happens to a left update is this worker's doing. Its replies to the BUSY chats (and to any
other `held` chat) wait at the fake Bot API until the test lets them go, so those updates stay
in hand meanwhile."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace

from sqlalchemy import text

from bot.app import open_services
from bot.config import Settings
from bot.telegram.application import build_application
from bot.telegram.inbox_worker import InboxWorker
from bot.telegram.intake import received
from storage import inbox
from tests.conftest import TEST_KEY
from tests.pg import fresh_postgres_database, requires_postgres
from tests.support.chat import running
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.remote import wait_until

BUSY, WAITING, LEFT_FIRST = (2001, 2002), 2003, 2004
HOURS = 3600.0  # a claim round or a patience that never comes within a test


@dataclass
class Busy:
    worker: InboxWorker
    api: FakeBotAPI
    services: object
    holds: dict[int, asyncio.Event]  # a chat's replies wait at the fake Bot API until set
    held: set[int]  # chats whose reply has come to wait

    def let_go(self, *chats: int) -> None:
        for chat in chats or self.holds:
            self.holds[chat].set()


@asynccontextmanager
async def one_of_two_workers(tmp_path, held=BUSY, **rules) -> AsyncIterator[Busy]:
    """The worker's application, serving (its `run()` is for the test to start), its replies
    to the `held` chats held."""
    async with fresh_postgres_database() as url:
        users = (*BUSY, WAITING, LEFT_FIRST)
        settings = Settings(data_dir=tmp_path, key=TEST_KEY, database_url=url, workers=2,
                            allowed_users=frozenset(users))
        services = await open_services(settings)
        api = FakeBotAPI()
        for user in users:
            api.add_user(user)
        busy = Busy(None, api, services, {chat: asyncio.Event() for chat in held}, set())
        send_message = api._handlers["sendMessage"]

        async def held_for_the_busy(call):
            if call.params["chat_id"] in busy.holds:
                busy.held.add(call.params["chat_id"])
                await busy.holds[call.params["chat_id"]].wait()
            return await send_message(call)

        api._handlers["sendMessage"] = held_for_the_busy
        app = build_application(services, builder=api.application_builder())
        busy.worker = app.bot_data["inbox"]
        busy.worker.rules = replace(busy.worker.rules, poll_every=HOURS, **rules)
        try:
            async with running(app):
                yield busy
        finally:
            busy.let_go()
            await services.database.close()


@asynccontextmanager
async def serving(busy: Busy) -> AsyncIterator[None]:
    task = asyncio.create_task(busy.worker.run())
    try:
        await wait_until(lambda: busy.worker._others_listen, 10)
        yield
    finally:
        busy.let_go()  # a failed test stops at once, not after the stop's grace
        await busy.worker.stop()
        await task


async def both_busy_in_hand(busy: Busy) -> None:
    await wait_until(lambda: busy.held == set(BUSY), 10)


@requires_postgres
async def test_an_update_every_worker_passed_over_is_taken_when_one_finishes(tmp_path):
    async with one_of_two_workers(tmp_path, patience=HOURS) as busy, serving(busy):
        for user in BUSY:
            await busy.worker.take_in([busy.api.updates.message(user, "/help")])
        await both_busy_in_hand(busy)
        left = await busy.worker.take_in([busy.api.updates.message(WAITING, "/help")])
        assert left == [], "a busy worker leaves the update to the others"
        await asyncio.sleep(0.3)  # the announcement comes back: still too busy
        assert busy.api.sent_count(WAITING) == 0
        started = time.monotonic()
        busy.let_go()
        await busy.api.wait_for_sent(WAITING, 1, within=10)
        assert time.monotonic() - started < 5


async def waiting_for_locks(services, count: int) -> None:
    """Until `count` statements wait for a lock on the inbox table."""

    async def waiting() -> int:
        async with services.database.engine.connect() as connection:
            return await connection.scalar(text(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'inbox'::regclass"
            ))

    async with asyncio.timeout(10):
        while True:
            if await waiting() >= count:
                return
            await asyncio.sleep(0.01)


@requires_postgres
async def test_what_a_claim_round_is_taking_counts_as_in_hand_when_an_update_comes_in(tmp_path):
    async with one_of_two_workers(tmp_path, patience=HOURS) as busy:
        left_earlier = [received(busy.api.updates.message(user, "/help")) for user in BUSY]
        async with busy.services.database.statements() as session:
            await inbox.record(session, left_earlier, busy.services.clock.now())
        # Writes to the inbox wait while this holds: the worker's first claim round stays under
        # way, with both updates to take, while the next update comes in.
        async with busy.services.database.engine.connect() as holding:
            await holding.execute(text("LOCK TABLE inbox IN SHARE MODE"))
            async with serving(busy):
                await waiting_for_locks(busy.services, 1)
                intake = asyncio.create_task(
                    busy.worker.take_in([busy.api.updates.message(WAITING, "/help")])
                )
                await waiting_for_locks(busy.services, 2)
                await holding.rollback()
                assert await intake == [], "the round's two updates were in hand already"
                await both_busy_in_hand(busy)
                await asyncio.sleep(0.3)
                assert busy.api.sent_count(WAITING) == 0, "taken beyond share_above"
                busy.let_go()
                await busy.api.wait_for_sent(WAITING, 1, within=10)


@requires_postgres
async def test_an_update_every_worker_passed_over_is_answered_while_the_busy_chats_still_run(
    tmp_path,
):
    async with one_of_two_workers(tmp_path) as busy, serving(busy):
        patience = busy.worker.rules.patience
        for user in BUSY:
            await busy.worker.take_in([busy.api.updates.message(user, "/help")])
        await both_busy_in_hand(busy)
        left_at = time.monotonic()
        left = await busy.worker.take_in([busy.api.updates.message(WAITING, "/help")])
        assert left == [], "a busy worker leaves the update to the others"
        await busy.api.wait_for_sent(WAITING, 1, within=5)
        waited = time.monotonic() - left_at
        assert patience <= waited < 5, "left for the others first, then taken after patience"
        assert busy.api.sent_count(BUSY[0]) == busy.api.sent_count(BUSY[1]) == 0
        busy.let_go()
        for user in BUSY:
            await busy.api.wait_for_sent(user, 1, within=10)


@requires_postgres
async def test_a_busy_worker_still_takes_a_passed_over_update_after_a_finish_took_its_share(
    tmp_path,
):
    patience = 2.0  # the finish below comes well before
    held = (*BUSY, LEFT_FIRST)
    async with one_of_two_workers(tmp_path, held, patience=patience) as busy, serving(busy):
        for user in BUSY:
            await busy.worker.take_in([busy.api.updates.message(user, "/help")])
        await both_busy_in_hand(busy)
        for user in (LEFT_FIRST, WAITING):
            assert await busy.worker.take_in([busy.api.updates.message(user, "/help")]) == []
        left_at = time.monotonic()
        busy.let_go(BUSY[1])  # its finish takes one left update, LEFT_FIRST: busy again
        await wait_until(lambda: LEFT_FIRST in busy.held, 10)
        assert time.monotonic() - left_at < patience, "taken by the finish, not by patience"
        await busy.api.wait_for_sent(WAITING, 1, within=10)
        assert time.monotonic() - left_at >= patience * 0.9
        assert busy.api.sent_count(BUSY[0]) == busy.api.sent_count(LEFT_FIRST) == 0


async def heard(busy: Busy, look: str) -> None:
    """Another worker announces an update (one it then took itself), until this worker has
    set its `look` for it."""
    async with asyncio.timeout(10):
        while getattr(busy.worker, look) is None:
            async with busy.services.database.statements() as session:
                await inbox.announce(session)
            await asyncio.sleep(0.05)


@requires_postgres
async def test_an_update_left_after_both_looks_were_set_is_still_looked_for(tmp_path):
    patience = 1.0  # the update below comes in well before the first look
    async with one_of_two_workers(tmp_path, patience=patience) as busy, serving(busy):
        for user in BUSY:
            await busy.worker.take_in([busy.api.updates.message(user, "/help")])
        await both_busy_in_hand(busy)
        # News of updates others took: the first look and the second are set, for times
        # before the next update was recorded, so neither look finds it.
        await heard(busy, "_look_at")
        await heard(busy, "_look_next")
        assert await busy.worker.take_in([busy.api.updates.message(WAITING, "/help")]) == []
        await busy.api.wait_for_sent(WAITING, 1, within=10)
        assert busy.api.sent_count(BUSY[0]) == busy.api.sent_count(BUSY[1]) == 0


@requires_postgres
async def test_a_round_that_takes_its_whole_share_looks_again_for_the_rest(tmp_path):
    async with one_of_two_workers(tmp_path) as busy:
        left = [received(busy.api.updates.message(user, "/help")) for user in (*BUSY, WAITING)]
        async with busy.services.database.statements() as session:
            await inbox.record(session, left, busy.services.clock.now())
        # The first round takes its share, BUSY, and is busy: WAITING is announced again by
        # nobody, and no finish comes while the test holds the busy chats.
        async with serving(busy):
            await busy.api.wait_for_sent(WAITING, 1, within=10)
            assert busy.held == set(BUSY)
            assert busy.api.sent_count(BUSY[0]) == busy.api.sent_count(BUSY[1]) == 0
