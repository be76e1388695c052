"""Supervision's records: a supervisee's signed note sent for co-signature, co-signed or returned.

One repository for both sides, bound to the clinician of the turn: as a supervisee they send
their signed notes and find what came back; as a supervisor they see what waits for them and
decide it. A decision is refused unless the note still reads exactly as it was sent.

A returned note stays signed (it cannot change); the supervisee gets a new draft holding what
it said, and the comment is kept with the return (sealed) to be shown on top of that draft.
Each side learns of a step by a reminder row (kinds "cosign" and "cosign_returned"), which the
reminder dispatcher sends exactly once and which names no client.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import clinicians, integrity
from storage.models import Client, Note, NoteCosignature, new_id
from storage.reminders import NewReminder, add_with_text
from storage.repository import Repository

WAITING = "cosign"  # the reminder kind telling a supervisor a note waits for them
RETURNED = "cosign_returned"  # ... telling a supervisee a note came back


async def of_notes(session: AsyncSession, note_ids: Iterable[str]) -> dict[str, NoteCosignature]:
    """The co-signature row of each of these notes that has one."""
    ids = list(note_ids)
    if not ids:
        return {}
    rows = await session.scalars(select(NoteCosignature).where(NoteCosignature.note_id.in_(ids)))
    return {row.note_id: row for row in rows}


class Cosignatures(Repository):
    # --- as the supervisee ----------------------------------------------------------------------

    async def send(self, note: Note, supervisor_id: int, now: datetime) -> NoteCosignature:
        """The signed note sent to `supervisor_id`, who is told (without client details)."""
        if note.status != "signed" or note.clinician_id != self._clinician_id:
            raise ValueError("only the clinician's own signed note can be sent for co-signature")
        request = NoteCosignature(
            note_id=note.id,
            clinician_id=self._clinician_id,
            supervisor_id=supervisor_id,
            client_id=note.client_id,
            state="sent",
            sent_at=now,
            note_hash=note.content_hash,
        )
        self._session.add(request)
        await _notify(self._session, supervisor_id, WAITING, now)
        return request

    async def returned_for(self, draft_id: str) -> NoteCosignature | None:
        """The return a draft of this clinician's was made from, if it was."""
        return await self._session.scalar(
            select(NoteCosignature).where(
                NoteCosignature.clinician_id == self._clinician_id,
                NoteCosignature.redraft_id == draft_id,
            )
        )

    # --- as the supervisor ----------------------------------------------------------------------

    async def waiting(self) -> list[tuple[NoteCosignature, Note, Client]]:
        """Notes waiting for this supervisor's decision, the longest waiting first."""
        rows = await self._session.execute(
            select(NoteCosignature, Note, Client)
            .join(Note, Note.id == NoteCosignature.note_id)
            .join(Client, Client.id == NoteCosignature.client_id)
            .where(*self._waiting())
            .order_by(NoteCosignature.sent_at, NoteCosignature.id)
        )
        return [tuple(row) for row in rows]

    async def waiting_count(self) -> int:
        return await self._session.scalar(select(func.count()).where(*self._waiting()))

    def _waiting(self) -> tuple:
        return (
            NoteCosignature.supervisor_id == self._clinician_id,
            NoteCosignature.state == "sent",
        )

    async def to_decide(self, request_id: str | None) -> NoteCosignature | None:
        """A request waiting for this supervisor (ids in buttons can be stale)."""
        row = await self._session.get(NoteCosignature, request_id) if request_id else None
        if row is None or row.supervisor_id != self._clinician_id or row.state != "sent":
            return None
        return row

    async def cosign(self, request: NoteCosignature, now: datetime) -> bool:
        """Co-signs the note; False (nothing changes) when it no longer reads as it was sent."""
        note = await self._session.get(Note, request.note_id)
        if not _as_sent(request, note):
            return False
        integrity.cosign(request, note, now)
        return True

    async def give_back(self, request: NoteCosignature, comment: str, now: datetime) -> Note | None:
        """Returns the note with `comment`: the supervisee gets a new draft saying what it said.
        None (nothing changes) when the note no longer reads as it was sent."""
        note = await self._session.get(Note, request.note_id)
        if not _as_sent(request, note):
            return None
        draft = Note(
            clinician_id=note.clinician_id,
            client_id=note.client_id,
            template=note.template,
            status="draft",
            section_index=0,
            content=copy.deepcopy(note.content or {}),
            tags=copy.deepcopy(note.tags) if note.tags is not None else None,
            created_at=now,
            updated_at=now,
            plan_version_id=note.plan_version_id,
            # A group member's note comes back on its own: a group of one.
            group_id=new_id() if note.group_id else None,
            service_date=note.service_date,
            service_start=note.service_start,
            service_minutes=note.service_minutes,
            service_format=note.service_format,
            present=copy.deepcopy(note.present) if note.present is not None else None,
        )
        self._session.add(draft)
        request.state, request.decided_at = "returned", now
        request.comment, request.redraft_id = comment, draft.id
        await _notify(self._session, note.clinician_id, RETURNED, now)
        return draft


def _as_sent(request: NoteCosignature, note: Note | None) -> bool:
    """The note still verifies and is the one sent: a changed note's fingerprint differs."""
    return (
        note is not None
        and note.status == "signed"
        and note.content_hash == request.note_hash
        and integrity.verify_note(note) is None
    )


async def _notify(session: AsyncSession, clinician_id: int, kind: str, now: datetime) -> None:
    # A supervisor who has not talked to the bot yet has no row: made now, so the reminder has
    # an owner, and onboarding happens on their first message as for anyone.
    if await clinicians.get(session, clinician_id) is None:
        await clinicians.first_contact(session, clinician_id, now)
    await add_with_text(session, NewReminder(clinician_id, kind, now), None, now)
