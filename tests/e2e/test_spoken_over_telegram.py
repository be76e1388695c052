"""Voice beyond the plain transcript, through the real PTB app: Edit hands the transcript back,
dictated section headings split the note, and voice outside a note is shown, never dropped.

The speech model is scripted (`dictating`): these flows care what was heard, not how.
"""

from __future__ import annotations


async def test_edit_sends_the_transcript_back_to_copy_and_correct(dictating):
    chat, speech = dictating
    await chat.start_note("A.B.", "soap")
    speech.lines.append("Client reports sleeping five ours a night.")
    await chat.send_voice(b"OggS dictated", duration=5)
    await chat.press("Edit")
    chat.expect("copy it, correct it and send it back")
    assert chat.last_text == "Client reports sleeping five ours a night."
    await chat.say("Client reports sleeping five hours a night.")
    chat.expect("Added to Subjective (1 so far)")
    await chat.say("done")
    review = chat.expect("SOAP note · A.B.")
    assert "five hours a night" in review.visible_text
    assert "five ours" not in review.visible_text


async def speak(chat, speech, transcript: str) -> None:
    speech.lines.append(transcript)
    await chat.send_voice(b"OggS dictated", duration=5)


async def test_voice_when_idle_starts_a_note_with_it(dictating):
    chat, speech = dictating
    await chat.onboard()
    await speak(chat, speech, "Client reports panic attacks twice this week.")
    shown = chat.expect("I heard", "panic attacks twice", "not in a note")
    assert shown.buttons == ["📝 Start a note with it", "🗑 Discard"]
    await chat.press("Start a note with it")
    await chat.say("A.B.")
    await chat.press("SOAP")
    chat.expect("Subjective (1/4)")
    chat.expect("I heard", "panic attacks twice")  # shown again before it lands
    await chat.press("Keep")
    chat.expect("Added to Subjective (1 so far)")
    await chat.say("done")
    assert "panic attacks twice" in chat.expect("SOAP note · A.B.").visible_text


async def test_a_spoken_question_when_idle_is_answered_without_buttons(dictating):
    chat, speech = dictating
    await chat.onboard()
    await speak(chat, speech, "What's left today?")
    chat.expect_not("I heard")
    assert chat.replies
    assert not any("📝 Start a note with it" in reply.buttons for reply in chat.replies)


async def test_voice_at_review_goes_into_the_section_picked(dictating):
    chat, speech = dictating
    await chat.start_note("A.B.", "soap")
    await chat.say("Slept better.")
    await chat.say("done")
    chat.expect("SOAP note · A.B. · draft")
    await speak(chat, speech, "Calm affect, good eye contact.")
    shown = chat.expect("I heard", "Calm affect", "Which section")
    assert shown.buttons == ["➕ Add to Subjective", "➕ Add to Objective", "➕ Add to Assessment",
                             "➕ Add to Plan", "🗑 Discard"]
    await chat.press("Add to Objective")
    chat.expect("Added to Objective (1 so far)")
    await chat.say("done")
    review = chat.expect("SOAP note · A.B. · draft").visible_text
    assert review.index("Slept better.") < review.index("Objective") < review.index("Calm affect")


async def test_voice_at_a_group_review_goes_into_the_section_picked(dictating):
    chat, speech = dictating
    await chat.onboard()
    await chat.say("/group E.F. G.H.")
    await chat.press("Group")
    chat.expect("Group topic (1/4)")
    await chat.say("Anger at work.")
    await chat.say("done")
    chat.expect("Group note · 2 members · draft")
    await speak(chat, speech, "Members practised role play.")
    shown = chat.expect("I heard", "role play", "Which section")
    assert "➕ Add to Interventions" in shown.buttons
    await chat.press("Add to Interventions")
    chat.expect("Added to Interventions (1 so far)")
    await chat.say("done")
    chat.expect("Group note · 2 members · draft", "Members practised role play.")


async def test_text_typed_while_a_transcript_waits_outside_a_note_is_answered_and_it_waits(
    dictating,
):
    chat, speech = dictating
    await chat.onboard()
    await speak(chat, speech, "Client reports better sleep.")
    await chat.say("/note A.B. soap")  # a command: the note opens
    chat.expect("Subjective (1/4)")
    await speak(chat, speech, "Mood steady.")
    await chat.say("Typed meanwhile.")
    chat.expect("Added to Subjective (1 so far)")
    chat.expect("I heard", "Mood steady.")
    await chat.press("Keep")
    chat.expect("Added to Subjective (2 so far)")


