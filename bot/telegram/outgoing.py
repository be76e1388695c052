"""Sending the dialogue's replies through PTB: long text split cleanly, buttons, images, files.

Text, the bulk of every turn's replies, goes through PTB's request layer (`Bot._post`, which
still inserts PTB's defaults and raises Telegram's errors as TelegramErrors) with the keyboard
as the plain dict Telegram reads: `Bot.send_message` would build the keyboard as Telegram
objects only to turn them back into that dict, and build a `Message` from Telegram's answer
that nothing reads (70-280 and 170 µs a reply, measured on 2026-12-03).
"""

from __future__ import annotations

import logging
from io import BytesIO

from telegram import Bot
from telegram.error import TelegramError

from bot.logsafe import describe_failure
from bot.shared.events import Button, Reply

log = logging.getLogger(__name__)

TELEGRAM_TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def split_message(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut at a paragraph, line or word where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def keyboard(rows: list[list[Button]]) -> dict | None:
    """The buttons as Telegram's `reply_markup` (an InlineKeyboardMarkup's JSON)."""
    if not rows:
        return None
    return {
        "inline_keyboard": [
            [{"text": b.label, "callback_data": b.data} for b in row] for row in rows
        ]
    }


async def _send_text(bot: Bot, chat_id: int, text: str, markup: dict | None) -> None:
    """`sendMessage`, Telegram's answer left unread."""
    data: dict = {"chat_id": chat_id, "text": text}
    if markup is not None:
        data["reply_markup"] = markup
    await bot._post("sendMessage", data)


async def send_reply(bot: Bot, chat_id: int, reply: Reply) -> None:
    if reply.forget_message is not None:
        try:
            await bot.delete_message(chat_id, reply.forget_message)
        except TelegramError as failure:  # too old to delete, or already gone: answer anyway
            log.warning("could not delete a PIN message: %s", describe_failure(failure))
    markup = keyboard(reply.buttons)
    if reply.image is not None:
        fits = len(reply.text) <= CAPTION_LIMIT
        await bot.send_photo(
            chat_id,
            BytesIO(reply.image),
            caption=reply.text if fits else None,
            reply_markup=markup if fits else None,  # PTB sends a dict as it is, JSON
        )
        if fits:
            return
    if reply.file is not None:
        name, content = reply.file
        await bot.send_document(chat_id, BytesIO(content), filename=name)
    pieces = split_message(reply.text) if reply.text else []
    for number, piece in enumerate(pieces, start=1):
        last = number == len(pieces)
        await _send_text(bot, chat_id, piece, markup if last else None)
