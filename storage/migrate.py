"""Apply Alembic migrations programmatically, on the application's own async engine.

On PostgreSQL the upgrade holds an advisory lock for its transaction: several workers starting at
once (a rolling restart onto a new version) migrate one after another, and the later ones find
nothing left to do.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant will do, as long as nothing else in the database takes the same advisory lock.
MIGRATION_LOCK = 0x57A7F1D0


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def upgrade_to_head(engine: AsyncEngine) -> None:
    def run(sync_connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = sync_connection
        command.upgrade(config, "head")

    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
        await connection.run_sync(run)


async def is_current(engine: AsyncEngine) -> bool:
    """The database answers and carries the newest migration this code knows."""
    async with engine.connect() as connection:
        version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
    return version == head_revision()
