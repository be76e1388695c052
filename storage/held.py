"""Messages held while the chat is locked: kept sealed, in order, deleted once handled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from storage.models import HeldMessage
from storage.repository import Repository


class HeldMessages(Repository):
    def _mine(self):
        return HeldMessage.clinician_id == self._clinician_id

    async def count(self) -> int:
        return await self._session.scalar(
            select(func.count()).select_from(HeldMessage).where(self._mine())
        )

    async def hold(self, message: dict, now: datetime) -> None:
        last_position = select(func.max(HeldMessage.position)).where(self._mine())
        last = await self._session.scalar(last_position)
        self._session.add(
            HeldMessage(
                clinician_id=self._clinician_id,
                position=(last or 0) + 1,
                message=message,
                created_at=now,
            )
        )
        await self._session.flush()

    async def take_all(self) -> list[dict]:
        """Every held message in the order sent; the rows are gone once the turn commits."""
        rows = list(
            await self._session.scalars(
                select(HeldMessage).where(self._mine()).order_by(HeldMessage.position)
            )
        )
        for row in rows:
            await self._session.delete(row)
        await self._session.flush()
        return [row.message for row in rows]
