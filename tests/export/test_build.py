"""The record an export holds, built from the rows the bot stores (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from storage.models import Note
from tests.export.support import (
    FIVE_OBJECTIVES,
    PANIC_PLAN,
    add_clinician,
    add_plan_version,
    add_signed_note,
    record_of,
    tagged,
)


async def test_a_signed_note_keeps_its_sections_signature_addenda_and_local_day_of_service(
    database,
):
    await add_clinician(database, "America/New_York")
    signed_at = datetime(2026, 12, 1, 3, 30, tzinfo=UTC)  # 22:30 on 30 Nov in New York
    addendum_at = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    note_id = await add_signed_note(
        database,
        "A.B.",
        signed_at,
        {"subjective": "Slept better.", "plan": "Same plan."},
        addenda=((addendum_at, "Called after session."),),
    )
    await add_signed_note(database, "A.B.", signed_at, {"subjective": "Unsigned."}, draft=True)
    await add_signed_note(database, "X.Y.", signed_at, {"subjective": "Another client."})

    record = await record_of(database, "A.B.", practice="Riverside Counselling")

    assert (record.client_code, record.practice, record.timezone) == (
        "A.B.",
        "Riverside Counselling",
        "America/New_York",
    )
    (note,) = record.notes
    async with database.transaction() as session:
        fingerprint = await session.scalar(select(Note.content_hash).where(Note.id == note_id))
    assert (note.id, note.template, note.sha256) == (note_id, "SOAP", fingerprint)
    assert note.date_of_service == date(2026, 11, 30)
    assert [(s.title, s.text) for s in note.sections] == [
        ("Subjective", "Slept better."),
        ("Objective", ""),
        ("Assessment", ""),
        ("Plan", "Same plan."),
    ]
    ((who, role, at),) = [(s.who.id, s.role, s.at) for s in note.signatures]
    assert (who, role, at) == (record.clinician.id, "signer", signed_at)
    assert [(a.text, a.written_at) for a in note.addenda] == [
        ("Called after session.", addendum_at)
    ]
    assert note.start_time is None and note.length_minutes is None and note.format is None


async def test_objectives_are_worded_as_in_the_plan_version_the_note_was_written_against(
    database,
):
    await add_clinician(database)
    await add_plan_version(database, "A.B.")
    first = datetime(2026, 11, 20, 15, tzinfo=UTC)
    await add_signed_note(
        database,
        "A.B.",
        first,
        {"assessment": "Breathing practice on 5 days."},
        tags={"assessment": [tagged("Breathing practice on 5 days.", ("O1", "improved"))]},
    )
    reworded = PANIC_PLAN.replace("at least 5 days per week", "every day")
    await add_plan_version(database, "A.B.", reworded)
    await add_signed_note(
        database,
        "A.B.",
        datetime(2026, 11, 27, 15, tzinfo=UTC),
        {"assessment": "Breathing daily; an old objective."},
        tags={"assessment": [tagged("Breathing daily.", ("O1", "improved"), ("O9", "unknown"))]},
    )

    record = await record_of(database, "A.B.")

    older, newer = record.notes
    assert [(o.id, o.text, o.plan_version) for o in older.objectives] == [
        ("O1", "Practice diaphragmatic breathing at least 5 days per week", 1)
    ]
    assert [(o.id, o.text, o.plan_version) for o in newer.objectives] == [
        ("O1", "Practice diaphragmatic breathing every day", 2),
        ("O9", None, None),
    ]
    assert record.plan.version == 2
    assert record.plan.objectives()[0].text == "Practice diaphragmatic breathing every day"


async def test_each_objective_trend_comes_from_tagged_progress_and_met_is_achieved(database):
    await add_clinician(database)
    await add_plan_version(database, "C.D.", FIVE_OBJECTIVES)
    for day, walk, sleep in ((2, "improved", "worsened"), (9, "improved", "worsened")):
        text = "Walked more; slept less; called nobody new."
        await add_signed_note(
            database,
            "C.D.",
            datetime(2026, 11, day, 15, tzinfo=UTC),
            {"assessment": text},
            tags={
                "assessment": [
                    tagged(text, ("O1", walk), ("O2", sleep), ("O3", "unchanged")),
                    tagged("Went to the group.", ("O5", "unknown")),
                ]
            },
        )

    record = await record_of(database, "C.D.")

    assert {o.id: (o.status, o.trend) for o in record.plan.objectives()} == {
        "O1": ("active", "improving"),
        "O2": ("active", "worsening"),
        "O3": ("active", "no-change"),
        "O4": ("active", "unknown"),
        "O5": ("met", "achieved"),
    }


async def test_scores_are_read_from_signed_notes_and_out_of_range_ones_are_left_out(database):
    await add_clinician(database)
    first, second = (datetime(2026, 11, day, 15, tzinfo=UTC) for day in (9, 16))
    first_id = await add_signed_note(
        database,
        "A.B.",
        first,
        {"assessment": "PHQ-9 14, later rescored 12. GAD-7 9."},
        tags={
            "assessment": [
                tagged("PHQ-9 14, later rescored 12.", scores=(("PHQ-9", 14), ("PHQ-9", 12))),
                tagged("GAD-7 9.", scores=(("GAD-7", 9),)),
            ]
        },
    )
    out_of_range = {"kind": "score", "name": "PHQ-9", "value": 40, "flag": "out_of_range"}
    rating = {"kind": "rating", "name": "anxiety", "value": 6, "scale": 10}
    await add_signed_note(
        database,
        "A.B.",
        second,
        {"assessment": "PHQ-9 40 (a typo). Anxiety 6/10."},
        tags={"assessment": [{**tagged("PHQ-9 40."), "measurements": [out_of_range, rating]}]},
    )

    record = await record_of(database, "A.B.")

    assert [(s.instrument, s.value, s.date_of_service, s.note_id) for s in record.scores] == [
        ("PHQ-9", 12.0, date(2026, 11, 9), first_id),
        ("GAD-7", 9.0, date(2026, 11, 9), first_id),
    ]
    assert record.plan is None


async def test_nothing_is_left_out_when_the_template_changed_or_is_gone(database):
    await add_clinician(database)
    await add_signed_note(
        database,
        "A.B.",
        datetime(2026, 11, 23, 15, tzinfo=UTC),
        {"subjective": "Fine.", "risk": "No risk stated."},
    )
    await add_signed_note(
        database,
        "A.B.",
        datetime(2026, 11, 30, 15, tzinfo=UTC),
        {"summary": "Old practice template."},
        template="retired",
    )

    current, retired = (await record_of(database, "A.B.")).notes

    shown = [(s.key, s.title, s.text) for s in current.sections]
    assert ("risk", "risk", "No risk stated.") in shown
    assert retired.template == "retired"
    assert [(s.title, s.text) for s in retired.sections] == [("summary", "Old practice template.")]
