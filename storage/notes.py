"""Progress notes: drafts that fill section by section, then a signature that freezes them.

The refusal to change a signed note lives here, at the storage layer, so no caller (bot,
console, a future API) can get around it. The database enforces it too (migration 0001).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, event, func, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage.models import Addendum, MessageLink, Note
from storage.upsert import insert_into


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


async def start_note(
    session: AsyncSession,
    *,
    clinician_id: int,
    client_id: str,
    template: str,
    now: datetime,
    plan_version_id: str | None = None,
) -> Note:
    note = Note(
        clinician_id=clinician_id,
        client_id=client_id,
        template=template,
        status="draft",
        section_index=0,
        content={},
        created_at=now,
        updated_at=now,
        plan_version_id=plan_version_id,
    )
    session.add(note)
    await session.flush()
    return note


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


def section_text(note: Note, section: str) -> str:
    return "\n".join(entry["text"] for entry in (note.content or {}).get(section, []))


def filled_sections(note: Note) -> list[str]:
    return [key for key, entries in (note.content or {}).items() if entries]


def content_hash(note: Note, section_order: list[str], signed_at: datetime) -> str:
    canonical = json.dumps(
        {
            "note": note.id,
            "template": note.template,
            "signed_at": signed_at.isoformat(),
            "sections": [[key, section_text(note, key)] for key in section_order],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def sign(note: Note, section_order: list[str], now: datetime) -> str:
    if note.status == "signed":
        raise SignedNoteError()
    note.content_hash = content_hash(note, section_order, now)
    note.signed_at = now
    note.status = "signed"
    note.updated_at = now
    return note.content_hash


async def link_message(
    session: AsyncSession, clinician_id: int, message_id: int, note_id: str, section: str
) -> None:
    # Run on the session's connection, which does not flush the turn's pending changes first:
    # the note is then written once, at commit, not once here and again after tagging.
    connection = await session.connection()
    await connection.execute(
        _link_upsert(session.bind.dialect.name),
        {"clinician_id": clinician_id, "message_id": message_id, "note_id": note_id,
         "section": section},
    )


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


async def linked_section(
    session: AsyncSession, clinician_id: int, message_id: int
) -> MessageLink | None:
    return await session.get(MessageLink, (clinician_id, message_id))


async def drafts(session: AsyncSession, clinician_id: int) -> list[Note]:
    rows = await session.scalars(
        select(Note)
        .where(Note.clinician_id == clinician_id, Note.status == "draft")
        .order_by(Note.updated_at.desc())
    )
    return list(rows)


async def count_signed_since(session: AsyncSession, clinician_id: int, since: datetime) -> int:
    return await session.scalar(
        select(func.count()).where(
            Note.clinician_id == clinician_id, Note.status == "signed", Note.signed_at >= since
        )
    )


async def add_addendum(session: AsyncSession, note: Note, text: str, now: datetime) -> Addendum:
    if note.status != "signed":
        raise ValueError("only a signed note takes addenda")
    addendum = Addendum(note_id=note.id, body=text, created_at=now)
    session.add(addendum)
    return addendum


async def signed_record(
    session: AsyncSession, client_id: str
) -> list[tuple[Note, list[Addendum]]]:
    """A client's signed notes, oldest first, each with its addenda in the order written."""
    signed = list(
        await session.scalars(
            select(Note)
            .where(Note.client_id == client_id, Note.status == "signed")
            .order_by(Note.signed_at, Note.id)
        )
    )
    addenda: dict[str, list[Addendum]] = {note.id: [] for note in signed}
    if signed:
        for addendum in await session.scalars(
            select(Addendum)
            .where(Addendum.note_id.in_(list(addenda)))
            .order_by(Addendum.created_at, Addendum.id)
        ):
            addenda[addendum.note_id].append(addendum)
    return [(note, addenda[note.id]) for note in signed]
