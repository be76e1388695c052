"""`wayfinder transcribe FILE... [--json] [--model M]`: print the transcript of audio files.

A stable interface: scripts rely on its output. Plain output is one transcript per file,
preceded by the file name when there are several; --json prints one object per line with
file, text, duration and seconds (or file and error when a file cannot be transcribed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

from bot.voice import TranscriptionService, VoiceRejected

MODEL_ENVIRONMENT_VARIABLE = "WAYFINDER_WHISPER_MODEL"


def add_transcribe_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `transcribe` command; its handler is stored as the `func` default."""
    parser = subparsers.add_parser(
        "transcribe",
        help="print the transcript of audio files (OGG, WAV, MP3, M4A)",
        description="Transcribe audio files with the bot's speech model and dictation rules.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--json", action="store_true", help="one JSON object per file")
    parser.add_argument(
        "--model",
        default=os.environ.get(MODEL_ENVIRONMENT_VARIABLE),
        help=f"a local CTranslate2 model directory or a model name "
        f"(default: ${MODEL_ENVIRONMENT_VARIABLE}, else the bundled tiny.en)",
    )
    parser.set_defaults(func=run_transcribe)
    return parser


def run_transcribe(args: argparse.Namespace) -> int:
    """Transcribe each file in turn; exit status 1 when any file could not be transcribed."""
    return asyncio.run(_transcribe_files(args.files, as_json=args.json, model=args.model))


async def _transcribe_files(files: list[Path], *, as_json: bool, model: str | None) -> int:
    service = TranscriptionService(model, max_seconds=float("inf"))
    failures = 0
    try:
        for path in files:
            try:
                transcript = await service.transcribe(path.read_bytes())
            except (OSError, VoiceRejected) as error:
                failures += 1
                _report_failure(path, error, as_json=as_json)
                continue
            if as_json:
                print(json.dumps({
                    "file": str(path),
                    "text": transcript.text,
                    "duration": round(transcript.duration, 2),
                    "seconds": round(transcript.seconds, 2),
                }))
            else:
                print(f"{path}:\n{transcript.text}" if len(files) > 1 else transcript.text)
    finally:
        service.close()
    return 1 if failures else 0


def _report_failure(path: Path, error: Exception, *, as_json: bool) -> None:
    message = str(error) if isinstance(error, VoiceRejected) else f"cannot read: {error.strerror}"
    if as_json:
        print(json.dumps({"file": str(path), "error": message}))
    else:
        print(f"{path}: {message}", file=sys.stderr)
