"""Typed input lands where the clinician meant it (issue #12): onboarding never traps text,
navigation is only the exact words, client codes are one client however they are typed."""

from __future__ import annotations

import pytest

from tests.support.stored import client_codes, clinician_zone

# --- 1. onboarding ---------------------------------------------------------------------------


async def test_a_note_opened_before_answering_the_time_zone_gets_the_text(chat, services):
    await chat.say("/start")
    chat.expect("Which time zone")
    await chat.say("/note A.B. soap")
    chat.expect("Subjective (1/4)")
    await chat.say("Reports sleeping better.")
    chat.expect("Added to Subjective (1 so far")
    chat.expect_not("time zone")
    await chat.say("next")
    chat.expect("Objective (2/4)")
    assert await clinician_zone(services) == "UTC"


async def test_without_start_the_first_message_does_what_it_says_and_mentions_the_zone_once(chat):
    await chat.say("/note C.D. dap")
    chat.expect("Data (1/3)")
    chat.expect("Times are in UTC for now", "/settings timezone")
    await chat.say("Client described conflict with partner.")
    chat.expect("Added to Data (1 so far")
    chat.expect_not("time zone")


async def test_a_question_instead_of_a_zone_is_answered_and_the_zone_stays_utc(chat, services):
    await chat.say("/start")
    await chat.say("what's left today?")
    chat.expect("not a time zone", "UTC")
    chat.expect("Where you are")  # the status answer
    await chat.say("what's left today?")
    chat.expect_not("time zone")
    assert await clinician_zone(services) == "UTC"


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Eastern", "America/New_York"),
        ("EST", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("Pacific", "America/Los_Angeles"),
        ("London", "Europe/London"),
        ("asia/kolkata", "Asia/Kolkata"),
    ],
)
async def test_zone_names_people_type_mean_zones_with_daylight_saving(chat, services, typed, zone):
    await chat.say("/start")
    await chat.say(typed)
    chat.expect(f"Time zone set to {zone}")
    assert await clinician_zone(services) == zone


async def test_the_zone_can_be_named_later_in_settings(chat, services):
    await chat.say("/status")
    await chat.say("/settings timezone Central")
    chat.expect("Time zone set to America/Chicago")
    await chat.say("/settings timezone Narnia")
    chat.expect("I don't know that time zone")
    assert await clinician_zone(services) == "America/Chicago"


# --- 8. navigation is only the exact words --------------------------------------------------


async def test_words_a_note_could_say_are_note_text_not_moves(chat):
    await chat.start_note("A.B.", "soap")
    for n, text in enumerate(["Continue.", "stop", "quit", "n", "b", "Finished."], start=1):
        await chat.say(text)
        chat.expect(f"Added to Subjective ({n} so far")
    await chat.say("Next")
    chat.expect("Objective (2/4)")
    await chat.say("back")
    chat.expect("Subjective (1/4)", "Continue.", "quit")


# --- 13. client codes ------------------------------------------------------------------------


async def test_a_code_typed_with_or_without_dots_case_or_spaces_is_one_client(chat, services):
    await chat.start_note("A.B.", "soap")
    for typed in ("A.B", "AB", "a.b.", "A. B."):
        await chat.say("cancel")
        await chat.say(f"/note {typed} soap")
        chat.expect("unfinished SOAP note for A.B.: resume it")  # the same client's draft
    assert await client_codes(services) == ["A.B."]


async def test_a_near_miss_asks_did_you_mean(chat, services):
    await chat.start_note("A.B.", "soap")
    for other in ("A.C.", "S1.", "S2."):  # a letter for a letter, or a digit: other clients
        await chat.say("cancel")
        await chat.say(f"/note {other} dap")
        chat.expect(f"DAP note · {other}")
    await chat.say("cancel")
    await chat.say("/note B.A. soap")
    chat.expect("No client is called B.A. yet: did you mean A.B.?")
    await chat.press("A.B.")
    chat.expect("unfinished SOAP note for A.B.")
    await chat.say("cancel")
    await chat.say("/note A.BD dap")
    chat.expect("did you mean A.B.?")
    await chat.press("New client")
    chat.expect("DAP note · A.BD")
    assert sorted(await client_codes(services)) == ["A.B.", "A.BD", "A.C.", "S1.", "S2."]


async def test_a_full_name_is_refused_with_the_reason_and_nothing_created(chat, services):
    await chat.onboard()
    await chat.say("/note John Smith soap")
    chat.expect("looks like a person's name", "codes here, never names")
    await chat.say("/note Jane Doe")
    chat.expect("looks like a person's name")
    assert await client_codes(services) == []


