"""Logging without PHI: failures are described by type and place, never by message or values.

Exception messages can quote what a clinician typed (a parser echoing its input, a driver
echoing a parameter), so they are not logged; the type and the innermost frame of our own code
are enough to find the bug.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]


def describe_failure(failure: BaseException) -> str:
    frames = traceback.extract_tb(failure.__traceback__)
    ours = [f for f in frames if f.filename.startswith(str(_ROOT)) and "/.venv/" not in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = f" at {Path(where.filename).name}:{where.lineno} in {where.name}" if where else ""
    return f"{type(failure).__name__}{place}"


# Libraries whose debug (and, for httpx, info) lines carry message texts, update contents,
# SQL parameters or the bot token. They stay quieter than WAYFINDER_LOG_LEVEL=DEBUG.
CHATTY_LIBRARIES = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "aiosqlite": logging.WARNING,
    "alembic": logging.WARNING,
    "apscheduler": logging.WARNING,
    "fpdf": logging.ERROR,  # its warnings about missing glyphs quote the characters
}


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name, quietest in CHATTY_LIBRARIES.items():
        logging.getLogger(name).setLevel(max(quietest, logging.getLevelName(level)))
