"""Fixtures for the voice tests: the committed test dictations and one shared service."""

from __future__ import annotations

import asyncio
import io
import json
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from bot.voice import TranscriptionService

AUDIO_DIR = Path(__file__).resolve().parents[1] / "audio"
DICTATIONS = json.loads((AUDIO_DIR / "dictations.json").read_text(encoding="utf-8"))


def audio_file(name: str, voice: str) -> Path:
    return AUDIO_DIR / f"{name}_{voice}.ogg"


def wav_bytes(samples: np.ndarray, rate: int = 16_000) -> bytes:
    """A mono 16-bit WAV file, built in memory, from float samples in [-1, 1]."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def encoded(samples: np.ndarray, container: str, codec: str, rate: int = 16_000) -> bytes:
    """Mono float samples encoded in memory with PyAV (FLAC, MP3, M4A...)."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=container) as output:
        stream = output.add_stream(codec, rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(
            (np.clip(samples, -1, 1) * 32767).astype(np.int16).reshape(1, -1),
            format="s16",
            layout="mono",
        )
        frame.sample_rate = rate
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            output.mux(packet)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def service():
    shared = TranscriptionService()
    yield shared
    shared.close()


@pytest.fixture(scope="session")
def transcripts(service):
    """Every committed dictation in both voices, transcribed once: {(name, voice): Transcript}."""

    async def transcribe_all():
        return {
            (dictation["name"], voice): await service.transcribe(
                audio_file(dictation["name"], voice).read_bytes()
            )
            for dictation in DICTATIONS["dictations"]
            for voice in DICTATIONS["voices"]
        }

    return asyncio.run(transcribe_all())
