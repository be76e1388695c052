"""Route-blocked flags: an objective (as worded) whose evidence says the plan needs another road.

One row per plan, objective identity and reason, so a route is flagged once. A flag is shown
once in the digest and once at the next `/plan CODE`; the clinician answers review, later
(shown again after the client's next signed note) or dismissed (not now). A flag whose reason
no longer holds before anyone saw it is taken back. No client text is stored: ids, a reason,
counts, times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from storage.models import RouteFlag
from storage.repository import Repository

LATER = "later"
ANSWERS = ("review", LATER, "dismissed")


@dataclass(frozen=True)
class Found:
    """A reason found now for one objective of a plan (bot/progress/route.py decides it)."""

    objective_id: str
    identity: str
    reason: str
    figures: dict


class RouteFlags(Repository):
    async def _of_plan(self, plan_id: str) -> list[RouteFlag]:
        rows = await self._session.scalars(
            select(RouteFlag)
            .where(RouteFlag.clinician_id == self._clinician_id, RouteFlag.plan_id == plan_id)
            .order_by(RouteFlag.created_at, RouteFlag.id)
        )
        return list(rows)

    async def record(
        self, plan_id: str, found: list[Found], now: datetime, *, covers: frozenset[str]
    ) -> None:
        """Brings a plan's flags in step with what was found now: new reasons are flagged,
        unseen flags of a reason in `covers` that no longer holds are taken back, and a flag
        answered "later" is shown again when its reason still holds (a note was signed since)."""
        known = {(flag.identity, flag.reason): flag for flag in await self._of_plan(plan_id)}
        holding = {(item.identity, item.reason) for item in found}
        for item in found:
            flag = known.get((item.identity, item.reason))
            if flag is None:
                self._session.add(
                    RouteFlag(
                        clinician_id=self._clinician_id,
                        plan_id=plan_id,
                        objective_id=item.objective_id,
                        identity=item.identity,
                        reason=item.reason,
                        figures=item.figures,
                        created_at=now,
                    )
                )
            elif flag.answer is None and flag.digest_at is None and flag.plan_shown_at is None:
                flag.figures = item.figures
        for key, flag in known.items():
            unseen = flag.answer is None and flag.digest_at is None and flag.plan_shown_at is None
            if key not in holding and flag.reason in covers and unseen:
                await self._session.delete(flag)
        await self._session.flush()

    async def after_session(self, plan_id: str, signed_at: datetime) -> None:
        """A note was signed: flags answered "later" before it are due to be shown again."""
        for flag in await self._of_plan(plan_id):
            if flag.answer == LATER and flag.answered_at < signed_at:
                flag.answer = flag.answered_at = flag.digest_at = flag.plan_shown_at = None

    async def for_digest(self) -> list[RouteFlag]:
        """Unanswered flags not yet in a digest, oldest first."""
        rows = await self._session.scalars(
            select(RouteFlag)
            .where(
                RouteFlag.clinician_id == self._clinician_id,
                RouteFlag.answer.is_(None),
                RouteFlag.digest_at.is_(None),
            )
            .order_by(RouteFlag.created_at, RouteFlag.id)
        )
        return list(rows)

    async def for_plan(self, plan_id: str) -> list[RouteFlag]:
        """Unanswered flags of a plan not yet shown with it."""
        return [
            flag
            for flag in await self._of_plan(plan_id)
            if flag.answer is None and flag.plan_shown_at is None
        ]

    async def own(self, flag_id: str | None) -> RouteFlag | None:
        return await self._own(RouteFlag, flag_id)

    def answer(self, flag: RouteFlag, answer: str, now: datetime) -> None:
        if answer not in ANSWERS:
            raise ValueError(f"not an answer to a flag: {answer!r}")
        flag.answer, flag.answered_at = answer, now
