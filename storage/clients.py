"""Clients, known to the software only by the code the clinician chose (encrypted)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.fields import keyring
from storage.models import Client, Note, Plan


def code_index(code: str) -> str:
    # "a.b." and "A.B." are the same client: initials are not case-sensitive.
    return keyring().blind_index(code.strip().casefold())


async def find_client(session: AsyncSession, clinician_id: int, code: str) -> Client | None:
    return await session.scalar(
        select(Client).where(
            Client.clinician_id == clinician_id, Client.code_index == code_index(code)
        )
    )


async def get_or_create_client(
    session: AsyncSession, clinician_id: int, code: str, now: datetime
) -> Client:
    client = await find_client(session, clinician_id, code)
    if client is None:
        client = Client(
            clinician_id=clinician_id,
            code_index=code_index(code),
            code=code.strip(),
            created_at=now,
            last_used_at=now,
        )
        session.add(client)
        await session.flush()
    else:
        client.last_used_at = now
    return client


async def recent_clients(session: AsyncSession, clinician_id: int, limit: int = 6) -> list[Client]:
    rows = await session.scalars(
        select(Client)
        .where(Client.clinician_id == clinician_id)
        .order_by(Client.last_used_at.desc())
        .limit(limit)
    )
    return list(rows)


@dataclass(frozen=True)
class Standing:
    """Where one client stands: notes signed and open, and the plan's next review."""

    client: Client
    signed: int
    last_signed: datetime | None
    drafts: int
    has_plan: bool
    review_due: date | None


async def standings(
    session: AsyncSession, clinician_id: int, client_id: str | None = None
) -> list[Standing]:
    """Every client of the clinician (or the one given), most recently used first."""
    signed = (
        select(Note.client_id, func.count().label("count"), func.max(Note.signed_at).label("last"))
        .where(Note.clinician_id == clinician_id, Note.status == "signed")
        .group_by(Note.client_id)
        .subquery()
    )
    drafts = (
        select(Note.client_id, func.count().label("count"))
        .where(Note.clinician_id == clinician_id, Note.status == "draft")
        .group_by(Note.client_id)
        .subquery()
    )
    query = (
        select(Client, signed.c.count, signed.c.last, drafts.c.count, Plan.id, Plan.review_due)
        .outerjoin(signed, signed.c.client_id == Client.id)
        .outerjoin(drafts, drafts.c.client_id == Client.id)
        .outerjoin(Plan, Plan.client_id == Client.id)
        .where(Client.clinician_id == clinician_id)
        .order_by(Client.last_used_at.desc(), Client.id)
    )
    if client_id is not None:
        query = query.where(Client.id == client_id)
    return [
        Standing(client, signed_count or 0, last, draft_count or 0, plan_id is not None, due)
        for client, signed_count, last, draft_count, plan_id, due in await session.execute(query)
    ]
