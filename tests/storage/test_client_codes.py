"""Client codes: one client however the code is typed, on SQLite and PostgreSQL, including
clients written before codes were keyed without dots and spaces; drafts deleted with their links."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event, func, select

from storage import notes
from storage.clients import Clients
from storage.fields import keyring
from storage.models import Client, Clinician, MessageLink, Note
from storage.notes import Notes

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


async def clinician(session) -> None:
    session.add(Clinician(id=7, created_at=NOW, reminders_off=[]))
    await session.flush()


async def test_a_client_written_with_the_old_index_is_found_and_moved(database):
    async with database.transaction() as session:
        await clinician(session)
        old_index = keyring().blind_index("a.b.")  # case-folded, dots kept: before code_key
        session.add(Client(id="c1", clinician_id=7, code="A.B.", code_index=old_index,
                           created_at=NOW, last_used_at=NOW))
    async with database.transaction() as session:
        found = await Clients(session, 7).find("ab")
        assert found is not None and found.id == "c1"
    async with database.transaction() as session:
        clients = Clients(session, 7)
        assert (await clients.find("A.B")).id == "c1"  # now under the new index
        assert (await clients.get_or_create("a. b.", NOW)).id == "c1"
        assert await session.scalar(select(func.count()).select_from(Client)) == 1


async def test_deleting_a_draft_takes_its_message_links_and_refuses_a_signed_note(database):
    async with database.transaction() as session:
        await clinician(session)
        client = await Clients(session, 7).get_or_create("A.B.", NOW)
        store = Notes(session, 7)
        draft = await store.start(client, "soap", NOW)
        signed = await store.start(client, "dap", NOW)
        notes.append_entry(draft, "subjective", "Slept well.", 11, NOW)
        await store.link_message(11, draft.id, "subjective")
        notes.sign(signed, client, NOW)
    async with database.transaction() as session:
        store = Notes(session, 7)
        assert await store.delete_draft(await store.own(draft.id)) == [draft.id]
        with pytest.raises(ValueError):
            await store.delete_draft(await store.own(signed.id))
    async with database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(MessageLink)) == 0
        assert [n.id for n in await session.scalars(select(Note))] == [signed.id]


async def test_a_new_code_reads_the_clinicians_clients_once(database):
    async with database.transaction() as session:
        await clinician(session)
        await Clients(session, 7).get_or_create("A.B.", NOW)
    reads = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().startswith("SELECT") and "FROM clients" in statement:
            reads.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with database.transaction() as session:
            clients = Clients(session, 7)
            # What the dialogue does with a code it does not know: find, near, create.
            assert await clients.find("AC") is None
            assert await clients.near("AC") is None, "A.B. is not one slip from AC"
            created = await clients.create("AC", NOW)
            assert len(reads) == 2, "the code's index, then every client, once"
            assert await clients.near("ACD") is created, "one created since is near too"
            assert (await clients.get_or_create("a.c.", NOW)).id == created.id
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", count)
    async with database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Client)) == 2
