"""Client codes usually end in a full stop ("A.B."); a sentence naming one never ends in "..".

Private notes need the speech stand-in (the /private flow offers dictation), hence `dictating`.
"""

from __future__ import annotations


def doubled_stops(chat) -> list[str]:
    return [reply.visible_text for reply in chat.replies if ".." in reply.visible_text]


async def test_starting_notes_for_a_code_ending_in_a_full_stop(dictating):
    chat, _ = dictating
    await chat.onboard()
    for command, started in [
        ("/note A.B. soap", "New SOAP note · A.B."),
        ("/private A.B.", "Private note · A.B."),
    ]:
        await chat.say("cancel")
        await chat.say(command)
        chat.expect(started)
        assert doubled_stops(chat) == []
    await chat.say("cancel")
    await chat.say("/group A.B. C.D.")
    await chat.press("Individualized group")
    chat.expect("New Individualized group note for 2 members: A.B., C.D.")
    assert doubled_stops(chat) == []
