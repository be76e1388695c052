"""Migration 0005_record: service-detail columns on notes. A note signed before it stays as it was
signed (no date of service: it reads the day it was signed) and stays unchangeable, on SQLite and
PostgreSQL; and back again."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from storage.db import make_engine
from tests.pg import fresh_postgres_database, requires_postgres
from tests.storage.migrating import migrate

AT = datetime(2026, 11, 30, 12, 0)
SERVICE_COLUMNS = {"service_date", "service_start", "service_minutes", "service_format", "present"}


def _note_columns(connection) -> set[str]:
    return {column["name"] for column in inspect(connection).get_columns("notes")}


async def _check(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(migrate, "0004_inbox")
            await connection.execute(text(
                "INSERT INTO clinicians (id, timezone, onboarded, digest_time, quiet_start,"
                " quiet_end, nudge_hours, review_days, reminders_off, blocked, created_at, locked,"
                " pin_failures) VALUES (7, 'UTC', true, '17:00', '21:00', '07:00', 24, 90, '[]',"
                " false, :at, false, 0)"), {"at": AT})
            await connection.execute(text(
                "INSERT INTO clients (id, clinician_id, code_index, code, created_at, last_used_at)"
                " VALUES ('c1', 7, 'idx', :sealed, :at, :at)"), {"sealed": b"x", "at": AT})
            await connection.execute(text(
                "INSERT INTO notes (id, clinician_id, client_id, template, status, section_index,"
                " created_at, updated_at, signed_at, content_hash) VALUES ('n1', 7, 'c1', 'soap',"
                " 'signed', 3, :at, :at, :at, 'f00d')"), {"at": AT})

            await connection.run_sync(migrate, "0005_record")
            assert SERVICE_COLUMNS <= await connection.run_sync(_note_columns)
            row = (await connection.execute(text(
                "SELECT status, content_hash, service_date, service_format FROM notes"))).one()
            assert tuple(row) == ("signed", "f00d", None, None)
            with pytest.raises(DBAPIError, match="signed note cannot be changed"):
                async with connection.begin_nested():
                    await connection.execute(text("UPDATE notes SET service_date = '2026-11-01'"))

            await connection.run_sync(migrate, "0004_inbox", True)
            assert not SERVICE_COLUMNS & await connection.run_sync(_note_columns)
            kept = await connection.scalar(text("SELECT content_hash FROM notes"))
            assert kept == "f00d"
    finally:
        await engine.dispose()


async def test_signed_notes_keep_their_record_through_the_upgrade_on_sqlite(tmp_path):
    await _check(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")


@requires_postgres
async def test_signed_notes_keep_their_record_through_the_upgrade_on_postgres():
    async with fresh_postgres_database() as url:
        await _check(url)
