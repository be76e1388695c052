"""One turn of the dialogue: the event, the clinician's rows, and the replies being built.

Handlers receive a Turn, read and change rows through its session, and add replies. The engine
commits everything a turn did in one transaction, so a turn either happened or did not.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogue.events import Button, Event, Reply
from storage.models import Clinician, Conversation

if TYPE_CHECKING:
    from bot.dialogue.services import Services


@dataclass
class Turn:
    event: Event
    session: AsyncSession
    clinician: Clinician
    conversation: Conversation
    services: Services
    replies: list[Reply] = field(default_factory=list)
    # The engine's text routing, so a kept voice transcript can go where typed text would.
    route_text: Callable[[Turn], Awaitable[None]] | None = None

    async def continue_as_text(self, text: str) -> None:
        self.event = replace(self.event, kind="text", text=text)
        await self.route_text(self)

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

    # The conversation row is the dialogue's only memory; these keep it in one shape.
    @property
    def mode(self) -> str:
        return self.conversation.mode

    @property
    def state(self) -> dict:
        return dict(self.conversation.payload or {})

    def goto(self, mode: str, *, note_id: str | None = None, **payload: Any) -> None:
        self.conversation.mode = mode
        self.conversation.note_id = note_id
        self.conversation.payload = payload or None

    def update_state(self, **changes: Any) -> None:
        self.conversation.payload = {**self.state, **changes}

    def button(self, key: str, data: str, **values: object) -> Button:
        return Button(self.words(key, **values), data)
