"""An addendum adds to a signed note; the note itself stays exactly as signed."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Addendum, Note


async def test_addendum_to_a_signed_note_leaves_the_note_unchanged(chat, services):
    await chat.onboard()
    await chat.say("/addendum")
    chat.expect("No signed notes yet")
    await chat.start_note("T.U.", "dap")
    for text in ("Data.", "Assessment.", "Plan."):
        await chat.say(text)
        await chat.say("next")
    await chat.press("Sign")
    await chat.say("/addendum T.U.")
    chat.expect("Which signed note")
    await chat.press("T.U. · DAP")
    await chat.say("Client called after session: safety plan confirmed.")
    chat.expect("Addendum saved", "unchanged")
    await chat.say("/addendum Z.Z.")
    chat.expect("No client with that code")
    async with services.database.transaction() as session:
        note = (await session.scalars(select(Note))).one()
        addendum = (await session.scalars(select(Addendum))).one()
        assert note.status == "signed" and note.content["data"][0]["text"] == "Data."
        assert addendum.note_id == note.id
        assert addendum.body == "Client called after session: safety plan confirmed."
