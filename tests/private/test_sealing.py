"""Private notes are sealed with the private key: the progress-note key cannot open them, and
their text never reaches the database files in the clear."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from storage.clients import Clients
from storage.crypto import DecryptionError, row_aad
from storage.fields import keyring
from storage.models import Clinician, PrivateNote
from storage.private_notes import PrivateNotes, append_text
from tests.conftest import CLINICIAN

CANARY = "Pangolin-Canary-2291"
CODE_CANARY = "PQ.Z7"
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


async def test_the_body_opens_with_the_private_key_only(database):
    async with database.transaction() as session:
        session.add(Clinician(id=CLINICIAN, created_at=NOW, reminders_off=[]))
        await session.flush()
        client = await Clients(session, CLINICIAN).get_or_create("A.B.", NOW)
        note = await PrivateNotes(session, CLINICIAN).start(client.id, "First thought.", NOW)
        append_text(note, "Second thought.", NOW)
        note_id = note.id
    async with database.transaction() as session:
        blob, version = (
            await session.execute(
                select(PrivateNote.body_sealed, PrivateNote.sealed_version).where(
                    PrivateNote.id == note_id
                )
            )
        ).one()
        assert await PrivateNotes(session, CLINICIAN + 1).own(note_id) is None
        mine = await PrivateNotes(session, CLINICIAN).own(note_id)
        assert mine.body == "First thought.\n\nSecond thought."
    aad = row_aad("private_notes", "body", note_id, (client.id, CLINICIAN), version)
    assert b"thought" not in blob
    assert keyring().decrypt(blob, aad, purpose="private") == b"First thought.\n\nSecond thought."
    with pytest.raises(DecryptionError):
        keyring().decrypt(blob, aad, purpose="field")


def database_files(settings) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(settings.data_dir.glob("wayfinder.db*")))


async def test_a_canary_never_reaches_the_database_file(chat, settings, services):
    await chat.onboard()
    await chat.say(f"/private {CODE_CANARY}")
    await chat.say(f"I noticed {CANARY} in myself during the session.")
    await chat.say("done")
    await chat.say(f"/private {CODE_CANARY} list")
    await chat.press("30 Nov 2026")
    chat.expect(CANARY)  # readable in the chat, on request
    written = database_files(settings)
    assert written and (settings.data_dir / "wayfinder.db-wal").exists()
    await services.database.close()  # checkpoints the WAL into the main file
    for contents in (written, database_files(settings)):
        for needle in (CANARY, CODE_CANARY):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert needle.encode(encoding) not in contents
