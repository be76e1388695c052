"""Logging without PHI: failures are described by type and place, never by message or values.

Exception messages can quote what a clinician typed (a parser echoing its input, a driver
echoing a parameter), so they are not logged; the type and the innermost frame of our own code
are enough to find the bug.
"""

from __future__ import annotations

import traceback
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]


def describe_failure(failure: BaseException) -> str:
    frames = traceback.extract_tb(failure.__traceback__)
    ours = [f for f in frames if f.filename.startswith(str(_ROOT)) and "/.venv/" not in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = f" at {Path(where.filename).name}:{where.lineno} in {where.name}" if where else ""
    return f"{type(failure).__name__}{place}"
