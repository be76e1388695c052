"""The note a turn works on, loaded once per turn: a single note, or a group session's notes.

A group session is one draft `Note` per member, tied by `Note.group_id` and ordered by client
code; the first member is the lead. The shared sections are written into the lead's note and
copied into every other member's draft on each move, so each note is complete on its own (for
/drafts, /progress, exports) and a member's note never holds another member's own sections.
A single note is the same with one member and every section shared, so callers ask the open note
where to go and never branch on group versus single themselves.

    stops: shared 1..k (the lead's note) ──► member 1's own sections ──► member 2's ... ──► end
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Client, Note, new_id
from storage.notes import Notes, append_entry, remove_entry, replace_entry, section_text, sign

Stop = tuple[str, int]  # (note id, section index): one place in the walk

# Built once: building a statement costs more than running it on SQLite (bench/turns.py).
_NOTE_AND_CLIENT = (
    select(Note, Client)
    .join(Client, Client.id == Note.client_id)
    .where(Note.id == bindparam("note_id"))
)
_GROUP = (
    select(Note, Client)
    .join(Client, Client.id == Note.client_id)
    .where(Note.clinician_id == bindparam("clinician_id"), Note.group_id == bindparam("group_id"))
)


class TemplateSection(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def required(self) -> bool: ...


class NoteTemplate(Protocol):
    """What the store needs of a note template (bot/shared/templates.py has them)."""

    @property
    def key(self) -> str: ...

    @property
    def sections(self) -> Sequence[TemplateSection]: ...

    @property
    def shared_count(self) -> int: ...


class Templates(Protocol):
    def get(self, key: str) -> NoteTemplate | None: ...


@dataclass
class Member:
    note: Note
    client: Client


class OpenNote:
    """The open note at one member's note (`note`); for a single note, its only member."""

    def __init__(
        self, template: NoteTemplate, members: list[Member], here: Note, notes: Notes
    ) -> None:
        self.template = template
        self.members = members
        self.note = here
        self._notes = notes

    @property
    def client(self) -> Client:
        return self._member(self.note.id).client

    @property
    def is_group(self) -> bool:
        return self.note.group_id is not None

    @property
    def lead(self) -> Note:
        return self.members[0].note

    @property
    def shared(self) -> int:
        """How many sections, from the start, the lead's note holds for everyone."""
        return self.template.shared_count

    @property
    def section(self) -> TemplateSection:
        return self.template.sections[self.note.section_index]

    def is_shared(self, section_key: str) -> bool:
        """Whether this section is one a group writes once for all its members."""
        shared = self.template.sections[: self.shared]
        return self.is_group and section_key in {section.key for section in shared}

    def stops(self) -> list[Stop]:
        sections = range(len(self.template.sections))
        shared = [(self.lead.id, index) for index in sections if index < self.shared]
        own = [
            (member.note.id, index)
            for member in self.members
            for index in sections
            if index >= self.shared
        ]
        return shared + own

    @property
    def stop(self) -> Stop:
        # Any member's note at a shared section stands for the lead's, where shared text lives.
        index = self.note.section_index
        return (self.lead.id if index < self.shared else self.note.id, index)

    def code_of(self, note_id: str) -> str:
        return self._member(note_id).client.code

    def number_of(self, note_id: str) -> int:
        """The member's place in the group, from 1."""
        return [member.note.id for member in self.members].index(note_id) + 1

    def drafts(self) -> list[Note]:
        return [member.note for member in self.members if member.note.status == "draft"]

    def move(self, direction: str) -> Stop | None:
        """The stop after ("next") or before ("back") this one; None past either end."""
        stops = self.stops()
        position = stops.index(self.stop) + (1 if direction == "next" else -1)
        return stops[position] if 0 <= position < len(stops) else None

    def open_section(self, stop: Stop, now: datetime) -> None:
        """Puts the walk at `stop`: the section it writes into next.

        A group's shared text lives in the lead's note and the others hold copies, so another
        member's note opened at a shared section (a group draft resumed from /drafts) opens the
        lead's note, where the group stopped.
        """
        note_id, index = stop
        note = self._member(note_id).note
        index = max(0, min(index, len(self.template.sections) - 1))
        if note is not self.lead and self.is_shared(self.template.sections[index].key):
            note, index = self.lead, min(self.lead.section_index, self.shared - 1)
        note.section_index = index
        note.updated_at = now
        self.note = note

    async def add(self, text: str, message_id: int | None, now: datetime) -> int:
        """Adds text to the open section; returns how many entries the section now holds."""
        key = self.section.key
        parts = append_entry(self.note, key, text, message_id, now)
        if message_id is not None:
            await self._notes.link_message(message_id, self.note.id, key)
        return parts

    def replace_line(self, section_key: str, message_id: int, text: str, now: datetime) -> bool:
        """The entry an edited chat message made, replaced by its new text."""
        return replace_entry(self.note, section_key, message_id, text, now)

    def remove_line(self, section_key: str, message_id: int, now: datetime) -> str | None:
        """The entry chat message `message_id` made, taken out; its text, or None."""
        return remove_entry(self.note, section_key, message_id, now)

    def spread_shared(self) -> None:
        """Copy the lead's shared sections into every other member's draft."""
        keys = [section.key for section in self.template.sections[: self.shared]]
        lead_content = self.lead.content or {}
        for note in self.drafts():
            if note is self.lead:
                continue
            content = dict(note.content or {})
            for key in keys:
                # Without the chat message ref: an edited message changes the lead's copy only,
                # and reaches the others on the next move.
                content[key] = [
                    {**entry, "ref": None} for entry in copy.deepcopy(lead_content.get(key, []))
                ]
            if content != (note.content or {}):
                note.content = content

    def set_service(self, now: datetime, **details: Any) -> None:
        """Service details (service_date, service_start, service_minutes, service_format) on
        every draft of the open note: a group session's members share one session."""
        for note in self.drafts():
            for name, value in details.items():
                setattr(note, name, value)
            note.updated_at = now

    def missing_required(self) -> list[Stop]:
        by_id = {member.note.id: member.note for member in self.members}
        sections = self.template.sections
        return [
            (note_id, index)
            for note_id, index in self.stops()
            if sections[index].required and not section_text(by_id[note_id], sections[index].key)
        ]

    def sign(self, now: datetime) -> str:
        """Signs every draft of the open note; returns the fingerprint of `note`."""
        clients = {member.note.id: member.client for member in self.members}
        for note in self.drafts():
            sign(note, clients[note.id], now)
        return self.note.content_hash

    def _member(self, note_id: str) -> Member:
        for member in self.members:
            if member.note.id == note_id:
                return member
        raise KeyError(f"note {note_id} is not part of this open note")