async def test_text_typed_while_a_transcript_waits_at_review_goes_to_the_review(dictating):
    chat, speech = dictating
    await chat.start_note("A.B.", "soap")
    await chat.say("Slept better.")
    await chat.say("done")
    await speak(chat, speech, "Plan: review in two weeks.")
    await chat.say("back")  # typed at the review: back to the last section; the transcript waits
    chat.expect("Plan (4/4)")
    chat.expect("I heard", "Plan: review in two weeks.")
    await chat.press("Keep")
    chat.expect("Added to Plan (1 so far)")


async def test_dictated_soap_headings_split_across_four_sections(dictating):
    chat, speech = dictating
    await chat.start_note("A.B.", "soap")
    await speak(chat, speech, "Subjective. Client reports sleeping better. Objective: calm "
                "affect. Assessment, improving. Plan: continue CBT weekly.")
    shown = chat.expect("I heard, by section")
    for line in ("Subjective: Client reports sleeping better.", "Objective: calm affect.",
                 "Assessment: improving.", "Plan: continue CBT weekly."):
        assert line in shown.visible_text
    await chat.press("Keep")
    for title in ("Subjective", "Objective", "Assessment", "Plan"):
        chat.expect(f"Added to {title} (1 so far)")
    await chat.say("next")  # left at Plan, the last section spoken: next is the review
    review = chat.expect("SOAP note · A.B. · draft").visible_text
    assert review.index("sleeping better") < review.index("calm affect") < review.index(
        "improving") < review.index("continue CBT")


async def test_dictated_dap_headings_split_and_a_mid_sentence_plan_does_not(dictating):
    chat, speech = dictating
    await chat.start_note("C.D.", "dap")
    await speak(chat, speech, "Discussed the plan is to meet weekly. Assessment: engaged. "
                "Plan. Homework: thought record.")
    shown = chat.expect("I heard, by section")
    assert "Data: Discussed the plan is to meet weekly." in shown.visible_text
    assert "Assessment: engaged." in shown.visible_text
    assert "Plan: Homework: thought record." in shown.visible_text
    await chat.press("Keep")
    chat.expect("Added to Data (1 so far)")
    chat.expect("Added to Assessment (1 so far)")
    chat.expect("Added to Plan (1 so far)")
    await speak(chat, speech, "We agreed the plan should change.")
    chat.expect_not("by section")
    await chat.press("Keep")
    chat.expect("Added to Plan (2 so far)")


async def test_discard_at_review_loses_nothing_else(dictating):
    chat, speech = dictating
    await chat.start_note("A.B.", "soap")
    await chat.say("Slept better.")
    await chat.say("done")
    await speak(chat, speech, "Something said by mistake.")
    await chat.press("Discard")
    chat.expect("Discarded. Nothing was added.")
    await chat.say("back")
    chat.expect("Plan (4/4)")
    await chat.say("done")
    review = chat.expect("SOAP note · A.B. · draft").visible_text
    assert "Slept better." in review and "by mistake" not in review


async def test_a_command_typed_while_a_transcript_waits_acts_and_the_transcript_still_waits(
    dictating,
):
    chat, speech = dictating
    await chat.start_note("A.B.", "soap")
    await speak(chat, speech, "Mood brighter this week.")
    await chat.say("/drafts")
    chat.expect("Unfinished notes (1)")
    chat.expect("I heard", "Mood brighter this week.")
    await chat.press("Keep")
    chat.expect("Added to Subjective (1 so far)")


async def test_signing_while_a_transcript_waits_at_review_keeps_the_transcript(dictating):
    chat, speech = dictating
    await chat.start_note("A.B.", "soap")
    for text in ("Slept better.", "Calm.", "Improving.", "Continue weekly."):
        await chat.say(text)
        await chat.say("next")
    review = chat.expect("SOAP note · A.B. · draft")
    await speak(chat, speech, "Called her sister on Sunday.")
    chat.expect("I heard", "Called her sister")
    await chat.press_on(review, "Sign")
    chat.expect("Signed")
    shown = chat.expect("I heard", "Called her sister", "not in a note")
    assert "📝 Start a note with it" in shown.buttons
    await chat.press("Discard")
    chat.expect("Discarded")
