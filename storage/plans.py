"""Treatment plans and their versions. Every change is a new version; old ones stay readable.

A `Plan` row is one client's plan; its `PlanVersion` rows hold the plan file's content
(`nlp.planfile.plan_to_dict`, encrypted) numbered 1, 2, 3, ... with a short `change` saying what
kind of change made each ("created", "imported", "objective O2 met", "review"). Versions are
never updated or deleted, so a note keeps pointing at the version it was written against.
The (plan_id, number) and client_id unique constraints make two writers racing on one plan fail
instead of forking it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from nlp import planfile
from storage import identity
from storage.memo import Memo
from storage.models import Client, LearnedKeyword, Plan, PlanVersion
from storage.repository import Repository

# Parsed versions by id: versions never change, and notes read the current one on every message.
_parsed_versions: Memo[planfile.Plan] = Memo(size=512)

# Read on every message of a note, so built once: building a statement costs more than
# running it on SQLite (bench/turns.py).
_CURRENT_VERSION = (
    select(Plan, PlanVersion.id)
    .join(PlanVersion, PlanVersion.plan_id == Plan.id)
    .where(Plan.client_id == bindparam("client_id"), PlanVersion.number == Plan.current_version)
)
_TAGGING_PLAN = (
    _CURRENT_VERSION.add_columns(LearnedKeyword)
    .outerjoin(LearnedKeyword, LearnedKeyword.plan_id == Plan.id)
    .order_by(LearnedKeyword.created_at, LearnedKeyword.id)
)

# `change` is a short plain label (never client text); the column is 64 characters.
MAX_CHANGE_CHARS = 64


@dataclass
class OpenPlan:
    """A client's plan as a turn works on it: the row, its current version parsed, the client."""

    row: Plan
    plan: planfile.Plan
    client: Client


def read_version(stored: PlanVersion) -> planfile.Plan:
    """The plan a stored version holds (decrypted and validated)."""
    return planfile.plan_from_dict(stored.body)


async def plans_due_for_review(
    session: AsyncSession, before: date, clinician_id: int | None = None
) -> list[Plan]:
    """Plans whose review date is earlier than `before`, soonest first (all clinicians if None)."""
    query = select(Plan).where(Plan.review_due.is_not(None), Plan.review_due < before)
    if clinician_id is not None:
        query = query.where(Plan.clinician_id == clinician_id)
    rows = await session.scalars(query.order_by(Plan.review_due, Plan.id))
    return list(rows)


