"""The updates Telegram holds for a bot until a getUpdates offset confirms them (long polling)."""

import asyncio
import contextlib
from typing import Any


class UpdateQueue:
    def __init__(self) -> None:
        self._pending: list[dict[str, Any]] = []
        self._allowed_kinds: set[str] | None = None
        self._arrived = asyncio.Event()

    @property
    def pending(self) -> list[dict[str, Any]]:
        return list(self._pending)

    def put(self, update: dict[str, Any]) -> None:
        self._pending.append(update)
        self._arrived.set()

    def clear(self) -> None:
        self._pending.clear()

    def end_waits(self) -> None:
        """Long polls waiting now return at once (the server is shutting down)."""
        self._arrived.set()

    def allow(self, kinds: list[str]) -> None:
        """getUpdates' allowed_updates: an empty list means every kind again."""
        self._allowed_kinds = set(kinds) or None

    async def fetch(self, *, offset: int | None, limit: int, wait_seconds: float) -> list[dict]:
        """Confirm updates below `offset`, then wait up to `wait_seconds` for one to deliver."""
        self._confirm(offset)
        if not self._deliverable() and wait_seconds > 0:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), wait_seconds)
        return self._deliverable()[:limit]

    def _confirm(self, offset: int | None) -> None:
        if offset is None:
            return
        if offset < 0:
            # A negative offset keeps only the last -offset updates.
            self._pending = self._pending[offset:]
        else:
            self._pending = [update for update in self._pending if update["update_id"] >= offset]

    def _deliverable(self) -> list[dict[str, Any]]:
        if self._allowed_kinds is not None:
            # Telegram never creates updates of a kind the bot did not allow.
            self._pending = [
                update for update in self._pending if _update_kind(update) in self._allowed_kinds
            ]
        return list(self._pending)


def _update_kind(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")
