"""/export: a client's signed notes as one text file, and nothing a clinician did not sign."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from storage.models import Client, Note
from tests.e2e.test_note_linking import give_plan


async def sign_note(chat, code: str, *sections: str, template: str = "soap") -> None:
    await chat.start_note(code, template)
    for text in sections:
        await chat.say(text)
        await chat.say("next")
    await chat.press("Sign")
    chat.expect(f"Signed: {template.upper()} · {code}")


async def test_signed_notes_with_fingerprint_links_and_addenda_go_into_one_file(
    chat, services, clock
):
    await chat.onboard()
    await give_plan(services, clock)
    await sign_note(
        chat,
        "A.B.",
        "Practised diaphragmatic breathing on four days.",
        "Calm, on time.",
        "Panic attacks fewer.",
        "Continue breathing practice.",
    )
    await chat.say("/addendum A.B.")
    await chat.press("A.B. · SOAP")
    await chat.say("Client called after session: safety plan confirmed.")
    await chat.start_note("A.B.", "dap")
    await chat.say("Draft text that is not signed.")

    await chat.say("/export A.B.")
    chat.expect("A.B.: 1 signed note(s). Which file?")
    await chat.press("Text")

    chat.expect("A.B.: 1 signed note(s)", "text file")
    chat.expect("1 unfinished note(s) of A.B. are not in it")
    (sent,) = chat.documents
    assert re.fullmatch(r"record-\d{8}-\d{6}-[0-9a-f]{8}\.txt", sent.filename)
    text = sent.data.decode("utf-8")
    async with services.database.transaction() as session:
        fingerprint = await session.scalar(select(Note.content_hash).where(Note.status == "signed"))
    assert text.startswith("A.B. · signed progress notes · exported ")
    for expected in (
        "SOAP note · A.B. · signed",
        "Subjective\nPractised diaphragmatic breathing on four days.",
        "Plan\nContinue breathing practice.",
        f"SHA-256 {fingerprint}",
        "Objectives addressed: O1",
        "Client called after session: safety plan confirmed.",
    ):
        assert expected in text, expected
    assert "Draft text that is not signed." not in text


async def test_a_client_is_picked_from_buttons_when_no_code_is_given(chat):
    await chat.onboard()
    await sign_note(chat, "C.D.", "Slept better.", "Alert.", "Improving.", "Same plan.")

    await chat.say("/export")
    chat.expect("Whose signed notes?")
    await chat.press("C.D.")
    await chat.press("Text")

    chat.expect("C.D.: 1 signed note(s)")
    (sent,) = chat.documents
    assert "Slept better." in sent.data.decode()
    await chat.say("Another message")
    chat.expect_not("signed note(s)")


async def test_an_unknown_code_is_answered_and_no_client_is_made(chat, services):
    await chat.onboard()

    await chat.say("/export Z.Z.")

    chat.expect("I don't know a client Z.Z.", "Check the code")
    assert not chat.documents
    async with services.database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Client)) == 0


async def test_drafts_alone_are_not_exported(chat):
    await chat.start_note("E.F.", "soap")
    await chat.say("Only a draft so far.")

    await chat.say("/export E.F.")

    chat.expect("E.F. has no signed notes yet")
    assert not chat.documents
