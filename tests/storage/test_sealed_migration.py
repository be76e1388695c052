"""Migration 0012_sealed_owner_version on data sealed before it: every value is re-sealed under
its place, owner and version and reads back through the models; a later write raises the
version; the downgrade opens each value under its row's real version and seals it back under
its place alone; and up again. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import KeyRing, aad_for
from storage.db import make_engine
from storage.fields import install_keyring
from storage.models import Client, Conversation, InboxUpdate, Note, PrivateNote
from storage.verify import verify_database
from tests.storage.migrating import BACKENDS, migrate, on_fresh_database

AT = datetime(2026, 11, 2, 15, 0)
RING = KeyRing({1: b"m" * 32})
# (table, column, row id, purpose, value): what the rows below hold, as stored before 0012.
VALUES = [
    ("clients", "code", "c1", "field", "A.B."),
    ("notes", "content", "n1", "field", {"subjective": [{"ref": 1, "text": "Draft text."}]}),
    ("notes", "tags", "n1", "field", {"1": ["O1"]}),
    ("notes", "content", "n2", "field", {"subjective": [{"ref": 1, "text": "Signed text."}]}),
    ("private_notes", "body", "p1", "private", "A private thought."),
    ("conversations", "payload", "talk", "field", {"draft": "Half a sentence"}),
    ("inbox", "payload", "41", "field", {"message": {"text": "hello"}}),
]


def _plain(value) -> bytes:
    return value.encode() if isinstance(value, str) else json.dumps(value).encode()


def _old_style(table: str, column: str, row_id: str, purpose: str, value) -> bytes:
    return RING.encrypt(_plain(value), aad_for(table, column, row_id), purpose=purpose)


async def _rows_before_0012(connection) -> None:
    sealed = {(t, c, r): _old_style(t, c, r, p, v) for t, c, r, p, v in VALUES}
    statements = [
        "INSERT INTO clinicians (id, timezone, onboarded, digest_time, quiet_start, quiet_end, "
        "nudge_hours, review_days, reminders_off, blocked, created_at, locked, pin_failures) "
        "VALUES (7, 'UTC', true, '17:00', '21:00', '07:00', 24, 90, '[]', false, :at, false, 0)",
        "INSERT INTO clients (id, clinician_id, code_index, code, created_at, last_used_at) "
        "VALUES ('c1', 7, 'i1', :code, :at, :at)",
        "INSERT INTO notes (id, clinician_id, client_id, template, status, section_index, "
        "content, tags, created_at, updated_at) "
        "VALUES ('n1', 7, 'c1', 'soap', 'draft', 0, :draft, :tags, :at, :at)",
        "INSERT INTO notes (id, clinician_id, client_id, template, status, section_index, "
        "content, created_at, updated_at, signed_at) "
        "VALUES ('n2', 7, 'c1', 'soap', 'signed', 0, :signed, :at, :at, :at)",
        "INSERT INTO private_notes (id, clinician_id, client_id, body, created_at, updated_at) "
        "VALUES ('p1', 7, 'c1', :private, :at, :at)",
        "INSERT INTO conversations (clinician_id, id, mode, payload, updated_at) "
        "VALUES (7, 'talk', 'idle', :payload, :at)",
        "INSERT INTO inbox (id, chat_id, status, payload, replies_sent, attempts, received_at) "
        "VALUES (41, 7, 'pending', :inbox, 0, 0, :at)",
    ]
    values = {
        "at": AT,
        "code": sealed["clients", "code", "c1"],
        "draft": sealed["notes", "content", "n1"],
        "tags": sealed["notes", "tags", "n1"],
        "signed": sealed["notes", "content", "n2"],
        "private": sealed["private_notes", "body", "p1"],
        "payload": sealed["conversations", "payload", "talk"],
        "inbox": sealed["inbox", "payload", "41"],
    }
    for statement in statements:
        await connection.execute(text(statement), values)


async def _read_through_models(engine) -> dict:
    async with AsyncSession(engine) as session:
        draft = await session.get(Note, "n1")
        return {
            "code": (await session.get(Client, "c1")).code,
            "draft": (draft.content, draft.tags, draft.sealed_version),
            "signed": (await session.get(Note, "n2")).content,
            "private": (await session.get(PrivateNote, "p1")).body,
            "payload": (await session.get(Conversation, 7)).payload,
            "inbox": (await session.get(InboxUpdate, 41)).payload,
        }


async def _opened_by_place(connection) -> dict:
    """Each value as the revision before 0012 reads it: under its place alone."""
    opened = {}
    for table, column, row_id, purpose, value in VALUES:
        key = "clinician_id" if table == "conversations" else "id"
        blob = await connection.scalar(
            text(f"SELECT {column} FROM {table} WHERE {key} = :id"),
            {"id": int(row_id) if table == "inbox" else (7 if key == "clinician_id" else row_id)},
        )
        place = aad_for(table, column, row_id)
        plain = RING.decrypt(bytes(blob), place, purpose=purpose).decode()
        opened[table, column, row_id] = plain if isinstance(value, str) else json.loads(plain)
    return opened


@pytest.mark.parametrize("backend", BACKENDS)
async def test_values_are_resealed_and_back_with_data_present(backend, tmp_path):
    install_keyring(RING)  # storage.db installs it before migrating; here, by hand
    await on_fresh_database(backend, tmp_path, _check)


async def _check(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(migrate, "0011_held_messages")
            await _rows_before_0012(connection)
            await connection.run_sync(migrate, "0012_sealed_owner_version")
        read = await _read_through_models(engine)
        assert read["code"] == "A.B." and read["private"] == "A private thought."
        assert read["draft"] == (VALUES[1][4], VALUES[2][4], 0)
        assert read["signed"] == VALUES[3][4] and read["payload"] == VALUES[5][4]
        assert read["inbox"] == VALUES[6][4]
        async with AsyncSession(engine) as session:
            report = await verify_database(session)
            assert [f for f in report.failures if f.why == "decrypt"] == []
            assert report.checked["sealed values"] == len(VALUES)
            draft = await session.get(Note, "n1")
            draft.content = {"subjective": [{"ref": 1, "text": "Edited after 0012."}]}
            await session.commit()
        assert (await _read_through_models(engine))["draft"][2] == 1
        async with engine.begin() as connection:
            await connection.run_sync(migrate, "0011_held_messages", True)
            columns = await connection.run_sync(
                lambda sync: [column["name"] for column in inspect(sync).get_columns("notes")]
            )
            assert "sealed_version" not in columns
            opened = await _opened_by_place(connection)
            # The edited draft (version 1) and its tags (re-sealed under 1) come back too.
            assert opened["notes", "content", "n1"]["subjective"][0]["text"] == "Edited after 0012."
            assert opened["notes", "tags", "n1"] == VALUES[2][4]
            assert opened["private_notes", "body", "p1"] == "A private thought."
            with pytest.raises(Exception, match="signed note cannot be changed"):
                async with connection.begin_nested():
                    await connection.execute(text("UPDATE notes SET template = 'dap'"))
            await connection.run_sync(migrate, "head")
        read = await _read_through_models(engine)
        assert read["draft"][0]["subjective"][0]["text"] == "Edited after 0012."
        assert read["draft"][2] == 0 and read["signed"] == VALUES[3][4]
    finally:
        await engine.dispose()
