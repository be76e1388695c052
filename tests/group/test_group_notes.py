"""Group and individualized group notes end to end: /group through PTB and the fake Bot API."""

from __future__ import annotations

import json

from sqlalchemy import select

from storage.models import Client, Note
from tests.e2e.test_note_linking import give_plan

SHARED = {
    "topic": "Coping with holiday stress.",
    "interventions": "Taught grounding; role-played saying no.",
    "process": "Cohesive; members supported each other.",
}
OWN = {
    "A.B.": ("Alpha shared a family conflict.", "Alpha rated anxiety 5/10.", "Alpha: daily log."),
    "C.D.": ("Charlie mostly listened.", "Charlie practised grounding twice.", "Charlie: 1:1."),
}


async def group_notes(services) -> dict[str, Note]:
    """The signed or draft notes by member code."""
    async with services.database.transaction() as session:
        notes = list(await session.scalars(select(Note)))
        return {(await session.get(Client, note.client_id)).code: note for note in notes}


async def write_shared(chat) -> None:
    for text in SHARED.values():
        await chat.say(text)
        await chat.say("next")


async def write_member(chat, code: str) -> None:
    for text in OWN[code]:
        await chat.say(text)
        await chat.say("next")


async def test_individualized_group_note_files_one_private_note_per_member(chat, services):
    await chat.onboard()
    await chat.say("/group A.B. C.D.")
    chat.expect("Members: A.B., C.D.", "Which note?")
    assert chat.buttons() == ["Group", "Individualized group"]
    await chat.press("Individualized group")
    chat.expect("New Individualized group note for 2 members: A.B., C.D.")
    chat.expect("Group topic (1/6)")
    await chat.say(SHARED["topic"])
    chat.expect("Added to Group topic")
    await chat.press("Next")
    await chat.say(SHARED["interventions"])
    await chat.say("next")
    await chat.say(SHARED["process"])
    await chat.say("next")
    chat.expect("Now A.B. (1/2 members)")
    chat.expect("Participation (4/6)", "How did this member take part?")
    await write_member(chat, "A.B.")
    chat.expect("Now C.D. (2/2 members)")
    await chat.say("back")
    chat.expect("Plan (6/6)", OWN["A.B."][2])
    await chat.say("next")
    await write_member(chat, "C.D.")
    review = chat.expect("Individualized group note · 2 members · draft")
    for text in [*SHARED.values(), *OWN["A.B."], *OWN["C.D."]]:
        assert text in review.visible_text
    await chat.press("Sign all")
    chat.expect("Signed 2 Individualized group notes, one per member: A.B., C.D.")

    notes = await group_notes(services)
    assert {n.status for n in notes.values()} == {"signed"}
    assert len({n.group_id for n in notes.values()}) == 1
    for code, note in notes.items():
        other = "C.D." if code == "A.B." else "A.B."
        stored = json.dumps([note.content, note.tags])
        for key, text in SHARED.items():
            assert note.content[key][0]["text"] == text
        for text in OWN[code]:
            assert text in stored
        # Privacy between members: nothing of the other member, not even the code.
        for text in OWN[other]:
            assert text not in stored
        assert other not in stored
    await chat.say("/drafts")
    chat.expect("No unfinished notes.")


async def test_group_note_shares_every_section_and_resumes_from_drafts(chat, services):
    await chat.start_note("Q.R.", "soap")  # a recent client to tap
    await chat.say("cancel")
    await chat.say("/group")
    chat.expect("Who was in the group?", "tap recent clients")
    await chat.press("Q.R.")
    chat.expect("Picked so far: Q.R.")
    await chat.press("Continue")
    chat.expect("at least 2 members; I have 1")
    await chat.say("E.F.")
    chat.expect("Members: E.F., Q.R.")
    await chat.press("Group")
    chat.expect("Group topic (1/4)")
    await chat.say(SHARED["topic"])
    await chat.say("next")
    await chat.say("cancel")
    chat.expect("Saved as drafts: Group notes for E.F., Q.R.")
    await chat.say("/drafts")
    chat.expect("E.F. · Group", "Q.R. · Group")
    await chat.press("Resume Q.R. Group")  # not the lead: the shared text lives in E.F.'s note
    chat.expect("Interventions (2/4)")
    await chat.say(SHARED["interventions"])
    await chat.say("next")
    await chat.say(SHARED["process"])
    await chat.say("done")
    chat.expect("Group note · 2 members · draft", SHARED["topic"], SHARED["process"])
    await chat.press("Sign all")
    chat.expect("Signed 2 Group notes, one per member: E.F., Q.R.")
    notes = await group_notes(services)
    group = [notes["E.F."], notes["Q.R."]]
    assert all(n.status == "signed" for n in group)
    for key, text in SHARED.items():
        assert all(n.content[key][0]["text"] == text for n in group)


