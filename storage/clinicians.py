"""Clinicians' rows, found by id: for a turn's first contact, the reminders and the command line.

Within a turn the clinician's row comes with the turn's store (storage/store.py); these are for
work that spans clinicians or runs outside a turn.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Clinician


async def get(session: AsyncSession, clinician_id: int) -> Clinician | None:
    return await session.get(Clinician, clinician_id)


async def first_contact(session: AsyncSession, clinician_id: int, now: datetime) -> Clinician:
    """A new clinician's row: not onboarded, every reminder on."""
    clinician = Clinician(id=clinician_id, created_at=now, reminders_off=[])
    session.add(clinician)
    await session.flush()
    return clinician


async def by_ids(session: AsyncSession, ids: Iterable[int]) -> dict[int, Clinician]:
    rows = await session.scalars(select(Clinician).where(Clinician.id.in_(list(ids))))
    return {clinician.id: clinician for clinician in rows}


async def onboarded_ids(session: AsyncSession) -> list[int]:
    return list(await session.scalars(select(Clinician.id).where(Clinician.onboarded.is_(True))))
