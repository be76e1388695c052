"""Sending the dialogue's replies through PTB: long text split cleanly, buttons, images, files."""

from __future__ import annotations

import logging
from io import BytesIO

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
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


def keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows]
    )


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
            reply_markup=markup if fits else None,
        )
        if fits:
            return
    if reply.file is not None:
        name, content = reply.file
        await bot.send_document(chat_id, BytesIO(content), filename=name)
    pieces = split_message(reply.text) if reply.text else []
    for number, piece in enumerate(pieces, start=1):
        last = number == len(pieces)
        await bot.send_message(chat_id, piece, reply_markup=markup if last else None)
