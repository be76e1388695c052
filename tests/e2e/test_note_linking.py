"""Each saved message is linked to plan objectives; the clinician corrects, the bot learns."""

from __future__ import annotations

import logging
from pathlib import Path

from nlp import Tagger
from nlp.planfile import parse_plan
from tests.support.stored import give_plan as give_client_plan

PLAN = (Path(__file__).parent / "panic_plan.yaml").read_text()


async def give_plan(services, clock) -> None:
    await give_client_plan(services, "A.B.", parse_plan(PLAN))


async def test_links_are_shown_corrected_and_learned(chat, services, clock):
    await chat.onboard()
    await give_plan(services, clock)
    await chat.start_note("A.B.", "soap")
    await chat.say("She did not practice the breathing exercises this week.")
    linked = chat.expect("🔗 O1", "worsened", "did not")
    assert "✕ O1" in linked.buttons
    await chat.say("Her mother has panic attacks too.")
    chat.expect("No plan objective linked")
    await chat.say("Managed the Dartford crossing on Tuesday.")
    chat.expect("No plan objective linked")
    await chat.press("+ Link objective")
    await chat.press("O3")
    chat.expect("Which words in that message mean O3?")
    await chat.say("freeway")
    chat.expect("aren't in that message")
    await chat.say("Dartford crossing")
    chat.expect("Linked O3", "recognise those words")
    await chat.say("Did the Dartford crossing again on Thursday.")
    chat.expect("🔗 O3", "improved")
    await chat.press("✕ O3")
    chat.expect("Removed the link to O3")


async def test_a_note_that_touches_no_objective_warns_before_signing(chat, services, clock):
    await chat.onboard()
    await give_plan(services, clock)
    await chat.start_note("A.B.", "soap")
    await chat.say("Talked about the weather.")
    for _ in range(3):
        await chat.say("next")
        await chat.say("Nothing of note.")
    await chat.say("done")
    await chat.press("Sign")
    chat.expect("addresses no plan objective")
    await chat.press("Sign anyway")
    chat.expect("Signed: SOAP · A.B.")


async def test_a_failing_tagger_costs_no_word_and_logs_no_text(
    chat, services, clock, monkeypatch, caplog
):
    await chat.onboard()
    await give_plan(services, clock)
    await chat.start_note("A.B.", "soap")

    def broken(self, text, section=None):
        raise KeyError(f"no period in {text!r}")

    monkeypatch.setattr(Tagger, "tag", broken)
    with caplog.at_level(logging.DEBUG):
        await chat.say("Rates tension 0-10 morning and evening.")
    chat.expect("Added to Subjective (1 so far)", "couldn't link this message")
    assert "KeyError" in caplog.text
    assert "tension" not in caplog.text and "morning" not in caplog.text
    monkeypatch.undo()
    await chat.say("She practised the breathing exercises every day.")
    chat.expect("🔗 O1")
    await chat.say("done")
    review = chat.expect("SOAP note · A.B.")
    assert "Rates tension 0-10 morning and evening." in review.visible_text


async def test_therapist_delivery_in_an_intervention_section_is_not_client_progress(
    chat, services, clock
):
    await chat.onboard()
    await give_plan(services, clock)
    await chat.start_note("A.B.", "birp")
    await chat.say("Practised diaphragmatic breathing every day this week.")
    chat.expect("🔗 O1", "improved")
    await chat.say("next")
    chat.expect("Intervention")
    await chat.say("Practised diaphragmatic breathing every day this week.")
    linked = chat.expect("Added to Intervention")
    assert "improved" not in linked.visible_text
