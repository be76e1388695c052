"""Evidence follows the objective as worded, not its id: a re-import that reuses O1 for another
objective asks "same objective, reworded, or a new one?", and /progress keeps the old
objective's notes off a new one. Through the real PTB Application, with the real tagger."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e.test_note_linking import give_plan
from tests.e2e.test_progress_over_telegram import objective_block, weekly_notes

FIRST_SESSION = datetime(2026, 10, 5, 18, 0, tzinfo=UTC)
YOGA_PLAN = """
client: "A.B."
review_due: 2027-02-15
problems:
  - id: P1
    statement: "Panic attacks 4-5 times per week; avoids driving"
    goals:
      - id: G1
        text: "Reduce frequency and intensity of panic attacks"
        objectives:
          - id: O1
            text: "Attend a weekly yoga class"
            direction: increase
          - id: O2
            text: "Reduce panic attacks to fewer than one per week"
            direction: decrease
"""
PRACTICE = ("Practiced breathing 5 days this week.", "Calm.", "Doing well.", "Weekly.")


async def _breathing_notes_then_yoga_import(chat, services, clock) -> None:
    clock.set(FIRST_SESSION)
    await chat.onboard()
    await give_plan(services, clock)
    await weekly_notes(chat, clock, PRACTICE, PRACTICE, PRACTICE)
    await chat.say("/progress A.B.")
    assert "Practiced breathing" in "\n".join(
        objective_block(chat.expect("progress over 3").visible_text, "O1")
    )
    await chat.send_document("plan.yaml", YOGA_PLAN.encode(), "application/x-yaml")
    chat.expect("A.B. already has a plan (version 1")  # a different plan: asked first
    await chat.press("Replace version 1")
    chat.expect("Imported A.B.'s plan as version 2")


async def test_a_reimport_reusing_an_id_asks_and_a_new_objective_starts_without_old_evidence(
    chat, services, clock
):
    await _breathing_notes_then_yoga_import(chat, services, clock)
    asked = chat.expect(
        "O1 is worded differently now.",
        "Was: Practice diaphragmatic breathing at least 5 days per week",
        "Now: Attend a weekly yoga class",
        "Same objective, reworded, or a new one?",
    )
    assert asked.buttons == ["Same, reworded", "A new objective"]
    await chat.press("A new objective")
    chat.expect("O1: a new objective; earlier notes stay with the old wording.")

    await chat.say("/progress A.B.")

    o1 = objective_block(chat.expect("progress over 3").visible_text, "O1")
    assert o1[0] == "O1 Attend a weekly yoga class"
    assert o1[1].startswith("· Trend: too little data")
    assert "breathing" not in "\n".join(o1).casefold()


async def test_unanswered_the_reused_id_counts_as_new_and_same_brings_its_evidence_back(
    chat, services, clock
):
    await _breathing_notes_then_yoga_import(chat, services, clock)
    await chat.say("/progress A.B.")
    o1 = objective_block(chat.expect("progress over 3").visible_text, "O1")
    assert "breathing" not in "\n".join(o1).casefold()

    await chat.press("Same, reworded")
    chat.expect("O1: the same objective, reworded; its notes still count.")
    await chat.say("/progress A.B.")

    o1 = objective_block(chat.expect("progress over 3").visible_text, "O1")
    assert o1[0] == "O1 Attend a weekly yoga class"
    assert "Practiced breathing 5 days this week." in o1[-1]


async def test_an_answer_after_the_plan_moved_on_changes_nothing(chat, services, clock):
    await _breathing_notes_then_yoga_import(chat, services, clock)
    asked = chat.expect("O1 is worded differently now.")
    later = YOGA_PLAN.replace("2027-02-15", "2027-03-01")  # the same wording: nothing to ask
    await chat.send_document("plan.yaml", later.encode(), "application/x-yaml")
    await chat.press("Replace version 2")
    chat.expect("as version 3")
    await chat.press_on(asked, "Same, reworded")  # asked about version 2
    chat.expect("The plan has changed since that import")
