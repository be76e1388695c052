"""What a locked chat does with what it is sent: text, commands and presses are held, sealed and
in order (storage/held.py), and handled after the right PIN as if just sent, through the
engine's own routing; a voice message or a file is not kept, and the answer says so.

Wrong PINs, the wait after too many and `wayfinder reset-pin` leave held messages held: they
are handled at the next unlock (after a reset, once a new PIN is set and entered).
"""

from __future__ import annotations

from dataclasses import replace

from bot.dialogue.turn import Turn
from bot.shared.events import Event

HOLDABLE = ("text", "command", "button")
# Enough for a session's worth of messages typed before noticing the lock, few enough that
# the handling after the PIN stays one turn.
MAX_HELD = 50


async def hold(turn: Turn) -> str:
    """Holds the turn's message when it can be; the wording key saying what became of it."""
    event = turn.event
    if event.kind == "voice":
        return "lock.held.voice_not_kept"
    if event.kind not in HOLDABLE:
        return "lock.held.not_kept"
    if await turn.store.held.count() >= MAX_HELD:
        return "lock.held.full"
    message = {
        "kind": event.kind, "text": event.text, "data": event.data, "message_id": event.message_id
    }
    await turn.store.held.hold(message, turn.now)
    return "lock.held.kept"


def _event(turn: Turn, message: dict) -> Event:
    user_id, message_id = turn.event.user_id, message.get("message_id")
    if message["kind"] == "button":
        return Event(user_id, "button", data=message["data"], message_id=message_id)
    return Event.from_text(user_id, message["text"], message_id=message_id)


async def handle_all(turn: Turn) -> None:
    """Handles every held message in order, as if just sent; their replies follow the unlock."""
    unlocking = turn.event
    for message in await turn.store.held.take_all():
        turn.event = replace(_event(turn, message), update_id=unlocking.update_id)
        await turn.route(turn)
    turn.event = unlocking


async def waiting(turn: Turn) -> int:
    return await turn.store.held.count()
