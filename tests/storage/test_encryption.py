"""Encryption at rest: AES-GCM per value, bound to its place; keys checked before anything runs."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from storage import keys
from storage.crypto import DecryptionError, KeyRing, aad_for
from storage.db import DatabaseKeyError, open_database
from storage.models import Client, Clinician, Note
from tests.conftest import TEST_KEY

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


def test_each_value_gets_a_fresh_nonce_and_is_bound_to_its_place():
    ring = KeyRing({1: b"a" * 32})
    aad = aad_for("notes", "content", "row1")
    first, second = ring.encrypt(b"same text", aad), ring.encrypt(b"same text", aad)
    assert first != second
    assert ring.decrypt(first, aad) == b"same text"
    with pytest.raises(DecryptionError):
        ring.decrypt(first, aad_for("notes", "content", "row2"))
    with pytest.raises(DecryptionError):
        ring.decrypt(first, aad_for("notes", "tags", "row1"))
    with pytest.raises(DecryptionError):
        ring.decrypt(first, aad, purpose="private")


def test_a_newer_key_encrypts_and_older_values_still_decrypt():
    old = KeyRing({1: b"a" * 32})
    sealed = old.encrypt(b"kept", b"x")
    rotated = KeyRing({1: b"a" * 32, 2: b"b" * 32})
    assert KeyRing.version_of(rotated.encrypt(b"new", b"x")) == 2
    assert rotated.decrypt(sealed, b"x") == b"kept"
    assert rotated.blind_index("A.B.") == old.blind_index("A.B.")


async def test_a_value_moved_to_another_row_does_not_decrypt(database):
    async with database.transaction() as session:
        session.add(Clinician(id=5, created_at=NOW, reminders_off=[]))
        await session.flush()
        one = Client(clinician_id=5, code_index="i1", code="A.B.", created_at=NOW, last_used_at=NOW)
        two = Client(clinician_id=5, code_index="i2", code="C.D.", created_at=NOW, last_used_at=NOW)
        session.add_all([one, two])
        await session.flush()
        two.code_sealed = one.code_sealed
    async with database.transaction() as session:
        moved = await session.scalar(select(Client).where(Client.code_index == "i2"))
        with pytest.raises(DecryptionError):
            _ = moved.code


async def test_first_run_creates_a_private_key_file(tmp_path):
    key_file = tmp_path / "data" / "wayfinder.key"
    db = await open_database(
        f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", env_key=None, key_file=key_file
    )
    await db.close()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = await open_database(
        f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", env_key=None, key_file=key_file
    )
    await again.close()


async def test_a_key_file_others_can_read_is_refused(tmp_path):
    key_file = tmp_path / "wayfinder.key"
    keys.create_key_file(key_file)
    os.chmod(key_file, 0o644)
    with pytest.raises(keys.KeyProblem, match="chmod 600"):
        await open_database(
            f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", env_key=None, key_file=key_file
        )


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_wrong_or_missing_key_is_a_clear_error_and_touches_nothing(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'w.db'}"
    db = await open_database(url, env_key=TEST_KEY, key_file=tmp_path / "unused")
    await db.close()
    before = _digest(tmp_path / "w.db")
    other_key = keys.encode_key(b"z" * 32)
    with pytest.raises(DatabaseKeyError, match="does not match"):
        await open_database(url, env_key=other_key, key_file=tmp_path / "unused")
    with pytest.raises(DatabaseKeyError, match="no key was found"):
        await open_database(url, env_key=None, key_file=tmp_path / "missing.key")
    assert not (tmp_path / "missing.key").exists()
    assert _digest(tmp_path / "w.db") == before
    with pytest.raises(keys.KeyProblem, match="32 bytes"):
        await open_database(url, env_key="c2hvcnQ", key_file=tmp_path / "unused")


async def test_note_text_is_stored_only_as_ciphertext(database):
    async with database.transaction() as session:
        session.add(Clinician(id=6, created_at=NOW, reminders_off=[]))
        await session.flush()
        client = Client(clinician_id=6, code_index="i", code="Q.R.", created_at=NOW,
                        last_used_at=NOW)
        session.add(client)
        await session.flush()
        note = Note(clinician_id=6, client_id=client.id, template="soap",
                    content={"subjective": [{"ref": 1, "text": "CANARY-in-column"}]},
                    created_at=NOW, updated_at=NOW)
        session.add(note)
    async with database.engine.connect() as connection:
        raw = (await connection.exec_driver_sql("SELECT content FROM notes")).scalar_one()
    assert b"CANARY" not in bytes(raw)
    assert KeyRing.version_of(bytes(raw)) == 1
