"""PTB handlers: each translates an update, asks the dialogue, and hands the replies back to the
inbox worker, which sends them once the handler returns (bot/telegram/inbox_worker.py).

command / text ──► dialogue ──► replies
edited text ─────► dialogue (edit) ──► replies
button ──────────► answer the query, drop the pressed keyboard, dialogue ──► replies
voice / audio ───► size check, "typing", download to memory, transcribe ──► dialogue (voice)
document ────────► audio? as voice : download (≤ 1 MB) ──► dialogue (document)
anything else ───► dialogue (unsupported) ──► one-line answer

An update can be handled again after a restart (the process died before it was answered), so
what a handler does before its turn must bear repeating: a callback query already answered, or
a keyboard already gone, is fine.
"""

from __future__ import annotations

import asyncio
import contextlib

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.dialogue.engine import Dialogue
from bot.shared.events import Event, Reply
from bot.telegram import incoming
from bot.telegram.durations import seconds_of
from bot.telegram.inbox_worker import InboxWorker
from bot.voice import VoiceRejected

MAX_DOCUMENT_BYTES = 1024 * 1024
TYPING_EVERY_SECONDS = 4.0


def dialogue_of(context: ContextTypes.DEFAULT_TYPE) -> Dialogue:
    return context.application.bot_data["dialogue"]


def inbox_of(context: ContextTypes.DEFAULT_TYPE) -> InboxWorker:
    return context.application.bot_data["inbox"]


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, event: Event) -> None:
    replies = await dialogue_of(context).handle(event)
    inbox_of(context).answer(update, replies)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer(update, context, incoming.text_event(update))


async def on_edit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer(update, context, incoming.edit_event(update))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    with contextlib.suppress(BadRequest):  # answered before a restart, or too old by now
        await query.answer()
    if not incoming.in_own_private_chat(update):
        # A record is never served into a group: refused there, recorded in the audit trail.
        await answer(update, context, incoming.foreign_chat_event(update))
        return
    # The pressed keyboard goes away so a second tap cannot repeat the action.
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(reply_markup=None)
    await answer(update, context, incoming.button_event(update))


async def on_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer(update, context, incoming.unsupported_event(update))


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    document = update.effective_message.document
    if (document.mime_type or "").startswith("audio/"):
        await on_voice(update, context)
        return
    if not dialogue_of(context).allowed(update.effective_user.id):
        await answer(update, context, incoming.document_event(update, None))
        return
    data = None
    if (document.file_size or 0) <= MAX_DOCUMENT_BYTES:
        telegram_file = await document.get_file()
        data = bytes(await telegram_file.download_as_bytearray())
    await answer(update, context, incoming.document_event(update, data))


async def _keep_typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    while True:
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        await asyncio.sleep(TYPING_EVERY_SECONDS)


async def on_voice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    dialogue, chat_id = dialogue_of(context), update.effective_chat.id
    if not dialogue.allowed(update.effective_user.id):
        await answer(update, context, incoming.text_event(update))
        return
    if await dialogue.chat_locked(update.effective_user.id):
        # A locked chat's audio is neither downloaded nor transcribed: the lock answers.
        await answer(update, context, incoming.voice_event(update, ""))
        return
    message = update.effective_message
    media = message.voice or message.audio or message.document
    voice = context.application.bot_data["voice"]
    wording = dialogue.services.wording
    try:
        voice.check_before_download(media.file_size, seconds_of(media, "duration"))
    except VoiceRejected as rejected:
        inbox_of(context).answer(update, [Reply(str(rejected))])
        return

    async def tell_queue_position(position: int) -> None:
        await context.bot.send_message(chat_id, wording("voice.queued", position=position))

    typing = asyncio.create_task(_keep_typing(context, chat_id))
    try:
        telegram_file = await media.get_file()
        audio = bytes(await telegram_file.download_as_bytearray())
        transcript = await voice.transcribe(audio, on_queued=tell_queue_position)
    except VoiceRejected as rejected:
        inbox_of(context).answer(update, [Reply(str(rejected))])
        return
    finally:
        typing.cancel()
    await answer(update, context, incoming.voice_event(update, transcript.text))
