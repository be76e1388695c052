"""What the inbox needs to know of a raw Telegram update before anyone parses it: its id and
whose conversation it belongs to (the sender; in a private chat that is also the chat's id).

Updates of one sender are processed one at a time, in update-id order: the dialogue keeps one
conversation per clinician, so that is the unit of order.
"""

from __future__ import annotations

from typing import Any

from bot.shared.characters import readable
from storage.inbox import Received

# The kinds of update the handlers take (bot/telegram/application.py); Telegram sends no others.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


class NotAnUpdate(ValueError):
    """The body is not a Telegram update (no integer update_id)."""


def received(update: Any) -> Received:
    if not isinstance(update, dict) or type(update.get("update_id")) is not int:
        raise NotAnUpdate("not a Telegram update")
    return Received(update["update_id"], sender_of(update), readable(update))


def sender_of(update: dict[str, Any]) -> int | None:
    """The user the update comes from, else its chat; None for updates with neither (polls)."""
    for key, body in update.items():
        if key == "update_id" or not isinstance(body, dict):
            continue
        for holder in ("from", "user"):
            if isinstance(body.get(holder), dict) and type(body[holder].get("id")) is int:
                return body[holder]["id"]
        chat = body.get("chat")
        if isinstance(chat, dict) and type(chat.get("id")) is int:
            return chat["id"]
    return None
