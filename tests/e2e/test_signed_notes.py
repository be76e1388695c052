"""/notes through PTB: a client's signed notes listed by date of service, one shown in full with
its integrity line, service details, objectives with their text and plan version, and addenda.
The review screen names linked objectives with their text too."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from tests.e2e.test_note_linking import give_plan
from tests.e2e.test_service_details import write_sections

BREATHING = "O1 Practice diaphragmatic breathing at least 5 days per week"


async def sign_dated(chat, code: str, day: str | None, *sections: str) -> None:
    """A SOAP note for `code`, dated `day` as typed (today when None), signed."""
    await chat.start_note(code, "soap")
    if day is not None:
        await chat.press_on(chat.expect("Date of service"), "Other date")
        await chat.say(day)
    await write_sections(chat, *sections)
    await chat.press("Sign")
    chat.expect(f"Signed: SOAP · {code}")


async def test_notes_lists_by_date_of_service_and_shows_one_in_full_with_its_addenda(
    chat, services, clock
):
    await chat.onboard()
    await give_plan(services, clock)
    await chat.start_note("A.B.", "soap")
    await write_sections(chat, "Practised diaphragmatic breathing on four days.", "Calm.",
                         "Breathing practice helps.", "Keep practising.")
    review = chat.expect("SOAP note · A.B. · draft")
    assert f"Objectives linked:\n🎯 {BREATHING}" in review.visible_text
    await chat.press("Service details")
    await chat.press("video")
    await chat.press("Sign")
    chat.expect("Signed: SOAP · A.B.")
    # Written an hour later, for an earlier session: listed below it all the same.
    clock.set(datetime(2026, 11, 30, 16, 0, tzinfo=UTC))
    await sign_dated(chat, "A.B.", "2026-11-20", "Skipped the breathing practice.",
                     "Tired.", "Flat.", "Review.")
    await chat.say("/addendum A.B.")
    await chat.press("A.B. · SOAP · 30 Nov 10:00")
    await chat.say("Client called: safety plan confirmed.")

    await chat.say("/notes A.B.")
    chat.expect("A.B.: 2 signed note(s), the latest session first")
    assert chat.buttons() == ["Mon 30 Nov 2026 · SOAP · video", "Fri 20 Nov 2026 · SOAP"]
    await chat.press("Mon 30 Nov 2026")
    shown = chat.expect("✅ Integrity: unchanged since it was signed").visible_text
    for expected in (
        "SOAP note · A.B. · signed\nDate of service: Mon 30 Nov 2026 · video",
        "Subjective\nPractised diaphragmatic breathing on four days.",
        "Objectives addressed: O1",
        f"{BREATHING} (plan version 1)",
        "SHA-256 ",
        "Client called: safety plan confirmed.",
    ):
        assert expected in shown, expected
    assert "Skipped the breathing practice." not in shown

    await chat.say("/notes A.B.")
    await chat.press("Fri 20 Nov 2026")
    chat.expect("Date of service: Fri 20 Nov 2026", "Skipped the breathing practice.")
    chat.expect_not("safety plan confirmed")


async def test_a_note_changed_behind_the_record_s_back_shows_as_broken(chat, services):
    await sign_dated(chat, "A.B.", None, "Slept better.", "Alert.", "Improving.", "Same plan.")
    async with services.database.transaction() as session:
        # Only a hand on the database itself can do this: the storage layer and the trigger
        # refuse it.
        await session.execute(text("DROP TRIGGER signed_note_no_update"))
        await session.execute(text("UPDATE notes SET service_date = '2026-11-01'"))
    await chat.say("/notes A.B.")
    await chat.press("Sun 01 Nov 2026")
    chat.expect("⚠️ Integrity: this note no longer matches the fingerprint", "Slept better.")


async def test_notes_asks_for_a_client_and_never_makes_one_from_a_typo(chat):
    await chat.onboard()
    await chat.say("/notes")
    chat.expect("Type /notes and a client's code")
    await chat.say("/notes Z.Z.")
    chat.expect("No client with the code Z.Z.")
    await sign_dated(chat, "C.D.", None, "Slept better.", "Alert.", "Improving.", "Same plan.")
    await chat.start_note("E.F.", "soap")
    await chat.say("cancel")
    await chat.say("/notes")
    chat.expect("Whose signed notes?")
    await chat.press("E.F.")
    chat.expect("E.F. has no signed notes yet")
    await chat.say("/notes")
    await chat.press("C.D.")
    chat.expect("C.D.: 1 signed note(s)")
    await chat.say("/notes Z.Z.")
    chat.expect("No client with the code Z.Z.")


async def test_a_note_that_cannot_be_decrypted_is_said_so_and_the_list_still_works(
    chat, services, clock
):
    await sign_dated(chat, "A.B.", None, "Slept better.", "Alert.", "Improving.", "Same plan.")
    clock.set(datetime(2026, 11, 30, 16, 0, tzinfo=UTC))
    await sign_dated(chat, "A.B.", "2026-11-20", "Tired.", "Flat.", "Low.", "Review.")
    async with services.database.transaction() as session:
        await session.execute(text("DROP TRIGGER signed_note_no_update"))
        await session.execute(
            text("UPDATE notes SET content = :junk WHERE service_date = '2026-11-20'"),
            {"junk": b"\x01" * 40},
        )
    await chat.say("/notes A.B.")
    assert chat.buttons() == ["Mon 30 Nov 2026 · SOAP", "Fri 20 Nov 2026 · SOAP"]
    await chat.press("Fri 20 Nov 2026")
    chat.expect("⚠️ This note cannot be read")
    await chat.say("/notes A.B.")
    await chat.press("Mon 30 Nov 2026")
    chat.expect("✅ Integrity", "Slept better.")
