"""SQLite: a transaction waits for another process's write lock without blocking the bot."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime

from sqlalchemy import select

from storage.db import open_database
from storage.models import Clinician
from tests.conftest import TEST_KEY

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


async def test_a_turn_waits_for_another_writer_while_the_event_loop_runs_on(tmp_path):
    path = tmp_path / "w.db"
    database = await open_database(
        f"sqlite+aiosqlite:///{path}", env_key=TEST_KEY, key_file=tmp_path / "k"
    )
    other = sqlite3.connect(path, isolation_level=None)  # a backup or key rotation, say
    other.execute("BEGIN IMMEDIATE")

    async def write() -> None:
        async with database.transaction() as session:
            session.add(Clinician(id=7, created_at=NOW, reminders_off=[]))

    writing = asyncio.create_task(write())
    ticks = 0
    for _ in range(20):
        await asyncio.sleep(0.01)
        ticks += 1
    assert ticks == 20 and not writing.done()  # waiting, and the event loop was free meanwhile

    other.commit()
    await asyncio.wait_for(writing, timeout=5)
    async with database.transaction() as session:
        assert await session.scalar(select(Clinician.id)) == 7
    other.close()
    await database.close()
