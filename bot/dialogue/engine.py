"""The dialogue engine: one event in, replies out, every turn one database transaction.

It checks who may talk to the bot, opens the turn's store (the clinician's rows, in one query),
routes the event to a feature, and stamps the conversation row when the turn changed it. A
Telegram update's inbox row is marked processed, with the replies to send, in the same
transaction (`_record_processed`): an update already processed changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict

from bot.dialogue import lock, onboarding
from bot.dialogue.features import FEATURES
from bot.dialogue.routes import merge
from bot.dialogue.turn import Turn
from bot.logsafe import describe_failure
from bot.shared.characters import UNREADABLE
from bot.shared.events import Event, Reply
from bot.shared.kept_replies import replies_to_json
from bot.shared.services import Services
from storage import clinicians, inbox
from storage.store import TurnStore

log = logging.getLogger(__name__)

class Dialogue:
    def __init__(self, services: Services, *, trusted_users: frozenset[int] = frozenset()):
        self.services = services
        self.routes = merge([feature.ROUTES for feature in FEATURES])
        self._trusted = trusted_users  # the console's local user, say
        self._locks: dict[int, asyncio.Lock] = {}
        # Strangers get one refusal per process; remembered here only, never in the database.
        self._refused: OrderedDict[int, None] = OrderedDict()

    def allowed(self, user_id: int) -> bool:
        return user_id in self._trusted or user_id in self.services.settings.allowed_users

    async def handle(self, event: Event) -> list[Reply]:
        if not self.allowed(event.user_id):
            return self._refuse(event.user_id)
        lock = self._locks.setdefault(event.user_id, asyncio.Lock())
        async with lock:
            try:
                return await self._handle_in_transaction(event)
            except inbox.AlreadyProcessed:
                return []  # another worker (or an earlier attempt) processed this update
            except Exception as failure:
                log.error("turn failed: %s", describe_failure(failure))
                return [Reply(self.services.wording("error.internal"))]

    async def chat_locked(self, user_id: int) -> bool:
        """Whether this clinician's chat is locked (see bot.dialogue.lock), read only."""
        async with self.services.database.transaction() as session:
            clinician = await clinicians.get(session, user_id)
            settings, now = self.services.settings, self.services.clock.now()
            return clinician is not None and lock.is_locked(
                clinician, now, settings.lock_after_minutes
            )

    def _refuse(self, user_id: int) -> list[Reply]:
        if user_id in self._refused:
            return []
        self._refused[user_id] = None
        if len(self._refused) > 10_000:
            self._refused.popitem(last=False)
        return [Reply(self.services.wording("access.refused"))]

    async def _handle_in_transaction(self, event: Event) -> list[Reply]:
        database, now = self.services.database, self.services.clock.now()
        async with database.transaction() as session:
            store = await TurnStore.open(session, event.user_id, now, self.services.templates)
            if store.clinician.blocked:
                store.clinician.blocked = False  # a clinician writing to the bot has not blocked it
            # The console delivers without update ids; every other transport is Telegram's.
            store.audit.transport = "telegram" if event.update_id is not None else "console"
            turn = Turn(
                event, store, self.services, route_text=self.route_text, route=self._route,
                free_text=self.routes.free_text, dictation_modes=self.routes.dictation_modes,
            )
            first_contact = not store.clinician.onboarded
            await self._route(turn)
            if first_contact and not store.clinician.onboarded:
                onboarding.after_first_turn(turn)
            if UNREADABLE in event.text:
                turn.say("input.unreadable_characters")
            store.conversation.stamp(now)
            await self._record_processed(session, event, turn.replies, now)
        return turn.replies

    @staticmethod
    async def _record_processed(session, event: Event, replies: list[Reply], now) -> None:
        """The update's inbox row: processed, with the replies to send, in the turn's own
        transaction; AlreadyProcessed (the turn rolls back) unless it was still pending."""
        if event.update_id is not None:  # None: the console, no transport delivery
            await inbox.mark_processed(session, event.update_id, replies_to_json(replies), now)

    async def _route(self, turn: Turn) -> None:
        event, routes = turn.event, self.routes
        if event.kind == "foreign_chat":
            # A button pressed outside the clinician's private chat: served nowhere, recorded.
            await turn.store.audit.record("failed_access", turn.now, "chat")
            return
        if await lock.holds_turn(turn):
            return
        if len(event.text) > self.services.settings.max_message_chars:
            turn.say("input.too_long", limit=self.services.settings.max_message_chars)
            return
        if event.kind == "unsupported":
            turn.say("input.unsupported", what=turn.words(f"input.kind.{event.what or 'other'}"))
            return
        if event.kind in ("command", "button"):
            keeper = routes.keepers.get(turn.mode)
            if keeper is None:
                await self._act(turn)
            else:
                await keeper(turn, lambda: self._act(turn))
        elif event.kind == "edit":
            await routes.edit(turn)
        elif event.kind == "document":
            if routes.document is None:
                turn.say("input.unexpected_file")
            else:
                await routes.document(turn)
        elif event.kind == "voice":
            await routes.voice(turn)
        else:
            await self.route_text(turn)

    async def _act(self, turn: Turn) -> None:
        """A command or a button press, to the feature that claims it."""
        event, routes = turn.event, self.routes
        if event.kind == "command":
            handler = routes.commands.get(event.command or "")
            if handler is None:
                turn.say("input.unknown_command", command=event.command)
            else:
                await handler(turn)
            return
        prefix, _, rest = event.data.partition(":")
        action, _, argument = rest.partition(":")
        button = routes.buttons.get(prefix)
        if button is None:
            turn.say("input.stale_button")
        else:
            await button(turn, action, argument)

    async def route_text(self, turn: Turn) -> None:
        handler = self.routes.modes.get(turn.mode)
        if handler is not None:
            await handler(turn)
        elif self.routes.free_text is not None:
            await self.routes.free_text(turn)
        else:
            turn.say("help.short")
