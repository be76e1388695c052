"""Migration 0005_integrity on data signed before it: every signed note and addendum gets its
fingerprint, chain and seal, oldest first, and `verify` then passes; and back again."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import KeyRing, aad_for, row_aad
from storage.db import make_engine
from storage.fields import install_keyring
from storage.verify import verify_database
from tests.storage.migrating import BACKENDS, migrate, on_fresh_database

SIGNED = datetime(2026, 11, 2, 15, 0)
RING = KeyRing({1: b"m" * 32})


def _sealed(ring: KeyRing, table: str, column: str, row_id: str, value) -> bytes:
    plain = value.encode() if isinstance(value, str) else json.dumps(value).encode()
    return ring.encrypt(plain, aad_for(table, column, row_id))


async def _signed_before_the_upgrade(connection, ring: KeyRing) -> None:
    await connection.execute(text(
        "INSERT INTO clinicians (id, timezone, onboarded, digest_time, quiet_start, quiet_end, "
        "nudge_hours, review_days, reminders_off, blocked, created_at, locked, pin_failures) "
        "VALUES (7, 'UTC', true, '17:00', '21:00', '07:00', 24, 90, '[]', false, :at, false, 0)"
    ), {"at": SIGNED})
    await connection.execute(text(
        "INSERT INTO clients (id, clinician_id, code_index, code, created_at, last_used_at) "
        "VALUES ('c1', 7, 'i1', :code, :at, :at)"
    ), {"code": ring.encrypt(b"A.B.", aad_for("clients", "code", "c1")), "at": SIGNED})
    for number, note_id in enumerate(("n1", "n2")):
        content = {"subjective": [{"ref": number, "text": f"Session {number}."}]}
        await connection.execute(text(
            "INSERT INTO notes (id, clinician_id, client_id, template, status, section_index, "
            "content, created_at, updated_at, signed_at, content_hash) VALUES (:id, 7, 'c1', "
            "'soap', 'signed', 0, :content, :at, :at, :at, 'old-style-hash')"
        ), {"id": note_id, "content": _sealed(ring, "notes", "content", note_id, content),
            "at": SIGNED + timedelta(days=7 * number)})
    await connection.execute(text(
        "INSERT INTO plans (id, clinician_id, client_id, current_version, created_at, updated_at) "
        "VALUES ('p1', 7, 'c1', 1, :at, :at)"
    ), {"at": SIGNED})
    await connection.execute(text(
        "INSERT INTO plan_versions (id, plan_id, number, body, change, created_at) "
        "VALUES ('v1', 'p1', 1, :body, 'objective CIDCANARY1 met', :at)"
    ), {"body": _sealed(ring, "plan_versions", "body", "v1", {}), "at": SIGNED})
    await connection.execute(text(
        "INSERT INTO learned_keywords (id, clinician_id, plan_id, objective_id, keyword, "
        "created_at) VALUES ('k1', 7, 'p1', 'CIDCANARY1', :keyword, :at)"
    ), {"keyword": _sealed(ring, "learned_keywords", "keyword", "k1", "commute"), "at": SIGNED})
    await connection.execute(text(
        "INSERT INTO addenda (id, note_id, body, created_at) VALUES ('a1', 'n1', :body, :at)"
    ), {"body": _sealed(ring, "addenda", "body", "a1", "Called back."),
        "at": SIGNED + timedelta(days=1)})


@pytest.mark.parametrize("backend", BACKENDS)
async def test_signed_records_get_their_chain_and_verify(backend, tmp_path):
    install_keyring(RING)  # storage.db installs it before migrating; here, by hand
    await on_fresh_database(backend, tmp_path, _check)


async def _check(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(migrate, "0004_inbox")
            await _signed_before_the_upgrade(connection, RING)
            # Up to the head, not 0005_integrity: the check below reads every sealed table of
            # today's models, and later migrations add tables.
            await connection.run_sync(migrate, "head")
            chain = (await connection.execute(text(
                "SELECT id, previous_hash, content_hash FROM notes ORDER BY signed_at"
            ))).all()
            addendum = (await connection.execute(text(
                "SELECT previous_hash, content_hash FROM addenda"
            ))).one()
            head = await connection.scalar(text("SELECT chain_head FROM clients"))
            # The tables of later revisions too: verify reads every model's sealed columns.
            await connection.run_sync(migrate, "heads")
        # n1, then its addendum a day later, then n2: one chain, oldest first.
        assert chain[0].previous_hash == "" and addendum.previous_hash == chain[0].content_hash
        assert chain[1].previous_hash == addendum.content_hash
        assert head == chain[1].content_hash and "old-style-hash" not in head
        async with AsyncSession(engine) as session:
            report = await verify_database(session)
        assert report.failures == []
        assert (report.checked["signed notes"], report.checked["addenda"]) == (2, 1)
        async with engine.begin() as connection:
            sealed = (await connection.execute(text(
                "SELECT k.objective_id, v.change FROM learned_keywords k, plan_versions v"
            ))).one()
        assert all(b"CIDCANARY1" not in bytes(value) for value in sealed)
        # At the head, sealed under place, owner (clinician 7) and version (0, as migrated).
        place = row_aad("learned_keywords", "objective_id", "k1", (7,), 0)
        assert RING.decrypt(bytes(sealed[0]), place) == b"CIDCANARY1"
        async with engine.begin() as connection:
            await connection.run_sync(migrate, "0004_inbox", True)
            columns = await connection.run_sync(
                lambda sync: [column["name"] for column in inspect(sync).get_columns("notes")]
            )
            assert "seal" not in columns and "previous_hash" not in columns
            opened = (await connection.execute(text(
                "SELECT k.objective_id, v.change FROM learned_keywords k, plan_versions v"
            ))).one()
            assert tuple(opened) == ("CIDCANARY1", "objective CIDCANARY1 met")
            with pytest.raises(Exception, match="signed note cannot be changed"):
                async with connection.begin_nested():
                    await connection.execute(text("UPDATE notes SET template = 'dap'"))
    finally:
        await engine.dispose()
