"""The note a turn is working on, with its template and client, loaded in one place."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key

from bot.dialogue.templates import Template
from bot.dialogue.turn import Turn
from storage.models import Client, Note

# Built once: building a statement costs more than running it on SQLite (bench/turns.py).
_NOTE_AND_CLIENT = (
    select(Note, Client)
    .join(Client, Client.id == Note.client_id)
    .where(Note.id == bindparam("note_id"))
)


@dataclass
class OpenNote:
    note: Note
    template: Template
    client: Client

    @property
    def section(self):
        return self.template.sections[self.note.section_index]


async def load(turn: Turn, note_id: str | None) -> OpenNote | None:
    """The clinician's own note by id, or None (gone, someone else's, or template removed)."""
    if note_id is None:
        return None
    note, client = await _note_and_client(turn.session, note_id)
    if note is None or note.clinician_id != turn.clinician.id:
        return None
    template = turn.services.templates.get(note.template)
    if template is None:
        return None
    note.section_index = min(note.section_index, len(template.sections) - 1)
    return OpenNote(note, template, client)


async def _note_and_client(
    session: AsyncSession, note_id: str
) -> tuple[Note | None, Client | None]:
    """From the session when this turn has loaded the note already, else in one query."""
    loaded = session.identity_map
    note = loaded.get(identity_key(Note, note_id))
    if note is not None:
        client = loaded.get(identity_key(Client, note.client_id))
        return note, client or await session.get(Client, note.client_id)
    row = (await session.execute(_NOTE_AND_CLIENT, {"note_id": note_id})).first()
    return (None, None) if row is None else tuple(row)