# --- 15. bad input gets a one-line answer ---------------------------------------------------


async def test_a_superscript_number_in_settings_gets_the_usage_line(chat, services):
    await chat.onboard()
    await chat.say("/settings nudge ²")
    chat.expect("I need a whole number of hours")
    chat.expect_not("went wrong")


async def test_a_forged_section_number_gets_the_stale_button_line(chat):
    await chat.start_note("A.B.", "soap")
    await chat.say("Slept well.")
    await chat.say("done")
    for forged in ("note:goto:²", "note:goto:99", "note:goto:-1", "link:drop:subjective:²:O1"):
        await chat.press_forged(forged)
        chat.expect("That button is no longer active")
        chat.expect_not("went wrong")


async def test_a_lone_surrogate_is_kept_as_unreadable_and_said_in_one_line(chat, services):
    await chat.start_note("A.B.", "soap")
    await chat.say("Mood low \ud800 this week.")
    chat.expect("Added to Subjective (1 so far")
    chat.expect("could not be read")
    await chat.say("done")
    chat.expect("Mood low � this week.")
    await chat.press_forged("note:goto:\udfff")
    chat.expect("That button is no longer active")
    await chat.say("/note \ud800 soap")
    chat.expect("A client code is initials")


# --- 9. a question typed in a note ------------------------------------------------------------


async def test_a_question_in_a_note_can_be_answered_and_leaves_the_note(chat):
    await chat.start_note("A.B.", "soap")
    await chat.say("Slept better.")
    await chat.say("what's left today?")
    chat.expect("reads like a question")
    assert chat.buttons()[:2] == ["📝 Add to the note", "💬 Answer it"]
    await chat.press("Answer it")
    chat.expect("Taken out of the note")
    chat.expect("Where you are", "Unfinished notes: 1")
    await chat.say("done")
    review = chat.expect("SOAP note · A.B.")
    assert "Slept better." in review.visible_text
    assert "what's left" not in review.visible_text


async def test_a_reminder_request_kept_in_the_note_stays_as_written(chat):
    await chat.start_note("A.B.", "soap")
    await chat.say("remind me in 1 minute to finish A.B.'s note")
    chat.expect("reads like a question")
    await chat.press("Add to the note")
    chat.expect("Kept in Subjective")
    await chat.say("done")
    chat.expect("remind me in 1 minute to finish A.B.'s note")


async def test_a_reminder_request_answered_sets_it_and_returns_to_the_note(chat):
    await chat.start_note("A.B.", "soap")
    await chat.say("remind me in 1 minute to finish A.B.'s note")
    await chat.press("Answer it")
    chat.expect("Is that right?")
    await chat.press("Yes")
    chat.expect("I'll remind you")
    await chat.say("Mood brighter.")
    chat.expect("Added to Subjective (1 so far")


# --- 4. pick prompts that get something else ------------------------------------------------


async def test_a_question_at_the_export_prompt_is_answered_and_the_note_keeps_its_text(chat):
    await chat.start_note("A.B.", "soap")
    await chat.say("/export")
    chat.expect("Whose signed notes?")
    await chat.say("what's left today?")
    chat.expect("not a client code")
    chat.expect("reads like a question")  # back in the note, where a question gets the choice
    chat.expect_not("I don't know a client")
    await chat.press("Answer it")
    chat.expect("Where you are")
    await chat.say("Slept well.")
    chat.expect("Added to Subjective (1 so far")
    await chat.say("/export")
    await chat.say("Z.Z.")
    chat.expect("I don't know a client Z.Z.")
    await chat.say("Mood brighter.")
    chat.expect("Added to Subjective (2 so far")


async def test_a_question_at_the_export_prompt_outside_a_note_is_answered(chat):
    await chat.onboard()
    await chat.say("/export")
    await chat.say("what's left today?")
    chat.expect("Where you are")


async def test_text_typed_before_tapping_a_note_in_addendum_becomes_the_addendum(chat, services):
    from sqlalchemy import select

    from storage.models import Addendum

    await chat.start_note("T.U.", "dap")
    for text in ("Data.", "Assessment.", "Plan."):
        await chat.say(text)
        await chat.say("next")
    await chat.press("Sign")
    await chat.say("/addendum")
    chat.expect("Which signed note")
    await chat.say("Client called after session: safety plan confirmed.")
    chat.expect("addendum of the note you tap")
    await chat.press("T.U. · DAP")
    chat.expect("Addendum saved")
    async with services.database.transaction() as session:
        addendum = (await session.scalars(select(Addendum))).one()
        assert addendum.body == "Client called after session: safety plan confirmed."


