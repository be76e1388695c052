"""The dialogue's replies as Telegram receives them (bot/telegram/outgoing.py): text pieces with
the keyboard on the last, a photo's caption with it, Telegram's errors as PTB's."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from telegram import Bot, Message
from telegram.error import Forbidden, RetryAfter

from bot.shared.events import Button, Reply
from bot.telegram.outgoing import TELEGRAM_TEXT_LIMIT, send_reply
from tests.support.fake_bot_api import FakeBotAPI

CHAT = 5151
BUTTONS = [[Button("Sign", "note:sign:7"), Button("Keep", "note:keep:7")], [Button("Bin", "x:1")]]
KEYBOARD = {"inline_keyboard": [
    [{"text": "Sign", "callback_data": "note:sign:7"},
     {"text": "Keep", "callback_data": "note:keep:7"}],
    [{"text": "Bin", "callback_data": "x:1"}],
]}


def _bot(api: FakeBotAPI) -> Bot:
    api.add_user(CHAT)
    return Bot(api.token, request=api.request(), get_updates_request=api.request())


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="PNG")
    return out.getvalue()


async def test_a_long_replys_keyboard_goes_with_its_last_piece():
    api = FakeBotAPI()
    text = ("Subjective line. " * 300).strip()
    assert len(text) > TELEGRAM_TEXT_LIMIT
    await send_reply(_bot(api), CHAT, Reply(text, buttons=BUTTONS))
    first, last = api.messages_in(CHAT)
    assert first.reply_markup is None
    assert last.reply_markup == KEYBOARD
    assert (first.visible_text + " " + last.visible_text).split() == text.split()


async def test_a_photos_caption_carries_the_keyboard():
    api = FakeBotAPI()
    await send_reply(_bot(api), CHAT, Reply("Progress so far", buttons=BUTTONS, image=_png()))
    (photo,) = api.messages_in(CHAT)
    assert photo.photo is not None and photo.reply_markup == KEYBOARD


async def test_telegrams_answer_to_a_text_is_not_read_into_a_message(monkeypatch):
    api = FakeBotAPI()

    def unread(*_args, **_kwargs):
        raise AssertionError("a reply's answer was turned into a Message")

    monkeypatch.setattr(Message, "de_json", unread)
    await send_reply(_bot(api), CHAT, Reply("Saved.", buttons=BUTTONS))
    assert api.messages_in(CHAT)[-1].reply_markup == KEYBOARD


async def test_telegrams_errors_reach_the_sender_as_ptbs():
    api = FakeBotAPI()
    bot = _bot(api)
    api.fail_next("sendMessage", error_code=429, retry_after=3)
    with pytest.raises(RetryAfter):
        await send_reply(bot, CHAT, Reply("busy"))
    api.block(CHAT)
    with pytest.raises(Forbidden):
        await send_reply(bot, CHAT, Reply("blocked"))
