"""Migration 0004_inbox: processed_updates becomes the inbox; the ids already processed move in
as answered rows, so a redelivery after the upgrade is still recognised; and back again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from storage.db import make_engine
from tests.storage.migrating import migrate


async def test_processed_updates_move_into_the_inbox_and_back(tmp_path):
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")
    try:
        async with engine.begin() as connection:
            await connection.run_sync(migrate, "0003")
            await connection.execute(
                text("INSERT INTO processed_updates VALUES (41, :at), (42, :at)"),
                {"at": datetime(2026, 11, 30, 12, 0)},
            )
            await connection.run_sync(migrate, "0004_inbox")
            rows = (await connection.execute(
                text("SELECT id, status, payload FROM inbox ORDER BY id")
            )).all()
            assert rows == [(41, "done", None), (42, "done", None)]
            await connection.run_sync(migrate, "0003", True)
            kept = (await connection.execute(
                text("SELECT update_id FROM processed_updates ORDER BY update_id")
            )).scalars().all()
            assert kept == [41, 42]
    finally:
        await engine.dispose()
