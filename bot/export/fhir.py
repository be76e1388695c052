"""The record as a FHIR R4 Bundle (type collection), built and validated with fhir.resources.

- Patient: the client code as its only identifier; no name, birth date or anything else.
- Practitioner per clinician who signed; Organization (the practice) where one is configured.
- DocumentReference per signed note (LOINC 34904-3), the signed text as a text/plain
  attachment, the date of service as context.period, the signer as author, the co-signer (else
  the signer) as authenticator, the SHA-256 fingerprint as masterIdentifier. Each addendum is a
  DocumentReference of its own that "appends" its note: the signed note never changes.
- CarePlan (category assess-plan) of the current plan version: a Condition per problem, a Goal
  per objective (achievementStatus from its trend), interventions as activities.
- Observation per instrument score (PHQ-9 LOINC 44261-6, GAD-7 70274-6, others by name) on the
  note's date of service, derived from that note's DocumentReference.

fhir.resources has no 4.0.1 (R4) models for pydantic 2; its R4B (4.3.0) models are used, whose
structure for these resources is R4's. Identifiers' systems and codes: fhir_codes.toml.
"""

from __future__ import annotations

import base64
import tomllib
import uuid
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from fhir.resources.R4B.bundle import Bundle

from bot.export import labels, text
from bot.export.labels import Words
from bot.export.model import (
    ClinicalRecord,
    CurrentPlan,
    Note,
    Person,
    PlanGoal,
    PlanObjective,
    Score,
)

# Resource ids are UUIDs: a row's own (random) id where it has one, else one derived from
# it, so the same record exported twice names its resources the same way.
_NAMESPACE = uuid.UUID("5b7e3c5e-6f0a-4d1e-9a51-0c6a3f1d2b8e")


@cache
def fhir_codes() -> dict:
    """The identifier systems and codes of fhir_codes.toml, read once."""
    with (Path(__file__).parent / "fhir_codes.toml").open("rb") as handle:
        return tomllib.load(handle)


def render_fhir(record: ClinicalRecord, words: Words) -> bytes:
    """The Bundle as JSON; fhir.resources validates every resource on the way."""
    bundle = Bundle.model_validate(bundle_json(record, words))
    return bundle.model_dump_json(indent=2).encode("utf-8") + b"\n"


def bundle_json(record: ClinicalRecord, words: Words) -> dict:
    builder = _Builder(record, words)
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": _instant(record.exported_at),
        "entry": [
            {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
            for resource in builder.resources()
        ],
    }


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _coding(entry: dict) -> dict:
    return {key: entry[key] for key in ("system", "code", "display") if key in entry}


def _signer(note: Note) -> Person:
    return next(s.who for s in note.signatures if s.role == "signer")


def _derived_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


