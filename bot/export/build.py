"""From the rows storage hands over (storage.exports.ExportRows) to a ClinicalRecord.

Pure: no queries, so however the dialogue or the CLI loads the rows, the record is the same.
A note from before notes stored a date of service has the day it was signed in the clinician's
zone (storage.notes.service_day).
A plan version that cannot be read leaves its objectives' text out; the rest still exports.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING, get_args
from zoneinfo import ZoneInfo

from bot.export import model
from bot.progress.evidence import Session, objectives_addressed, tagged_sentences
from bot.progress.trends import objective_views
from nlp import planfile
from storage import identity, plans
from storage.exports import ExportRows
from storage.notes import filled_sections, section_text, service_day

if TYPE_CHECKING:
    from bot.shared.templates import Template, TemplateLibrary
    from storage.models import Addendum, Note, NoteCosignature, PlanVersion

# progress_trends' names for a trend, in the record's (and FHIR's goal-achievement) words.
_TREND_NAMES: dict[str, model.Trend] = {
    "improving": "improving",
    "worsening": "worsening",
    "flat": "no-change",
    "too_little_data": "unknown",
}


def build_record(
    rows: ExportRows, templates: TemplateLibrary, *, practice: str | None, now: datetime
) -> model.ClinicalRecord:
    zone = ZoneInfo(rows.clinician.timezone)
    versions = _readable_versions(rows.plan_versions)
    current = _current_version(rows)
    same = _same_objectives(rows.plan_versions, versions, current)
    notes, sessions, scores = [], [], []
    # By date of service: a note written late for an earlier session reads in its place.
    for row, addenda in sorted(rows.signed, key=lambda pair: _served(pair[0], zone)):
        service = service_of(row, zone)
        day = service.date_of_service
        tags = row.tags or {}
        note = _note(row, addenda, service, templates, versions, current)
        notes.append(_with_cosignature(note, rows.cosignatures.get(row.id)))
        sessions.append(Session(day, tags, same.get(row.plan_version_id)))
        scores.extend(_scores(row.id, day, tags))
    plan = None
    if current is not None and current.id in versions:
        plan = _current_plan(current, versions[current.id][1], sessions)
    return model.ClinicalRecord(
        practice=practice,
        clinician=model.Person(rows.clinician.id),
        timezone=rows.clinician.timezone,
        client_id=rows.client.id,
        client_code=rows.client.code,
        exported_at=now,
        notes=tuple(notes),
        plan=plan,
        scores=tuple(scores),
        failed=tuple(model.FailedNote(f.row_id, f.signed_at) for f in rows.failed),
    )


def service_of(row: Note, zone: tzinfo) -> model.Service:
    """A note's service details as the record (and the chat) shows them."""
    start = time.fromisoformat(row.service_start) if row.service_start else None
    present = row.present
    return model.Service(
        date_of_service=service_day(row, zone),
        start_time=start,
        length_minutes=row.service_minutes,
        format=row.service_format if row.service_format in get_args(model.ServiceFormat) else None,
        present=len(present) if present else None,
    )


def _served(row: Note, zone: tzinfo) -> tuple[date, datetime]:
    return service_day(row, zone), row.signed_at


def _readable_versions(stored: list[PlanVersion]) -> dict[str, tuple[int, planfile.Plan]]:
    readable = {}
    for version in stored:
        try:
            readable[version.id] = (version.number, plans.read_version(version))
        except planfile.PlanFileError:
            continue
    return readable


def _same_objectives(
    stored: list[PlanVersion],
    readable: dict[str, tuple[int, planfile.Plan]],
    current: PlanVersion | None,
) -> dict[str, dict[str, str]]:
    """Per version id: its objective ids -> the current version's ids of the same objective, so
    a note's evidence counts only for the objective it was written about (storage/identity.py)."""
    identities = identity.resolve(
        (version.id, version.number, version.objective_identity, readable[version.id][1])
        for version in sorted(stored, key=lambda version: version.number)
        if version.id in readable
    )
    if current is None or current.id not in identities:
        return {}
    return {
        version_id: identity.translation(found, identities[current.id])
        for version_id, found in identities.items()
    }


def _current_version(rows: ExportRows) -> PlanVersion | None:
    if rows.plan is None:
        return None
    number = rows.plan.current_version
    return next((v for v in rows.plan_versions if v.number == number), None)


