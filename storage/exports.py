"""What an export of one client's record reads: signed notes with addenda, and the plan.

Signed notes that verify, and which did not (psychotherapy notes live in their own table, which
nothing here reads); the plan comes with every version, because each note names the version it
was written against.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.integrity import IntegrityFailure
from storage.models import Addendum, Client, Clinician, Note, Plan, PlanVersion
from storage.notes import Notes
from storage.plans import Plans
from storage.repository import Repository


@dataclass(frozen=True)
class ExportRows:
    clinician: Clinician
    client: Client
    signed: list[tuple[Note, list[Addendum]]]  # oldest first, addenda in the order written
    failed: list[IntegrityFailure]  # signed notes that failed their check (storage/integrity.py)
    plan: Plan | None
    plan_versions: list[PlanVersion]  # oldest first; empty without a plan


class Exports(Repository):
    async def rows(self, clinician: Clinician, client: Client) -> ExportRows:
        notes = Notes(self._session, self._clinician_id)
        plans = Plans(self._session, self._clinician_id)
        plan = await plans.row_for_client(client.id)
        versions = await plans.versions(plan.id) if plan is not None else []
        record = await notes.signed_record(client.id)
        return ExportRows(
            clinician=clinician,
            client=client,
            signed=record.notes,
            failed=record.failed,
            plan=plan,
            plan_versions=versions,
        )
