"""Storage tests run on SQLite always and on PostgreSQL where it is configured."""

from __future__ import annotations

import pytest

from storage.db import open_database
from tests.conftest import TEST_KEY
from tests.pg import fresh_postgres_database, postgres_url

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
async def database(request, tmp_path):
    if request.param == "sqlite":
        db = await open_database(
            f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", env_key=TEST_KEY, key_file=tmp_path / "k"
        )
        yield db
        await db.close()
        return
    if postgres_url() is None:
        pytest.skip("WAYFINDER_TEST_POSTGRES_URL is not set")
    async with fresh_postgres_database() as url:
        db = await open_database(url, env_key=TEST_KEY, key_file=tmp_path / "k")
        yield db
        await db.close()
