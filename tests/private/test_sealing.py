"""Private notes are sealed with the private key: the progress-note key cannot open them, and
their text never reaches the database files in the clear."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from storage import private_notes
from storage.clients import get_or_create_client
from storage.crypto import DecryptionError, aad_for
from storage.fields import keyring
from storage.models import Clinician, PrivateNote
from tests.conftest import CLINICIAN, onboard

CANARY = "Pangolin-Canary-2291"
CODE_CANARY = "PQ.Z7"
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


async def test_the_body_opens_with_the_private_key_only(database):
    async with database.transaction() as session:
        session.add(Clinician(id=CLINICIAN, created_at=NOW, reminders_off=[]))
        await session.flush()
        client = await get_or_create_client(session, CLINICIAN, "A.B.", NOW)
        note = await private_notes.start_private_note(
            session, clinician_id=CLINICIAN, client_id=client.id, text="First thought.", now=NOW
        )
        private_notes.append_text(note, "Second thought.", NOW)
        note_id = note.id
    async with database.transaction() as session:
        blob = await session.scalar(
            select(PrivateNote.body_sealed).where(PrivateNote.id == note_id)
        )
        assert await private_notes.get_private_note(session, CLINICIAN + 1, note_id) is None
        mine = await private_notes.get_private_note(session, CLINICIAN, note_id)
        assert mine.body == "First thought.\n\nSecond thought."
    aad = aad_for("private_notes", "body", note_id)
    assert b"thought" not in blob
    assert keyring().decrypt(blob, aad, purpose="private") == b"First thought.\n\nSecond thought."
    with pytest.raises(DecryptionError):
        keyring().decrypt(blob, aad, purpose="field")


def database_files(settings) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(settings.data_dir.glob("wayfinder.db*")))


async def test_a_canary_never_reaches_the_database_file(chat, settings, services):
    await onboard(chat)
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