async def test_resumed_member_draft_continues_with_the_next_member(chat, services):
    await chat.onboard()
    await chat.say("/group A.B. C.D.")
    await chat.say("individualized group")
    await write_shared(chat)
    await write_member(chat, "A.B.")
    await chat.say(OWN["C.D."][0])
    await chat.say("/cancel")
    chat.expect("Saved as drafts: Individualized group notes for A.B., C.D.")
    drafts = await group_notes(services)
    # The shared text is already in every member's draft, the other's own text is not.
    assert drafts["C.D."].content["topic"][0]["text"] == SHARED["topic"]
    assert OWN["A.B."][0] not in json.dumps(drafts["C.D."].content)
    await chat.say("/drafts")
    await chat.press("Resume C.D.")
    chat.expect("Participation (4/6)", OWN["C.D."][0])
    await chat.say("next")
    await chat.say(OWN["C.D."][1])
    await chat.say("done")
    await chat.press("Sign all")
    chat.expect("Not signed yet; still empty: C.D. · Plan")
    await chat.press("C.D. · Plan")
    chat.expect("Plan (6/6)")
    await chat.say(OWN["C.D."][2])
    await chat.say("next")
    await chat.press("Sign all")
    chat.expect("Signed 2 Individualized group notes")
    notes = await group_notes(services)
    assert notes["C.D."].content["plan"][0]["text"] == OWN["C.D."][2]
    assert OWN["C.D."][2] not in json.dumps(notes["A.B."].content)


async def test_bad_member_input_gets_a_clear_answer_and_keeps_the_picks(chat, services):
    await chat.onboard()
    await chat.say("/group A.B. C/D")
    chat.expect("“C/D” is not a client code")
    await chat.say("A.B.")
    chat.expect("at least 2 members; I have 1")
    await chat.say(" ".join(f"M{n}" for n in range(13)))
    chat.expect("at most 12 members; I have 13")
    await chat.say("A.B., C.D.")
    chat.expect("Members: A.B., C.D.")
    await chat.say("triad")
    chat.expect("Please pick Group or Individualized group")
    async with services.database.transaction() as session:
        assert list(await session.scalars(select(Note))) == []
        codes = {c.code for c in await session.scalars(select(Client))}
    assert codes == {"A.B.", "C.D."}  # no client rows for the refused lists


async def test_note_picker_offers_only_individual_templates(chat):
    await chat.onboard()
    await chat.say("/note A.B.")
    assert "Group" not in chat.buttons() and "Individualized group" not in chat.buttons()
    assert "SOAP" in chat.buttons()
    await chat.say("group")
    chat.expect("I don't have that template")


async def test_only_member_sections_link_to_that_members_plan(chat, services, clock):
    await chat.onboard()
    await give_plan(services, clock)  # A.B. has the panic plan; C.D. has none
    await chat.say("/group A.B. C.D.")
    await chat.press("Individualized group")
    await chat.say("Taught diaphragmatic breathing to the group.")
    chat.expect("Added to Group topic")
    chat.expect_not("🔗")
    await chat.say("next")
    await chat.say("Group practised breathing exercises.")
    await chat.say("next")
    await chat.say("Supportive.")
    await chat.say("next")
    await chat.say("She did not practice the breathing exercises this week.")
    chat.expect("🔗 O1", "worsened")
    for text in ("Engaged.", "Breathing log."):
        await chat.say("next")
        await chat.say(text)
    await chat.say("next")
    await write_member(chat, "C.D.")
    await chat.press("Sign all")
    chat.expect("Signed 2 Individualized group notes")
    notes = await group_notes(services)
    tags = notes["A.B."].tags
    linked = {key for key, found in tags.items() if any(s["tags"] for s in found)}
    assert linked == {"participation", "plan"}  # "did not practice…" and "Breathing log."
    assert not tags.keys() & SHARED.keys()  # shared group text is not the member's evidence
    assert not notes["C.D."].tags


async def test_editing_a_shared_message_reaches_every_members_note(chat, services):
    await chat.onboard()
    await chat.say("/help")
    chat.expect("/group [CODES]")
    await chat.say("/group A.B. C.D.")
    await chat.press("Group")
    typo = await chat.say("Coping with holliday stress.")
    await chat.edit(typo, SHARED["topic"])
    chat.expect("Updated: your edited message now reads that way in Group topic.")
    for text in list(SHARED.values())[1:]:
        await chat.say("next")
        await chat.say(text)
    await chat.say("done")
    await chat.press("Sign all")
    notes = await group_notes(services)
    for note in notes.values():
        assert note.status == "signed" and note.content["topic"][0]["text"] == SHARED["topic"]
        assert "holliday" not in json.dumps(note.content)


async def test_a_member_whose_own_sections_touch_no_objective_is_named_before_signing(
    chat, services, clock
):
    await chat.onboard()
    await give_plan(services, clock)  # A.B. has the panic plan; C.D. has none
    await chat.say("/group A.B. C.D.")
    await chat.press("Individualized group")
    await write_shared(chat)
    await write_member(chat, "A.B.")  # about family, anxiety 5/10 and a log: no objective of A.B.
    await write_member(chat, "C.D.")

    await chat.press("Sign all")

    chat.expect("Not signed yet: the own sections of A.B. address no objective of their plan")
    assert {note.status for note in (await group_notes(services)).values()} == {"draft"}
    await chat.press("Sign all anyway")
    chat.expect("Signed 2 Individualized group notes")
    assert {note.status for note in (await group_notes(services)).values()} == {"signed"}
