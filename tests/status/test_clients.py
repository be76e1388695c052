"""/clients: every client, most recent first, where each stands, and a card per client."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.dialogue.engine import Dialogue
from bot.shared.events import Event
from tests.conftest import CLINICIAN
from tests.reminders.support import add_clinician, add_draft, add_plan
from tests.status.support import add_signed_note

MONDAY = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
OTHER_CLINICIAN = 2002


@pytest.fixture
def dialogue(services) -> Dialogue:
    return Dialogue(services)


async def send(dialogue: Dialogue, text: str):
    return await dialogue.handle(Event.from_text(CLINICIAN, text))


async def press(dialogue: Dialogue, data: str):
    return await dialogue.handle(Event(CLINICIAN, "button", data=data))


def labels(reply) -> list[str]:
    return [button.label for row in reply.buttons for button in row]


def data_of(reply, label: str) -> str:
    return next(b.data for row in reply.buttons for b in row if b.label == label)


async def four_clients(services, clock) -> None:
    clock.set(MONDAY - timedelta(days=10))
    await add_clinician(services, "America/New_York")
    await add_plan(services, "K.L.", date(2027, 3, 1))
    await add_signed_note(services, "E.F.", MONDAY - timedelta(days=2), {})
    await add_signed_note(services, "E.F.", MONDAY - timedelta(hours=1), {})
    clock.set(MONDAY - timedelta(hours=3))
    await add_plan(services, "G.H.", date(2026, 11, 20))
    clock.set(MONDAY - timedelta(minutes=30))
    await add_draft(services, "A.B.")
    await add_draft(services, "A.B.")
    clock.set(MONDAY)


async def test_every_client_is_listed_most_recent_first_with_where_each_stands(
    services, clock, dialogue
):
    await four_clients(services, clock)

    (reply,) = await send(dialogue, "/clients")

    assert reply.text.splitlines()[:5] == [
        "Your clients (4), most recent first:",
        "• A.B. · no signed notes · 2 unfinished · no plan",
        "• E.F. · 2 signed, the last 1 h ago · no plan",
        "• G.H. · no signed notes · plan review overdue since Fri 20 Nov 2026",
        "• K.L. · no signed notes · plan review Mon 01 Mar 2027",
    ]
    assert labels(reply) == ["A.B.", "E.F.", "G.H.", "K.L."]


async def test_a_tapped_client_shows_its_card_with_what_can_be_done(services, clock, dialogue):
    await four_clients(services, clock)
    (listing,) = await send(dialogue, "/clients")

    (overdue,) = await press(dialogue, data_of(listing, "G.H."))
    (drafting,) = await press(dialogue, data_of(listing, "A.B."))

    assert overdue.text.splitlines() == [
        "G.H.",
        "• No signed notes yet.",
        "• No unfinished notes.",
        "• Treatment plan: review overdue since Fri 20 Nov 2026",
    ]
    assert labels(overdue) == ["📝 New note", "📋 Plan", "📈 Progress"]
    assert drafting.text.splitlines()[1:] == [
        "• No signed notes yet.",
        "• Unfinished notes: 2",
        "• No treatment plan yet.",
    ]
    assert labels(drafting) == ["📝 New note", "📋 Plan"]


async def test_the_card_opens_the_plan_and_the_progress_of_that_client(services, clock, dialogue):
    await four_clients(services, clock)
    (listing,) = await send(dialogue, "/clients")
    (card,) = await press(dialogue, data_of(listing, "G.H."))

    plan = await press(dialogue, data_of(card, "📋 Plan"))
    progress = await press(dialogue, data_of(card, "📈 Progress"))

    assert plan[0].text.startswith("Treatment plan · G.H. · version 1")
    assert progress[0].text.startswith("G.H. · progress over 0 signed notes")


async def test_someone_elses_client_is_not_shown(services, clock, dialogue):
    await four_clients(services, clock)
    await add_clinician(services, "UTC", clinician_id=OTHER_CLINICIAN)
    theirs = await add_plan(services, "Z.Z.", date(2027, 1, 1), clinician_id=OTHER_CLINICIAN)

    (listing,) = await send(dialogue, "/clients")
    replies = [await press(dialogue, f"clients:{a}:{theirs}") for a in ("open", "progress")]

    assert "Z.Z." not in listing.text
    assert [reply.text for (reply,) in replies] == [
        "That button is no longer active. /drafts shows your open notes."
    ] * 2


async def test_no_clients_yet_says_how_one_appears(services, dialogue):
    await add_clinician(services, "America/New_York")

    (reply,) = await send(dialogue, "/clients")

    assert reply.text.startswith("No clients yet.") and "/note A.B." in reply.text
    assert not reply.buttons


async def test_over_telegram_a_note_starts_from_the_client_card(chat):
    await chat.start_note("A.B.", "soap")
    await chat.say("Client slept better.")
    await chat.say("/clients")
    chat.expect("Your clients (1)", "A.B. · no signed notes · 1 unfinished · no plan")

    await chat.press("A.B.")
    chat.expect("A.B.", "Unfinished notes: 1")
    await chat.press("📝 New note")
    chat.expect("Which template?")
    await chat.press("DAP")

    chat.expect("Data (1/3)")
