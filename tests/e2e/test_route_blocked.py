"""The GPS: a route flagged as blocked once, in the digest (no client named, no note quoted)
and at the next /plan CODE (with the evidence), with its three buttons; the plan review it
opens shows each objective's trend and latest evidence. Through the real PTB Application, the
fake Bot API, the real tagger and the reminder dispatcher, on an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.reminders.dispatcher import Dispatcher
from bot.telegram.sender import make_sender
from tests.conftest import CLINICIAN
from tests.e2e.test_note_linking import give_plan
from tests.e2e.test_progress_over_telegram import weekly_notes
from tests.reminders.support import cycle

FIRST_SESSION = datetime(2026, 10, 5, 18, 0, tzinfo=UTC)  # a Monday, 14:00 in New York
NOT_PRACTISED = ("Did not practise the breathing this week.", "Tense.", "No change.", "Weekly.")
BUTTONS = ["Review the plan now", "After next session", "Not now"]


@pytest.fixture
def dispatcher(services, telegram) -> Dispatcher:
    app, _ = telegram

    async def no_wait(seconds: float) -> None:
        return None

    return Dispatcher(services, make_sender(app.bot), worker="e2e", sleep=no_wait)


def flagged(api) -> list:
    return [m for m in api.messages_in(CLINICIAN) if "route may be blocked" in m.visible_text]


async def _four_notes_without_practice(chat, services, clock) -> None:
    clock.set(FIRST_SESSION)
    await chat.onboard()
    await give_plan(services, clock)
    await weekly_notes(chat, clock, *[NOT_PRACTISED] * 4)  # the clock is then Monday 2 Nov


async def test_four_notes_of_not_practising_flag_the_route_once_in_the_digest_with_its_buttons(
    chat, services, clock, telegram, dispatcher
):
    _, api = telegram
    await _four_notes_without_practice(chat, services, clock)
    await cycle(services, dispatcher)
    clock.set(datetime(2026, 11, 2, 22, 0, tzinfo=UTC))  # 17:00 in New York
    await cycle(services, dispatcher)

    (digest,) = flagged(api)
    assert digest.visible_text == (
        "🚧 A route may be blocked: O1 on one client's plan, no improvement over the last 4 "
        "sessions (4 worse, 0 unchanged, 0 measured)."
    )
    assert "A.B." not in digest.visible_text and "practise" not in digest.visible_text
    assert digest.buttons == BUTTONS

    clock.set(datetime(2026, 11, 3, 22, 0, tzinfo=UTC))  # the next digest: flagged once
    await cycle(services, dispatcher)
    assert len(flagged(api)) == 1

    await chat.press("Review the plan now")
    walk = chat.expect("Reviewing A.B.'s plan", "1/3: O1")
    assert walk.visible_text.split("\n\n")[1].split("\n") == [
        "1/3: O1 ↑ Practice diaphragmatic breathing at least 5 days per week · active",
        "· Trend: worsening (the last 4 notes stating a change: 0 improved, 4 worse, 0 unchanged)",
        "· 12 Oct, worse: Did not practise the breathing this week.",
        "· 19 Oct, worse: Did not practise the breathing this week.",
        "· 26 Oct, worse: Did not practise the breathing this week.",
        "Keep, revise, met or discontinue?",
    ]


async def test_the_flag_comes_once_at_the_next_plan_with_the_evidence_and_not_now_ends_it(
    chat, services, clock, telegram, dispatcher
):
    await _four_notes_without_practice(chat, services, clock)

    await chat.say("/plan A.B.")

    flag = chat.expect("🚧 Route blocked? O1 Practice diaphragmatic breathing")
    assert "· no improvement over the last 4 sessions" in flag.visible_text
    assert "· 26 Oct, worse: Did not practise the breathing this week." in flag.visible_text
    assert flag.buttons == BUTTONS
    await chat.press("Not now")
    chat.expect("Not now, then. O1 stays as it is.")
    await chat.say("/plan A.B.")
    chat.expect_not("Route blocked?")

    _, api = telegram
    await cycle(services, dispatcher)
    clock.set(datetime(2026, 11, 2, 22, 0, tzinfo=UTC))
    await cycle(services, dispatcher)
    assert flagged(api) == []  # answered at /plan: the digest does not bring it up again


async def test_after_next_session_brings_the_flag_back_after_the_next_signed_note(
    chat, services, clock
):
    await _four_notes_without_practice(chat, services, clock)
    await chat.say("/plan A.B.")
    await chat.press("After next session")
    chat.expect("I'll bring O1 up again after A.B.'s next signed note.")
    await chat.say("/plan A.B.")
    chat.expect_not("Route blocked?")

    clock.advance(days=7)
    await weekly_notes(chat, clock, NOT_PRACTISED)
    await chat.say("/plan A.B.")

    chat.expect("🚧 Route blocked? O1", "· 09 Nov, worse: Did not practise")


async def test_an_intervention_reported_as_not_helping_flags_the_route(chat, services, clock):
    clock.set(FIRST_SESSION)
    await chat.onboard()
    await give_plan(services, clock)
    await weekly_notes(
        chat, clock, ("Practised the breathing on 3 days.", "Calm.", "Engaged.", "Weekly."),
        ("Said the breathing did not help at all.", "Tense.", "Frustrated.", "Weekly."),
    )

    await chat.say("/plan A.B.")

    flag = chat.expect("🚧 Route blocked? O1")
    assert "its intervention was reported as not helping in 1" in flag.visible_text
    assert "Said the breathing did not help at all." in flag.visible_text
