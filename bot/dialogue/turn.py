"""One turn of the dialogue: the event, the turn's store, and the replies being built.

Handlers receive a Turn, read and change records through `turn.store`, and add replies. The
engine commits everything a turn did in one transaction, so a turn either happened or did not.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.dialogue.modes import IDLE
from bot.shared.events import Button, Event, Reply
from bot.shared.services import Services
from storage.conversations import ConversationState
from storage.models import Clinician
from storage.store import TurnStore


@dataclass
class Turn:
    event: Event
    store: TurnStore
    services: Services
    replies: list[Reply] = field(default_factory=list)
    # The engine's text routing, so a kept voice transcript can go where typed text would.
    route_text: Callable[[Turn], Awaitable[None]] | None = None
    # The engine's whole routing, so an answered question can replay what asked it.
    route: Callable[[Turn], Awaitable[None]] | None = None
    # The answer to text outside any mode ("what's left today?"), for a question typed in a note.
    free_text: Callable[[Turn], Awaitable[None]] | None = None
    # The modes where a transcript is checked and kept in place (a note's section, say).
    dictation_modes: frozenset[str] = frozenset()

    async def answer_as_question(self, text: str) -> None:
        """Answers `text` as free text outside a note would be, wherever the turn is."""
        self.event = replace(self.event, kind="text", text=text)
        await self.free_text(self)

    async def continue_as_text(self, text: str) -> None:
        self.event = replace(self.event, kind="text", text=text)
        await self.route_text(self)

    async def hear(self, transcript: str) -> None:
        """Handles `transcript` as a voice message heard now (one carried into a new note)."""
        self.event = replace(self.event, kind="voice", text=transcript)
        await self.route(self)

    async def replay(self, typed: str) -> None:
        """Handles `typed` as if the clinician had sent it now (a command or text)."""
        event = self.event
        self.event = Event.from_text(
            event.user_id, typed, message_id=event.message_id, update_id=event.update_id
        )
        await self.route(self)

    @property
    def clinician(self) -> Clinician:
        return self.store.clinician

    @property
    def conversation(self) -> ConversationState:
        return self.store.conversation

    @property
    def now(self) -> datetime:
        return self.services.clock.now()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.clinician.timezone)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def words(self, key: str, **values: object) -> str:
        return self.services.wording(key, **values)

    def say(
        self, key: str, *, buttons: list[list[Button]] | None = None, **values: object
    ) -> Reply:
        return self.reply(self.words(key, **values), buttons=buttons)

    def reply(self, text: str, *, buttons: list[list[Button]] | None = None, **extra: Any) -> Reply:
        reply = Reply(text=text, buttons=buttons or [], **extra)
        self.replies.append(reply)
        return reply

    # Where the dialogue is, kept by the conversation row (storage/conversations.py).
    @property
    def mode(self) -> str:
        return self.conversation.mode

    @property
    def state(self) -> dict:
        return self.conversation.state

    def goto(self, mode: str, *, note_id: str | None = None, **payload: Any) -> None:
        self.conversation.goto(mode, note_id=note_id, **payload)

    def step_aside(self, mode: str, **payload: Any) -> None:
        """Enter `mode` for one question, remembering where the conversation was (a note, a
        plan build) so that `step_back` returns there; asking again keeps the first place."""
        if self.conversation.mode == mode:
            here = self.state.get("resume")
        else:
            here = {"mode": self.mode, "payload": self.state}
        self.goto(mode, note_id=self.conversation.note_id, resume=here, **payload)

    def step_back(self) -> dict:
        """Back where `step_aside` was called; returns the aside's own payload."""
        aside = self.state
        resume = aside.get("resume") or {"mode": IDLE, "payload": None}
        self.goto(resume["mode"], note_id=self.conversation.note_id, **(resume["payload"] or {}))
        return aside

    def update_state(self, **changes: Any) -> None:
        self.conversation.update(**changes)

    def button(self, key: str, data: str, **values: object) -> Button:
        return Button(self.words(key, **values), data)
