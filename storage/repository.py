"""What every repository of the store is: one clinician's rows of one kind, in one session."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Base

Row = TypeVar("Row", bound=Base)


class Repository:
    def __init__(self, session: AsyncSession, clinician_id: int) -> None:
        self._session = session
        self._clinician_id = clinician_id

    async def _own(self, model: type[Row], row_id: str | None) -> Row | None:
        """The row with this id when it is this clinician's (ids in buttons can be stale)."""
        row = await self._session.get(model, row_id) if row_id else None
        if row is None or row.clinician_id != self._clinician_id:
            return None
        return row
