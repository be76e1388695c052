"""Voice dictation end to end: real OGG/Opus audio, the real speech model, the real PTB app."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.telegram.application import build_application, register_commands
from bot.voice import TranscriptionService
from tests.conftest import CLINICIAN
from tests.support.chat import Chat, running
from tests.support.fake_bot_api import FakeBotAPI

AUDIO = Path(__file__).resolve().parents[1] / "audio"


@pytest.fixture(scope="module")
def voice():
    service = TranscriptionService()
    yield service
    service.close()


@pytest.fixture
async def talk(services, voice):
    api = FakeBotAPI()
    app = build_application(services, builder=api.application_builder(), voice=voice)
    async with running(app):
        await register_commands(app)
        yield Chat(app, api, CLINICIAN), api


def ogg(name: str) -> bytes:
    return (AUDIO / f"{name}.ogg").read_bytes()


async def test_dictated_section_is_checked_then_kept_and_spoken_next_moves_on(talk):
    chat, api = talk
    await chat.start_note("A.B.", "soap")
    await chat.send_voice(ogg("anxiety_rating_festival"), duration=8)
    shown = chat.expect("I heard", "6/10")
    assert shown.buttons == ["✅ Keep", "✏️ Edit", "🗑 Discard"]
    assert api.calls_of("sendChatAction"), "the bot shows it is working"
    assert api.calls_of("getFile")
    await chat.press("Keep")
    chat.expect("Added to Subjective (1 so far)")
    await chat.send_voice(ogg("gad_next_festival"), duration=9)
    chat.expect("I heard", "GAD-7", "(then: next section)")
    await chat.press("Keep")
    chat.expect("Added to Subjective (2 so far)")
    chat.expect("Objective (2/4)")
    await chat.say("done")
    review = chat.expect("SOAP note · A.B.")
    assert "6/10" in review.visible_text and "GAD-7" in review.visible_text


async def test_edit_replaces_the_transcript_and_discard_adds_nothing(talk):
    chat, _ = talk
    await chat.start_note("C.D.", "dap")
    await chat.send_voice(ogg("interventions_espeak"), duration=10)
    await chat.press("Edit")
    chat.expect("copy it, correct it and send it back")
    await chat.say("Discussed cognitive restructuring; thought record completed.")
    chat.expect("Added to Data (1 so far)")
    await chat.send_voice(ogg("mood_question_festival"), duration=10)
    await chat.press("Discard")
    chat.expect("Discarded")
    await chat.say("done")
    review = chat.expect("DAP note · C.D.")
    assert "thought record completed" in review.visible_text
    assert "exposure" not in review.visible_text


async def test_bad_audio_gets_one_line_and_the_next_voice_still_works(talk):
    chat, api = talk
    await chat.start_note("E.F.", "soap")
    await chat.say("Typed first.")
    await chat.send_voice(b"OggS not really audio" * 40, duration=3)
    assert len(chat.replies) == 1 and "\n" not in chat.last_text
    await chat.send_voice(ogg("phq_score_festival"), duration=12, file_size=25 * 1024 * 1024)
    chat.expect("20 MB")
    assert not [c for c in chat.activity if c.method in ("getFile", "download")]
    await chat.send_voice(ogg("phq_score_festival"), duration=12)
    chat.expect("I heard", "PHQ-9")
    await chat.press("Keep")
    await chat.say("done")
    review = chat.expect("SOAP note · E.F.")
    assert "Typed first." in review.visible_text and "PHQ-9" in review.visible_text


async def test_voice_outside_a_note_is_shown_to_start_a_note_with(talk):
    chat, _ = talk
    await chat.onboard()
    await chat.send_voice(ogg("plan_back_festival"), duration=8)
    shown = chat.expect("I heard", "not in a note")
    assert shown.buttons == ["📝 Start a note with it", "🗑 Discard"]
