"""Migration 0005_gps: plan versions gain their objective identities (none for the versions
already stored: they are derived from the wording), route flags get their table; and back
again. SQLite always, PostgreSQL where WAYFINDER_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from storage.db import make_engine
from tests.pg import fresh_postgres_database, requires_postgres
from tests.storage.migrating import migrate


async def _up_and_down(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(migrate, "0004_inbox")
            await connection.run_sync(migrate, "0005_gps")
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
            columns = await connection.run_sync(
                lambda c: [col["name"] for col in inspect(c).get_columns("plan_versions")]
            )
            assert "route_flags" in tables and "objective_identity" in columns
            await connection.run_sync(migrate, "0004_inbox", True)
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
            columns = await connection.run_sync(
                lambda c: [col["name"] for col in inspect(c).get_columns("plan_versions")]
            )
            assert "route_flags" not in tables and "objective_identity" not in columns
    finally:
        await engine.dispose()


async def test_on_sqlite(tmp_path):
    await _up_and_down(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")


@requires_postgres
@pytest.mark.asyncio
async def test_on_postgres():
    async with fresh_postgres_database() as url:
        await _up_and_down(url)