async def test_a_sentence_typed_at_which_template_goes_into_the_first_section(chat):
    await chat.onboard()
    await chat.say("/note A.B.")
    chat.expect("Which template?")
    await chat.say("Client arrived on time and reports better sleep.")
    chat.expect("Kept that", "Which template?")
    chat.expect_not("I don't have that template")
    await chat.press("SOAP")
    chat.expect("Added to Subjective (1 so far")
    await chat.say("/drafts")
    chat.expect("Unfinished notes (1)")


async def test_a_question_at_which_template_is_answered_and_the_template_asked_again(chat):
    await chat.onboard()
    await chat.say("/note A.B.")
    await chat.say("what's left today?")
    chat.expect("Where you are")
    chat.expect("Which template?")
    await chat.say("sopa")
    chat.expect("I don't have that template")
    await chat.press("DAP")
    chat.expect("Data (1/3)")
    chat.expect_not("Added to")


async def test_a_sentence_held_at_which_template_goes_into_the_draft_resumed(chat):
    await chat.start_note("A.B.", "soap")
    await chat.say("Slept better.")
    await chat.say("cancel")
    await chat.say("/note A.B.")
    await chat.say("Mood brighter since Tuesday.")
    chat.expect("Kept that")
    await chat.press("SOAP")
    chat.expect("You already have an unfinished SOAP note for A.B.")
    await chat.press("Resume it")
    chat.expect("Added to Subjective (2 so far")


async def test_text_typed_while_a_transcript_waits_lands_and_the_transcript_still_waits(dictating):
    chat, speech = dictating
    await chat.start_note("C.D.", "soap")
    speech.lines.append("Mood brighter this week.")
    await chat.send_voice(b"OggS" * 200, duration=3)
    chat.expect("I heard", "Mood brighter this week.")
    await chat.say("Arrived on time.")
    chat.expect("Added to Subjective (1 so far")
    chat.expect("I heard", "Mood brighter this week.")
    await chat.press("Keep")
    chat.expect("Added to Subjective (2 so far")


# --- 14. drafts offered first, deleted with a confirmation; lines removed -------------------


async def test_a_second_note_for_the_same_client_and_template_offers_the_draft(chat, services):
    await chat.start_note("A.B.", "soap")
    await chat.say("Slept better.")
    await chat.say("cancel")
    await chat.say("/note A.B. soap")
    chat.expect("You already have an unfinished SOAP note for A.B.")
    await chat.press("Resume it")
    chat.expect("Subjective (1/4)", "Slept better.")
    await chat.say("cancel")
    await chat.say("/note A.B. soap")
    await chat.press("Start a new one")
    chat.expect("New SOAP note · A.B.")
    await chat.say("/drafts")
    chat.expect("Unfinished notes (2)")


async def test_a_draft_is_deleted_only_after_confirming(chat):
    await chat.start_note("C.D.", "dap")
    await chat.say("Client described conflict with partner.")
    await chat.say("cancel")
    await chat.say("/drafts")
    await chat.press("🗑 Delete")
    chat.expect("Delete the DAP draft for C.D.", "cannot be brought back")
    await chat.press("Keep it")
    chat.expect("nothing was deleted")
    await chat.say("/drafts")
    chat.expect("Unfinished notes (1)")
    await chat.press("🗑 Delete")
    await chat.press("Delete for good")
    chat.expect("Deleted: the DAP draft for C.D.")
    await chat.say("/drafts")
    chat.expect("No unfinished notes.")


async def test_deleting_the_draft_being_written_leaves_the_note(chat):
    await chat.start_note("C.D.", "dap")
    await chat.say("Partner conflict.")
    await chat.say("/drafts")
    await chat.press("🗑 Delete")
    await chat.press("Delete for good")
    await chat.say("Slept well.")
    chat.expect_not("Added to")


async def test_a_line_can_be_removed_from_a_section(chat):
    await chat.start_note("A.B.", "soap")
    await chat.say("Slept six hours.")
    await chat.say("Wrong client, sorry.")
    await chat.press("Remove this line")
    chat.expect("Removed from Subjective: “Wrong client, sorry.”")
    await chat.say("Fewer nightmares.")
    chat.expect("Added to Subjective (2 so far")
    await chat.say("done")
    review = chat.expect("SOAP note · A.B.")
    assert "Wrong client" not in review.visible_text
    assert "Slept six hours.\nFewer nightmares." in review.visible_text
