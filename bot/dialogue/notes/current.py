"""The note a turn is working on, with its template and client, loaded in one place."""

from __future__ import annotations

from dataclasses import dataclass

from bot.dialogue.templates import Template
from bot.dialogue.turn import Turn
from storage.models import Client, Note


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
    note = await turn.session.get(Note, note_id)
    if note is None or note.clinician_id != turn.clinician.id:
        return None
    template = turn.services.templates.get(note.template)
    if template is None:
        return None
    client = await turn.session.get(Client, note.client_id)
    note.section_index = min(note.section_index, len(template.sections) - 1)
    return OpenNote(note, template, client)
