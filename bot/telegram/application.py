"""Wiring the python-telegram-bot Application: handlers, commands, errors, polling, reminders."""

from __future__ import annotations

import asyncio
import logging
import signal

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.dialogue.engine import Dialogue
from bot.dialogue.services import Services
from bot.logsafe import describe_failure
from bot.scheduler import start_reminders
from bot.telegram import handlers
from bot.telegram.sender import make_sender

log = logging.getLogger(__name__)

PRIVATE = filters.ChatType.PRIVATE
NEW_MESSAGES = filters.UpdateType.MESSAGE


def production_builder(services: Services) -> ApplicationBuilder:
    settings = services.settings
    builder = ApplicationBuilder().token(settings.telegram_token)
    if settings.bot_api_url:
        base = settings.bot_api_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    return builder


def build_application(
    services: Services, *, builder: ApplicationBuilder | None = None, voice=None
) -> Application:
    builder = builder or production_builder(services)
    application = builder.concurrent_updates(True).build()
    application.bot_data["dialogue"] = Dialogue(services)
    application.bot_data["voice"] = voice
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
    log.error("update failed: %s", describe_failure(context.error))
    if isinstance(update, Update) and update.effective_chat is not None:
        wording = context.application.bot_data["dialogue"].services.wording
        try:
            await context.bot.send_message(update.effective_chat.id, wording("error.internal"))
        except Exception as failure:  # the chat may be gone; the log line above is the record
            log.error("could not tell the user: %s", describe_failure(failure))


async def run_polling(application: Application) -> None:
    """Serve until SIGINT/SIGTERM; updates not yet confirmed are fetched again after a restart."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    dialogue: Dialogue = application.bot_data["dialogue"]
    async with application:
        await register_commands(application)
        await application.start()
        reminders = start_reminders(dialogue.services, make_sender(application.bot))
        await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        log.info("serving on Telegram (long polling)")
        await stop.wait()
        await application.updater.stop()
        reminders.shutdown(wait=False)
        await application.stop()
