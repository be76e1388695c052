"""Transcripts in the dialogue, without a transport: what the clinician sees after speaking."""

from __future__ import annotations

import pytest

from bot.dialogue.engine import Dialogue
from bot.shared.events import Event
from tests.conftest import CLINICIAN


@pytest.fixture
def dialogue(services):
    return Dialogue(services)


async def send(dialogue, kind: str = "text", **fields) -> str:
    if kind == "text":
        event = Event.from_text(CLINICIAN, fields["text"])
    else:
        event = Event(CLINICIAN, kind, **fields)
    replies = await dialogue.handle(event)
    return "\n".join(reply.text for reply in replies)


async def start_note(dialogue) -> None:
    await send(dialogue, text="/start")
    await send(dialogue, text="Europe/Berlin")
    assert "Subjective (1/4)" in await send(dialogue, text="/note A.B. soap")


async def test_a_spoken_command_alone_acts_at_once(dialogue):
    await start_note(dialogue)
    assert "Objective (2/4)" in await send(dialogue, "voice", text="Next section.")
    assert "Subjective (1/4)" in await send(dialogue, "voice", text="Go back.")


async def test_voice_while_a_transcript_waits_joins_it(dialogue):
    await start_note(dialogue)
    first = await send(dialogue, "voice", text="Slept six hours.")
    assert "I heard:\nSlept six hours." in first
    second = await send(dialogue, "voice", text="Fewer nightmares. That's all.")
    assert "Slept six hours. Fewer nightmares." in second
    assert "(then: finish the note)" in second
    typed = await send(dialogue, text="Typed meanwhile.")
    assert "Added to Subjective (1 so far)" in typed  # typed text lands; the transcript waits
    assert "I heard:\nSlept six hours. Fewer nightmares." in typed
    kept = await send(dialogue, "button", data="voice:keep")
    assert "Added to Subjective (2 so far)" in kept
    assert "SOAP note · A.B. · draft" in kept
    assert "Typed meanwhile.\nSlept six hours. Fewer nightmares." in kept


async def test_a_dictated_plan_answer_is_checked_like_a_note_section(dialogue):
    await send(dialogue, text="/start")
    await send(dialogue, text="Europe/Berlin")
    await send(dialogue, text="/plan A.B.")
    shown = await send(dialogue, "voice", text="Panic attacks four times a week.")
    assert "I heard:\nPanic attacks four times a week." in shown
    kept = await send(dialogue, "button", data="voice:keep")
    assert "P1" in kept
