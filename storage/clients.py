"""Clients, known to the software only by the code the clinician chose (encrypted)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.fields import keyring
from storage.models import Client, Note, Plan
from storage.repository import Repository

_NOT_IN_KEY = re.compile(r"[\s.]+")


def code_key(code: str) -> str:
    """What identifies a client in a code: "A.B", "A.B.", "AB", "a. b." are one client, since
    case, dots and spaces are how a code is typed, not which client it names."""
    return _NOT_IN_KEY.sub("", code).casefold()


def code_index(code: str) -> str:
    return keyring().blind_index(code_key(code))


def _one_slip_apart(a: str, b: str) -> bool:
    """Two letters swapped ("ab"/"ba") or one letter more or less ("abc"/"ab"): slips of
    typing. One letter for another ("ab"/"ac") or a digit (S1/S2) are as often other clients."""
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return (
            len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]] and a[diff[0]].isalpha()
        )
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = sorted((a, b), key=len)
    return any(
        long[:i] + long[i + 1 :] == short and long[i].isalpha() for i in range(len(long))
    )


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

    def __init__(self, session: AsyncSession, clinician_id: int) -> None:
        super().__init__(session, clinician_id)
        # Every client with its code's key, read and decrypted once per store (a turn): a new
        # code is looked for by `find`, then `near`, then created, each of which read them all.
        self._keyed: list[tuple[str, Client]] | None = None

    async def own(self, client_id: str | None) -> Client | None:
        return await self._own(Client, client_id)

    async def find(self, code: str) -> Client | None:
        found = await self._session.scalar(
            select(Client).where(
                Client.clinician_id == self._clinician_id, Client.code_index == code_index(code)
            )
        )
        if found is None:
            # A row indexed before code_key (over the case-folded code, dots kept) is found by
            # its code and moved to the new index, so no migration has to decrypt every code.
            wanted = code_key(code)
            found = next((c for key, c in await self._all() if key == wanted), None)
            if found is not None:
                found.code_index = code_index(code)
        return found

    async def near(self, code: str) -> Client | None:
        """A client whose code is one slip away from `code` (for "did you mean A.B.?"), the
        most recently used if several; None when `code` is a client's or near none."""
        wanted = code_key(code)
        return next((c for key, c in await self._all() if _one_slip_apart(key, wanted)), None)

    async def _all(self) -> list[tuple[str, Client]]:
        """Every client of the clinician with its code's key, most recently used first as they
        were first read, those created since ahead of them (codes are sealed: a comparison
        other than the blind index's equality reads them all)."""
        if self._keyed is None:
            rows = await self._session.scalars(
                select(Client)
                .where(Client.clinician_id == self._clinician_id)
                .order_by(Client.last_used_at.desc())
            )
            self._keyed = [(code_key(client.code), client) for client in rows]
        return self._keyed

    async def get_or_create(self, code: str, now: datetime) -> Client:
        """The client with this code, created on first use; either way now the most recent."""
        client = await self.find(code)
        if client is None:
            return await self.create(code, now)
        client.last_used_at = now
        return client

    async def create(self, code: str, now: datetime) -> Client:
        """A new client with this code, for a caller that has just found none (`find`)."""
        client = Client(
            clinician_id=self._clinician_id,
            code_index=code_index(code),
            code=code.strip(),
            created_at=now,
            last_used_at=now,
        )
        self._session.add(client)
        await self._session.flush()
        if self._keyed is not None:
            self._keyed.insert(0, (code_key(code), client))
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
