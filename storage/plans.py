"""Treatment plans and their versions. Every change is a new version; old ones stay readable."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Plan, PlanVersion


async def current_version_id(session: AsyncSession, client_id: str) -> str | None:
    """The plan version a note written now points to (None when the client has no plan)."""
    return await session.scalar(
        select(PlanVersion.id)
        .join(Plan, Plan.id == PlanVersion.plan_id)
        .where(Plan.client_id == client_id, PlanVersion.number == Plan.current_version)
    )
