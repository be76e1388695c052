"""Psychotherapy (private) notes: one row per writing session, text appended message by message.

Kept apart from progress notes on purpose (HIPAA treats psychotherapy notes apart): their own
table, their own key, and nothing here is used by status, drafts, progress, reminders, exports
or the tagger.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from storage.models import PrivateNote
from storage.repository import Repository

# Messages of one session are kept as paragraphs, in the order they were sent.
PARAGRAPH = "\n\n"


def append_text(note: PrivateNote, text: str, now: datetime) -> None:
    note.body = f"{note.body}{PARAGRAPH}{text}"
    note.updated_at = now


class PrivateNotes(Repository):
    """One clinician's private notes."""

    async def start(self, client_id: str, text: str, now: datetime) -> PrivateNote:
        note = PrivateNote(
            clinician_id=self._clinician_id,
            client_id=client_id,
            body=text,
            created_at=now,
            updated_at=now,
        )
        self._session.add(note)
        await self._session.flush()
        return note

    async def own(self, note_id: str) -> PrivateNote | None:
        return await self._own(PrivateNote, note_id)

    async def of_client(self, client_id: str) -> list[PrivateNote]:
        """Newest first."""
        rows = await self._session.scalars(
            select(PrivateNote)
            .where(
                PrivateNote.clinician_id == self._clinician_id, PrivateNote.client_id == client_id
            )
            .order_by(PrivateNote.created_at.desc())
        )
        return list(rows)
