"""/lock: a PIN locks the chat; every PIN message is deleted; the note waits where it was."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import Note
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
    chat.expect("This chat is locked", "Send your PIN")
    wrong = await chat.say("11112222")
    chat.expect("That PIN is not right. 4 more tries")
    right = await chat.say(PIN)
    chat.expect("Unlocked")
    assert {wrong, right} <= deleted(api)
    assert await notes_stored(services) == 0

    await chat.say("/note A.B. soap")
    chat.expect("Subjective (1/4)")


async def test_unlocking_returns_to_the_note_and_what_was_refused_is_not_kept(chat, services):
    await chat.onboard()
    await set_pin(chat)
    await chat.say(PIN)
    await chat.start_note("A.B.", "soap")
    await chat.say("Client reports better sleep.")
    await chat.say("/lock")
    chat.expect("Locked. Send your PIN to unlock.")

    await chat.say("Typed while locked.")
    chat.expect("This chat is locked", "then send that again")
    await chat.say(PIN)
    await chat.say("Appetite improved.")

    chat.expect("Added to Subjective (2 so far)")
    async with services.database.transaction() as session:
        note = (await session.scalars(select(Note))).one()
    assert [entry["text"] for entry in note.content["subjective"]] == [
        "Client reports better sleep.",
        "Appetite improved.",
    ]


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

    chat.expect("This chat is locked")
    assert speech.lines == ["Client slept well this week."]
    assert not chat.api.calls_of("getFile")
    await chat.say(PIN)
    await chat.send_voice(b"OggS spoken once unlocked", duration=4)
    assert speech.lines == [] and chat.api.calls_of("getFile")
