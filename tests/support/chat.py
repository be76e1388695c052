"""Conversation-style tests through the real PTB Application and the fake Bot API.

    async with running(app):
        chat = Chat(app, api)
        await chat.start_note("A.B.", "soap")  # onboarded first, then /note A.B. soap
        chat.expect("Subjective")
        await chat.press("Next")

Each action delivers one Update as a serving Wayfinder takes it (recorded in the inbox, then
processed from there: `deliver`) and keeps the bot's activity it caused; `expect` and friends
look at the replies of the last action only, as the user saw them (markup removed).
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import Application

from tests.support.fake_bot_api import FakeBotAPI
from tests.support.records import ApiCall, SentFile, SentMessage


async def deliver(app: Application, update: dict[str, Any]) -> None:
    """Recorded in the app's inbox, then processed from there, awaited here (Wayfinder's own
    apps); an app without an inbox (the fake's own tests) gets it from `process_update`."""
    worker = app.bot_data.get("inbox")
    if worker is None:
        await app.process_update(Update.de_json(update, app.bot))
        return
    await asyncio.gather(*await worker.take_in([update]))


@asynccontextmanager
async def running(app: Application, *, polling: bool = False) -> AsyncIterator[Application]:
    """Initialize and start `app` (and long polling if asked); stop and shut it down after."""
    await app.initialize()
    try:
        await app.start()
        try:
            if polling:
                await app.updater.start_polling()
            yield app
        finally:
            if app.updater and app.updater.running:
                await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()


class Chat:
    """One Telegram user in a private chat with the bot."""

    def __init__(
        self, app: Application, api: FakeBotAPI, user_id: int = 1001, *, first_name: str = "Dana"
    ) -> None:
        self.app = app
        self.api = api
        self.user_id = user_id
        api.add_user(user_id, first_name=first_name)
        self.activity: list[ApiCall] = []
        self.said: dict[int, str] = {}
        self.onboarded = False
        self._files_sent = 0

    # --- openings -----------------------------------------------------------------------------

    async def onboard(self, zone: str = "America/New_York") -> None:
        """/start and a time zone: the clinician is set up to write notes."""
        await self.say("/start")
        await self.say(zone)
        self.expect("Time zone set to")
        self.onboarded = True

    async def start_note(self, code: str = "A.B.", template: str = "soap") -> SentMessage:
        """`/note CODE TEMPLATE` (onboarding first if this chat has not): the reply opening it."""
        if not self.onboarded:
            await self.onboard()
        await self.say(f"/note {code} {template}")
        return self.expect(f"note · {code}")

    # --- actions ------------------------------------------------------------------------------

    async def say(self, text: str) -> int:
        """Send a text message; returns its message id (for `edit`)."""
        update = self.api.updates.message(self.user_id, text)
        message_id = update["message"]["message_id"]
        self.said[message_id] = text
        await self._feed(update)
        return message_id

    async def edit(self, message_id: int, text: str) -> None:
        """Edit the user's earlier text message `message_id` to read `text`."""
        if message_id not in self.said:
            raise AssertionError(f"message {message_id} was not said by this user: {self.said}")
        self.said[message_id] = text
        await self._feed(self.api.updates.edited_message(self.user_id, message_id, text))

    async def press(self, label: str) -> None:
        """Press the inline button `label` (exact, or a unique substring) on the latest keyboard."""
        await self.press_on(self._latest_keyboard_message(), label)

    async def press_on(self, message: SentMessage, label: str) -> None:
        """Press a button of an earlier message, as a clinician scrolling back up would."""
        button = _find_button(message, label)
        if "callback_data" not in button:
            raise AssertionError(f"button {button['text']!r} is not a callback button: {button}")
        update = self.api.updates.callback_query(self.user_id, message, button["callback_data"])
        await self._feed(update)

    async def press_forged(self, data: str) -> None:
        """A press carrying `data` under the latest keyboard, as a forged or stale client sends."""
        message = self._latest_keyboard_message()
        await self._feed(self.api.updates.callback_query(self.user_id, message, data))

    async def send_voice(self, data: bytes, duration: int, file_size: int | None = None) -> None:
        file_id = self._register_file(data)
        size = len(data) if file_size is None else file_size
        await self._feed(self.api.updates.voice(self.user_id, file_id, duration, file_size=size))

    async def send_audio(
        self,
        data: bytes,
        duration: int,
        *,
        file_name: str = "audio.mp3",
        mime_type: str = "audio/mpeg",
        file_size: int | None = None,
    ) -> None:
        file_id = self._register_file(data)
        size = len(data) if file_size is None else file_size
        update = self.api.updates.audio(
            self.user_id,
            file_id,
            duration,
            file_size=size,
            file_name=file_name,
            mime_type=mime_type,
        )
        await self._feed(update)

    async def send_document(self, filename: str, data: bytes, mime_type: str) -> None:
        file_id = self._register_file(data)
        update = self.api.updates.document(
            self.user_id, file_id, filename, mime_type, file_size=len(data)
        )
        await self._feed(update)

    async def send_sticker(self) -> None:
        await self._feed(self.api.updates.sticker(self.user_id))

    async def send_photo(self, caption: str | None = None) -> None:
        await self._feed(self.api.updates.photo(self.user_id, caption=caption))

    # --- what the bot did in reply to the last action ----------------------------------------

    @property
    def replies(self) -> list[SentMessage]:
        """Bot messages in this chat that the last action created or changed, in order."""
        return [
            call.message
            for call in self.activity
            if call.message is not None and call.message.chat_id == self.user_id
        ]

    @property
    def last_text(self) -> str:
        if not self.replies:
            raise AssertionError("the bot did not reply to the last action")
        return self.replies[-1].visible_text

    @property
    def photos(self) -> list[SentFile]:
        return [reply.photo for reply in self.replies if reply.photo and not reply.edited]

    @property
    def documents(self) -> list[SentFile]:
        return [reply.document for reply in self.replies if reply.document and not reply.edited]

    def expect(self, *substrings: str) -> SentMessage:
        """The first reply to the last action that contains all `substrings`, else fail."""
        for reply in self.replies:
            if all(substring in reply.visible_text for substring in substrings):
                return reply
        raise AssertionError(f"no reply contains {list(substrings)}; {self._describe_replies()}")

    def expect_not(self, substring: str) -> None:
        for reply in self.replies:
            if substring in reply.visible_text:
                raise AssertionError(f"a reply contains {substring!r}; {self._describe_replies()}")

    def buttons(self) -> list[str]:
        """Labels of the latest inline keyboard in this chat, as it stands now."""
        return self._latest_keyboard_message().buttons

    # --- internals ----------------------------------------------------------------------------

    async def _feed(self, update: dict[str, Any]) -> None:
        first_call = len(self.api.calls)
        await deliver(self.app, update)
        self.activity = self.api.calls[first_call:]

    def _register_file(self, data: bytes) -> str:
        self._files_sent += 1
        file_id = f"user-{self.user_id}-file-{self._files_sent}"
        self.api.add_file(file_id, data)
        return file_id

    def _latest_keyboard_message(self) -> SentMessage:
        for message in reversed(self.api.messages_in(self.user_id)):
            if message.inline_buttons:
                return message
        raise AssertionError("no bot message in this chat has an inline keyboard")

    def _describe_replies(self) -> str:
        if not self.replies:
            failed = [f"{call.method}: {call.error}" for call in self.activity if call.error]
            return f"the bot sent nothing (failed calls: {failed})"
        lines = [
            f"  #{reply.message_id}{' (edited)' if reply.edited else ''}: "
            f"{reply.visible_text!r} buttons={reply.buttons}"
            for reply in self.replies
        ]
        return "the bot said:\n" + "\n".join(lines)


def _find_button(message: SentMessage, label: str) -> dict[str, Any]:
    buttons = message.inline_buttons
    exact = [button for button in buttons if button["text"] == label]
    partial = [button for button in buttons if label in button["text"]]
    matches = exact or partial
    if len(matches) == 1:
        return matches[0]
    labels = [button["text"] for button in buttons]
    problem = "no button matches" if not matches else "several buttons match"
    raise AssertionError(f"{problem} {label!r}; buttons: {labels}")
