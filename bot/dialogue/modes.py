"""Where a conversation can be: each feature declares its modes by name, as a `Mode`.

A mode is stored in the conversation row as its value ("note.section"); code names it
(`NoteMode.SECTION`), never spells it. tests/dialogue/test_modes.py checks that every mode the
code goes to is routed to a handler, and that every routed mode can be reached.
"""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """A step of the conversation; each feature subclasses it with its own modes."""

    @classmethod
    def includes(cls, value: str) -> bool:
        return value in cls._value2member_map_


class Idle(Mode):
    """Nothing open: text goes to the free-text handler (a question, "new note for A.B.")."""

    IDLE = "idle"


IDLE = Idle.IDLE
