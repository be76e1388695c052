"""What an export of one client's record reads: signed notes with addenda, and the plan.

Signed notes that verify, and which did not (psychotherapy notes live in their own table, which
nothing here reads); the plan comes with every version, because each note names the version it
was written against. A note sent for co-signature comes with its co-signature row: a note
whose co-signature fails its check is set apart like a note that fails its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import select

from storage import cosignatures
from storage.integrity import IntegrityFailure, verify_cosignature
from storage.models import Addendum, Client, Clinician, Note, NoteCosignature, Plan, PlanVersion
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
    # Note id -> its co-signature row, for the notes sent to a supervisor.
    cosignatures: dict[str, NoteCosignature] = field(default_factory=dict)


class Exports(Repository):
    async def rows(self, clinician: Clinician, client: Client) -> ExportRows:
        record = await Notes(self._session, self._clinician_id).signed_record(client.id)
        rows = await self._with_plan(clinician, client, record.notes, record.failed)
        return _cosignatures_checked(rows)

    async def note_rows(self, clinician: Clinician, note_id: str) -> ExportRows | None:
        """One signed note of the clinician's, with its addenda, its client and plan: the record
        of that note alone, as /notes shows it. None when it is not a signed note of theirs."""
        found = await Notes(self._session, self._clinician_id).signed_with_addenda(note_id)
        if found is None:
            return None
        client = await self._session.get(Client, found[0].client_id)
        return await self._with_plan(clinician, client, [found], [])

    async def sent_note_rows(self, note_id: str) -> ExportRows | None:
        """A note sent to this clinician for co-signature and still waiting, as its writer's
        /notes shows it: what the supervisor reads before deciding."""
        request = await self._session.scalar(
            select(NoteCosignature).where(
                NoteCosignature.note_id == note_id,
                NoteCosignature.supervisor_id == self._clinician_id,
                NoteCosignature.state == "sent",
            )
        )
        if request is None:
            return None
        writer = await self._session.get(Clinician, request.clinician_id)
        return await Exports(self._session, writer.id).note_rows(writer, note_id)

    async def _with_plan(
        self,
        clinician: Clinician,
        client: Client,
        signed: list[tuple[Note, list[Addendum]]],
        failed: list[IntegrityFailure],
    ) -> ExportRows:
        sent = await cosignatures.of_notes(self._session, (note.id for note, _ in signed))
        plans = Plans(self._session, self._clinician_id)
        plan = await plans.row_for_client(client.id)
        versions = await plans.versions(plan.id) if plan is not None else []
        return ExportRows(
            clinician=clinician,
            client=client,
            signed=signed,
            failed=failed,
            plan=plan,
            plan_versions=versions,
            cosignatures=sent,
        )


def _cosignatures_checked(rows: ExportRows) -> ExportRows:
    """The notes whose co-signature fails its check set apart, as notes failing their own are.
    (One note shown in the chat keeps it: its integrity line says it failed.)"""
    kept, failed = [], list(rows.failed)
    for note, addenda in rows.signed:
        cosignature = rows.cosignatures.get(note.id)
        failure = None if cosignature is None else verify_cosignature(cosignature, note)
        if failure is None:
            kept.append((note, addenda))
        else:
            failed.append(failure)
    return replace(rows, signed=kept, failed=failed)