def _note(
    row: Note,
    addenda: list[Addendum],
    service: model.Service,
    templates: TemplateLibrary,
    versions: dict[str, tuple[int, planfile.Plan]],
    current: PlanVersion | None,
) -> model.Note:
    author = model.Person(row.clinician_id)
    template = templates.get(row.template)
    return model.Note(
        id=row.id,
        template=template.name if template else row.template,
        sections=_sections(row, template),
        date_of_service=service.date_of_service,
        signatures=(model.Signature(author, "signer", row.signed_at),),
        sha256=row.content_hash,
        objectives=_objectives(row, versions, current),
        addenda=tuple(model.Addendum(a.body, a.created_at, author) for a in addenda),
        start_time=service.start_time,
        length_minutes=service.length_minutes,
        format=service.format,
        present=service.present,
    )


def _with_cosignature(note: model.Note, row: NoteCosignature | None) -> model.Note:
    """The note with its supervisor's co-signature, or why it has none yet (the rows came
    verified: storage/exports.py)."""
    if row is None:
        return note
    supervisor = model.Person(row.supervisor_id)
    if row.state == "cosigned":
        signature = model.Signature(supervisor, "co-signer", row.decided_at)
        return replace(note, signatures=(*note.signatures, signature),
                       co_signature_sha256=row.content_hash)
    if row.state == "returned":
        return replace(note, supervision=model.Supervision("returned", supervisor, row.decided_at))
    return replace(note, supervision=model.Supervision("awaiting", supervisor, row.sent_at))


def _sections(row: Note, template: Template | None) -> tuple[model.Section, ...]:
    known = list(template.sections) if template else []
    keys = {section.key for section in known}
    # Text under a key the template no longer has (or no template at all) is shown by its key:
    # an export leaves nothing out.
    sections = [model.Section(s.key, s.title, section_text(row, s.key)) for s in known]
    sections += [
        model.Section(key, key, section_text(row, key))
        for key in filled_sections(row)
        if key not in keys
    ]
    return tuple(sections)


def _objectives(
    row: Note, versions: dict[str, tuple[int, planfile.Plan]], current: PlanVersion | None
) -> tuple[model.ObjectiveAddressed, ...]:
    # The note's own plan version first; a link made after the plan changed mid-note is worded
    # as the current version words it.
    wordings = [versions.get(row.plan_version_id)]
    if current is not None:
        wordings.append(versions.get(current.id))
    wordings = [found for found in wordings if found is not None]
    return tuple(_worded(objective_id, wordings) for objective_id in objectives_addressed(row.tags))


def _worded(
    objective_id: str, wordings: list[tuple[int, planfile.Plan]]
) -> model.ObjectiveAddressed:
    for number, plan in wordings:
        objective = plan.objective(objective_id)
        if objective is not None:
            return model.ObjectiveAddressed(objective_id, objective.text, number)
    return model.ObjectiveAddressed(objective_id, None, None)


def _scores(note_id: str, day: date, tags: dict) -> list[model.Score]:
    last: dict[str, float] = {}
    for _, sentence in tagged_sentences(tags):
        for measurement in sentence.get("measurements") or []:
            if not isinstance(measurement, dict) or measurement.get("kind") != "score":
                continue
            value = measurement.get("value")
            # An out-of-range score is kept in the note's text but never reported as a result.
            if measurement.get("flag") or isinstance(value, bool):
                continue
            if isinstance(value, int | float):
                last[str(measurement.get("name"))] = float(value)
    return [model.Score(name, value, day, note_id) for name, value in last.items()]


def _current_plan(
    version: PlanVersion, plan: planfile.Plan, sessions: list[Session]
) -> model.CurrentPlan:
    views, _ = objective_views(plan.objectives(), sessions)
    trends = {view.objective.id: _TREND_NAMES[view.finding.trend] for view in views}

    def objective(o: planfile.Objective) -> model.PlanObjective:
        trend = "achieved" if o.status == "met" else trends[o.id]
        return model.PlanObjective(o.id, o.text, o.status, trend, o.target_date)

    return model.CurrentPlan(
        id=version.plan_id,
        version=version.number,
        since=version.created_at,
        review_due=plan.review_due,
        problems=tuple(
            model.PlanProblem(
                p.id,
                p.statement,
                tuple(
                    model.PlanGoal(
                        g.id,
                        g.text,
                        tuple(objective(o) for o in g.objectives),
                        tuple(model.Intervention(i.id, i.text) for i in g.interventions),
                    )
                    for g in p.goals
                ),
            )
            for p in plan.problems
        ),
    )
