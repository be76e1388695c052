"""The speech engine end to end: committed voice notes through the real tiny.en model."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from bot.dialogue.spoken import split_spoken_command
from bot.voice import MAX_FILE_BYTES, TranscriptionService, VoiceRejected
from tests.voice.conftest import AUDIO_DIR, DICTATIONS, audio_file, encoded, wav_bytes
from tests.voice.wer import normalise, word_error_rate

DICTATION_IDS = [dictation["name"] for dictation in DICTATIONS["dictations"]]


@pytest.mark.parametrize("dictation", DICTATIONS["dictations"], ids=DICTATION_IDS)
def test_natural_voice_transcript_holds_the_expected_words(transcripts, dictation):
    transcript = transcripts[dictation["name"], "festival"]

    for expected in dictation["expect"]:
        assert expected.lower() in transcript.text.lower(), (expected, transcript.text)
    assert 4 < transcript.duration < 26
    assert transcript.seconds > 0
    assert split_spoken_command(transcript.text)[1] == dictation["command"]


@pytest.mark.parametrize("dictation", DICTATIONS["dictations"], ids=DICTATION_IDS)
def test_robotic_voice_is_mostly_understood(transcripts, dictation):
    transcript = transcripts[dictation["name"], "espeak"]

    assert word_error_rate(dictation["spoken"], transcript.raw_text) <= 0.5, transcript.raw_text


@pytest.mark.parametrize(("voice", "ceiling"), [("festival", 0.12), ("espeak", 0.3)])
def test_word_error_rate_over_the_test_set(transcripts, voice, ceiling):
    errors = words = 0.0
    for dictation in DICTATIONS["dictations"]:
        reference_words = len(normalise(dictation["spoken"]))
        hypothesis = transcripts[dictation["name"], voice].raw_text
        errors += word_error_rate(dictation["spoken"], hypothesis) * reference_words
        words += reference_words

    assert errors / words <= ceiling


def test_raw_text_is_kept_beside_the_dictated_text(transcripts):
    transcript = transcripts["anxiety_rating", "festival"]

    assert "6/10" in transcript.text
    assert "6/10" not in transcript.raw_text


def _silence(seconds: float) -> bytes:
    return wav_bytes(np.zeros(int(16_000 * seconds), dtype=np.float32))


def _tone(seconds: float) -> np.ndarray:
    time_axis = np.arange(int(16_000 * seconds)) / 16_000
    return (0.3 * np.sin(2 * np.pi * 220 * time_axis)).astype(np.float32)


def _truncated_ogg() -> bytes:
    return audio_file("plan_back", "festival").read_bytes()[:200]


def _hiss(seconds: float) -> bytes:
    return wav_bytes(np.random.default_rng(0).normal(0, 0.03, int(16_000 * seconds)))


BAD_INPUTS = {  # case: (expected reason, audio)
    "not_audio": ("corrupt", lambda: b"\x00\x01 this is not audio \xff" * 64),
    "truncated_ogg": ("corrupt", _truncated_ogg),
    "digital_silence": ("silence", lambda: _silence(3)),
    "background_hiss": ("silence", lambda: _hiss(4)),
    "clip_of_0.3_s": ("too_short", lambda: wav_bytes(_tone(0.3))),
    "flac_document": ("unsupported", lambda: encoded(_tone(2), "flac", "flac")),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
async def test_bad_input_is_refused_and_the_service_still_works(service, case):
    reason, make_audio = BAD_INPUTS[case]
    with pytest.raises(VoiceRejected) as refused:
        await service.transcribe(make_audio())

    assert refused.value.reason == reason
    message = str(refused.value)
    assert message and "\n" not in message and len(message) < 120
    transcript = await service.transcribe(audio_file("plan_back", "festival").read_bytes())
    assert "weekly sessions" in transcript.text.lower()


@pytest.mark.parametrize(
    ("container", "codec"), [("wav", "pcm_s16le"), ("mp3", "libmp3lame"), ("ipod", "aac")]
)
async def test_audio_documents_in_other_formats_are_transcribed(service, container, codec):
    from faster_whisper import decode_audio

    samples = decode_audio(str(audio_file("plan_back", "festival")))

    transcript = await service.transcribe(encoded(samples, container, codec))

    assert "review treatment goals" in transcript.text.lower()


def test_too_large_or_too_long_is_refused_before_download():
    service = TranscriptionService(max_seconds=300)

    with pytest.raises(VoiceRejected) as too_large:
        service.check_before_download(MAX_FILE_BYTES + 1, 30)
    with pytest.raises(VoiceRejected) as too_long:
        service.check_before_download(100_000, 301)
    service.check_before_download(MAX_FILE_BYTES, 300)
    service.check_before_download(None, None)

    assert too_large.value.reason == "too_large"
    assert too_long.value.reason == "too_long"
    assert "5 minutes" in str(too_long.value)
    service.close()


async def test_audio_longer_than_the_cap_is_refused_from_its_header():
    service = TranscriptionService(max_seconds=4)
    try:
        with pytest.raises(VoiceRejected) as refused:
            await service.transcribe(audio_file("plan_back", "festival").read_bytes())
        assert refused.value.reason == "too_long"
    finally:
        service.close()


async def test_oversized_bytes_are_refused(service):
    with pytest.raises(VoiceRejected) as refused:
        await service.transcribe(bytes(MAX_FILE_BYTES + 1))
    assert refused.value.reason == "too_large"


async def test_waiting_jobs_are_told_their_queue_position():
    service = TranscriptionService(workers=1, max_queue=4)
    positions: list[int] = []

    async def on_queued(position: int) -> None:
        positions.append(position)

    audio = audio_file("group_skip", "festival").read_bytes()
    try:
        transcripts = await asyncio.gather(
            *(service.transcribe(audio, on_queued=on_queued) for _ in range(3))
        )
    finally:
        service.close()

    assert positions == [1, 2]
    assert all("coping" in transcript.text.lower() for transcript in transcripts)


async def test_two_workers_run_two_jobs_at_once_and_queue_the_third():
    service = TranscriptionService(workers=2, max_queue=4)
    positions: list[int] = []

    async def on_queued(position: int) -> None:
        positions.append(position)

    audio = audio_file("plan_back", "festival").read_bytes()
    try:
        transcripts = await asyncio.gather(
            *(service.transcribe(audio, on_queued=on_queued) for _ in range(3))
        )
    finally:
        service.close()

    assert positions == [1]
    assert len({transcript.text for transcript in transcripts}) == 1


async def test_a_full_queue_refuses_new_jobs_as_busy():
    service = TranscriptionService(workers=1, max_queue=1)
    audio = audio_file("group_skip", "festival").read_bytes()
    try:
        results = await asyncio.gather(
            *(service.transcribe(audio) for _ in range(3)), return_exceptions=True
        )
    finally:
        service.close()

    assert [type(result).__name__ for result in results] == [
        "Transcript", "Transcript", "VoiceRejected"
    ]
    assert results[2].reason == "busy"


async def test_a_missing_model_is_refused_as_unavailable():
    service = TranscriptionService("/nonexistent/whisper-model")
    try:
        with pytest.raises(VoiceRejected) as refused:
            await service.transcribe(audio_file("plan_back", "festival").read_bytes())
        assert refused.value.reason == "unavailable"
    finally:
        service.close()


async def test_a_model_directory_can_be_chosen():
    from bot.voice import resolve_model

    chosen = TranscriptionService(resolve_model(None))
    try:
        transcript = await chosen.transcribe(audio_file("plan_back", "festival").read_bytes())
    finally:
        chosen.close()
    assert "go back" in transcript.text.lower()


async def test_a_worker_that_dies_mid_message_is_answered_and_replaced():
    service = TranscriptionService()
    audio = audio_file("plan_back", "festival").read_bytes()
    others = set(multiprocessing.active_children())
    try:
        await service.preload()
        (worker,) = set(multiprocessing.active_children()) - others
        assert os.getpriority(os.PRIO_PROCESS, worker.pid) > os.getpriority(os.PRIO_PROCESS, 0)
        # The long note takes seconds here, so the kill lands while it is being transcribed.
        long_note = (AUDIO_DIR / "long_note_festival.ogg").read_bytes()
        job = asyncio.ensure_future(service.transcribe(long_note))
        await asyncio.sleep(0.2)
        os.kill(worker.pid, signal.SIGKILL)
        with pytest.raises(VoiceRejected) as refused:
            await job
        assert refused.value.reason == "interrupted"
        assert "send that voice message again" in str(refused.value)

        transcript = await service.transcribe(audio)
    finally:
        service.close()
    assert "go back" in transcript.text.lower()


A_BOT_KILLED_OUTRIGHT = """
import asyncio, multiprocessing, os, signal
from bot.voice import TranscriptionService

async def main():
    service = TranscriptionService()  # kept: an executor that is garbage stops its workers
    await service.preload()
    (worker,) = multiprocessing.active_children()
    print(worker.pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(main())
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_bot_killed_outright_leaves_no_speech_worker_behind(tmp_path):
    # Output goes to a file: a worker left behind would hold a pipe open, and reading it hang.
    printed = tmp_path / "worker_pid"
    with printed.open("w") as output:
        bot = subprocess.run(
            [sys.executable, "-c", A_BOT_KILLED_OUTRIGHT], cwd=Path(__file__).resolve().parents[2],
            stdout=output, stderr=subprocess.DEVNULL, timeout=120,
        )
    assert bot.returncode == -signal.SIGKILL
    worker = int(printed.read_text())
    deadline = time.monotonic() + 10
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(worker)
