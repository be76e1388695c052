"""Notes end to end through the real PTB Application and the fake Bot API."""

from __future__ import annotations

from bot.telegram.application import build_application
from storage.models import Note
from tests.conftest import CLINICIAN
from tests.support.chat import Chat, deliver, running

REVIEW_BUTTONS = ["✅ Sign", "✏️ Edit a section", "💾 Save as draft", "🗓 Service details"]


async def test_full_soap_note_with_buttons_and_typed_words(chat, telegram):
    _, api = telegram
    await chat.say("/start")
    chat.expect("time zone")
    await chat.press("New York")
    chat.expect("America/New_York", "a digest at 17:00", "/lock puts a PIN")
    await chat.say("/note")
    chat.expect("Which client?")
    await chat.say("A.B.")
    chat.expect("Which template?")
    await chat.press("SOAP")
    chat.expect("Subjective (1/4)", "What did the client report")
    await chat.say("Reports panic attacks twice this week.")
    chat.expect("Added to Subjective (1 so far")
    await chat.say("Practised breathing 3 days.")
    chat.expect("Added to Subjective (2 so far")
    await chat.press("Next")
    chat.expect("Objective (2/4)")
    await chat.say("Anxious affect; GAD-7 = 12.")
    await chat.say("back")
    chat.expect("Subjective (1/4)", "Practised breathing 3 days.")
    await chat.say("Next")
    await chat.say("next")
    chat.expect("Assessment (3/4)")
    await chat.say("Partial progress toward O1.")
    await chat.press("Next")
    await chat.say("Continue interoceptive exposure.")
    await chat.say("DONE")
    review = chat.expect("SOAP note · A.B. · draft")
    assert "Reports panic attacks twice this week." in review.visible_text
    assert "Continue interoceptive exposure." in review.visible_text
    assert chat.buttons() == REVIEW_BUTTONS
    await chat.press("Sign")
    chat.expect("Signed: SOAP · A.B.", "America/New_York", "Fingerprint")
    await chat.say("/drafts")
    chat.expect("No unfinished notes.")
    commands = api.calls_of("setMyCommands")
    assert commands and "note" in str(commands[-1].params)


async def test_dap_note_resumed_from_drafts_where_it_stopped(chat):
    await chat.start_note("C.D.", "dap")
    await chat.say("Client described conflict with partner.")
    await chat.say("next")
    chat.expect("Assessment (2/3)")
    await chat.say("cancel")
    chat.expect("Saved as a draft: DAP · C.D., 1/3 sections")
    await chat.say("/drafts")
    chat.expect("C.D. · DAP", "1/3 sections")
    await chat.press("Resume C.D. DAP")
    chat.expect("Assessment (2/3)")
    await chat.say("Insight improving.")
    await chat.say("next")
    await chat.say("Weekly sessions.")
    await chat.say("done")
    review = chat.expect("DAP note · C.D.")
    assert "Client described conflict with partner." in review.visible_text
    assert "Insight improving." in review.visible_text


async def test_a_stranger_gets_one_refusal_and_nothing_is_stored(telegram, services):
    app, api = telegram
    stranger = Chat(app, api, user_id=4242)
    await stranger.say("/start")
    stranger.expect("not on its list")
    await stranger.say("/note X.Y. soap")
    assert stranger.replies == []
    async with services.database.transaction() as session:
        from storage.models import Clinician

        assert await session.get(Clinician, 4242) is None


async def test_signing_requires_the_required_sections(chat):
    await chat.start_note("E.F.", "birp")
    await chat.say("Withdrawn, flat affect.")
    await chat.say("done")
    await chat.press("Sign")
    chat.expect("Not signed yet", "Intervention", "Response", "Plan")
    await chat.press("Intervention")
    chat.expect("Intervention (2/4)")


