"""A signed note cannot change: refused by the storage layer and by the database itself."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from storage import notes
from storage.clients import Clients
from storage.models import Clinician, Note
from storage.notes import Notes

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


async def signed_note(database) -> str:
    async with database.transaction() as session:
        session.add(Clinician(id=7, created_at=NOW, reminders_off=[]))
        await session.flush()
        client = await Clients(session, 7).get_or_create("A.B.", NOW)
        note = await Notes(session, 7).start(client, "soap", NOW)
        notes.append_entry(note, "subjective", "Slept well.", 11, NOW)
        digest = notes.sign(note, client, NOW)
        assert len(digest) == 64
        return note.id


async def test_orm_changes_to_a_signed_note_are_refused(database):
    note_id = await signed_note(database)
    with pytest.raises(notes.SignedNoteError):
        async with database.transaction() as session:
            note = await session.get(Note, note_id)
            notes.append_entry(note, "plan", "Sneaky change.", 12, NOW)
    with pytest.raises(notes.SignedNoteError):
        async with database.transaction() as session:
            note = await session.get(Note, note_id)
            await session.delete(note)
    with pytest.raises(notes.SignedNoteError):
        async with database.transaction() as session:
            note = await session.get(Note, note_id)
            notes.sign(note, await Clients(session, 7).own(note.client_id), NOW)
    async with database.transaction() as session:
        note = await session.get(Note, note_id)
        assert notes.section_text(note, "subjective") == "Slept well."
        assert notes.section_text(note, "plan") == ""


async def test_the_database_refuses_raw_updates_of_signed_notes(database):
    note_id = await signed_note(database)
    with pytest.raises((IntegrityError, DBAPIError), match="signed note cannot be changed"):
        async with database.transaction() as session:
            await session.execute(
                update(Note).where(Note.id == note_id).values(template="dap")
                .execution_options(synchronize_session=False)
            )
    with pytest.raises((IntegrityError, DBAPIError), match="signed note cannot be changed"):
        async with database.transaction() as session:
            await session.execute(text("DELETE FROM notes"))


async def test_drafts_stay_editable_and_are_listed(database):
    async with database.transaction() as session:
        session.add(Clinician(id=8, created_at=NOW, reminders_off=[]))
        await session.flush()
        client = await Clients(session, 8).get_or_create("C.D.", NOW)
        same = await Clients(session, 8).get_or_create("c.d.", NOW)
        assert same.id == client.id
        note = await Notes(session, 8).start(client, "dap", NOW)
        notes.append_entry(note, "data", "First.", 1, NOW)
    async with database.transaction() as session:
        [draft] = await Notes(session, 8).drafts()
        assert notes.replace_entry(draft, "data", 1, "First, corrected.", NOW)
    async with database.transaction() as session:
        [draft] = await Notes(session, 8).drafts()
        assert notes.section_text(draft, "data") == "First, corrected."