class Plans(Repository):
    """One clinician's treatment plans, their versions and the keywords learned for them."""

    async def current(self, client_id: str) -> OpenPlan | None:
        """The client's plan at its current version, or None when there is no plan.

        Raises PlanFileError when the stored version no longer reads as a plan."""
        found = (await self._session.execute(_CURRENT_VERSION, {"client_id": client_id})).first()
        if found is None:
            return None
        row, version_id = found
        client = await self._session.get(Client, client_id)
        return OpenPlan(row, await self._parsed_version(version_id), client)

    async def every_current(self) -> list[OpenPlan]:
        """Every plan of this clinician at its current version, oldest plan first."""
        found = await self._session.execute(
            select(Plan, PlanVersion.id, Client)
            .join(PlanVersion, PlanVersion.plan_id == Plan.id)
            .join(Client, Client.id == Plan.client_id)
            .where(
                Plan.clinician_id == self._clinician_id,
                PlanVersion.number == Plan.current_version,
            )
            .order_by(Plan.created_at, Plan.id)
        )
        return [
            OpenPlan(row, await self._parsed_version(version_id), client)
            for row, version_id, client in found.all()
        ]

    async def own(self, plan_id: str | None) -> OpenPlan | None:
        """This clinician's plan by row id (from a button), at its current version, or None."""
        row = await self._own(Plan, plan_id)
        return None if row is None else await self.current(row.client_id)

    async def own_version(self, version_id: str) -> tuple[PlanVersion, OpenPlan] | None:
        """A stored version of one of this clinician's plans, with that plan as it is now."""
        stored = await self._session.get(PlanVersion, version_id)
        opened = await self.own(stored.plan_id) if stored is not None else None
        return None if opened is None else (stored, opened)

    async def row_for_client(self, client_id: str) -> Plan | None:
        return await self._session.scalar(select(Plan).where(Plan.client_id == client_id))

    async def current_version_id(self, client_id: str) -> str | None:
        """The plan version a note written now points to (None when the client has no plan)."""
        return await self._session.scalar(
            select(PlanVersion.id)
            .join(Plan, Plan.id == PlanVersion.plan_id)
            .where(Plan.client_id == client_id, PlanVersion.number == Plan.current_version)
        )

    async def versions(self, plan_id: str) -> list[PlanVersion]:
        """All versions of a plan, oldest first."""
        rows = await self._session.scalars(
            select(PlanVersion).where(PlanVersion.plan_id == plan_id).order_by(PlanVersion.number)
        )
        return list(rows)

    async def for_tagging(
        self, client_id: str
    ) -> tuple[Plan, planfile.Plan, dict[str, list[str]]] | None:
        """The current plan and its `learned_keywords`, in one query (asked on every message)."""
        rows = (await self._session.execute(_TAGGING_PLAN, {"client_id": client_id})).all()
        if not rows:
            return None
        row, version_id, _ = rows[0]
        learned: dict[str, list[str]] = {}
        for _, _, keyword in rows:
            if keyword is not None:
                learned.setdefault(keyword.objective_id, []).append(keyword.keyword)
        return row, await self._parsed_version(version_id), learned

    async def _parsed_version(self, version_id: str) -> planfile.Plan:
        plan = _parsed_versions.find(version_id)
        if plan is None:
            stored = await self._session.get(PlanVersion, version_id)
            plan = _parsed_versions.keep(version_id, read_version(stored))
        return plan

    async def identities(self, plan_id: str) -> dict[str, dict[str, str]]:
        """Version id -> its objective ids' identities (storage/identity.py), for every version.

        A version stored before identities were kept gets them from the wording."""
        return identity.resolve(
            [
                (stored.id, stored.number, stored.objective_identity,
                 await self._parsed_version(stored.id))
                for stored in await self.versions(plan_id)
            ]
        )

    async def reworded(self, client_id: str, plan: planfile.Plan) -> list[str]:
        """Ids of the client's current plan that `plan` words differently (to ask about)."""
        current = await self.current(client_id)
        return identity.reworded(current.plan if current else None, plan)

    async def save_version(
        self,
        client_id: str,
        plan: planfile.Plan,
        change: str,
        now: datetime,
        decisions: dict[str, str] | None = None,
    ) -> PlanVersion:
        """Store `plan` as the client's next version (version 1 creates the plan row).

        `decisions`: for an id whose wording changed, identity.SAME (reworded) or identity.NEW;
        an undecided change is a new objective."""
        if len(change) > MAX_CHANGE_CHARS:
            raise ValueError(f"a change label is at most {MAX_CHANGE_CHARS} characters")
        # Validates before anything is written: a plan that cannot be read back is never stored.
        body = planfile.plan_to_dict(plan)
        planfile.plan_from_dict(body)
        row = await self.row_for_client(client_id)
        if row is None:
            row = Plan(
                clinician_id=self._clinician_id,
                client_id=client_id,
                current_version=1,
                review_due=plan.review_due,
                created_at=now,
                updated_at=now,
            )
            self._session.add(row)
            number = 1
        else:
            if row.clinician_id != self._clinician_id:
                raise PermissionError("that plan belongs to another clinician")
            number = row.current_version + 1
        objective_identity = await self._next_identities(row, plan, number, decisions)
        if number > 1:
            row.current_version = number
            row.review_due = plan.review_due
            row.updated_at = now
        stored = PlanVersion(
            plan_id=row.id,
            number=number,
            body=body,
            change=change,
            review_due=plan.review_due,
            created_at=now,
            objective_identity=objective_identity,
        )
        self._session.add(stored)
        await self._session.flush()
        return stored

    async def same_objective(self, stored: PlanVersion, objective_id: str) -> None:
        """The clinician says the version's reworded `objective_id` is the objective it was in
        the version before: its identity is carried over. The plan itself does not change."""
        identities = await self.identities(stored.plan_id)
        versions = list(identities)
        position = versions.index(stored.id)
        before = identities[versions[position - 1]] if position else {}
        if objective_id in before and objective_id in identities[stored.id]:
            stored.objective_identity = {
                **identities[stored.id], objective_id: before[objective_id]
            }
            await self._session.flush()

    async def _next_identities(
        self, row: Plan, plan: planfile.Plan, number: int, decisions: dict[str, str] | None
    ) -> dict[str, str]:
        if number == 1:
            return identity.carry(None, {}, plan, number)
        current = await self.current(row.client_id)
        identities = await self.identities(row.id)
        current_id = await self.current_version_id(row.client_id)
        return identity.carry(current.plan, identities[current_id], plan, number, decisions)

    async def due_for_review(self, before: date) -> list[Plan]:
        return await plans_due_for_review(self._session, before, self._clinician_id)

    async def learned_keywords(self, plan_id: str) -> dict[str, list[str]]:
        """Keywords clinicians taught the tagger for this plan, by objective id, oldest first."""
        rows = await self._session.scalars(
            select(LearnedKeyword)
            .where(LearnedKeyword.plan_id == plan_id)
            .order_by(LearnedKeyword.created_at, LearnedKeyword.id)
        )
        learned: dict[str, list[str]] = {}
        for row in rows:
            learned.setdefault(row.objective_id, []).append(row.keyword)
        return learned

    async def learn_keyword(
        self, plan: Plan, objective_id: str, keyword: str, now: datetime
    ) -> bool:
        """Remembers `keyword` for an objective of `plan`; False when it was already known.

        Keywords are encrypted, so the duplicate check reads this plan's few keywords back.
        """
        keyword = " ".join(keyword.split())
        if not keyword:
            raise ValueError("an empty keyword")
        known = (await self.learned_keywords(plan.id)).get(objective_id, [])
        if keyword.casefold() in {k.casefold() for k in known}:
            return False
        self._session.add(
            LearnedKeyword(
                clinician_id=plan.clinician_id,
                plan_id=plan.id,
                objective_id=objective_id,
                keyword=keyword,
                created_at=now,
            )
        )
        await self._session.flush()
        return True
