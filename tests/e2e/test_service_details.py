"""Service details through PTB: date of service (today unless changed), start, length, format,
asked as a note starts and from the review screen; shown in /drafts and every export; covered by
the fingerprint; a date in the future or over a year back asks first. The clock stands at
Mon 30 Nov 2026 10:00 in the clinician's New York."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.reminders.dispatcher import Dispatcher
from bot.telegram.sender import make_sender
from storage.integrity import verify_note
from storage.models import Note
from tests.conftest import CLINICIAN
from tests.export.test_export_over_telegram import fhir_text, pdf_text
from tests.reminders.support import cycle

SOAP = ["subjective", "objective", "assessment", "plan"]


async def write_sections(chat, *texts: str) -> None:
    for text in texts:
        await chat.say(text)
        await chat.say("next")


async def only_note(services) -> Note:
    async with services.database.transaction() as session:
        return await session.scalar(select(Note))


async def test_a_note_is_dated_today_and_one_tap_changes_day_and_format_then_every_export_has_it(
    chat,
):
    await chat.start_note("A.B.", "soap")
    offer = chat.expect("Date of service: Mon 30 Nov 2026", "format not recorded yet")
    chat.expect("Subjective (1/4)")
    assert offer.buttons[:2] == ["✓ Today", "Yesterday"]
    await chat.say("Slept better this week.")
    await chat.press_on(offer, "video")
    chat.expect("✓ 🗓 Date of service: Mon 30 Nov 2026 · video")
    assert chat.buttons()[:4] == ["✓ Today", "Yesterday", "Other date", "in person"]
    await chat.press("Yesterday")
    chat.expect("Date of service: Sun 29 Nov 2026 · video")
    await chat.say("next")
    await write_sections(chat, "Alert, on time.", "Improving.", "Same plan.")

    review = chat.expect("SOAP note · A.B. · draft", "Date of service: Sun 29 Nov 2026 · video")
    assert "Slept better this week." in review.visible_text
    await chat.press("Service details")
    await chat.press("Start time")
    chat.expect("When did the session start?")
    await chat.say("2:30 pm")
    chat.expect("SOAP note · A.B. · draft", "Sun 29 Nov 2026 · started 14:30 · video")
    await chat.press("Service details")
    await chat.press("Other length")
    await chat.say("50 min")
    chat.expect("Date of service: Sun 29 Nov 2026 · started 14:30 · 50 min · video")
    await chat.press("Sign")
    chat.expect("Signed: SOAP · A.B.")

    line = "Date of service: Sun 29 Nov 2026 · started 14:30 · 50 min · video"
    files = {}
    for label in ("Text", "PDF", "FHIR"):
        await chat.say("/export A.B.")
        await chat.press(label)
        (files[label],) = chat.documents
    assert line in files["Text"].data.decode()
    assert line in pdf_text(files["PDF"].data)
    bundle = json.loads(files["FHIR"].data)
    (document,) = [e["resource"] for e in bundle["entry"]
                   if e["resource"]["resourceType"] == "DocumentReference"]
    assert document["context"]["period"] == {
        "start": "2026-11-29T14:30:00-05:00", "end": "2026-11-29T15:20:00-05:00"
    }
    assert "Slept better this week." in fhir_text(files["FHIR"].data)


async def test_the_fingerprint_covers_the_service_details(chat, services):
    await chat.start_note("A.B.", "soap")
    await chat.press_on(chat.expect("Date of service"), "phone")
    await write_sections(chat, "Slept better.", "Alert.", "Improving.", "Same plan.")
    await chat.press("Sign")

    note = await only_note(services)
    assert (note.service_date, note.service_format) == (date(2026, 11, 30), "phone")
    assert verify_note(note) is None
    note.service_date = date(2026, 11, 27)  # detached from its session: never written back
    assert verify_note(note) is not None


async def test_a_typed_date_in_the_future_or_over_a_year_back_asks_first_and_loses_nothing(
    chat, services
):
    await chat.start_note("C.D.", "soap")
    offer = chat.expect("Date of service: Mon 30 Nov 2026")
    await chat.press_on(offer, "Other date")
    chat.expect("Date of service? Type it")
    await chat.say("the day after the thing")
    chat.expect("I can't read that as a date")
    await chat.say("2026-12-25")
    asked = chat.expect("Fri 25 Dec 2026 is in the future. Is that the date of service?")
    assert asked.buttons == ["Yes, Fri 25 Dec 2026", "No, type another date"]
    await chat.press("No, type another date")
    await chat.say("2025-06-01")
    chat.expect("Sun 01 Jun 2025 is more than a year ago")
    await chat.press("Yes, Sun 01 Jun 2025")
    confirmed = chat.expect("✓ 🗓 Date of service: Sun 01 Jun 2025")
    chat.expect("Subjective (1/4)")
    await chat.say("Reports a calmer week.")
    chat.expect("Added to Subjective (1 so far")

    await chat.press_on(confirmed, "Other date")
    await chat.say("12/11")
    chat.expect('"12/11" could be 12 Nov 2026 or 11 Dec 2025')
    await chat.say("Friday")
    confirmed = chat.expect("✓ 🗓 Date of service: Fri 27 Nov 2026")
    await chat.press_on(confirmed, "Start time")
    await chat.say("25:90")
    chat.expect("I can't read that as a time")
    await chat.say("back")
    chat.expect("Subjective (1/4)", "Reports a calmer week.")

    note = await only_note(services)
    assert note.service_date == date(2026, 11, 27) and note.service_start is None
    assert note.content["subjective"][0]["text"] == "Reports a calmer week."


async def test_drafts_show_the_date_of_service(chat):
    await chat.start_note("A.B.", "soap")
    await chat.press_on(chat.expect("Date of service"), "Other date")
    await chat.say("last Wednesday")
    chat.expect("Date of service: Wed 25 Nov 2026")
    await chat.say("Reports sleeping five hours.")
    await chat.say("cancel")
    await chat.say("/drafts")
    chat.expect("A.B. · SOAP · session Wed 25 Nov", "1/4 sections")


async def test_a_group_records_its_members_present_and_shares_one_date(chat, services):
    await chat.onboard()
    await chat.say("/group A.B. C.D.")
    await chat.press("Group")
    offer = chat.expect("Date of service: Mon 30 Nov 2026")
    await chat.press_on(offer, "in person")
    await chat.press("Yesterday")
    for text in ("Coping with holiday stress.", "Grounding.", "Cohesive.", "Same time."):
        await chat.say(text)
        await chat.say("next")
    review = chat.expect("Group note · 2 members · draft")
    assert "Date of service: Sun 29 Nov 2026 · in person" in review.visible_text
    assert "Present: A.B., C.D." in review.visible_text
    await chat.press("Sign all")

    async with services.database.transaction() as session:
        notes = list(await session.scalars(select(Note)))
    served = {(n.service_date, n.service_format) for n in notes}
    assert served == {(date(2026, 11, 29), "in-person")}
    assert all(n.present == ["A.B.", "C.D."] for n in notes)
    await chat.say("/export C.D. text")
    (sent,) = chat.documents
    text = sent.data.decode()
    assert "Sun 29 Nov 2026 · in person · group session, 2 members present" in text
    assert "A.B." not in text  # another member's code is never in this client's record


async def test_the_digest_counts_late_notes_by_date_of_service_not_by_when_begun(
    chat, services, clock, telegram
):
    app, api = telegram
    dispatcher = Dispatcher(services, make_sender(app.bot), worker="e2e")
    await chat.start_note("A.B.", "soap")
    await chat.press_on(chat.expect("Date of service"), "Other date")
    await chat.say("2026-11-25")  # five days back: late, though begun today
    await chat.say("cancel")
    await chat.start_note("C.D.", "soap")  # today's session: not late
    await chat.say("cancel")
    await cycle(services, dispatcher)
    clock.set(datetime(2026, 11, 30, 22, 0, tzinfo=UTC))  # 17:00 in New York
    await cycle(services, dispatcher)

    digest = api.messages_in(CLINICIAN)[-1].visible_text
    assert digest == (
        "2 notes are waiting (the oldest for 7 h). "
        "1 of them is late: its session was more than 3 days ago."
    )
    assert "A.B." not in digest and "25 Nov" not in digest
