"""A stand-in for the speech model where a test needs exact transcripts, not real audio.

Real audio through the real model is tested in tests/voice and
tests/e2e/test_voice_over_telegram.py; flows that only care what was "heard" script it here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heard:
    text: str


class ScriptedSpeech:
    """Each voice message is heard as the next scripted line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def check_before_download(self, file_size: int | None, duration: float | None) -> None:
        """Every voice message is short enough."""

    async def transcribe(self, audio: bytes, *, on_queued=None) -> Heard:
        return Heard(self.lines.pop(0))
