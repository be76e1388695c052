"""Signed records that prove themselves: every tamper the issue measured is detected, by the
readers' check (verify_note) and by `wayfinder verify`, which names table and row only.

Each tamper is done the way someone who can write the database file would: straight SQL, with
the immutability trigger dropped first.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from storage import audit, integrity, notes
from storage.clients import Clients
from storage.models import Clinician, Note
from storage.notes import Notes
from storage.verify import verify_database

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
CLINICIAN = 7


async def signed_pair(database) -> tuple[str, str, bytes]:
    """Two signed notes of A.B. (and an addendum); returns the first note's id, the second's,
    and the first note's content as sealed while it was still a draft."""
    async with database.transaction() as session:
        session.add(Clinician(id=CLINICIAN, created_at=NOW, reminders_off=[]))
        await session.flush()
        client = await Clients(session, CLINICIAN).get_or_create("A.B.", NOW)
        await Clients(session, CLINICIAN).get_or_create("C.D.", NOW)
        first = await Notes(session, CLINICIAN).start(client, "soap", NOW)
        notes.append_entry(first, "subjective", "Slept four hours.", 1, NOW)
        draft_bytes = first.content_sealed
        notes.append_entry(first, "assessment", "Risk assessed: none.", 2, NOW)
        notes.sign(first, client, NOW)
        await session.flush()
        await Notes(session, CLINICIAN).add_addendum(first, "Called back.", NOW)
        later = NOW + timedelta(days=7)
        second = await Notes(session, CLINICIAN).start(client, "soap", later)
        notes.append_entry(second, "subjective", "Slept seven hours.", 3, later)
        notes.sign(second, client, later)
        return first.id, second.id, draft_bytes


async def tamper(database, statement: str, **values) -> None:
    dialect = database.engine.dialect.name
    async with database.transaction() as session:
        if dialect == "sqlite":
            await session.execute(text("DROP TRIGGER signed_note_no_update"))
        else:
            await session.execute(text("DROP TRIGGER signed_note_immutable ON notes"))
        await session.execute(text(statement), values)


async def failures(database) -> set[tuple[str, str, str]]:
    async with database.sessions() as session:
        report = await verify_database(session)
    assert report.checked["signed notes"] == 2 and report.checked["addenda"] == 1
    return {(f.table, f.row_id, f.why) for f in report.failures}


async def reader_check(database, note_id: str) -> integrity.IntegrityFailure | None:
    async with database.sessions() as session:
        note = await session.get(Note, note_id)
        record = await Notes(session, CLINICIAN).signed_record(note.client_id)
        failed = {failure.row_id for failure in record.failed}
        verified = {note.id for note, _ in record.notes}
        assert (note_id in failed) != (note_id in verified)
        return integrity.verify_note(note)


async def test_untouched_records_verify(database):
    first, second, _ = await signed_pair(database)
    assert await failures(database) == set()
    assert await reader_check(database, first) is None
    assert await reader_check(database, second) is None


async def test_an_older_ciphertext_put_back_is_detected(database):
    first, _, draft_bytes = await signed_pair(database)
    await tamper(database, "UPDATE notes SET content = :old WHERE id = :id", old=draft_bytes,
                 id=first)
    assert await reader_check(database, first) is not None
    assert ("notes", first, "fingerprint") in await failures(database)


async def test_an_edited_signing_time_is_detected(database):
    first, _, _ = await signed_pair(database)
    await tamper(database, "UPDATE notes SET signed_at = :at WHERE id = :id",
                 at=(NOW - timedelta(days=3)).replace(tzinfo=None), id=first)
    failure = await reader_check(database, first)
    assert failure is not None and failure.signed_at == NOW - timedelta(days=3)
    assert ("notes", first, "fingerprint") in await failures(database)


async def test_a_note_moved_to_another_client_is_detected(database):
    first, _, _ = await signed_pair(database)
    async with database.sessions() as session:
        other = await Clients(session, CLINICIAN).find("C.D.")
    await tamper(database, "UPDATE notes SET client_id = :other WHERE id = :id",
                 other=other.id, id=first)
    assert await reader_check(database, first) is not None
    found = await failures(database)
    assert ("notes", first, "fingerprint") in found
    assert ("clients", other.id, "chain head") in found, "C.D.'s chain never held this note"


async def test_a_note_set_back_to_draft_and_re_signed_breaks_the_chain(database):
    first, second, _ = await signed_pair(database)
    await tamper(database, "UPDATE notes SET status = 'draft' WHERE id = :id", id=first)
    async with database.transaction() as session:
        note = await session.get(Note, first)
        notes.replace_entry(note, "subjective", 1, "Slept eight hours.", NOW)
        notes.sign(note, await Clients(session, CLINICIAN).own(note.client_id), NOW)
    # The re-signed note is valid on its own; its place in the client's chain is not.
    assert await reader_check(database, first) is None
    found = await failures(database)
    assert {("notes", first, "chain"), ("notes", second, "chain")} <= found


async def test_a_flipped_byte_is_named_by_table_and_row(database):
    first, _, _ = await signed_pair(database)
    async with database.sessions() as session:
        stored = (await session.execute(text("SELECT id, code FROM clients"))).first()
    flipped = bytearray(stored.code)
    flipped[-1] ^= 1
    async with database.transaction() as session:
        await session.execute(
            text("UPDATE clients SET code = :code WHERE id = :id"),
            {"code": bytes(flipped), "id": stored.id},
        )
    assert ("clients", stored.id, "decrypt") in await failures(database)


async def test_the_audit_trail_refuses_changes_and_a_removed_row_is_found(database):
    await signed_pair(database)
    async with database.transaction() as session:
        for action in ("read", "export", "sign"):
            await audit.append(session, chain=CLINICIAN, actor=CLINICIAN, action=action, at=NOW,
                               transport="telegram", record_type="note", record_id="n1")
    for statement in ("UPDATE audit SET action = 'read'", "DELETE FROM audit"):
        with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
            async with database.transaction() as session:
                await session.execute(text(statement))
    dialect = database.engine.dialect.name
    async with database.transaction() as session:
        if dialect == "sqlite":
            await session.execute(text("DROP TRIGGER audit_no_delete"))
        else:
            await session.execute(text("DROP TRIGGER audit_append_only ON audit"))
        middle = await session.scalar(text("SELECT id FROM audit WHERE action = 'export'"))
        await session.execute(text("DELETE FROM audit WHERE id = :id"), {"id": middle})
    async with database.sessions() as session:
        count, breaks = await audit.verify_chains(session)
    assert count == 2
    assert [(b.chain, b.why) for b in breaks] == [(CLINICIAN, "link")]
    assert ("audit", str(middle + 1), "link") in await failures(database)
