"""The note flows through the console adapter: the same dialogue a terminal user sees."""

from __future__ import annotations

import io

import pytest

from bot.console import ConsoleChat
from bot.dialogue.engine import Dialogue
from tests.conftest import CLINICIAN


@pytest.fixture
def console(services):
    out = io.StringIO()
    chat = ConsoleChat(Dialogue(services, trusted_users=frozenset({CLINICIAN})), CLINICIAN, out)
    return chat, out


async def say(chat_and_out, line: str) -> str:
    chat, out = chat_and_out
    out.seek(0)
    out.truncate()
    await chat.send(line)
    return out.getvalue()


async def test_full_soap_note_in_the_terminal(console):
    assert "time zone" in await say(console, "/start")
    assert "Asia/Kolkata" in await say(console, "Asia/Kolkata")
    text = await say(console, "/note A.B. soap")
    assert "Subjective (1/4)" in text
    assert "#3 Next" in text
    assert "Added to Subjective (1 so far" in await say(console, "Slept poorly, anxious at work.")
    assert "Objective (2/4)" in await say(console, "#3")
    await say(console, "Anxious affect, GAD-7 of 12.")
    assert "Assessment (3/4)" in await say(console, "NEXT")
    await say(console, "Some progress on breathing practice.")
    await say(console, "next")
    await say(console, "Continue CBT weekly.")
    review = await say(console, "done")
    assert "SOAP note · A.B. · draft" in review
    assert "Slept poorly, anxious at work." in review
    assert "Signed: SOAP · A.B." in await say(console, "#1")
    assert "No unfinished notes." in await say(console, "/drafts")


async def test_dap_note_resumed_from_drafts_in_the_terminal(console):
    await say(console, "/start")
    await say(console, "America/Denver")
    await say(console, "/note C.D. dap")
    await say(console, "Described conflict with partner.")
    assert "Saved as a draft: DAP · C.D., 1/3 sections" in await say(console, "/cancel")
    listing = await say(console, "/drafts")
    assert "C.D. · DAP" in listing and "#1 Resume C.D. DAP" in listing
    resumed = await say(console, "#1")
    assert "Data (1/3)" in resumed and "Described conflict with partner." in resumed
    await say(console, "More detail.")
    review = await say(console, "done")
    assert "Described conflict with partner.\nMore detail." in review


async def test_a_signed_note_cannot_be_reopened_in_the_terminal(console):
    await say(console, "/start")
    await say(console, "Europe/London")
    await say(console, "/note E.F. girp")
    for _ in range(4):
        await say(console, "Some text.")
        review = await say(console, "next")
    assert "#1 ✅ Sign" in review
    assert "Signed: GIRP · E.F." in await say(console, "#1")
    # The review keyboard's "Edit a section" is now stale: pressing it changes nothing.
    assert "already signed" in await say(console, "#2")
    assert "No unfinished notes." in await say(console, "/drafts")


async def test_a_hash_with_a_superscript_is_text_not_a_crash(console):
    await say(console, "/note A.B. soap")
    assert "Added to Subjective (1 so far" in await say(console, "#²")
    assert "could not be read" in await say(console, "odd \ud800 char")
