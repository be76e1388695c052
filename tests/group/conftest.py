"""Group notes run end to end on SQLite and, where configured, on PostgreSQL too."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.config import Settings
from tests.conftest import CLINICIAN
from tests.pg import fresh_postgres_database, postgres_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def settings(request, tmp_path):
    local = Settings(
        data_dir=tmp_path / "var", allowed_users=frozenset({CLINICIAN}), console_user=CLINICIAN
    )
    if request.param == "sqlite":
        yield local
        return
    if postgres_url() is None:
        pytest.skip("WAYFINDER_TEST_POSTGRES_URL is not set")
    async with fresh_postgres_database() as url:
        yield replace(local, database_url=url)
