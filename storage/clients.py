"""Clients, known to the software only by the code the clinician chose (encrypted)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from storage.fields import keyring
from storage.models import Client, Note, Plan
from storage.repository import Repository


def code_index(code: str) -> str:
    # "a.b." and "A.B." are the same client: initials are not case-sensitive.
    return keyring().blind_index(code.strip().casefold())


@dataclass(frozen=True)
class Standing:
    """Where one client stands: notes signed and open, and the plan's next review."""

    client: Client
    signed: int
    last_signed: datetime | None
    drafts: int
    has_plan: bool
    review_due: date | None


class Clients(Repository):
    """One clinician's clients."""

    async def own(self, client_id: str | None) -> Client | None:
        return await self._own(Client, client_id)

    async def find(self, code: str) -> Client | None:
        return await self._session.scalar(
            select(Client).where(
                Client.clinician_id == self._clinician_id, Client.code_index == code_index(code)
            )
        )

    async def get_or_create(self, code: str, now: datetime) -> Client:
        """The client with this code, created on first use; either way now the most recent."""
        client = await self.find(code)
        if client is None:
            client = Client(
                clinician_id=self._clinician_id,
                code_index=code_index(code),
                code=code.strip(),
                created_at=now,
                last_used_at=now,
            )
            self._session.add(client)
            await self._session.flush()
        else:
            client.last_used_at = now
        return client

    async def recent(self, limit: int = 6) -> list[Client]:
        rows = await self._session.scalars(
            select(Client)
            .where(Client.clinician_id == self._clinician_id)
            .order_by(Client.last_used_at.desc())
            .limit(limit)
        )
        return list(rows)

    async def standings(self, client_id: str | None = None) -> list[Standing]:
        """Every client (or the one given), most recently used first."""
        clinician_id = self._clinician_id
        signed = (
            select(
                Note.client_id, func.count().label("count"), func.max(Note.signed_at).label("last")
            )
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
        rows = await self._session.execute(query)
        return [
            Standing(client, signed_count or 0, last, draft_count or 0, plan_id is not None, due)
            for client, signed_count, last, draft_count, plan_id, due in rows
        ]
