"""Importing plan files sent as documents, exporting them, and every bad file turned away whole."""

from __future__ import annotations

import pytest

from bot.dialogue.plans.transfer import export_file
from nlp.planfile import parse_plan
from storage.models import Plan, PlanVersion
from storage.plans import read_version
from tests.support.stored import client_plan, plan_versions


async def _count_rows(services):
    async with services.database.transaction() as session:
        plans = len((await session.scalars(Plan.__table__.select())).all())
        versions = len((await session.scalars(PlanVersion.__table__.select())).all())
    return plans, versions


async def test_a_plan_sent_as_a_document_is_imported_and_shown(talk, services, sample_plan):
    reply = await talk.send_file("plan.yaml", sample_plan.encode())
    assert "Imported A.B.'s plan as version 1" in reply
    assert "O2 ↓ Fewer than one panic attack a week · active" in reply
    assert "Next review: 15 Feb 2027" in reply
    row, plan = await client_plan(services)
    assert plan == parse_plan(sample_plan)
    assert row.review_due.isoformat() == "2027-02-15"


async def test_export_then_import_gives_the_same_plan(talk, services, sample_plan):
    await talk.send_file("plan.yaml", sample_plan.encode())
    await talk.press("Export")
    (exported,) = [reply.file for reply in talk.replies if reply.file]
    name, content = exported
    assert name == "treatment-plan-v1.yaml" and "A.B" not in name
    assert "Imported A.B.'s plan as version 2" in await talk.send_file(name, content)
    first, second = await plan_versions(services)
    assert read_version(first) == read_version(second)
    assert (first.change, second.change) == ("imported", "imported")


def test_export_file_round_trips_every_field(sample_plan):
    plan = parse_plan(sample_plan)
    _, content = export_file(plan, 3)
    assert parse_plan(content) == plan


async def test_a_file_without_a_review_date_gets_the_default(talk, services, sample_plan):
    text = sample_plan.replace("review_due: 2027-02-15\n", "")
    assert "I set the default" in await talk.send_file("plan.yml", text.encode())
    row, plan = await client_plan(services)
    assert plan.review_due.isoformat() == "2027-02-28" == row.review_due.isoformat()


BAD_FILES = {
    "malformed YAML": (
        lambda p: p.replace("    goals:\n", "    goals:\n   - broken: [\n", 1),
        "Line 7",
    ),
    "duplicate ids": (lambda p: p.replace("id: O2", "id: O1"), "id 'O1' is used twice"),
    "objective without text": (
        lambda p: p.replace('text: "Fewer than one panic attack a week"', 'text: ""'),
        "empty text",
    ),
    "objective with no text line": (
        lambda p: p.replace('            text: "Fewer than one panic attack a week"\n', ""),
        "objective O2 has no text",
    ),
    "unknown direction": (
        lambda p: p.replace("direction: decrease", "direction: sideways"),
        "Line 17: unknown direction",
    ),
    "review date in the past": (
        lambda p: p.replace("review_due: 2027-02-15", "review_due: 2026-01-15"),
        "review date is in the past",
    ),
    "a full name as the client": (
        lambda p: p.replace('client: "A.B."', 'client: "Anna Bianchi"'),
        "client code",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
async def test_a_bad_plan_file_imports_nothing_and_says_why(talk, services, sample_plan, case):
    change, expected = BAD_FILES[case]
    reply = await talk.send_file("plan.yaml", change(sample_plan).encode())
    assert reply.startswith("Nothing was imported.")
    assert expected in reply
    assert await _count_rows(services) == (0, 0)


async def test_a_bad_file_leaves_the_existing_plan_alone(talk, services, sample_plan):
    await talk.send_file("plan.yaml", sample_plan.encode())
    bad = sample_plan.replace("id: O2", "id: O1")
    assert "Nothing was imported" in await talk.send_file("plan.yaml", bad.encode())
    assert await _count_rows(services) == (1, 1)


async def test_a_file_over_one_megabyte_is_refused(talk, services):
    # The transport does not even download it: data is None, only the size is known.
    reply = await talk.send_file("plan.yaml", None, size=3_000_000)
    assert "over 1 MB" in reply
    padded = b"# " + b"x" * (1024 * 1024) + b"\n"
    assert "over 1 MB" in await talk.send_file("plan.yaml", padded)
    assert await _count_rows(services) == (0, 0)


async def test_a_900_kb_statement_is_refused_with_its_length_not_shown_in_138_messages(
    talk, services, sample_plan
):
    line = next(line for line in sample_plan.splitlines() if "statement:" in line)
    huge = sample_plan.replace(line, line.split("statement:")[0] + 'statement: "' + "x" * 900_000
                               + '"', 1)
    reply = await talk.send_file("plan.yaml", huge.encode())
    assert reply.startswith("Nothing was imported.")
    assert "900000 characters" in reply and "2000" in reply
    assert len(talk.replies) == 1
    assert await _count_rows(services) == (0, 0)


async def test_documents_that_are_not_yaml_are_refused(talk, services):
    assert "YAML" in await talk.send_file("scan.pdf", b"%PDF-1.7 ...", "application/pdf")
    assert "YAML" in await talk.send_file("notes.docx", b"PK\x03\x04", None)
    reply = await talk.send_file("plan.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
    assert "not a text file" in reply
    reply = await talk.send_file("plan.yaml", b"just a sentence, not a plan")
    assert "does not look like a plan file" in reply
    assert await _count_rows(services) == (0, 0)


async def test_an_import_keeps_a_note_in_progress_open(talk, sample_plan):
    await talk.say("/note A.B. soap")
    await talk.send_file("plan.yaml", sample_plan.encode())
    assert "Added to Subjective" in await talk.say("Reports fewer panic attacks.")
