"""What an export of one client's record reads: signed notes with addenda, and the plan.

Signed notes only (psychotherapy notes live in their own table, which nothing here reads); the
plan comes with every version, because each note names the version it was written against.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from storage import plans
from storage.models import Addendum, Client, Clinician, Note, Plan, PlanVersion
from storage.notes import signed_record


@dataclass(frozen=True)
class ExportRows:
    clinician: Clinician
    client: Client
    signed: list[tuple[Note, list[Addendum]]]  # oldest first, addenda in the order written
    plan: Plan | None
    plan_versions: list[PlanVersion]  # oldest first; empty without a plan


async def export_rows(session: AsyncSession, clinician: Clinician, client: Client) -> ExportRows:
    plan = await plans.plan_for_client(session, client.id)
    versions = await plans.versions(session, plan.id) if plan is not None else []
    return ExportRows(
        clinician=clinician,
        client=client,
        signed=await signed_record(session, client.id),
        plan=plan,
        plan_versions=versions,
    )
