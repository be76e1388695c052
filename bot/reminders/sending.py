"""What a transport's `send` may raise, so the dispatcher applies one set of rules to all.

The Telegram sender maps its library's errors onto these (bot/telegram/sender.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.shared.events import Reply

Send = Callable[[int, Reply], Awaitable[None]]


class RetryLater(Exception):
    """Rate limited (HTTP 429): try the same message again after `seconds`."""

    def __init__(self, seconds: float):
        super().__init__(f"rate limited for {seconds} s")
        self.seconds = seconds


class RecipientGone(Exception):
    """The clinician blocked the bot (or deleted the chat): their reminders are turned off."""


class SendFailed(Exception):
    """Any other failure: retried with backoff, a bounded number of times."""