class TurnNotes(Notes):
    """The notes of a turn: every query of `Notes`, and the open note, loaded once per turn."""

    def __init__(
        self,
        session: AsyncSession,
        clinician_id: int,
        templates: Templates,
        loaded: tuple[Note, Client] | None = None,
    ) -> None:
        super().__init__(session, clinician_id)
        self._templates = templates
        # What this turn has loaded, kept for the rest of it: the conversation's note comes with
        # the turn's first query, and a group's members with the first look at the group.
        self._rows: dict[str, tuple[Note, Client]] = {}
        self._groups: dict[str, list[Member]] = {}
        if loaded is not None:
            self._rows[loaded[0].id] = loaded

    async def open_new(
        self,
        client: Client,
        template: NoteTemplate,
        now: datetime,
        version_id: str | None,
        service_date: date,
    ) -> OpenNote:
        """A new draft for the client, written against plan version `version_id`, open."""
        note = await self.start(
            client, template.key, now, plan_version_id=version_id, service_date=service_date
        )
        self._rows[note.id] = (note, client)
        return await self.open(note.id)

    async def start_group(
        self,
        members: list[tuple[Client, str | None]],
        template: NoteTemplate,
        now: datetime,
        service_date: date,
    ) -> OpenNote:
        """One draft per (client, plan version id), tied as a group, at its first section.

        The others' notes start at their own sections: the shared ones live in the lead's. Each
        note records the members present: all of them, by code."""
        group_id, own_first = new_id(), min(template.shared_count, len(template.sections) - 1)
        present = sorted((client.code for client, _ in members), key=str.casefold)
        notes = []
        for number, (client, version_id) in enumerate(members):
            note = await self.start(
                client,
                template.key,
                now,
                plan_version_id=version_id,
                group_id=group_id,
                section_index=own_first if number else 0,
                service_date=service_date,
            )
            note.present = present
            self._rows[note.id] = (note, client)
            client.last_used_at = now
            notes.append(note)
        return await self.open(notes[0].id)

    async def open(self, note_id: str | None) -> OpenNote | None:
        """The clinician's own note by id, open, or None (gone, someone else's, or its template
        removed from the practice's set)."""
        found = await self._note_and_client(note_id) if note_id else None
        if found is None or found[0].clinician_id != self._clinician_id:
            return None
        note, client = found
        template = self._templates.get(note.template)
        if template is None:
            return None
        note.section_index = min(note.section_index, len(template.sections) - 1)
        if note.group_id is None:
            members = [Member(note, client)]
        else:
            members = await self._group(note.group_id)
        return OpenNote(template, members, note, self)

    async def _note_and_client(self, note_id: str) -> tuple[Note, Client] | None:
        if note_id not in self._rows:
            row = (await self._session.execute(_NOTE_AND_CLIENT, {"note_id": note_id})).first()
            if row is None:
                return None
            self._rows[note_id] = tuple(row)
        return self._rows[note_id]

    async def _group(self, group_id: str) -> list[Member]:
        if group_id not in self._groups:
            rows = await self._session.execute(
                _GROUP, {"clinician_id": self._clinician_id, "group_id": group_id}
            )
            members = [Member(note, client) for note, client in rows]
            members.sort(key=lambda member: member.client.code.casefold())
            self._groups[group_id] = members
            for member in members:
                self._rows[member.note.id] = (member.note, member.client)
        return self._groups[group_id]