async def test_restart_mid_note_resumes_with_nothing_lost(services, chat, telegram):
    _, api = telegram
    await chat.start_note("G.H.", "soap")
    await chat.say("First words before the crash.")
    # A new Application over the same database and the same Telegram: a restarted process.
    restarted = build_application(services, builder=api.application_builder())
    async with running(restarted):
        again = Chat(restarted, api, CLINICIAN)
        await again.say("More words after the restart.")
        again.expect("Added to Subjective (2 so far")
        await again.say("done")
        review = again.expect("SOAP note · G.H.")
        assert "First words before the crash.\nMore words after the restart." in review.visible_text


async def test_an_edited_message_updates_its_section(chat, services):
    await chat.start_note("J.K.", "soap")
    message_id = await chat.say("Slept 4 hours.")
    await chat.edit(message_id, "Slept 6 hours.")
    chat.expect("Updated", "Subjective")
    await chat.say("done")
    review = chat.expect("SOAP note · J.K.")
    assert "Slept 6 hours." in review.visible_text
    assert "Slept 4 hours." not in review.visible_text


async def test_unexpected_things_get_a_short_answer_and_the_draft_is_untouched(chat, services):
    await chat.start_note("L.M.", "soap")
    await chat.say("Kept text.")
    await chat.send_sticker()
    chat.expect("can't use a sticker")
    await chat.send_photo()
    chat.expect("can't use a photo")
    await chat.say("x" * 9000)
    chat.expect("longer than 8000 characters")
    await chat.say("/nonsense")
    chat.expect("I don't know /nonsense")
    await chat.say("done")
    review = chat.expect("SOAP note · L.M.")
    assert "Kept text." in review.visible_text
    assert "xxxx" not in review.visible_text


async def test_long_replies_are_split_under_telegrams_limit(chat, telegram):
    _, api = telegram
    await chat.start_note("N.O.", "soap")
    for _ in range(3):
        await chat.say("word " * 1500)
    await chat.say("done")
    sent = [m for m in chat.replies if not m.edited]
    assert len(sent) >= 2
    assert all(len(m.visible_text) <= 4096 for m in sent)
    assert sent[-1].buttons == REVIEW_BUTTONS


async def test_duplicate_delivery_of_an_update_is_processed_once(chat, telegram, services):
    app, api = telegram
    await chat.start_note("P.Q.", "soap")
    update = api.updates.message(CLINICIAN, "Only once.")
    await deliver(app, update)
    await deliver(app, update)
    added = [m for m in api.messages_in(CLINICIAN) if "Added to Subjective" in m.visible_text]
    assert len(added) == 1, "a redelivered update is neither processed nor answered again"
    async with services.database.transaction() as session:
        from sqlalchemy import select

        note = (await session.scalars(select(Note))).one()
        assert [e["text"] for e in note.content["subjective"]] == ["Only once."]


async def test_after_signing_an_edit_is_refused_and_nothing_changes(chat, services):
    await chat.start_note("R.S.", "dap")
    first = await chat.say("Original data.")
    await chat.say("next")
    await chat.say("Assessment text.")
    await chat.say("next")
    await chat.say("Plan text.")
    await chat.say("done")
    await chat.press("Sign")
    chat.expect("Signed: DAP · R.S.")
    await chat.edit(first, "Rewritten after signing.")
    chat.expect("signed note, which can no longer change")
    async with services.database.transaction() as session:
        from sqlalchemy import select

        note = (await session.scalars(select(Note))).one()
        assert note.status == "signed" and len(note.content_hash) == 64
        assert note.content["data"][0]["text"] == "Original data."


async def test_a_note_can_be_started_in_plain_words(chat):
    await chat.onboard()
    await chat.say("New SOAP note for A.B.")
    chat.expect("New SOAP note · A.B.")
    chat.expect("Subjective (1/4)")
    await chat.say("cancel")
    await chat.say("start a note for Robin.")
    chat.expect("Which template?")
    await chat.press("BIRP")
    chat.expect("New BIRP note · Robin")
