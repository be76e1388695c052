"""What the clinician is told about signed notes that failed their integrity check.

The check itself is storage's (`storage.integrity.verify_note`, run by every reader of signed
notes); this only words it: the note is named by id and signing day, never shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.dialogue.turn import Turn
from bot.shared import dates
from storage.integrity import IntegrityFailure


def tell_failures(turn: Turn, failures: Iterable[IntegrityFailure]) -> None:
    for failure in failures:
        signed = dates.day(turn.local(failure.signed_at).date()) if failure.signed_at else "?"
        turn.say("integrity.note_failed", note=failure.row_id, day=signed)


def unreadable_line(turn: Turn, count: int) -> str | None:
    """"1 record could not be read (integrity)" under a list, or None when all were read."""
    if not count:
        return None
    if count == 1:
        return turn.words("integrity.unreadable_one")
    return turn.words("integrity.unreadable_many", count=count)