class _Builder:
    def __init__(self, record: ClinicalRecord, words: Words) -> None:
        self.record = record
        self.words = words
        self.codes = fhir_codes()
        self.patient_id = str(uuid.UUID(record.client_id))
        self.practice_id = _derived_id("practice", record.practice) if record.practice else None
        self.signers = {note.id: _signer(note) for note in record.notes}

    def ref(self, resource_id: str) -> dict:
        return {"reference": f"urn:uuid:{resource_id}"}

    def practitioner_id(self, person: Person) -> str:
        return _derived_id("clinician", str(person.id))

    def resources(self) -> list[dict]:
        record = self.record
        people = {record.clinician.id: record.clinician}
        for note in record.notes:
            people.update({s.who.id: s.who for s in note.signatures})
            people.update({a.by.id: a.by for a in note.addenda})
        found = [self.organization()] if self.practice_id else []
        found += [self.practitioner(person) for person in people.values()]
        found.append(self.patient())
        if record.plan is not None:
            found += self.care_plan(record.plan)
        for note in record.notes:
            found.append(self.document(note))
            found += [self.addendum(note, index) for index in range(len(note.addenda))]
        found += [self.observation(score) for score in record.scores]
        return found

    def organization(self) -> dict:
        return {
            "resourceType": "Organization",
            "id": self.practice_id,
            "name": self.record.practice,
        }

    def practitioner(self, person: Person) -> dict:
        resource = {
            "resourceType": "Practitioner",
            "id": self.practitioner_id(person),
            "identifier": [
                {"system": self.codes["identifiers"]["clinician"], "value": str(person.id)}
            ],
        }
        if person.name:
            resource["name"] = [{"text": person.name}]
        return resource

    def patient(self) -> dict:
        return {
            "resourceType": "Patient",
            "id": self.patient_id,
            "identifier": [
                {
                    "system": self.codes["identifiers"]["client_code"],
                    "value": self.record.client_code,
                }
            ],
        }

    # --- notes --------------------------------------------------------------------------------

    def service_period(self, note: Note) -> dict:
        if note.start_time is None:
            day = note.date_of_service.isoformat()
            return {"start": day, "end": day}
        start = datetime.combine(note.date_of_service, note.start_time, labels.zone(self.record))
        period = {"start": start.isoformat(timespec="seconds")}
        if note.length_minutes is not None:
            end = start + timedelta(minutes=note.length_minutes)
            period["end"] = end.isoformat(timespec="seconds")
        return period

    def document_base(self, note: Note, resource_id: str, body: str, at: datetime) -> dict:
        codes = self.codes
        resource = {
            "resourceType": "DocumentReference",
            "id": resource_id,
            "status": "current",
            "docStatus": "final",
            "type": {"coding": [_coding(codes["note_type"])]},
            "category": [{"coding": [_coding(codes["note_category"])]}],
            "subject": self.ref(self.patient_id),
            "date": _instant(at),
            "content": [
                {
                    "attachment": {
                        "contentType": "text/plain; charset=utf-8",
                        "data": base64.b64encode(body.encode("utf-8")).decode("ascii"),
                        "creation": _instant(at),
                    }
                }
            ],
            "context": {"period": self.service_period(note)},
        }
        if self.practice_id:
            resource["custodian"] = self.ref(self.practice_id)
        return resource

    def document(self, note: Note) -> dict:
        resource = self.document_base(
            note,
            str(uuid.UUID(note.id)),
            text.signed_body(self.record, note, self.words),
            note.signed_at,
        )
        signer = self.signers[note.id]
        co_signer = next((s.who for s in note.signatures if s.role == "co-signer"), None)
        identifiers = self.codes["identifiers"]
        resource["masterIdentifier"] = {"system": identifiers["note_sha256"], "value": note.sha256}
        resource["identifier"] = [{"system": identifiers["note"], "value": note.id}]
        resource["author"] = [self.ref(self.practitioner_id(signer))]
        resource["authenticator"] = self.ref(self.practitioner_id(co_signer or signer))
        return resource

    def addendum(self, note: Note, index: int) -> dict:
        addendum = note.addenda[index]
        body = labels.addendum_label(self.words, self.record, addendum.written_at, addendum.text)
        resource = self.document_base(
            note, _derived_id("addendum", note.id, str(index)), body, addendum.written_at
        )
        resource["author"] = [self.ref(self.practitioner_id(addendum.by))]
        resource["relatesTo"] = [{"code": "appends", "target": self.ref(str(uuid.UUID(note.id)))}]
        return resource

    # --- plan ---------------------------------------------------------------------------------

    def care_plan(self, plan: CurrentPlan) -> list[dict]:
        codes = self.codes
        version = str(plan.version)
        conditions, goals, activities = [], [], []
        for problem in plan.problems:
            condition_id = _derived_id("problem", plan.id, version, problem.id)
            conditions.append(
                {
                    "resourceType": "Condition",
                    "id": condition_id,
                    "identifier": [
                        {"system": codes["identifiers"]["problem"], "value": problem.id}
                    ],
                    "clinicalStatus": {"coding": [_coding(codes["problem_clinical_status"])]},
                    "category": [{"coding": [_coding(codes["problem_category"])]}],
                    "code": {"text": problem.statement},
                    "subject": self.ref(self.patient_id),
                }
            )
            for goal in problem.goals:
                goal_ids = []
                for objective in goal.objectives:
                    goal_id = _derived_id("objective", plan.id, version, objective.id)
                    goal_ids.append(goal_id)
                    goals.append(self.goal(goal_id, condition_id, goal, objective))
                activities += [
                    {
                        "detail": {
                            "status": "in-progress",
                            "description": f"{intervention.id} {intervention.text}",
                            "goal": [self.ref(goal_id) for goal_id in goal_ids],
                        }
                    }
                    for intervention in goal.interventions
                ]
        care_plan = {
            "resourceType": "CarePlan",
            "id": _derived_id("plan", plan.id, version),
            "status": "active",
            "intent": "plan",
            "category": [{"coding": [_coding(codes["care_plan_category"])]}],
            "subject": self.ref(self.patient_id),
            "created": _instant(plan.since),
            "author": self.ref(self.practitioner_id(self.record.clinician)),
            "addresses": [self.ref(c["id"]) for c in conditions],
            "goal": [self.ref(g["id"]) for g in goals],
        }
        if activities:
            care_plan["activity"] = activities
        return [*conditions, *goals, care_plan]

    def goal(
        self, goal_id: str, condition_id: str, goal: PlanGoal, objective: PlanObjective
    ) -> dict:
        codes = self.codes
        resource = {
            "resourceType": "Goal",
            "id": goal_id,
            "identifier": [{"system": codes["identifiers"]["objective"], "value": objective.id}],
            "lifecycleStatus": codes["goal_lifecycle"][objective.status],
            "description": {"text": objective.text},
            "subject": self.ref(self.patient_id),
            "addresses": [self.ref(condition_id)],
            "note": [{"text": self.words("record.plan.goal", id=goal.id, text=goal.text)}],
        }
        achievement = codes["goal_achievement"]
        if objective.trend in achievement:
            code = achievement[objective.trend]
            resource["achievementStatus"] = {
                "coding": [{"system": achievement["system"], "code": code}]
            }
        if objective.target_date is not None:
            resource["target"] = [{"dueDate": objective.target_date.isoformat()}]
        return resource

    # --- scores -------------------------------------------------------------------------------

    def observation(self, score: Score) -> dict:
        codes = self.codes
        known = codes["instruments"].get(score.instrument)
        code = {"text": score.instrument}
        if known is not None:
            code["coding"] = [_coding(known)]
        value = (
            {"valueInteger": int(score.value)}
            if score.value.is_integer()
            else {"valueQuantity": {"value": score.value}}
        )
        return {
            "resourceType": "Observation",
            "id": _derived_id("score", score.note_id, score.instrument),
            "status": "final",
            "category": [{"coding": [_coding(codes["score_category"])]}],
            "code": code,
            "subject": self.ref(self.patient_id),
            "effectiveDateTime": score.date_of_service.isoformat(),
            "performer": [self.ref(self.practitioner_id(self.signers[score.note_id]))],
            "derivedFrom": [self.ref(str(uuid.UUID(score.note_id)))],
            **value,
        }
