"""A private note stays out of everything else: status, drafts, progress, exports, reminders."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.reminders.dispatcher import Dispatcher
from tests.reminders.support import PLAN_YAML, Outbox, cycle

CANARY = "Quokka-Canary-4410"
# Words the tagger would link to the plan's breathing and sleep objectives, were it ever run.
PRIVATE_TEXT = f"{CANARY}: practiced breathing every day and slept 8 hours, she says."


async def write_private_note(chat) -> None:
    await chat.say("/private A.B.")
    await chat.say(PRIVATE_TEXT)
    await chat.say("done")
    chat.expect("Private note saved · A.B., 1 message(s)")


async def test_status_drafts_progress_and_plan_export_show_nothing_of_it(chat):
    await chat.onboard()
    plan = PLAN_YAML.format(code="A.B.", review_due=date(2027, 2, 15).isoformat())
    await chat.send_document("plan.yaml", plan.encode(), "application/x-yaml")
    await chat.start_note("A.B.", "dap")
    for text in ("Practiced breathing on 3 days.", "Some progress.", "Review homework next week."):
        await chat.say(text)
        await chat.say("next")
    await chat.press("Sign")

    chat.expect("Signed: DAP · A.B.")
    await write_private_note(chat)

    seen: list[str] = []

    async def ask(question: str, *expected: str) -> None:
        await chat.say(question)
        chat.expect(*expected)
        seen.extend(reply.visible_text for reply in chat.replies)

    # Each answer counts the signed progress note and nothing more.
    await ask("/status", "No unfinished notes", "Signed today: 1 · this week: 1")
    await ask("/drafts", "No unfinished notes")
    await ask("/progress A.B.", "progress over 1 signed note")
    await ask("how is A.B. doing on sleep?", "A.B.")
    await ask("/plan A.B.", "Treatment plan · A.B. · version 1")
    await chat.press("Export")
    (plan_file,) = chat.documents
    await ask("/export A.B. text", "A.B.: 1 signed note(s)")
    (notes_file,) = chat.documents
    assert "Practiced breathing on 3 days." in notes_file.data.decode()
    seen += [plan_file.data.decode(), notes_file.data.decode()]
    assert seen and all(CANARY not in text and "8 hours" not in text for text in seen)


async def test_a_private_note_alone_brings_no_reminder(chat, services, clock):
    await chat.onboard()
    await write_private_note(chat)
    outbox = Outbox()
    dispatcher = Dispatcher(services, outbox, worker="test-worker")
    await cycle(services, dispatcher)
    clock.set(datetime(2026, 12, 1, 23, 0, tzinfo=UTC))  # past the 17:00 digest in New York
    await cycle(services, dispatcher)
    assert outbox.sent == []
