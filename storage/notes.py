"""Progress notes: drafts that fill section by section, then a signature that freezes them.

The refusal to change a signed note lives here, at the storage layer, so no caller (bot,
console, a future API) can get around it. The database enforces it too (migration 0001).
`Notes` is one clinician's notes; the note a turn works on is opened by a turn's notes
(storage/open_note.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import cache

from sqlalchemy import bindparam, delete, event, func, inspect, select
from sqlalchemy.orm import Session

from storage import integrity
from storage.models import Addendum, Client, MessageLink, Note
from storage.repository import Repository
from storage.upsert import insert_into


@dataclass(frozen=True)
class SignedRecord:
    """What a reader of a client's signed notes gets: the notes that verify, and the others."""

    notes: list[tuple[Note, list[Addendum]]]  # oldest first, addenda in the order written
    failed: list[integrity.IntegrityFailure]


class SignedNoteError(Exception):
    """A signed note cannot be changed; write an addendum instead."""

    def __init__(self) -> None:
        super().__init__("a signed note cannot be changed; write an addendum instead")


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_signed_notes(session: Session, _context, _instances) -> None:
    for note in list(session.dirty) + list(session.deleted):
        if not isinstance(note, Note):
            continue
        history = inspect(note).attrs.status.history
        previous = (history.deleted or history.unchanged or [note.status])[0]
        if previous == "signed" and (note in session.deleted or session.is_modified(note)):
            raise SignedNoteError()


def append_entry(note: Note, section: str, text: str, ref: int | None, now: datetime) -> int:
    """Add text to a section; returns how many entries the section now holds."""
    content = note.content or {}
    entries = content.setdefault(section, [])
    entries.append({"ref": ref, "text": text})
    note.content = content
    note.updated_at = now
    return len(entries)


def replace_entry(note: Note, section: str, ref: int, text: str, now: datetime) -> bool:
    content = note.content or {}
    for entry in content.get(section, []):
        if entry["ref"] == ref:
            entry["text"] = text
            note.content = content
            note.updated_at = now
            return True
    return False


def remove_entry(note: Note, section: str, ref: int, now: datetime) -> str | None:
    """Takes the entry chat message `ref` made out of a section, with the tags found in it;
    returns its text (None when the section has no such entry)."""
    content = note.content or {}
    entries = content.get(section, [])
    removed = next((entry for entry in entries if entry["ref"] == ref), None)
    if removed is None:
        return None
    content[section] = [entry for entry in entries if entry is not removed]
    note.content = content
    tags = note.tags or {}
    if section in tags:
        tags[section] = [sentence for sentence in tags[section] if sentence.get("ref") != ref]
        note.tags = tags
    note.updated_at = now
    return removed["text"]


def section_text(note: Note, section: str) -> str:
    return "\n".join(entry["text"] for entry in (note.content or {}).get(section, []))


def filled_sections(note: Note) -> list[str]:
    return [key for key, entries in (note.content or {}).items() if entries]


def service_day(note: Note, zone: tzinfo) -> date:
    """The note's date of service; a note from before notes stored one: the day it was signed
    (or, a draft, begun) in the clinician's zone."""
    if note.service_date is not None:
        return note.service_date
    return (note.signed_at or note.created_at).astimezone(zone).date()


def sign(note: Note, client: Client, now: datetime) -> str:
    """Freezes the note as signed now; returns its fingerprint (storage/integrity.py)."""
    if note.status == "signed":
        raise SignedNoteError()
    digest = integrity.sign_note(note, client, now)
    note.signed_at = now
    note.status = "signed"
    note.updated_at = now
    return digest


