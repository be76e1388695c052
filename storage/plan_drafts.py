"""Plan builds kept as drafts: one per client, the question it was at and the sealed state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from storage.models import PlanDraft
from storage.repository import Repository


class PlanDrafts(Repository):
    async def of_client(self, client_id: str) -> PlanDraft | None:
        return await self._session.scalar(
            select(PlanDraft).where(
                PlanDraft.clinician_id == self._clinician_id, PlanDraft.client_id == client_id
            )
        )

    async def own(self, draft_id: str | None) -> PlanDraft | None:
        return await self._own(PlanDraft, draft_id)

    async def all(self) -> list[PlanDraft]:
        """Every draft plan, the most recently kept first."""
        rows = await self._session.scalars(
            select(PlanDraft)
            .where(PlanDraft.clinician_id == self._clinician_id)
            .order_by(PlanDraft.updated_at.desc())
        )
        return list(rows)

    async def keep(self, client_id: str, mode: str, state: dict, now: datetime) -> None:
        """Keeps the build; a client's earlier draft plan is the same build, so it is replaced."""
        kept = await self.of_client(client_id)
        if kept is None:
            kept = PlanDraft(
                clinician_id=self._clinician_id, client_id=client_id, created_at=now
            )
            self._session.add(kept)
        kept.mode, kept.state, kept.updated_at = mode, state, now
        await self._session.flush()

    async def delete(self, draft: PlanDraft) -> None:
        await self._session.delete(draft)
        await self._session.flush()
