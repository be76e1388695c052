"""Several workers on PostgreSQL: a worker busy with updates leaves new ones to the others
(NOTIFY), and when every worker was too busy to take one, the first to finish an update takes
it, without waiting for the next claim round."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

from bot.app import open_services
from bot.config import Settings
from bot.telegram.application import build_application
from tests.conftest import TEST_KEY
from tests.pg import fresh_postgres_database, requires_postgres
from tests.support.chat import running
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.remote import wait_until

BUSY, WAITING = (2001, 2002), 2003


@requires_postgres
async def test_an_update_every_worker_passed_over_is_taken_when_one_finishes(tmp_path):
    async with fresh_postgres_database() as url:
        settings = Settings(data_dir=tmp_path, key=TEST_KEY, database_url=url, workers=2,
                            allowed_users=frozenset({*BUSY, WAITING}))
        services = await open_services(settings)
        api = FakeBotAPI()
        for user in (*BUSY, WAITING):
            api.add_user(user)
        replies_held = asyncio.Event()
        send_message = api._handlers["sendMessage"]

        async def held_for_the_busy(call):
            if call.params["chat_id"] in BUSY:
                await replies_held.wait()
            return await send_message(call)

        api._handlers["sendMessage"] = held_for_the_busy
        app = build_application(services, builder=api.application_builder())
        worker = app.bot_data["inbox"]
        worker.rules = replace(worker.rules, poll_every=60.0)  # no claim round would save it
        try:
            async with running(app):
                serving = asyncio.create_task(worker.run())
                try:
                    await wait_until(lambda: worker._others_listen, 10)
                    for user in BUSY:  # two updates in hand: the worker is busy
                        assert await worker.take_in([api.updates.message(user, "/help")])
                    left = await worker.take_in([api.updates.message(WAITING, "/help")])
                    assert left == [], "a busy worker leaves the update to the others"
                    await asyncio.sleep(0.3)  # the announcement comes back: still too busy
                    assert api.sent_count(WAITING) == 0
                    started = time.monotonic()
                    replies_held.set()
                    await api.wait_for_sent(WAITING, 1, within=10)
                    assert time.monotonic() - started < 5
                finally:
                    await worker.stop()
                    await serving
        finally:
            await services.database.close()
