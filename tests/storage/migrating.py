"""Driving Alembic by hand in migration tests: to a revision, on each backend."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from alembic import command

from storage.migrate import alembic_config
from tests.pg import fresh_postgres_database, postgres_url

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def migrate(connection, revision: str, down: bool = False) -> None:
    """For `connection.run_sync`: upgrade (or downgrade) the connection's database to `revision`."""
    config = alembic_config()
    config.attributes["connection"] = connection
    (command.downgrade if down else command.upgrade)(config, revision)


async def on_fresh_database(
    backend: str, tmp_path: Path, check: Callable[[str], Awaitable[None]]
) -> None:
    """Runs `check(url)` on an empty SQLite file or an empty PostgreSQL database."""
    if backend == "sqlite":
        await check(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")
        return
    if postgres_url() is None:
        pytest.skip("WAYFINDER_TEST_POSTGRES_URL is not set")
    async with fresh_postgres_database() as url:
        await check(url)
