"""Several webhook workers on one PostgreSQL database (issue 15): any worker takes any update,
yet each chat's updates are processed one at a time and in order, and a rolling restart under
load loses nothing. The real `wayfinder run --webhook --workers N` process over HTTP."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import httpx
from sqlalchemy import select

from bot.app import open_services
from bot.config import Settings
from bot.telegram.application import build_application
from storage.db import open_database
from storage.models import Note
from tests.conftest import TEST_KEY
from tests.pg import fresh_postgres_database, requires_postgres
from tests.support.chat import Chat, running
from tests.support.clinic import (
    counted_replies,
    last_reply_of,
    note_script,
    post_interleaved,
    reviewed,
)
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.http_bot_api import free_port, served_over_http
from tests.support.remote import (
    BotProcess,
    bot_environment,
    cpu_seconds,
    wait_until,
    wait_until_serving,
    worker_pids,
)

FIRST = 3000
SOAP = ["subjective", "objective", "assessment", "plan"]


async def notes_in(url: str, key_file: Path | None = None, key: str | None = None) -> dict:
    """{clinician: {section: [texts]}} of every note in the database."""
    database = await open_database(url, env_key=key, key_file=key_file or Path("/nonexistent"))
    try:
        async with database.transaction() as session:
            return {
                note.clinician_id: {
                    section: [entry["text"] for entry in entries]
                    for section, entries in (note.content or {}).items() if entries
                }
                for note in await session.scalars(select(Note))
            }
    finally:
        await database.close()


async def one_worker_run(tmp_path: Path, scripts: dict[int, list[str]]) -> tuple[dict, dict]:
    """The same scripts through one worker, one update at a time (in process, SQLite): the
    notes written and each chat's counted replies."""
    settings = Settings(data_dir=tmp_path / "one", key=TEST_KEY, allowed_users=frozenset(scripts))
    services = await open_services(settings)
    api = FakeBotAPI()
    try:
        app = build_application(services, builder=api.application_builder())
        async with running(app):
            for user, lines in scripts.items():
                chat = Chat(app, api, user)
                for line in lines:
                    await chat.say(line)
    finally:
        await services.database.close()
    notes = await notes_in(settings.resolved_database_url, key=TEST_KEY)
    return notes, {user: counted_replies(api, user) for user in scripts}


class Workers:
    """`wayfinder run --webhook ... --workers N` on a fresh database, with a client to post."""

    def __init__(self, tmp_path: Path, url: str, count: int, users: list[int]) -> None:
        self.tmp_path, self.url, self.count, self.users = tmp_path, url, count, users
        self.port = free_port()
        self.hook = f"http://127.0.0.1:{self.port}/hook"
        self.base = f"http://127.0.0.1:{self.port}"

    def process(self, api: FakeBotAPI, served) -> BotProcess:
        env = bot_environment(api, served, self.tmp_path / "var", self.users,
                              WAYFINDER_DATABASE_URL=self.url)
        args = ["run", "--webhook", self.hook, "--listen", f"127.0.0.1:{self.port}",
                "--workers", str(self.count)]
        return BotProcess(args, env, self.tmp_path / "bot.log")

    async def ready(self, bot: BotProcess, client: httpx.AsyncClient) -> None:
        await wait_until_serving(client, self.base, within=120)
        await wait_until(lambda: len(worker_pids(bot.pid)) == self.count, 120, step=0.1)
        self.secret = (self.tmp_path / "var" / "webhook.secret").read_text().strip()

    async def notes(self) -> dict:
        return await notes_in(self.url, key_file=self.tmp_path / "var" / "wayfinder.key")


@requires_postgres
async def test_three_workers_write_fifty_interleaved_chats_as_one_worker_would(tmp_path):
    scripts = {FIRST + n: note_script(n) for n in range(1, 51)}
    expected, expected_replies = await one_worker_run(tmp_path, scripts)
    assert len(expected) == 50 and all(len(note) == 4 for note in expected.values())
    api = FakeBotAPI()
    limits = httpx.Limits(max_connections=40)  # as Telegram's default max_connections
    async with (
        fresh_postgres_database() as url,
        served_over_http(api) as served,
        httpx.AsyncClient(timeout=30, limits=limits) as client,
    ):
        workers = Workers(tmp_path, url, 3, list(scripts))
        async with workers.process(api, served) as bot:
            await workers.ready(bot, client)
            pids = worker_pids(bot.pid)
            before = {pid: cpu_seconds(pid) for pid in pids}
            await post_interleaved(client, api, workers.hook, workers.secret, scripts)
            await wait_until(
                lambda: all(reviewed(api, user, user - FIRST) for user in scripts), 180, 0.05
            )
            used = {pid: cpu_seconds(pid) - before[pid] for pid in pids}
            assert await bot.stop() in (0, -signal.SIGTERM)
        written = await workers.notes()
    assert all(seconds > 0.2 for seconds in used.values()), f"every worker worked: {used}"
    assert written == expected
    assert {user: counted_replies(api, user) for user in scripts} == expected_replies


def expected_notes(scripts: dict[int, list[str]]) -> dict:
    """Where each script's sentences belong: the next section after every "next"."""
    notes = {}
    for user, lines in scripts.items():
        sections: dict[str, list[str]] = {}
        at = 0
        for line in lines[3:-1]:
            if line == "next":
                at += 1
            else:
                sections.setdefault(SOAP[at], []).append(line)
        notes[user] = sections
    return notes


@requires_postgres
async def test_a_rolling_restart_under_load_replaces_every_worker_and_loses_nothing(tmp_path):
    api = FakeBotAPI()
    scripts: dict[int, list[str]] = {}
    async with (
        fresh_postgres_database() as url,
        served_over_http(api) as served,
        httpx.AsyncClient(timeout=30) as client,
    ):
        workers = Workers(tmp_path, url, 2, [FIRST + n for n in range(1, 1000)])
        async with workers.process(api, served) as bot:
            await workers.ready(bot, client)
            old = set(worker_pids(bot.pid))
            replaced = asyncio.Event()

            async def waves_of_clinicians() -> None:
                """New clinicians, ten at a time, until every worker has been replaced."""
                while not replaced.is_set():
                    wave = {FIRST + len(scripts) + n: note_script(len(scripts) + n, 8)
                            for n in range(1, 11)}
                    scripts.update(wave)
                    await post_interleaved(client, api, workers.hook, workers.secret, wave,
                                           think=(0.05, 0.2))

            posting = asyncio.create_task(waves_of_clinicians())
            await asyncio.sleep(1.0)
            os.kill(bot.pid, signal.SIGHUP)  # uvicorn replaces the workers one at a time
            await wait_until(lambda: not old & set(worker_pids(bot.pid)), 240, step=0.1)
            replaced.set()
            await posting
            await wait_until(
                lambda: all(reviewed(api, user, user - FIRST) for user in scripts), 180, 0.05
            )
            assert len(worker_pids(bot.pid)) == 2
            assert await bot.stop() in (0, -signal.SIGTERM)
        written = await workers.notes()
    assert len(scripts) >= 20, "the load went on through the restart"
    assert written == expected_notes(scripts)
    assert all(
        sum(last_reply_of(user - FIRST) in m.visible_text for m in api.messages_in(user)) == 1
        for user in scripts
    )
