"""Supervision through PTB: two clinicians, one supervised, and their supervisor.

The supervisee's Sign sends the note on; the supervisor is told without a client's code, reads
it at /cosign, co-signs or returns it with a comment (a new draft, the comment on top, signed
and sent again). Both signatures show in /notes and every export, `verify` passes, and a note
changed after it was sent cannot be co-signed. The other clinician's Sign is unchanged."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from bot.config import Settings
from bot.reminders.dispatcher import Dispatcher
from bot.telegram.sender import make_sender
from storage.models import AuditEvent, Note, NoteCosignature
from storage.verify import verify_database
from tests.conftest import CLINICIAN
from tests.reminders.support import cycle
from tests.support.chat import Chat

SUPERVISOR, OTHER = 3003, 2002
SECTIONS = ("Slept better this week.", "Alert, on time.", "Improving.", "Same plan.")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(
        data_dir=tmp_path / "var",
        allowed_users=frozenset({CLINICIAN, OTHER, SUPERVISOR}),
        console_user=CLINICIAN,
        supervisors={SUPERVISOR: frozenset({CLINICIAN})},
    )


@pytest.fixture
def supervisor(telegram) -> Chat:
    app, api = telegram
    return Chat(app, api, SUPERVISOR, first_name="Sam")


@pytest.fixture
def dispatcher(services, telegram) -> Dispatcher:
    app, _ = telegram
    return Dispatcher(services, make_sender(app.bot), worker="e2e")


async def write(chat: Chat, code: str, *sections: str) -> None:
    await chat.start_note(code, "soap")
    for section in sections:
        await chat.say(section)
        await chat.say("next")


async def audit_actions(services) -> list[str]:
    async with services.database.transaction() as session:
        return list(await session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


async def test_a_supervisee_s_note_is_sent_co_signed_and_shows_both_signatures_everywhere(
    chat, supervisor, services, dispatcher, telegram
):
    _, api = telegram
    await supervisor.onboard("Europe/London")
    await write(chat, "A.B.", *SECTIONS)
    await chat.press("Sign and send for co-signature")
    chat.expect("Signed: SOAP · A.B.")
    chat.expect("Sent to your supervisor for co-signature")

    await cycle(services, dispatcher)
    (notice,) = api.messages_in(SUPERVISOR)[-1:]
    assert notice.visible_text == "A note is waiting for your co-signature (/cosign)."
    assert "A.B." not in notice.visible_text

    await supervisor.say("/cosign")
    supervisor.expect("1 note(s) waiting for your co-signature")
    assert supervisor.buttons() == ["A.B. · SOAP · Mon 30 Nov 2026 · from user 1001"]
    await supervisor.press("A.B. · SOAP")
    shown = supervisor.expect("✅ Integrity", "Slept better this week.").visible_text
    assert "Awaiting co-signature by user 3003" in shown
    assert supervisor.buttons() == ["✅ Co-sign", "↩️ Return with a comment"]
    await supervisor.press("Co-sign")
    supervisor.expect("Co-signed, 30 Nov 2026 15:00 (Europe/London)")
    await supervisor.say("/cosign")
    supervisor.expect("Nothing is waiting for your co-signature.")

    await chat.say("/notes A.B.")
    await chat.press("Mon 30 Nov 2026")
    shown = chat.expect("✅ Integrity").visible_text
    assert "Signed Mon 30 Nov 2026 10:00 by user 1001" in shown
    assert "Co-signed Mon 30 Nov 2026 10:00 by user 3003" in shown
    assert "Co-signature SHA-256 " in shown

    await chat.say("/export A.B. text")
    (sent,) = chat.documents
    assert "Co-signed Mon 30 Nov 2026 10:00 by user 3003" in sent.data.decode()
    await chat.say("/export A.B. fhir")
    (sent,) = chat.documents
    bundle = json.loads(sent.data)
    (document,) = [e["resource"] for e in bundle["entry"]
                   if e["resource"]["resourceType"] == "DocumentReference"]
    assert document["authenticator"]["reference"] != document["author"][0]["reference"]
    await chat.say("/export A.B. pdf")
    (sent,) = chat.documents
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(sent.data)).pages)
    assert "Co-signed Mon 30 Nov 2026 10:00 by user 3003" in pdf_text

    async with services.database.transaction() as session:
        report = await verify_database(session)
    assert report.ok, report.failures
    assert report.checked["co-signatures"] == 1
    actions = await audit_actions(services)
    assert actions.index("cosign.request") < actions.index("cosign.sign")


async def test_a_returned_note_comes_back_as_a_draft_with_the_comment_and_goes_again(
    chat, supervisor, services, dispatcher, telegram
):
    _, api = telegram
    await supervisor.onboard("Europe/London")
    await write(chat, "A.B.", *SECTIONS)
    await chat.press("Sign and send")
    await supervisor.say("/cosign")
    await supervisor.press("A.B. · SOAP")
    await supervisor.press("Return with a comment")
    supervisor.expect("What should change?")
    await supervisor.say("Name the intervention in the plan section.")
    supervisor.expect("Returned with your comment.")

    await cycle(services, dispatcher)
    notice = api.messages_in(CLINICIAN)[-1].visible_text
    assert notice.startswith("Your supervisor returned a note")
    assert "A.B." not in notice and "intervention" not in notice

    await chat.say("/notes A.B.")
    await chat.press("Mon 30 Nov 2026")
    chat.expect("Returned Mon 30 Nov 2026 10:00 by user 3003 for changes")
    await chat.say("/drafts")
    await chat.press("A.B.")
    chat.expect("↩️ Returned by your supervisor: Name the intervention in the plan section.")
    await chat.say("Breathing retraining named as the intervention.")  # into Subjective
    await chat.say("/sign")
    review = chat.expect("↩️ Returned by your supervisor", "SOAP note · A.B. · draft")
    assert "Slept better this week.\nBreathing retraining named" in review.visible_text
    await chat.press("Sign and send")
    chat.expect("Sent to your supervisor for co-signature")

    await supervisor.say("/cosign")
    await supervisor.press("A.B. · SOAP")
    await supervisor.press("Co-sign")
    supervisor.expect("Co-signed")
    async with services.database.transaction() as session:
        states = sorted(r.state for r in await session.scalars(select(NoteCosignature)))
        report = await verify_database(session)
    assert states == ["cosigned", "returned"]
    assert report.ok, report.failures
    assert "cosign.return" in await audit_actions(services)


async def test_a_note_changed_after_it_was_sent_is_not_co_signed(chat, supervisor, services):
    await supervisor.onboard()
    await write(chat, "A.B.", *SECTIONS)
    await chat.press("Sign and send")
    async with services.database.transaction() as session:
        await session.execute(text("DROP TRIGGER signed_note_no_update"))
        await session.execute(text("UPDATE notes SET service_date = '2026-11-01'"))
    await supervisor.say("/cosign")
    await supervisor.press("A.B. · SOAP")
    await supervisor.press("Co-sign")
    supervisor.expect("no longer matches the fingerprint it had when it was sent")
    async with services.database.transaction() as session:
        (request,) = await session.scalars(select(NoteCosignature))
        assert request.state == "sent" and request.content_hash is None
    assert "failed_access" in await audit_actions(services)


async def test_a_clinician_without_a_supervisor_signs_as_before(telegram, services):
    app, api = telegram
    other = Chat(app, api, OTHER)
    await write(other, "C.D.", *SECTIONS)
    assert other.buttons()[0] == "✅ Sign"
    await other.press("Sign")
    other.expect("Signed: SOAP · C.D.")
    other.expect_not("co-signature")
    await other.say("/cosign")
    other.expect("you are not named as anyone's supervisor")
    async with services.database.transaction() as session:
        assert list(await session.scalars(select(NoteCosignature))) == []
        assert (await session.scalar(select(Note))).status == "signed"


async def test_a_return_comment_never_reaches_the_database_file_or_the_logs(
    chat, supervisor, services, settings, caplog
):
    from tests.e2e.test_canary import CANARY, files_bytes

    await supervisor.onboard()
    await write(chat, "A.B.", *SECTIONS)
    await chat.press("Sign and send")
    await supervisor.say("/cosign")
    await supervisor.press("A.B. · SOAP")
    await supervisor.press("Return with a comment")
    await supervisor.say(f"Say what {CANARY} means.")
    await chat.say("/drafts")
    await chat.press("A.B.")
    chat.expect(f"Returned by your supervisor: Say what {CANARY} means.")
    assert CANARY.encode() not in files_bytes(settings)
    assert CANARY not in "\n".join(record.getMessage() for record in caplog.records)


async def test_the_supervisor_s_digest_counts_the_notes_waiting_for_them(
    chat, supervisor, services, dispatcher, telegram, clock
):
    from datetime import UTC, datetime

    _, api = telegram
    await supervisor.onboard("Europe/London")
    await write(chat, "A.B.", *SECTIONS)
    await chat.press("Sign and send")
    await cycle(services, dispatcher)
    clock.set(datetime(2026, 11, 30, 17, 0, tzinfo=UTC))  # 17:00 in London: the digest
    await cycle(services, dispatcher)
    waiting = "A note is waiting for your co-signature (/cosign)."
    told = [m.visible_text for m in api.messages_in(SUPERVISOR) if waiting in m.visible_text]
    assert told == [waiting, waiting]  # the notice, then the digest


async def test_a_supervisee_s_group_note_sends_each_member_s_note(chat, supervisor):
    from tests.group.test_group_notes import SHARED

    await supervisor.onboard()
    await chat.onboard()
    await chat.say("/group E.F. Q.R.")
    await chat.press("Group")
    for section in SHARED.values():
        await chat.say(section)
        await chat.say("next")
    await chat.say("done")
    await chat.press("Sign and send")
    chat.expect("Signed 2 Group notes, one per member: E.F., Q.R.")
    chat.expect("Sent to your supervisor for co-signature (2 note(s))")
    await supervisor.say("/cosign")
    supervisor.expect("2 note(s) waiting")
    await supervisor.press("Q.R. · Group")
    await supervisor.press("Return with a comment")
    await supervisor.say("Add the member's participation.")
    await supervisor.say("/cosign")
    await supervisor.press("E.F. · Group")
    await supervisor.press("Co-sign")
    supervisor.expect("Co-signed")
    await chat.say("/drafts")
    await chat.press("Q.R.")
    chat.expect("↩️ Returned by your supervisor: Add the member's participation.")
    await chat.say("/sign")
    chat.expect("Group note · 1 members · draft", SHARED["topic"])
    await chat.press("Sign and send")
    chat.expect("Sent to your supervisor for co-signature (1 note(s))")


async def test_a_co_signature_changed_behind_the_record_s_back_fails_everywhere(
    chat, supervisor, services
):
    await supervisor.onboard()
    await write(chat, "A.B.", *SECTIONS)
    await chat.press("Sign and send")
    await supervisor.say("/cosign")
    await supervisor.press("A.B. · SOAP")
    await supervisor.press("Co-sign")
    async with services.database.transaction() as session:
        await session.execute(text("UPDATE note_cosignatures SET supervisor_id = 2002"))
    async with services.database.transaction() as session:
        report = await verify_database(session)
    assert [(f.table, f.why) for f in report.failures] == [("note_cosignatures", "fingerprint")]
    await chat.say("/notes A.B.")
    await chat.press("Mon 30 Nov 2026")
    chat.expect("⚠️ Integrity: this note no longer matches the fingerprint")
    await chat.say("/export A.B. text")
    chat.expect("failed its integrity check")
