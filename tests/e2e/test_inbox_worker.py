"""The inbox worker through the real PTB Application: replies kept until Telegram takes them,
failures tried again or answered, a dead worker's claims taken over, long polling that confirms
only what is recorded."""

from __future__ import annotations

import asyncio
import subprocess
from datetime import timedelta

from sqlalchemy import select

from bot import lease_holder
from bot.telegram.application import build_application
from bot.telegram.polling import poll
from storage import inbox
from storage.inbox import Received
from storage.models import InboxUpdate, Note
from tests.conftest import CLINICIAN
from tests.support.chat import Chat, running
from tests.support.fake_bot_api import FakeBotAPI


def worker_of(app):
    return app.bot_data["inbox"]


def texts(api: FakeBotAPI) -> list[str]:
    return [message.visible_text for message in api.messages_in(CLINICIAN)]


async def rows(services) -> list[InboxUpdate]:
    async with services.database.transaction() as session:
        return list(await session.scalars(select(InboxUpdate).order_by(InboxUpdate.id)))


async def note_entries(services, section: str) -> list[str]:
    async with services.database.transaction() as session:
        note = (await session.scalars(select(Note))).one()
        return [entry["text"] for entry in note.content.get(section, [])]


async def test_a_reply_telegram_did_not_take_is_sent_later_without_repeating_the_turn(
    chat, telegram, services, clock
):
    app, api = telegram
    await chat.onboard()
    await chat.say("/note A.B. soap")
    api.fail_next("sendMessage", error_code=502)
    await chat.say("Slept six hours.")
    assert not chat.replies, "Telegram refused the reply"
    [kept] = [row for row in await rows(services) if row.status != "done"]
    assert kept.status == "replying", "the turn is done; its reply is kept with the update"

    clock.advance(seconds=2)  # past the first retry wait
    await worker_of(app).process_chat(CLINICIAN)
    assert sum("Added to Subjective (1 so far)" in text for text in texts(api)) == 1
    assert await note_entries(services, "subjective") == ["Slept six hours."]
    assert all(row.status == "done" for row in await rows(services))


async def test_a_retry_sends_only_the_replies_not_yet_sent(chat, telegram, services, clock):
    app, api = telegram
    api.fail_next("sendMessage", error_code=502, after=1)
    await chat.say("/start")
    assert [m.visible_text[:10] for m in chat.replies] == ["Welcome to"]
    clock.advance(seconds=2)
    await worker_of(app).process_chat(CLINICIAN)
    shown = texts(api)
    assert sum(text.startswith("Welcome to Wayfinder") for text in shown) == 1
    assert sum(text.startswith("Which time zone") for text in shown) == 1


async def test_a_download_that_fails_is_tried_again_and_then_answered(dictating, services, clock):
    chat, speech = dictating
    api = chat.api
    await chat.onboard()
    await chat.say("/note C.D. soap")
    speech.lines.append("Mood brighter this week.")
    api.fail_next("getFile", error_code=502)
    await chat.send_voice(b"OggS" * 200, duration=3)
    assert not [m for m in chat.replies if "I heard" in m.visible_text]
    clock.advance(seconds=2)
    await worker_of(chat.app).process_chat(CLINICIAN)
    assert sum("I heard" in text for text in texts(api)) == 1

    api.fail_next("getFile", error_code=502, times=3)
    await chat.send_voice(b"OggS" * 200, duration=3)
    for wait in (2, 4):  # the second and third tries
        clock.advance(seconds=wait)
        await worker_of(chat.app).process_chat(CLINICIAN)
    assert "Something went wrong on my side" in texts(api)[-1], "told, not left waiting"
    assert all(row.status == "done" for row in await rows(services))


async def test_a_blocked_bot_ends_the_update_and_the_next_one_is_processed(chat, telegram):
    app, api = telegram
    await chat.onboard()
    api.block(CLINICIAN)
    await chat.say("/help")
    api.unblock(CLINICIAN)
    await chat.say("/drafts")
    chat.expect("No unfinished notes")


async def test_at_start_a_worker_takes_over_what_a_killed_worker_had_claimed(services):
    api = FakeBotAPI()
    app = build_application(services, builder=api.application_builder())
    chat = Chat(app, api, CLINICIAN)
    dead = f"{lease_holder.this_machine()}:{_finished_pid()}"
    async with running(app):
        worker = worker_of(app)
        async with services.database.transaction() as session:
            update = api.updates.message(CLINICIAN, "/start")
            received = Received(update["update_id"], CLINICIAN, update)
            await inbox.record(session, [received], services.clock.now())
            claimed = await inbox.claim(session, worker=dead, now=services.clock.now(),
                                        lease=timedelta(hours=1), limit=5)
        assert len(claimed) == 1, "the killed worker held it, with an hour left on its lease"
        serving = asyncio.create_task(worker.run())
        try:
            await api.wait_for_messages(CLINICIAN, 2, within=10)
        finally:
            await worker.stop()
            await serving
    assert chat.api.messages_in(CLINICIAN)[0].visible_text.startswith("Welcome")
    assert all(row.status == "done" for row in await rows(services))


def _finished_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


async def test_answered_updates_are_pruned_after_a_day(chat, telegram, services, clock):
    app, _ = telegram
    await chat.say("/start")
    await chat.say("Europe/London")
    clock.advance(hours=23)
    await chat.say("/help")
    assert await worker_of(app).prune() == 0
    clock.advance(hours=2)
    assert await worker_of(app).prune() == 2, "the two updates older than 24 h"
    assert [row.id for row in await rows(services)] == [3]


async def test_polling_confirms_a_batch_only_once_it_is_recorded(services, monkeypatch):
    api = FakeBotAPI()
    app = build_application(services, builder=api.application_builder())
    api.add_user(CLINICIAN)
    worker = worker_of(app)
    take_in, refusals = worker.take_in, []

    async def database_away_once(updates):
        if not refusals:
            refusals.append(len(api.pending_updates))
            raise ConnectionError("database unreachable")
        return await take_in(updates)

    monkeypatch.setattr(worker, "take_in", database_away_once)
    monkeypatch.setattr("bot.telegram.polling.WAIT_AFTER_FAILURE", (0.01,))
    async with running(app):
        polling = asyncio.create_task(poll(app.bot, worker, long_poll=1))
        serving = asyncio.create_task(worker.run())
        try:
            api.queue_update(api.updates.message(CLINICIAN, "/start"))
            await api.wait_for_messages(CLINICIAN, 2, within=10)
        finally:
            polling.cancel()
            await worker.stop()
            await serving
    assert refusals == [1], "Telegram still held the update while it could not be recorded"
    assert [row.status for row in await rows(services)] == ["done"]
