"""Long polling that loses nothing: each batch is recorded in the inbox, and committed, before
the next getUpdates confirms it to Telegram.

PTB's Updater confirms a batch with its next getUpdates while the handlers may still be running,
so a process killed then loses the batch. Here the offset moves on only after the commit; a
process killed before it gets the same updates again, and the inbox ignores those it holds.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.error import Conflict, NetworkError

from bot.logsafe import describe_failure
from bot.telegram.inbox_worker import InboxWorker
from bot.telegram.intake import ALLOWED_UPDATES

log = logging.getLogger(__name__)

LONG_POLL_SECONDS = 30
WAIT_AFTER_FAILURE = (1.0, 2.0, 5.0, 10.0, 30.0)


async def poll(bot: Bot, worker: InboxWorker, *, long_poll: int = LONG_POLL_SECONDS) -> None:
    """Fetches and records updates until cancelled."""
    await bot.delete_webhook()  # Telegram answers getUpdates only without a webhook
    offset: int | None = None
    failures = 0
    while True:
        try:
            updates = await bot.get_updates(
                offset=offset, timeout=long_poll, allowed_updates=ALLOWED_UPDATES
            )
            if updates:
                await worker.take_in([update.to_dict() for update in updates])
                offset = updates[-1].update_id + 1
            failures = 0
        except Conflict:
            failures += 1
            log.error("another process is polling this bot (or a webhook is set); waiting")
        except NetworkError as failure:
            failures += 1
            log.warning("getUpdates failed: %s", describe_failure(failure))
        except Exception as failure:  # the database is away: the same batch comes again
            failures += 1
            log.error("could not record updates: %s", describe_failure(failure))
        if failures:
            await asyncio.sleep(WAIT_AFTER_FAILURE[min(failures, len(WAIT_AFTER_FAILURE)) - 1])
