"""Sealed values bound to their row's owner and version: a draft moved to another client, or an
older ciphertext of a row put back after a later write, no longer decrypts, and the failure
names table, column and row only; normal edits, whole-unit-of-work writes and rotation work.

Tampering is done the way someone who can write the database file would: straight SQL.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from storage import notes
from storage.clients import Clients
from storage.crypto import DecryptionError, KeyRing
from storage.fields import install_keyring, is_versioned, keyring, sealed_values
from storage.models import Base, Clinician, Conversation, Note, SealedRow
from storage.notes import Notes
from storage.rotation import reseal_all
from storage.verify import verify_database

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
CLINICIAN = 7
SECRET = "Slept four hours."


def test_every_sealed_model_declares_its_owner_and_counts_its_writes():
    for mapper in Base.registry.mappers:
        model = mapper.class_
        if not sealed_values(model):
            continue
        columns = set(mapper.local_table.c.keys())
        assert set(model.__sealed_owner__) == {"client_id", "clinician_id"} & columns, model
        assert is_versioned(model) == (model.__tablename__ != "inbox"), model
        assert issubclass(model, SealedRow) == is_versioned(model), model


async def a_draft(database) -> tuple[str, str, str]:
    """A draft of A.B. with content and tags; returns its id, A.B.'s id and C.D.'s id."""
    async with database.transaction() as session:
        session.add(Clinician(id=CLINICIAN, created_at=NOW, reminders_off=[]))
        await session.flush()
        client = await Clients(session, CLINICIAN).get_or_create("A.B.", NOW)
        other = await Clients(session, CLINICIAN).get_or_create("C.D.", NOW)
        draft = await Notes(session, CLINICIAN).start(client, "soap", NOW)
        notes.append_entry(draft, "subjective", SECRET, 1, NOW)
        draft.tags = {"1": ["O1"]}
        return draft.id, client.id, other.id


async def read_note(database, note_id: str) -> tuple[int, dict, dict]:
    async with database.sessions() as session:
        note = await session.get(Note, note_id)
        return note.sealed_version, note.content, note.tags


async def stored(database, note_id: str) -> tuple[bytes, bytes, int]:
    async with database.sessions() as session:
        row = (
            await session.execute(
                text("SELECT content, tags, sealed_version FROM notes WHERE id = :id"),
                {"id": note_id},
            )
        ).one()
    return bytes(row[0]), bytes(row[1]), row[2]


async def failures(database) -> set[tuple[str, str, str]]:
    async with database.sessions() as session:
        report = await verify_database(session)
    return {(f.table, f.row_id, f.why) for f in report.failures}


async def test_one_version_per_flush_and_every_value_sealed_under_it(database):
    note_id, _, _ = await a_draft(database)
    # start() flushed the empty draft (version 1); content and tags then came in one flush.
    version, content, tags = await read_note(database, note_id)
    assert version == 2
    assert content["subjective"][0]["text"] == SECRET and tags == {"1": ["O1"]}
    async with database.transaction() as session:
        note = await session.get(Note, note_id)
        notes.append_entry(note, "objective", "Calm.", 2, NOW)
        notes.append_entry(note, "assessment", "Stable.", 3, NOW)
        assert note.sealed_version == 3, "two writes in one unit of work share one version"
        await session.flush()
        note.tags = {}
        assert note.sealed_version == 4, "a write after a flush counts again"
    version, content, tags = await read_note(database, note_id)
    assert version == 4 and set(content) == {"subjective", "objective", "assessment"}
    assert tags == {}
    assert await failures(database) == set()


async def test_none_written_over_none_changes_nothing(database):
    async with database.transaction() as session:
        session.add(Clinician(id=CLINICIAN, created_at=NOW, reminders_off=[]))
        session.add(Conversation(clinician_id=CLINICIAN, mode="idle", updated_at=NOW))
    async with database.transaction() as session:
        row = await session.get(Conversation, CLINICIAN)
        version = row.sealed_version
        row.payload = None
        assert not session.is_modified(row), "no new version, no row to write"
        row.payload = {"step": 1}
        assert session.is_modified(row) and row.sealed_version == version + 1
        await session.flush()
        row.payload = None
        await session.flush()
        assert row.payload_sealed is None and row.sealed_version == version + 2


async def test_a_draft_moved_to_another_client_no_longer_decrypts(database, caplog):
    note_id, _, other_id = await a_draft(database)
    async with database.transaction() as session:
        await session.execute(
            text("UPDATE notes SET client_id = :other WHERE id = :id"),
            {"other": other_id, "id": note_id},
        )
    with pytest.raises(DecryptionError) as failure:
        await read_note(database, note_id)
    assert str(failure.value) == f"cannot decrypt notes.content row {note_id}"
    assert SECRET not in caplog.text and f"notes.content row {note_id}" in caplog.text
    assert await failures(database) == {("notes", note_id, "decrypt")}


async def test_an_older_ciphertext_put_back_after_a_later_write_fails(database):
    note_id, _, _ = await a_draft(database)
    old_content, old_tags, old_version = await stored(database, note_id)
    async with database.transaction() as session:
        note = await session.get(Note, note_id)
        notes.append_entry(note, "plan", "Same plan.", 2, NOW)
    async with database.transaction() as session:
        await session.execute(
            text("UPDATE notes SET content = :old WHERE id = :id"),
            {"old": old_content, "id": note_id},
        )
    with pytest.raises(DecryptionError, match=f"notes.content row {note_id}"):
        await read_note(database, note_id)
    assert await failures(database) == {("notes", note_id, "decrypt")}
    # The whole row rolled back, version with it, is consistent with itself: it still decrypts
    # (the documented limit; a signed note's fingerprint chain covers that case).
    async with database.transaction() as session:
        await session.execute(
            text("UPDATE notes SET content = :c, tags = :t, sealed_version = :v WHERE id = :id"),
            {"c": old_content, "t": old_tags, "v": old_version, "id": note_id},
        )
    _, content, _ = await read_note(database, note_id)
    assert "plan" not in content and await failures(database) == set()


async def test_a_damaged_value_leaves_its_siblings_readable_after_a_write(database):
    note_id, _, _ = await a_draft(database)
    _, tags, _ = await stored(database, note_id)
    damaged = bytearray(tags)
    damaged[-1] ^= 1
    async with database.transaction() as session:
        await session.execute(
            text("UPDATE notes SET tags = :t WHERE id = :id"), {"t": bytes(damaged), "id": note_id}
        )
    async with database.transaction() as session:
        note = await session.get(Note, note_id)
        notes.append_entry(note, "plan", "Same plan.", 2, NOW)
    async with database.sessions() as session:
        note = await session.get(Note, note_id)
        assert "plan" in note.content
        with pytest.raises(DecryptionError):
            _ = note.tags
    assert await failures(database) == {("notes", note_id, "decrypt")}


async def test_the_application_never_moves_a_sealed_row(database):
    note_id, _, other_id = await a_draft(database)
    async with database.transaction() as session:
        note = await session.get(Note, note_id)
        note.client_id = note.client_id  # the same owner again is no move
        with pytest.raises(ValueError, match="keeps its owner"):
            note.client_id = other_id
    _, content, _ = await read_note(database, note_id)
    assert content["subjective"][0]["text"] == SECRET


async def test_rotation_reseals_under_owner_and_version_and_keeps_the_version(database):
    note_id, _, _ = await a_draft(database)
    content, _, version = await stored(database, note_id)
    old = keyring()
    rotated = KeyRing({1: b"k" * 32, 2: b"r" * 32})  # tests.conftest's key, and a new one
    install_keyring(rotated)
    try:
        report = await reseal_all(database, rotated)
        assert report.resealed["notes.content"] == 1 and report.changed_meanwhile == 0
        after, _, version_after = await stored(database, note_id)
        assert KeyRing.version_of(after) == 2 and after != content and version_after == version
        _, opened, _ = await read_note(database, note_id)
        assert opened["subjective"][0]["text"] == SECRET
        assert await failures(database) == set()
    finally:
        install_keyring(old)