class Notes(Repository):
    """One clinician's progress notes, their addenda and the chat messages they came from."""

    async def start(
        self,
        client: Client,
        template: str,
        now: datetime,
        *,
        plan_version_id: str | None = None,
        group_id: str | None = None,
        section_index: int = 0,
        service_date: date | None = None,
    ) -> Note:
        """A new draft; `plan_version_id` is the plan version it is written against,
        `service_date` the day of the session (the clinician's today, unless they change it)."""
        note = Note(
            clinician_id=self._clinician_id,
            client_id=client.id,
            template=template,
            status="draft",
            section_index=section_index,
            content={},
            created_at=now,
            updated_at=now,
            plan_version_id=plan_version_id,
            group_id=group_id,
            service_date=service_date,
        )
        self._session.add(note)
        await self._session.flush()
        return note

    async def own(self, note_id: str | None) -> Note | None:
        return await self._own(Note, note_id)

    async def drafts(self) -> list[Note]:
        """Unfinished notes, the most recently changed first."""
        rows = await self._session.scalars(
            select(Note)
            .where(Note.clinician_id == self._clinician_id, Note.status == "draft")
            .order_by(Note.updated_at.desc())
        )
        return list(rows)

    async def drafts_of(self, client_id: str, template: str) -> list[Note]:
        """A client's unfinished single notes of one template, the most recently changed first."""
        rows = await self._session.scalars(
            select(Note)
            .where(
                Note.clinician_id == self._clinician_id,
                Note.status == "draft",
                Note.client_id == client_id,
                Note.template == template,
                Note.group_id.is_(None),
            )
            .order_by(Note.updated_at.desc())
        )
        return list(rows)

    async def delete_draft(self, note: Note) -> list[str]:
        """Deletes an unfinished note (a group's: every member's draft, which were written
        together) and the links from chat messages into it; returns the ids deleted. The one
        place a note is ever deleted; the caller writes its audit row (turn.store.audit)."""
        if note.status != "draft" or note.clinician_id != self._clinician_id:
            raise ValueError("only the clinician's own unfinished note can be deleted")
        notes = [note]
        if note.group_id is not None:
            notes = list(await self._session.scalars(select(Note).where(
                Note.clinician_id == self._clinician_id,
                Note.group_id == note.group_id,
                Note.status == "draft",
            )))
        ids = [each.id for each in notes]
        await self._session.execute(delete(MessageLink).where(
            MessageLink.clinician_id == self._clinician_id, MessageLink.note_id.in_(ids)
        ))
        for each in notes:
            await self._session.delete(each)
        return ids

    async def draft_count(self) -> tuple[int, datetime | None]:
        """How many drafts there are, and when the longest-untouched one last changed."""
        count, oldest = (
            await self._session.execute(
                select(func.count(), func.min(Note.updated_at)).where(
                    Note.clinician_id == self._clinician_id, Note.status == "draft"
                )
            )
        ).one()
        return count, oldest

    async def drafts_untouched_since(self, moment: datetime) -> int:
        return await self._session.scalar(
            select(func.count()).where(
                Note.clinician_id == self._clinician_id,
                Note.status == "draft",
                Note.updated_at <= moment,
            )
        )

    async def late_drafts(self, served_before: date) -> int:
        """Drafts whose session was before `served_before`: notes overdue by date of service."""
        return await self._session.scalar(
            select(func.count()).where(
                Note.clinician_id == self._clinician_id,
                Note.status == "draft",
                Note.service_date < served_before,
            )
        )

    async def count_signed_since(self, since: datetime) -> int:
        return await self._session.scalar(
            select(func.count()).where(
                Note.clinician_id == self._clinician_id,
                Note.status == "signed",
                Note.signed_at >= since,
            )
        )

    async def recently_signed(self, limit: int, client_id: str | None = None) -> list[Note]:
        """Signed notes (of one client, if given), the most recently signed first."""
        query = select(Note).where(
            Note.clinician_id == self._clinician_id, Note.status == "signed"
        )
        if client_id is not None:
            query = query.where(Note.client_id == client_id)
        rows = await self._session.scalars(query.order_by(Note.signed_at.desc()).limit(limit))
        return list(rows)

    async def signed_record(self, client_id: str) -> SignedRecord:
        """A client's signed notes, oldest first, each with its addenda in the order written;
        every one verified (storage/integrity.py), those that fail set apart."""
        signed = await self.signed(client_id)
        addenda = await self._addenda(signed)
        record = SignedRecord([], [])
        for note in signed:
            failure = integrity.verify_note(note, addenda[note.id])
            if failure is None:
                record.notes.append((note, addenda[note.id]))
            else:
                record.failed.append(failure)
        return record

    async def signed(self, client_id: str) -> list[Note]:
        """A client's signed notes, oldest first, unverified: for lists of plain columns."""
        rows = await self._session.scalars(
            select(Note)
            .where(
                Note.clinician_id == self._clinician_id,
                Note.client_id == client_id,
                Note.status == "signed",
            )
            .order_by(Note.signed_at, Note.id)
        )
        return list(rows)

    async def signed_with_addenda(self, note_id: str) -> tuple[Note, list[Addendum]] | None:
        """One of the clinician's signed notes and its addenda in the order written."""
        note = await self.own(note_id)
        if note is None or note.status != "signed":
            return None
        return note, (await self._addenda([note]))[note.id]

    async def _addenda(self, notes: list[Note]) -> dict[str, list[Addendum]]:
        addenda: dict[str, list[Addendum]] = {note.id: [] for note in notes}
        if notes:
            for addendum in await self._session.scalars(
                select(Addendum)
                .where(Addendum.note_id.in_(list(addenda)))
                .order_by(Addendum.created_at, Addendum.id)
            ):
                addenda[addendum.note_id].append(addendum)
        return addenda

    async def add_addendum(self, note: Note, text: str, now: datetime) -> Addendum:
        """The addendum, fingerprinted as the next link of the client's chain."""
        if note.status != "signed":
            raise ValueError("only a signed note takes addenda")
        client = await self._own(Client, note.client_id)
        addendum = Addendum(note_id=note.id, body=text, created_at=now)
        integrity.sign_addendum(addendum, note, client)
        self._session.add(addendum)
        return addendum

    async def link_message(self, message_id: int, note_id: str, section: str) -> None:
        """Remembers which note section a chat message went into, so an edit can follow it."""
        # Run on the session's connection, which does not flush the turn's pending changes first:
        # the note is then written once, at commit, not once here and again after tagging.
        connection = await self._session.connection()
        await connection.execute(
            _link_upsert(self._session.bind.dialect.name),
            {"clinician_id": self._clinician_id, "message_id": message_id, "note_id": note_id,
             "section": section},
        )

    async def linked_section(self, message_id: int) -> MessageLink | None:
        return await self._session.get(MessageLink, (self._clinician_id, message_id))


@cache
def _link_upsert(dialect: str):
    # An upsert: a transport that reuses message ids must not make the turn fail. Built once
    # per dialect: building it costs more than running it (bench/turns.py).
    statement = insert_into(dialect, MessageLink).values(
        {name: bindparam(name) for name in ("clinician_id", "message_id", "note_id", "section")}
    )
    return statement.on_conflict_do_update(
        index_elements=["clinician_id", "message_id"],
        set_={"note_id": statement.excluded.note_id, "section": statement.excluded.section},
    )
