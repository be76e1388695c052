"""The reminder dispatcher's `send`: a Reply through PTB, with Telegram's errors mapped.

RetryAfter (429) -> RetryLater(seconds); Forbidden (blocked, chat gone) -> RecipientGone;
any other TelegramError -> SendFailed. The dispatcher decides what each means
(bot/reminders/dispatcher.py). Text, buttons and images go out as every other reply does
(bot/telegram/outgoing.py).
"""

from __future__ import annotations

from telegram import Bot
from telegram.error import Forbidden, RetryAfter, TelegramError

from bot.reminders.sending import RecipientGone, RetryLater, Send, SendFailed
from bot.shared.events import Reply
from bot.telegram.durations import seconds_of
from bot.telegram.outgoing import send_reply


def make_sender(bot: Bot) -> Send:
    """`send(clinician_id, reply)` for `bot.scheduler.start_reminders` (private chat = user id)."""

    async def send(clinician_id: int, reply: Reply) -> None:
        try:
            await send_reply(bot, clinician_id, reply)
        except RetryAfter as wait:
            raise RetryLater(seconds_of(wait, "retry_after")) from None
        except Forbidden:
            raise RecipientGone() from None
        except TelegramError as failure:
            # Telegram's description may quote the message; only the type travels on.
            raise SendFailed(type(failure).__name__) from None

    return send
