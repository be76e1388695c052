"""Turning Telegram updates into dialogue Events. No business rules: only translation."""

from __future__ import annotations

from telegram import Message, Update

from bot.shared.events import Document, Event

# Message kinds the one-line answer names (prompts/messages.toml, input.kind); others are "other".
UNSUPPORTED_KINDS = (
    "sticker", "photo", "video", "video_note", "animation", "location", "contact", "poll", "dice"
)


def text_event(update: Update) -> Event:
    message = update.effective_message
    return Event.from_text(
        update.effective_user.id,
        message.text or "",
        message_id=message.message_id,
        update_id=update.update_id,
    )


def edit_event(update: Update) -> Event:
    message = update.edited_message
    return Event(
        update.effective_user.id,
        "edit",
        text=message.text or "",
        message_id=message.message_id,
        update_id=update.update_id,
    )


def button_event(update: Update) -> Event:
    return Event(
        update.effective_user.id,
        "button",
        data=update.callback_query.data or "",
        update_id=update.update_id,
    )


def foreign_chat_event(update: Update) -> Event:
    """A button pressed in a group or channel, or in anyone's chat but the presser's own."""
    return Event(update.effective_user.id, "foreign_chat", update_id=update.update_id)


def in_own_private_chat(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == "private" and chat.id == update.effective_user.id


def unsupported_event(update: Update) -> Event:
    message: Message = update.effective_message
    what = next((kind for kind in UNSUPPORTED_KINDS if getattr(message, kind, None)), "other")
    return Event(update.effective_user.id, "unsupported", what=what, update_id=update.update_id)


def document_event(update: Update, data: bytes | None) -> Event:
    document = update.effective_message.document
    return Event(
        update.effective_user.id,
        "document",
        update_id=update.update_id,
        document=Document(
            filename=document.file_name or "document",
            mime_type=document.mime_type,
            size=document.file_size or 0,
            data=data,
        ),
    )


def voice_event(update: Update, transcript: str) -> Event:
    message = update.effective_message
    return Event(
        update.effective_user.id,
        "voice",
        text=transcript,
        message_id=message.message_id,
        update_id=update.update_id,
    )
