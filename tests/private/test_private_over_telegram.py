"""/private over Telegram: write a private note typed and dictated, list and read it back."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Client, Note, PrivateNote


async def private_notes(services) -> list[PrivateNote]:
    async with services.database.transaction() as session:
        notes = list(await session.scalars(select(PrivateNote).order_by(PrivateNote.created_at)))
        for note in notes:
            note.text = note.body  # decrypted while the session is open
        return notes


async def test_typed_and_dictated_messages_make_one_private_note(dictating, services, clock):
    chat, speech = dictating
    await chat.onboard()
    await chat.say("/private A.B.")
    chat.expect("Private note · A.B.", "never appear in /status")
    await chat.say("Countertransference: I felt protective when she spoke of her father.")
    chat.expect("Added (1 so far)")
    speech.lines.append("Hypothesis: the avoidance protects her from grief.")
    await chat.send_voice(b"OggS spoken private note", duration=4)
    chat.expect("I heard", "Hypothesis: the avoidance protects her from grief.")
    await chat.press("Keep")
    chat.expect("Added (2 so far)")
    await chat.say("done")
    chat.expect("Private note saved · A.B., 2 message(s)")
    await chat.say("Anything after done is not part of the note.")
    chat.expect_not("Added")

    (note,) = await private_notes(services)
    assert note.text == (
        "Countertransference: I felt protective when she spoke of her father.\n\n"
        "Hypothesis: the avoidance protects her from grief."
    )
    async with services.database.transaction() as session:
        assert (await session.scalars(select(Note))).all() == []  # no progress note was made
        client = await session.get(Client, note.client_id)
        assert client.code == "A.B."


async def test_list_shows_dates_and_a_tap_reads_one_in_the_chat(chat, services, clock):
    await chat.onboard()  # America/New_York; the clock starts at 30 Nov 2026 15:00 UTC
    await chat.say("/private A.B.")
    await chat.say("First session thoughts.")
    await chat.say("cancel")
    chat.expect("Private note saved · A.B., 1 message(s)")
    clock.advance(days=7)
    await chat.say("/private a.b.")  # codes are not case-sensitive, as with /note
    await chat.say("Second session thoughts.")
    await chat.say("/cancel")
    chat.expect("Cancelled")

    await chat.say("/private A.B. list")
    listing = chat.expect("Private notes for A.B.")
    assert listing.buttons == ["07 Dec 2026 10:00", "30 Nov 2026 10:00"]
    assert "thoughts" not in listing.visible_text  # the text only on request
    await chat.press("30 Nov 2026")
    shown = chat.expect("Private note · A.B. · 30 Nov 2026 10:00")
    assert "First session thoughts." in shown.visible_text
    assert "Second" not in shown.visible_text
    assert len(await private_notes(services)) == 2


async def test_picking_a_client_by_button_or_typed_code(chat, services):
    await chat.onboard()
    await chat.say("/private")
    chat.expect("Private note for which client? Type a code")
    await chat.say("not a code!")
    chat.expect("A client code is initials or an alias")
    await chat.say("C.D.")
    chat.expect("Private note · C.D.")
    await chat.say("done")
    chat.expect("Closed. Nothing was written, so no private note was saved.")
    await chat.say("/private")
    assert chat.buttons() == ["C.D."]
    await chat.press("C.D.")
    chat.expect("Private note · C.D.")
    await chat.say("Noted after the button.")
    chat.expect("Added (1 so far)")
    (note,) = await private_notes(services)
    assert note.text == "Noted after the button."


async def test_bad_input_is_answered_and_loses_nothing(chat, services):
    await chat.onboard()
    await chat.say("/private Z.Z. list")
    chat.expect("No client with that code")
    await chat.say("/private A.B. show everything")
    chat.expect("Use /private CODE")
    await chat.say("/private A.B.")
    await chat.say("Kept before the sticker.")
    await chat.send_sticker()
    chat.expect("I can't use a sticker here")
    await chat.say("   ")
    chat.expect("That message was empty, so nothing was added")
    await chat.say("x" * 9000)
    chat.expect("longer than 8000 characters")
    await chat.say("Kept after the sticker.")
    chat.expect("Added (2 so far)")
    await chat.say("done")
    (note,) = await private_notes(services)
    assert note.text == "Kept before the sticker.\n\nKept after the sticker."
    await chat.say("/private A.B. list")
    chat.expect("Private notes for A.B.")
    await chat.say("/private Q.Q. list")
    chat.expect("No client with that code")
