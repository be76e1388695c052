"""Where a clinician is in the dialogue: the conversation row, the dialogue's only memory.

A mode names the step a conversation is at; `note_id` the progress note it works on; the
payload (encrypted) whatever else the step needs. These keep the row in that one shape.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Conversation


class ConversationState:
    def __init__(self, session: AsyncSession, row: Conversation) -> None:
        self._session = session
        self._row = row

    @property
    def mode(self) -> str:
        return self._row.mode

    @property
    def note_id(self) -> str | None:
        return self._row.note_id

    @property
    def state(self) -> dict:
        """A copy of the payload: changing it changes nothing until it is written back."""
        return dict(self._row.payload or {})

    def goto(self, mode: str, *, note_id: str | None = None, **payload: Any) -> None:
        """Enter `mode`, working on `note_id`, with `payload` (and nothing of the step before)."""
        self._row.mode = mode
        self._row.note_id = note_id
        self._row.payload = payload or None

    def switch(self, mode: str) -> None:
        """Enter `mode` keeping the note and payload (a step within the same step)."""
        self._row.mode = mode

    def update(self, **changes: Any) -> None:
        self._row.payload = {**self.state, **changes}

    def stamp(self, now: datetime) -> None:
        """Marks when the dialogue's state last changed, if this turn changed it."""
        if self._session.is_modified(self._row):
            self._row.updated_at = now
