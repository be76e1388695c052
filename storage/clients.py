"""Clients, known to the software only by the code the clinician chose (encrypted)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.fields import keyring
from storage.models import Client


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
