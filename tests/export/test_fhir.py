"""The FHIR R4 export: a Bundle fhir.resources accepts, holding what issue #16 lists."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import UTC, datetime, time

from fhir.resources.R4B.bundle import Bundle

from bot.export.fhir import render_fhir
from bot.export.model import Person, Signature
from bot.export.text import signed_body
from tests.export.support import (
    FIVE_OBJECTIVES,
    add_clinician,
    add_plan_version,
    add_signed_note,
    record_of,
    tagged,
    words,
)

LOINC = "http://loinc.org"
# FHIR R4's required value sets for the codes the export sets (fhir.resources checks the
# structure and types, not these bindings).
R4_CODES = {
    ("Bundle", "type"): {
        "document", "message", "transaction", "transaction-response", "batch",
        "batch-response", "history", "searchset", "collection",
    },
    ("DocumentReference", "status"): {"current", "superseded", "entered-in-error"},
    ("DocumentReference", "docStatus"): {"preliminary", "final", "amended", "entered-in-error"},
    ("DocumentReference", "relatesTo.code"): {"replaces", "transforms", "signs", "appends"},
    ("CarePlan", "status"): {
        "draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown",
    },
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("CarePlan", "activity.detail.status"): {
        "not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled",
        "stopped", "unknown", "entered-in-error",
    },
    ("Goal", "lifecycleStatus"): {
        "proposed", "planned", "accepted", "active", "on-hold", "completed", "cancelled",
        "entered-in-error", "rejected",
    },
    ("Goal", "achievementStatus"): {
        "in-progress", "improving", "worsening", "no-change", "achieved", "sustaining",
        "not-achieved", "no-progress", "not-attainable",
    },
    ("Observation", "status"): {
        "registered", "preliminary", "final", "amended", "corrected", "cancelled",
        "entered-in-error", "unknown",
    },
}


async def panic_record(database):
    await add_clinician(database, "America/New_York")
    await add_plan_version(database, "A.B.")
    first = datetime(2026, 11, 17, 2, tzinfo=UTC)  # 16 Nov in New York
    await add_signed_note(
        database,
        "A.B.",
        first,
        {"subjective": "Breathing on 5 days. PHQ-9 12, GAD-7 9, PCL-5 40."},
        tags={
            "subjective": [
                tagged("Breathing on 5 days.", ("O1", "improved")),
                tagged("PHQ-9 12, GAD-7 9, PCL-5 40.", scores=(
                    ("PHQ-9", 12), ("GAD-7", 9), ("PCL-5", 40),
                )),
            ]
        },
        addenda=((datetime(2026, 11, 17, 15, tzinfo=UTC), "Safety plan confirmed by phone."),),
    )
    await add_signed_note(
        database,
        "A.B.",
        datetime(2026, 11, 23, 16, tzinfo=UTC),
        {"subjective": "Breathing on 6 days."},
        tags={"subjective": [tagged("Breathing on 6 days.", ("O1", "improved"))]},
    )
    return await record_of(database, "A.B.", practice="Riverside Counselling")


def by_type(bundle: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for entry in bundle["entry"]:
        found.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    return found


def references(value) -> list[str]:
    if isinstance(value, dict):
        own = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return own + [r for child in value.values() for r in references(child)]
    if isinstance(value, list):
        return [r for child in value for r in references(child)]
    return []


def attachment_text(document: dict) -> str:
    (content,) = document["content"]
    return base64.b64decode(content["attachment"]["data"]).decode("utf-8")


async def test_the_bundle_validates_and_every_reference_points_into_it(services):
    record = await panic_record(services.database)

    exported = render_fhir(record, words)

    Bundle.model_validate_json(exported)  # raises on anything fhir.resources refuses
    bundle = json.loads(exported)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(urls) == len(set(urls))
    assert urls == [f"urn:uuid:{entry['resource']['id']}" for entry in bundle["entry"]]
    assert set(references(bundle)) <= set(urls)


async def test_a_patient_by_code_only_and_a_document_per_signed_note(services):
    record = await panic_record(services.database)

    found = by_type(json.loads(render_fhir(record, words)))

    (patient,) = found["Patient"]
    assert set(patient) == {"resourceType", "id", "identifier"}
    assert patient["identifier"] == [{"system": "urn:wayfinder:client-code", "value": "A.B."}]
    notes = [d for d in found["DocumentReference"] if "relatesTo" not in d]
    (addendum,) = [d for d in found["DocumentReference"] if "relatesTo" in d]
    assert len(notes) == len(record.notes) == 2
    practitioners = {f"urn:uuid:{p['id']}": p for p in found["Practitioner"]}
    for document, note in zip(notes, record.notes, strict=True):
        assert document["type"]["coding"] == [
            {"system": LOINC, "code": "34904-3", "display": "Mental health Progress note"}
        ]
        assert document["subject"] == {"reference": f"urn:uuid:{patient['id']}"}
        assert document["masterIdentifier"]["value"] == note.sha256
        assert attachment_text(document) == signed_body(record, note, words)
        assert document["content"][0]["attachment"]["contentType"].startswith("text/plain")
        day = note.date_of_service.isoformat()
        assert document["context"]["period"] == {"start": day, "end": day}
        (author,) = document["author"]
        assert author["reference"] in practitioners
        assert document["authenticator"] == author
        assert document["custodian"]["reference"].startswith("urn:uuid:")
    assert notes[0]["context"]["period"]["start"] == "2026-11-16"
    assert "Breathing on 5 days." in attachment_text(notes[0])
    assert addendum["relatesTo"] == [
        {"code": "appends", "target": {"reference": f"urn:uuid:{notes[0]['id']}"}}
    ]
    assert "Safety plan confirmed by phone." in attachment_text(addendum)
    assert "Safety plan confirmed" not in attachment_text(notes[0])
    (practitioner,) = practitioners.values()
    assert practitioner["identifier"][0]["value"] == str(record.clinician.id)


async def test_the_care_plan_has_a_goal_per_objective_with_its_trend(services):
    record = await panic_record(services.database)

    found = by_type(json.loads(render_fhir(record, words)))

    (care_plan,) = found["CarePlan"]
    assert care_plan["category"][0]["coding"][0]["code"] == "assess-plan"
    assert (care_plan["status"], care_plan["intent"]) == ("active", "plan")
    goals = {goal["identifier"][0]["value"]: goal for goal in found["Goal"]}
    assert sorted(goals) == ["O1", "O2", "O3"]
    assert [ref["reference"] for ref in care_plan["goal"]] == [
        f"urn:uuid:{goal['id']}" for goal in found["Goal"]
    ]
    assert goals["O1"]["achievementStatus"]["coding"][0]["code"] == "improving"
    assert "achievementStatus" not in goals["O2"]  # no tagged progress: no trend to claim
    assert goals["O1"]["description"]["text"].startswith("Practice diaphragmatic breathing")
    (condition,) = found["Condition"]
    assert condition["code"]["text"] == "Panic attacks 4-5 times per week; avoids driving"
    assert goals["O1"]["addresses"] == [{"reference": f"urn:uuid:{condition['id']}"}]
    (activity,) = care_plan["activity"]
    assert activity["detail"]["description"].startswith("I1 Teach diaphragmatic breathing")


async def test_scores_are_observations_on_the_date_of_service_loinc_where_known(services):
    record = await panic_record(services.database)

    found = by_type(json.loads(render_fhir(record, words)))

    observations = {o["code"]["text"]: o for o in found["Observation"]}
    assert sorted(observations) == ["GAD-7", "PCL-5", "PHQ-9"]
    assert observations["PHQ-9"]["code"]["coding"][0]["code"] == "44261-6"
    assert observations["GAD-7"]["code"]["coding"][0]["code"] == "70274-6"
    assert "coding" not in observations["PCL-5"]["code"]
    first_note = next(d for d in found["DocumentReference"] if "relatesTo" not in d)
    for name, value in (("PHQ-9", 12), ("GAD-7", 9), ("PCL-5", 40)):
        observation = observations[name]
        assert observation["valueInteger"] == value
        assert observation["effectiveDateTime"] == "2026-11-16"
        assert observation["derivedFrom"] == [{"reference": f"urn:uuid:{first_note['id']}"}]


async def test_every_code_is_one_fhir_r4_allows(services):
    await add_clinician(services.database)
    await add_plan_version(services.database, "C.D.", FIVE_OBJECTIVES)
    text = "Walked more; slept less; called nobody new."
    # Two dates of service: the least tagged progress that decides a trend (progress rules).
    for day in (23, 30):
        await add_signed_note(
            services.database,
            "C.D.",
            datetime(2026, 11, day, 15, tzinfo=UTC),
            {"assessment": text},
            tags={"assessment": [tagged(text, ("O1", "improved"), ("O2", "worsened"))]},
            addenda=((datetime(2026, 12, 1, 9, tzinfo=UTC), "Later note."),),
        )
    record = await record_of(services.database, "C.D.")

    bundle = json.loads(render_fhir(record, words))

    def values(resource: dict, path: str) -> list[str]:
        found = [resource]
        for step in path.split("."):
            nested = [item.get(step) for item in found if isinstance(item, dict)]
            found = [v for n in nested if n for v in (n if isinstance(n, list) else [n])]
        return [v["coding"][0]["code"] if isinstance(v, dict) else v for v in found]

    seen = {("Bundle", "type"): {bundle["type"]}}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        for (kind, path), _ in R4_CODES.items():
            if kind == resource["resourceType"]:
                seen.setdefault((kind, path), set()).update(values(resource, path))
    for key, codes in seen.items():
        assert codes <= R4_CODES[key], key
    assert seen[("Goal", "achievementStatus")] == {"improving", "worsening", "achieved"}
    assert seen[("Goal", "lifecycleStatus")] == {"active", "completed"}
    assert seen[("DocumentReference", "relatesTo.code")] == {"appends"}
    assert seen[("CarePlan", "activity.detail.status")] == {"in-progress"}


async def test_a_co_signer_authenticates_and_a_timed_session_has_its_period(services):
    record = await panic_record(services.database)
    supervisor = Person(2002, "Dr. R. Supervisor")
    note = record.notes[-1]
    co_signed = replace(
        note,
        signatures=(*note.signatures, Signature(supervisor, "co-signer", note.signed_at)),
        start_time=time(10, 30),
        length_minutes=50,
        format="video",
    )
    record = replace(record, notes=(*record.notes[:-1], co_signed))

    found = by_type(json.loads(render_fhir(record, words)))

    document = next(d for d in found["DocumentReference"] if d["id"].replace("-", "") == note.id)
    practitioners = {f"urn:uuid:{p['id']}": p for p in found["Practitioner"]}
    authenticator = practitioners[document["authenticator"]["reference"]]
    (author,) = [practitioners[a["reference"]] for a in document["author"]]
    assert authenticator["name"] == [{"text": "Dr. R. Supervisor"}]
    assert author["identifier"][0]["value"] == str(record.clinician.id)
    assert document["context"]["period"] == {
        "start": "2026-11-23T10:30:00-05:00",
        "end": "2026-11-23T11:20:00-05:00",
    }
    assert "started 10:30 · 50 min · video" in attachment_text(document)
