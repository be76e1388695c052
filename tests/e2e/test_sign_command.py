"""/sign: signs the note on the review screen; a note still being written is shown first."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Note
from tests.group.test_group_notes import group_notes, write_member, write_shared


async def statuses(services) -> list[str]:
    async with services.database.transaction() as session:
        return [note.status for note in await session.scalars(select(Note))]


async def test_sign_mid_note_shows_the_note_and_a_second_sign_signs_it(chat, services):
    await chat.onboard()
    await chat.say("/sign")
    chat.expect("No note is open to sign")
    await chat.start_note("A.B.", "dap")
    for text in ("Client reports better sleep.", "Improving."):
        await chat.say(text)
        await chat.say("next")
    await chat.say("Continue weekly.")

    await chat.say("/sign")
    chat.expect("DAP note · A.B. · draft", "Client reports better sleep.")
    chat.expect("Read it through, then press Sign")
    assert await statuses(services) == ["draft"]

    await chat.say("/sign")
    chat.expect("Signed: DAP · A.B.")
    assert await statuses(services) == ["signed"]
    await chat.say("/sign")
    chat.expect("No note is open to sign")


async def test_sign_refuses_a_note_missing_a_required_section(chat, services):
    await chat.start_note("A.B.", "soap")
    await chat.say("Client reports better sleep.")
    await chat.say("done")

    await chat.say("/sign")

    chat.expect("Not signed yet: Objective, Assessment, Plan is required and still empty")
    assert await statuses(services) == ["draft"]


async def test_sign_at_a_group_review_signs_every_member(chat, services):
    await chat.onboard()
    await chat.say("/group A.B. C.D.")
    await chat.press("Individualized group")
    await write_shared(chat)
    await write_member(chat, "A.B.")
    await write_member(chat, "C.D.")
    chat.expect("Individualized group note")

    await chat.say("/sign")

    chat.expect("Signed 2 Individualized group notes, one per member: A.B., C.D.")
    assert {note.status for note in (await group_notes(services)).values()} == {"signed"}
