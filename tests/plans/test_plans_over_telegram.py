"""Treatment plans end to end through the real PTB Application and the fake Bot API."""

from __future__ import annotations

from nlp.planfile import parse_plan
from tests.support.stored import client_plan


async def test_full_guided_build_with_buttons_and_typed_answers(chat, services):
    await chat.onboard()
    await chat.say("/plan")
    chat.expect("Whose plan?")
    await chat.say("A.B.")
    chat.expect("A.B. has no treatment plan yet", "Problem P1")
    await chat.say("Panic attacks 4-5 times per week; avoids driving")
    chat.expect("Goal G1 for P1")
    await chat.say("Reduce frequency and intensity of panic attacks")
    await chat.say("Practice diaphragmatic breathing at least 5 days per week")
    chat.expect("something to increase")
    await chat.press("Yes, increase")
    chat.expect("Target date for O1")
    await chat.say("2027-01-15")
    await chat.say("Fewer than one panic attack a week")
    await chat.press("Yes, decrease")
    await chat.press("Skip")
    await chat.press("Next")
    chat.expect("Interventions for G1")
    await chat.say("Teach diaphragmatic breathing and interoceptive exposure (CBT)")
    await chat.say("done")
    chat.expect("When should this plan be reviewed?", "28 Feb 2027")
    await chat.press("28 Feb 2027")
    await chat.press("Yes")
    await chat.press("No")
    chat.expect("(3/3)")
    await chat.say("yes")
    view = chat.expect("Treatment plan · A.B. · version 1")
    assert "O2 ↓ Fewer than one panic attack a week · active" in view.visible_text
    assert "strengths ✗ no" in view.visible_text
    assert "Review now" in " ".join(chat.buttons())
    row, plan = await client_plan(services)
    assert [o.id for o in plan.objectives()] == ["O1", "O2"] and row.current_version == 1


async def test_import_by_document_then_mark_met_and_review(chat, services, sample_plan):
    await chat.onboard()
    await chat.send_document("plan.yaml", sample_plan.encode(), "application/x-yaml")
    chat.expect("Imported A.B.'s plan as version 1")
    chat.expect("O3 ↑ Sleep at least 7 hours on 5 nights a week · active")
    await chat.press("Mark objective")
    await chat.press("O2 Fewer")
    await chat.press("Met")
    chat.expect("🎉 Objective O2 met: Fewer than one panic attack a week.")
    chat.expect("version 2", "met ✓")
    await chat.press("Review now")
    chat.expect("2 active objective(s)", "1/2: O1")
    await chat.press("Keep")
    chat.expect("2/2: O3")
    await chat.say("discontinue")
    chat.expect("When should this plan be reviewed?")
    await chat.say("2027-04-30")
    chat.expect("Review saved: 1 objective(s) changed. Next review 30 Apr 2027.")
    row, plan = await client_plan(services)
    assert row.current_version == 3 and row.review_due.isoformat() == "2027-04-30"
    assert [o.status for o in plan.objectives()] == ["active", "met", "discontinued"]
    await chat.say("/plan A.B. history")
    chat.expect("v3", "review", "v2", "objective O2 met", "v1", "imported")


async def test_a_malformed_import_names_the_line_and_imports_nothing(chat, services, sample_plan):
    await chat.onboard()
    broken = sample_plan.replace("direction: decrease", "direction: [decrease")
    await chat.send_document("plan.yaml", broken.encode(), "application/x-yaml")
    chat.expect("Nothing was imported. Line 18: the file is not valid YAML")
    await chat.send_document("scan.pdf", b"%PDF-1.7", "application/pdf")
    chat.expect("Nothing was imported", "YAML")
    assert await client_plan(services) is None


async def test_export_sends_a_file_that_imports_back_unchanged(chat, sample_plan):
    await chat.onboard()
    await chat.send_document("plan.yaml", sample_plan.encode(), "application/x-yaml")
    await chat.press("Export")
    (sent,) = chat.documents
    assert sent.filename == "treatment-plan-v1.yaml"
    assert parse_plan(sent.data) == parse_plan(sample_plan)
    await chat.send_document(sent.filename, sent.data, "application/x-yaml")
    chat.expect("Imported A.B.'s plan as version 2")


async def test_cancel_in_a_build_keeps_a_draft_plan_listed_in_drafts_and_resumed(chat, services):
    await chat.onboard()
    await chat.say("/plan A.B.")
    await chat.say("Panic attacks 4-5 times per week; avoids driving")
    await chat.say("Reduce frequency and intensity of panic attacks")
    chat.expect("Objective O1 for G1")
    await chat.say("/cancel")
    chat.expect("Kept as a draft plan; /plan A.B. to go on")
    assert await client_plan(services) is None

    await chat.say("/drafts")
    chat.expect("Draft plans (1):", "A.B. · treatment plan")
    await chat.press("Resume A.B. plan")
    chat.expect("Back to the draft plan", "Objective O1 for G1")
    await chat.say("Practice diaphragmatic breathing at least 5 days per week")
    chat.expect("something to increase")


async def test_a_file_for_another_client_asks_whose_and_a_replacement_asks_first(
    chat, services, sample_plan
):
    await chat.onboard()
    await chat.send_document("plan.yaml", sample_plan.encode(), "application/x-yaml")
    chat.expect("Imported A.B.'s plan as version 1")
    await chat.say("/plan G.H.")
    chat.expect("Problem P1")
    changed = sample_plan.replace("Fewer than", "Under").encode()

    await chat.send_document("plan.yaml", changed, "application/x-yaml")
    chat.expect("This file is for A.B., you are on G.H.'s plan")
    await chat.press("Import it for G.H.")
    chat.expect("Imported G.H.'s plan as version 1")
    row, _ = await client_plan(services, "A.B.")
    assert row.current_version == 1  # A.B.'s plan untouched

    await chat.send_document("plan.yaml", changed, "application/x-yaml")
    chat.expect("This file is for A.B., you are on G.H.'s plan")
    await chat.press("Import it for A.B.")
    chat.expect("A.B. already has a plan (version 1, saved")
    await chat.press("Replace version 1")
    chat.expect("Imported A.B.'s plan as version 2")

    await chat.send_document("plan.yaml", changed, "application/x-yaml")
    chat.expect("This file is for A.B., you are on G.H.'s plan")
    await chat.press("Cancel")
    chat.expect("Nothing was imported.")
    row, _ = await client_plan(services, "A.B.")
    assert row.current_version == 2
