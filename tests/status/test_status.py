"""/status and free-text questions: drafts, notes signed, reviews due, next reminder."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.dialogue.engine import Dialogue
from bot.shared.events import Event
from storage import reminders as reminder_store
from storage.reminders import NewReminder
from tests.conftest import CLINICIAN
from tests.reminders.support import add_clinician, add_draft, add_plan
from tests.status.support import add_signed_note

WEDNESDAY_NOON_NY = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)


@pytest.fixture
def dialogue(services) -> Dialogue:
    return Dialogue(services)


async def ask(dialogue: Dialogue, text: str):
    return await dialogue.handle(Event.from_text(CLINICIAN, text))


async def busy_week(services, clock):
    clock.set(WEDNESDAY_NOON_NY - timedelta(hours=26))
    await add_clinician(services, "America/New_York")
    await add_draft(services, "A.B.")
    clock.set(WEDNESDAY_NOON_NY)
    await add_draft(services, "C.D.")
    await add_signed_note(services, "E.F.", WEDNESDAY_NOON_NY - timedelta(hours=1), {})
    await add_signed_note(services, "E.F.", datetime(2026, 11, 30, 14, tzinfo=UTC), {})  # Mon
    await add_signed_note(services, "E.F.", datetime(2026, 11, 27, 14, tzinfo=UTC), {})  # last wk
    await add_plan(services, "G.H.", date(2026, 12, 7))
    await add_plan(services, "I.J.", date(2026, 11, 20))  # overdue
    await add_plan(services, "K.L.", date(2027, 3, 1))  # not soon
    async with services.database.transaction() as session:
        await reminder_store.add_unique(
            session,
            [NewReminder(CLINICIAN, "digest", datetime(2026, 12, 2, 22, tzinfo=UTC), "d1")],
            WEDNESDAY_NOON_NY,
        )


async def test_status_in_one_message(services, clock, dialogue):
    await busy_week(services, clock)
    (reply,) = await ask(dialogue, "/status")
    assert reply.text.splitlines() == [
        "Where you are (Wed 02 Dec):",
        "• Unfinished notes: 2 (the oldest waited 26 h)",
        "• Signed today: 1 · this week: 2",
        "• Plan reviews due in the next 14 days: 2 (1 overdue)",
        "• Next reminder: Wed 02 Dec 17:00 (end-of-day digest)",
    ]
    assert [b.data for row in reply.buttons for b in row] == ["status:drafts:", "status:reviews:"]
    drafts = await dialogue.handle(Event(CLINICIAN, "button", data="status:drafts:"))
    assert "A.B." in drafts[0].text and "C.D." in drafts[0].text


@pytest.mark.parametrize(
    "question", ["what's left?", "What’s left today", "anything due this week?"]
)
async def test_free_text_status_questions(services, clock, dialogue, question):
    await busy_week(services, clock)
    (reply,) = await ask(dialogue, question)
    assert reply.text.startswith("Where you are (Wed 02 Dec):")


async def test_which_plans_need_review(services, clock, dialogue):
    await busy_week(services, clock)
    (reply,) = await ask(dialogue, "which plans need review?")
    assert reply.text.splitlines() == [
        "Plan reviews due in the next 14 days:",
        "• I.J.: Fri 20 Nov (12 d overdue)",
        "• G.H.: Mon 07 Dec (in 5 d)",
    ]
    assert [[b.label for b in row] for row in reply.buttons] == [
        ["Open I.J.", "Review I.J."],
        ["Open G.H.", "Review G.H."],
    ]
    (plan,) = await dialogue.handle(Event(CLINICIAN, "button", data=reply.buttons[1][0].data))
    assert "G.H." in plan.text  # the plans feature shows the plan


async def test_an_empty_day(services, clock, dialogue):
    await add_clinician(services, "Asia/Kolkata")
    (reply,) = await ask(dialogue, "/status")
    assert reply.text.splitlines()[1:] == [
        "• No unfinished notes.",
        "• Signed today: 0 · this week: 0",
        "• No plan reviews due in the next 14 days.",
        "• No reminders pending.",
    ]
    assert reply.buttons == []
    (reply,) = await ask(dialogue, "any plan reviews due?")
    assert reply.text == "No plan reviews are due in the next 14 days."


@pytest.mark.parametrize("question", ["hello there", "what is the meaning of life", "🤷"])
async def test_an_unrecognised_question_gets_the_list(services, clock, dialogue, question):
    await add_clinician(services, "UTC")
    (reply,) = await ask(dialogue, question)
    assert reply.text.startswith("I can answer:")
    assert "how is A.B. doing" in reply.text
