"""Wiring the python-telegram-bot Application: handlers, commands, errors, the inbox worker,
reminders; serving by long polling (the webhook server is bot/telegram/webhook.py).

PTB's Updater is not used: updates reach the handlers only through the inbox (polling records
them in bot/telegram/polling.py, the webhook in bot/telegram/webhook.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator

from telegram import BotCommand
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.dialogue.engine import Dialogue
from bot.logsafe import describe_failure
from bot.scheduler import start_reminders
from bot.shared.services import Services
from bot.telegram import handlers
from bot.telegram.bot_api_request import AiohttpRequest
from bot.telegram.inbox_worker import InboxWorker
from bot.telegram.polling import poll
from bot.telegram.sender import make_sender
from bot.telegram.warm_up import warm_up

log = logging.getLogger(__name__)

PRIVATE = filters.ChatType.PRIVATE
NEW_MESSAGES = filters.UpdateType.MESSAGE


def bot_api_urls(settings: Settings) -> dict[str, str]:
    """base_url and base_file_url of a self-hosted Bot API server, if one is configured."""
    if not settings.bot_api_url:
        return {}
    base = settings.bot_api_url.rstrip("/")
    return {"base_url": f"{base}/bot", "base_file_url": f"{base}/file/bot"}


# Connections to the Bot API per process. PTB's default, 256, cost a webhook worker 9% of its
# CPU in httpx: httpcore looks over every pooled connection (a poll() of each idle one's socket)
# on every request, and a worker with 64 updates in hand keeps 64 open. The requests now go
# through aiohttp (bot/telegram/bot_api_request.py), which does no such round; 16 still send
# well over Telegram's own limit (about 30 messages a second per bot) at its round trip; a send
# that finds them all busy waits its turn, up to `BOT_API_POOL_WAIT` seconds (PTB's default is 1).
BOT_API_CONNECTIONS = 16
BOT_API_POOL_WAIT = 10.0


def production_builder(services: Services) -> ApplicationBuilder:
    settings = services.settings
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .request(AiohttpRequest(connections=BOT_API_CONNECTIONS, pool_timeout=BOT_API_POOL_WAIT))
    )
    urls = bot_api_urls(settings)
    if urls:
        builder = builder.base_url(urls["base_url"]).base_file_url(urls["base_file_url"])
    return builder


def build_application(
    services: Services, *, builder: ApplicationBuilder | None = None, voice=None
) -> Application:
    builder = builder or production_builder(services)
    application = builder.updater(None).build()
    application.bot_data["dialogue"] = Dialogue(services)
    application.bot_data["voice"] = voice
    application.bot_data["inbox"] = InboxWorker(application, services)
    add = application.add_handler
    add(
        MessageHandler(PRIVATE & filters.UpdateType.EDITED_MESSAGE & filters.TEXT, handlers.on_edit)
    )
    add(MessageHandler(PRIVATE & NEW_MESSAGES & filters.TEXT, handlers.on_text))
    add(MessageHandler(PRIVATE & NEW_MESSAGES & (filters.VOICE | filters.AUDIO), handlers.on_voice))
    add(MessageHandler(PRIVATE & NEW_MESSAGES & filters.Document.ALL, handlers.on_document))
    add(CallbackQueryHandler(handlers.on_button))
    add(MessageHandler(PRIVATE & NEW_MESSAGES, handlers.on_unsupported))
    application.add_error_handler(_on_error)
    return application


async def register_commands(application: Application) -> None:
    """The command menu Telegram shows, from the commands the dialogue routes."""
    dialogue: Dialogue = application.bot_data["dialogue"]
    wording = dialogue.services.wording
    commands = [
        BotCommand(name, wording(f"commands.{name}"))
        for name in dialogue.routes.commands
        if f"commands.{name}" in wording.keys()
    ]
    await application.bot.set_my_commands(commands)


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The inbox worker decides what a failure means: try again, or tell the clinician.
    log.error("update failed: %s", describe_failure(context.error))
    context.application.bot_data["inbox"].failed(update, context.error)


@contextlib.asynccontextmanager
async def serving(application: Application) -> AsyncIterator[InboxWorker]:
    """The application started and warmed up (bot/telegram/warm_up.py), then the reminders and
    the inbox worker running, for polling and webhook alike; stops them in turn (the worker
    finishes or lets go of what it holds)."""
    dialogue: Dialogue = application.bot_data["dialogue"]
    worker: InboxWorker = application.bot_data["inbox"]
    async with application:
        await register_commands(application)
        await application.start()
        # Before the reminders too: their first runs are due at once and would be missed.
        warm_up()
        reminders = start_reminders(dialogue.services, make_sender(application.bot))
        processing = asyncio.create_task(worker.run())
        try:
            yield worker
        finally:
            await worker.stop()
            await processing
            reminders.shutdown(wait=False)
            await application.stop()


async def run_polling(application: Application) -> None:
    """Serve until SIGINT/SIGTERM; what was recorded and not answered is processed at start."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with serving(application) as worker:
        polling = asyncio.create_task(poll(application.bot, worker))
        log.info("serving on Telegram (long polling)")
        await stop.wait()
        polling.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
