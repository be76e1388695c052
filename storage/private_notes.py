"""Psychotherapy (private) notes: one row per writing session, text appended message by message.

Kept apart from progress notes on purpose (DESIGN.md principle 3): their own table, their own
key, and no function here is used by status, drafts, progress, reminders, exports or the tagger.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PrivateNote

# Messages of one session are kept as paragraphs, in the order they were sent.
PARAGRAPH = "\n\n"


async def start_private_note(
    session: AsyncSession, *, clinician_id: int, client_id: str, text: str, now: datetime
) -> PrivateNote:
    note = PrivateNote(
        clinician_id=clinician_id, client_id=client_id, body=text, created_at=now, updated_at=now
    )
    session.add(note)
    await session.flush()
    return note


def append_text(note: PrivateNote, text: str, now: datetime) -> None:
    note.body = f"{note.body}{PARAGRAPH}{text}"
    note.updated_at = now


async def get_private_note(
    session: AsyncSession, clinician_id: int, note_id: str
) -> PrivateNote | None:
    """The note, only when it belongs to this clinician."""
    note = await session.get(PrivateNote, note_id)
    if note is None or note.clinician_id != clinician_id:
        return None
    return note


async def private_notes_of_client(
    session: AsyncSession, clinician_id: int, client_id: str
) -> list[PrivateNote]:
    """Newest first."""
    rows = await session.scalars(
        select(PrivateNote)
        .where(PrivateNote.clinician_id == clinician_id, PrivateNote.client_id == client_id)
        .order_by(PrivateNote.created_at.desc())
    )
    return list(rows)
