"""/lock: a PIN locks the chat; every PIN message is deleted; the note waits where it was, and
what is sent while locked is held, sealed, and handled in order after the PIN."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.dialogue.held import MAX_HELD
from bot.dialogue.lock import MAX_WRONG_PINS
from storage.models import HeldMessage, Note
from tests.conftest import CLINICIAN
from tests.e2e.test_canary import files_bytes
from tests.maintenance.support import wayfinder

PIN = "90817263"


def deleted(api) -> set[int]:
    return {int(call.params["message_id"]) for call in api.calls_of("deleteMessage")}


async def set_pin(chat) -> list[int]:
    """/lock for the first time: the PIN twice; the chat is then locked. Returns message ids."""
    await chat.say("/lock")
    chat.expect("Choose a PIN of 4 to 8 digits")
    first = await chat.say(PIN)
    chat.expect("Send the same PIN once more")
    second = await chat.say(PIN)
    chat.expect("PIN set, and this chat is locked", "After 30 minutes")
    return [first, second]


async def notes_stored(services) -> int:
    async with services.database.transaction() as session:
        return await session.scalar(select(func.count()).select_from(Note))


async def test_setting_a_pin_deletes_every_pin_message_and_only_the_pin_unlocks(
    chat, telegram, services
):
    _, api = telegram
    await chat.onboard()
    await chat.say("/lock")
    typo = await chat.say("12ab")
    chat.expect("A PIN is 4 to 8 digits")
    first = await chat.say(PIN)
    differs = await chat.say("90817264")
    chat.expect("Those two PINs differ")
    ids = [typo, first, differs] + [await chat.say(PIN), await chat.say(PIN)]
    chat.expect("PIN set, and this chat is locked")
    assert set(ids) <= deleted(api)

    await chat.say("/note A.B. soap")
    chat.expect("This chat is locked.", "Kept your message; enter your PIN")
    wrong = await chat.say("11112222")
    chat.expect("That PIN is not right. 4 more tries")
    assert await notes_stored(services) == 0
    right = await chat.say(PIN)
    chat.expect("Unlocked")
    chat.expect("Subjective (1/4)")  # the held /note, handled after the PIN
    assert {wrong, right} <= deleted(api)
    assert await notes_stored(services) == 1


async def held_rows(services) -> list[bytes]:
    async with services.database.transaction() as session:
        return list(await session.scalars(select(HeldMessage.message_sealed)))


async def test_messages_and_a_press_sent_while_locked_are_handled_in_order_after_the_pin(
    chat, services
):
    await chat.onboard()
    await set_pin(chat)
    await chat.say(PIN)
    await chat.start_note("A.B.", "soap")
    await chat.say("Client reports better sleep.")
    added = chat.expect("Added to Subjective")
    await chat.say("/lock")
    chat.expect("Locked. Send your PIN to unlock.")

    for typed in ("Appetite improved.", "Mood brighter."):
        await chat.say(typed)
        chat.expect("This chat is locked.", "Kept your message; enter your PIN")
    await chat.press_on(added, "Next")
    chat.expect("Kept your message")
    await chat.say("Calm and oriented.")
    chat.expect("Kept your message")
    assert len(await held_rows(services)) == 4
    await chat.say(PIN)

    chat.expect("Unlocked")
    chat.expect("Objective (2/4)")  # the press, acted on in its place
    async with services.database.transaction() as session:
        note = (await session.scalars(select(Note))).one()
    assert [entry["text"] for entry in note.content["subjective"]] == [
        "Client reports better sleep.",
        "Appetite improved.",
        "Mood brighter.",
    ]
    assert [entry["text"] for entry in note.content["objective"]] == ["Calm and oriented."]
    assert await held_rows(services) == []


async def test_wrong_pins_and_the_wait_keep_what_is_held(chat, clock):
    await chat.onboard()
    await set_pin(chat)
    await chat.say("/status")
    for _ in range(MAX_WRONG_PINS):
        await chat.say("11112222")
    chat.expect("Too many wrong PINs")
    await chat.say("/drafts")
    chat.expect("Too many wrong PINs. Try again after", "Kept your message")
    clock.advance(minutes=15)
    await chat.say(PIN)
    chat.expect("Unlocked")
    chat.expect("Where you are")  # /status, held through five wrong PINs and the wait
    assert chat.replies[-1].visible_text == "No unfinished notes."  # /drafts, after it


async def test_a_locked_chat_holds_at_most_50_and_says_so(chat, services):
    await chat.onboard()
    await set_pin(chat)
    for number in range(MAX_HELD):
        await chat.say(f"line {number}")
    await chat.say("one too many")
    chat.expect("I already hold 50 messages sent while locked, so this one was not kept")
    assert len(await held_rows(services)) == MAX_HELD


async def test_messages_held_before_a_pin_reset_wait_for_the_new_pin(
    chat, settings, monkeypatch, capsys
):
    await chat.onboard()
    await set_pin(chat)
    await chat.say("/status")
    chat.expect("Kept your message")
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(settings.data_dir))

    assert await wayfinder("reset-pin", str(CLINICIAN)) == 0
    assert "1 messages sent while locked stay held" in capsys.readouterr().out
    await chat.say("/lock")
    await chat.say("24681357")
    await chat.say("24681357")
    chat.expect("1 messages sent while the chat was locked, before the PIN was reset")
    await chat.say("24681357")
    chat.expect("Unlocked")
    chat.expect("Where you are")


async def test_the_chat_locks_itself_after_30_idle_minutes(chat, clock):
    await chat.onboard()
    await set_pin(chat)
    await chat.say(PIN)
    clock.advance(minutes=29)
    await chat.say("/status")
    chat.expect("Where you are")

    clock.advance(minutes=30)
    await chat.say("/status")

    chat.expect("locked itself after 30 minutes without a message")
    await chat.say("/status")
    chat.expect("This chat is locked")
    await chat.say(PIN)
    chat.expect("Unlocked")


async def test_five_wrong_pins_make_the_next_try_wait_15_minutes(chat, clock):
    await chat.onboard()
    await set_pin(chat)
    for left in (4, 3, 2, 1):
        await chat.say("11112222")
        chat.expect(f"{left} more tries")
    await chat.say("11112222")
    chat.expect("Too many wrong PINs. Try again after 10:15", "wayfinder reset-pin")

    await chat.say(PIN)
    chat.expect("Try again after 10:15")
    clock.advance(minutes=15)
    await chat.say(PIN)
    chat.expect("Unlocked")


async def test_a_forgotten_pin_is_removed_by_whoever_runs_wayfinder(
    chat, settings, monkeypatch, capsys
):
    await chat.onboard()
    await set_pin(chat)
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(settings.data_dir))

    assert await wayfinder("reset-pin", str(CLINICIAN)) == 0
    assert "their chat is unlocked" in capsys.readouterr().out
    await chat.say("/status")
    chat.expect("Where you are")
    assert await wayfinder("reset-pin", str(CLINICIAN)) == 1
    assert "has no PIN; nothing changed" in capsys.readouterr().err


async def test_lock_remove_turns_it_off_and_a_pin_is_never_stored_in_the_clear(
    chat, settings
):
    await chat.onboard()
    await chat.say("/lock")
    await chat.say(PIN)
    assert PIN.encode() not in files_bytes(settings)  # between the two entries, too
    await chat.say(PIN)
    await chat.say(PIN)
    assert PIN.encode() not in files_bytes(settings)

    await chat.say("/lock remove")
    chat.expect("The lock is off")
    await chat.say("/lock remove")
    chat.expect("There is no PIN to remove")
    await chat.say("/lock sideways")
    chat.expect("/lock locks this chat now")


async def test_a_voice_message_to_a_locked_chat_is_neither_fetched_nor_transcribed(dictating):
    chat, speech = dictating
    await chat.onboard()
    await set_pin(chat)
    speech.lines.append("Client slept well this week.")

    await chat.send_voice(b"OggS spoken while locked", duration=4)

    chat.expect("This chat is locked.", "I do not listen to voice messages while locked")
    assert speech.lines == ["Client slept well this week."]
    assert not chat.api.calls_of("getFile")
    await chat.say(PIN)
    await chat.send_voice(b"OggS spoken once unlocked", duration=4)
    assert speech.lines == [] and chat.api.calls_of("getFile")
