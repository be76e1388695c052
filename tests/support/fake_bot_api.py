"""An in-process fake of the Telegram Bot API server, for tests that drive the real PTB Application.

FakeBotAPI answers the Bot API methods a bot uses, with Telegram's JSON shapes, limits and error
wording; keeps every call in order and the bot's messages per chat (edits and deletions applied);
serves files; holds the update queue getUpdates long-polls; and injects faults. PTB talks to it
through FakeRequest (`api.request()`); Update dicts come from UpdateFactory (`api.updates`).
"""

import asyncio
import io
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image, UnidentifiedImageError
from telegram.ext import ApplicationBuilder

from tests.support.bot_api_rules import LIMITS, RULES, BotApiError, api_error
from tests.support.fake_request import FakeRequest, UploadedFile
from tests.support.file_store import FileStore
from tests.support.records import ApiCall, SentFile, SentMessage
from tests.support.telegram_text import visible_text
from tests.support.update_queue import UpdateQueue
from tests.support.updates import UpdateFactory

DOWNLOAD = "download"
"""The method name recorded for a file download (GET of <base_file_url><token>/<file_path>)."""

_COMMAND_NAME = re.compile(LIMITS["command_name_pattern"])
_SENDING = frozenset({"sendMessage", "sendPhoto", "sendDocument"})


@dataclass
class _Fault:
    error_code: int
    description: str
    retry_after: int | None


class FakeBotAPI:
    """The Bot API server's state and methods; `request()` gives PTB a transport bound to it."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        *,
        bot_username: str = "wayfinder_test_bot",
        bot_first_name: str = "Wayfinder",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.clock = clock
        self.bot_user = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[ApiCall] = []
        self.messages: dict[int, list[SentMessage]] = {}
        self.chats: dict[int, dict[str, Any]] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.webhook_url: str | None = None
        self.updates = UpdateFactory(self)
        self._queue = UpdateQueue()
        self._files = FileStore()
        self._pending_callback_queries: set[str] = set()
        self._user_message_ids: dict[int, set[int]] = {}
        self._last_message_id: dict[int, int] = {}
        self._last_update_id = 0
        self._last_query_id = 0
        self._message_sent = asyncio.Event()
        self._sent: dict[int, list[ApiCall]] = {}  # per chat: the calls that sent a message
        self._sent_in: dict[int, asyncio.Event] = {}
        self._faults: dict[str, list[_Fault | None]] = {}  # None: let one call through
        self._blocked_chats: set[int] = set()
        self._handlers: dict[str, Callable[[ApiCall], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "getFile": self._get_file,
            "close": self._acknowledge,
            "logOut": self._acknowledge,
        }

    # --- wiring PTB to the fake ---------------------------------------------------------------

    def request(self) -> FakeRequest:
        """A new transport bound to this server (PTB needs one per request kind)."""
        return FakeRequest(self)

    def application_builder(self) -> ApplicationBuilder:
        """An ApplicationBuilder with this fake's token and two transports bound to it."""
        return (
            ApplicationBuilder()
            .token(self.token)
            .request(self.request())
            .get_updates_request(self.request())
        )

    # --- test controls ------------------------------------------------------------------------

    def add_user(self, user_id: int, *, first_name: str = "Dana") -> dict[str, Any]:
        """Register a Telegram user and their private chat with the bot; returns the user dict."""
        user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}
        self.users[user_id] = user
        self.chats[user_id] = {"id": user_id, "type": "private", "first_name": first_name}
        self.messages.setdefault(user_id, [])
        return user

    def add_file(self, file_id: str, data: bytes, *, file_path: str | None = None) -> None:
        """Make `data` downloadable via getFile(file_id) and GET <base_file_url><token>/<path>."""
        self._files.add(file_id, data, file_path=file_path)

    def queue_update(self, update: dict[str, Any]) -> None:
        """Queue an Update dict for getUpdates (the polling path)."""
        self._queue.put(update)

    def end_long_polls(self) -> None:
        """getUpdates calls waiting now answer at once, as when the server goes away."""
        self._queue.end_waits()

    def fail_next(
        self,
        method: str,
        *,
        error_code: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        times: int = 1,
        after: int = 0,
    ) -> None:
        """Answer the next `times` calls of `method` with an error (429 carries retry_after),
        once `after` more calls of it have gone through."""
        if error_code == 429 and retry_after is None:
            retry_after = 1
        wording = description or RULES["errors"]["injected"][str(error_code)]
        fault = _Fault(error_code, wording.format(retry_after=retry_after), retry_after)
        self._faults.setdefault(method, []).extend([None] * after + [fault] * times)

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: every call naming this chat answers 403 Forbidden."""
        self._blocked_chats.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self._blocked_chats.discard(chat_id)

    # --- inspection ---------------------------------------------------------------------------

    def calls_of(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]

    def messages_in(self, chat_id: int) -> list[SentMessage]:
        """The bot's messages in a chat as they stand now (edits applied, deleted ones gone)."""
        return list(self.messages.get(chat_id, []))

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Queued updates that no getUpdates offset has confirmed yet."""
        return self._queue.pending

    @property
    def pending_callback_queries(self) -> set[str]:
        """Ids of button presses the bot has not answered with answerCallbackQuery."""
        return set(self._pending_callback_queries)

    async def wait_for_sent(self, chat_id: int, count: int, within: float = 5.0) -> ApiCall:
        """The call that sent the chat's `count`-th message (1-based), once there is one; its
        `at` says when it came. Cheap to wait on from many chats at once (benchmarks)."""
        async with asyncio.timeout(within):
            while len(self._sent.get(chat_id, [])) < count:
                arrived = self._sent_in.setdefault(chat_id, asyncio.Event())
                arrived.clear()
                await arrived.wait()
        return self._sent[chat_id][count - 1]

    def sent_count(self, chat_id: int) -> int:
        """How many messages the bot has sent to the chat so far (edits and deletions aside)."""
        return len(self._sent.get(chat_id, []))

    async def wait_for_messages(
        self, chat_id: int, count: int = 1, within: float = 5.0
    ) -> list[SentMessage]:
        """Wait until the chat holds at least `count` bot messages (polling, scheduled jobs)."""
        async with asyncio.timeout(within):
            while len(self.messages.get(chat_id, [])) < count:
                self._message_sent.clear()
                await self._message_sent.wait()
        return self.messages_in(chat_id)

    # --- used by UpdateFactory ----------------------------------------------------------------

    def next_update_id(self) -> int:
        self._last_update_id += 1
        return self._last_update_id

    def next_message_id(self, chat_id: int) -> int:
        """Message ids are per chat and shared by the user's and the bot's messages."""
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def note_user_message(self, chat_id: int, message_id: int) -> None:
        self._user_message_ids.setdefault(chat_id, set()).add(message_id)

    def open_callback_query(self) -> str:
        self._last_query_id += 1
        query_id = f"query-{self._last_query_id}"
        self._pending_callback_queries.add(query_id)
        return query_id

    def message_json(self, message: SentMessage) -> dict[str, Any]:
        """The Message object Telegram returns for a bot message."""
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": self.chats[message.chat_id],
            "from": self.bot_user,
        }
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.text is not None:
            text_key = "caption" if message.photo or message.document else "text"
            data[text_key] = message.visible_text
        if message.photo:
            data["photo"] = [_photo_size_json(message.photo)]
        if message.document:
            data["document"] = _document_json(message.document)
        if message.reply_markup is not None:
            data["reply_markup"] = message.reply_markup
        return data

    # --- used by FakeRequest ------------------------------------------------------------------

    async def call(
        self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Run one Bot API method; records it; raises BotApiError for an error answer."""
        call = ApiCall(method=method, params=params, files=files)
        self.calls.append(call)
        try:
            self._raise_injected_fault(method, params)
            handler = self._handlers.get(method)
            if handler is None:
                raise api_error("unknown_method", method=method)
            call.result = await handler(call)
        except BotApiError as error:
            call.error = error
            raise
        if method in _SENDING and call.message is not None:
            self._sent.setdefault(call.message.chat_id, []).append(call)
            self._sent_in.setdefault(call.message.chat_id, asyncio.Event()).set()
        return call.result

    def download(self, file_path: str) -> bytes:
        call = ApiCall(method=DOWNLOAD, params={"file_path": file_path})
        self.calls.append(call)
        stored = self._files.at_path(file_path)
        if stored is None:
            call.error = api_error("not_found", 404)
            raise call.error
        return stored.data

    def _raise_injected_fault(self, method: str, params: dict[str, Any]) -> None:
        faults = self._faults.get(method)
        if faults and (fault := faults.pop(0)) is not None:
            parameters = {"retry_after": fault.retry_after} if fault.retry_after else None
            raise BotApiError(fault.error_code, fault.description, parameters)
        if "chat_id" in params and _chat_key(params["chat_id"]) in self._blocked_chats:
            raise api_error("bot_blocked", 403)

    # --- methods: bot, updates, webhook, commands ---------------------------------------------

    async def _get_me(self, call: ApiCall) -> dict[str, Any]:
        return self.bot_user

    async def _acknowledge(self, call: ApiCall) -> bool:
        return True

    async def _get_updates(self, call: ApiCall) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise api_error("webhook_active", 409)
        if "allowed_updates" in call.params:
            self._queue.allow(call.params["allowed_updates"])
        return await self._queue.fetch(
            offset=call.params.get("offset"),
            limit=call.params.get("limit") or LIMITS["get_updates_limit"],
            wait_seconds=call.params.get("timeout") or 0,
        )

    async def _delete_webhook(self, call: ApiCall) -> bool:
        self.webhook_url = None
        if call.params.get("drop_pending_updates"):
            self._queue.clear()
        return True

    async def _set_webhook(self, call: ApiCall) -> bool:
        self.webhook_url = _required(call.params, "url")
        if call.params.get("drop_pending_updates"):
            self._queue.clear()
        return True

    async def _get_webhook_info(self, call: ApiCall) -> dict[str, Any]:
        return {
            "url": self.webhook_url or "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue.pending),
        }

    async def _set_my_commands(self, call: ApiCall) -> bool:
        commands = _required(call.params, "commands")
        for command in commands:
            if not _COMMAND_NAME.match(command.get("command", "")):
                raise api_error("bot_command_invalid")
            if not 1 <= len(command.get("description", "")) <= LIMITS["command_description_chars"]:
                raise api_error("command_description_invalid")
        self.commands[_commands_key(call.params)] = commands
        return True

    async def _get_my_commands(self, call: ApiCall) -> list[dict[str, str]]:
        return self.commands.get(_commands_key(call.params), [])

    async def _delete_my_commands(self, call: ApiCall) -> bool:
        self.commands.pop(_commands_key(call.params), None)
        return True

    # --- methods: messages --------------------------------------------------------------------

    async def _send_message(self, call: ApiCall) -> dict[str, Any]:
        chat_id = self._known_chat(call.params)
        message = self._new_message(chat_id, call.params, text=_message_text(call.params))
        return self._record(call, message)

    async def _send_photo(self, call: ApiCall) -> dict[str, Any]:
        chat_id = self._known_chat(call.params)
        upload = self._input_file(call, "photo")
        try:
            with Image.open(io.BytesIO(upload.data)) as image:
                width, height = image.size
        except (UnidentifiedImageError, OSError) as error:
            raise api_error("image_process_failed") from error
        photo = self._store_sent_file(upload, width=width, height=height)
        message = self._new_message(chat_id, call.params, text=_caption(call.params), photo=photo)
        return self._record(call, message)

    async def _send_document(self, call: ApiCall) -> dict[str, Any]:
        chat_id = self._known_chat(call.params)
        document = self._store_sent_file(self._input_file(call, "document"))
        message = self._new_message(
            chat_id, call.params, text=_caption(call.params), document=document
        )
        return self._record(call, message)

    async def _edit_message_text(self, call: ApiCall) -> dict[str, Any]:
        message = self._message_to_edit(call.params)
        if message.photo or message.document:
            raise api_error("no_text_to_edit")
        text = _message_text(call.params)
        parse_mode = call.params.get("parse_mode")
        shown = visible_text(text, parse_mode)
        markup = _reply_markup(call.params)
        if shown == message.visible_text and markup == message.reply_markup:
            raise api_error("message_not_modified")
        message.text, message.parse_mode, message.visible_text = text, parse_mode, shown
        message.reply_markup = markup
        message.edit_date = int(self.clock())
        return self._record(call, message)

    async def _edit_message_reply_markup(self, call: ApiCall) -> dict[str, Any]:
        message = self._message_to_edit(call.params)
        markup = _reply_markup(call.params)
        if markup == message.reply_markup:
            raise api_error("message_not_modified")
        message.reply_markup = markup
        message.edit_date = int(self.clock())
        return self._record(call, message)

    async def _delete_message(self, call: ApiCall) -> bool:
        chat_id = self._known_chat(call.params)
        message_id = _required(call.params, "message_id")
        bot_messages = self.messages.get(chat_id, [])
        kept = [message for message in bot_messages if message.message_id != message_id]
        user_message_ids = self._user_message_ids.get(chat_id, set())
        if len(kept) == len(bot_messages) and message_id not in user_message_ids:
            raise api_error("message_to_delete_not_found")
        self.messages[chat_id] = kept
        user_message_ids.discard(message_id)
        return True

    async def _answer_callback_query(self, call: ApiCall) -> bool:
        query_id = _required(call.params, "callback_query_id")
        if query_id not in self._pending_callback_queries:
            raise api_error("query_invalid")
        self._pending_callback_queries.discard(query_id)
        self.callback_answers[query_id] = call.params
        return True

    async def _send_chat_action(self, call: ApiCall) -> bool:
        self._known_chat(call.params)
        _required(call.params, "action")
        return True

    # --- methods: files -----------------------------------------------------------------------

    async def _get_file(self, call: ApiCall) -> dict[str, Any]:
        stored = self._files.get(_required(call.params, "file_id"))
        if stored is None:
            raise api_error("invalid_file_id")
        if len(stored.data) > LIMITS["download_bytes"]:
            raise api_error("file_too_big")
        return stored.to_json()

    def _input_file(self, call: ApiCall, name: str) -> UploadedFile:
        """The file a send method names: a multipart upload, attach:// part or known file_id."""
        reference = call.params.get(name)
        if isinstance(reference, str) and reference.startswith("attach://"):
            upload = call.files.get(reference.removeprefix("attach://"))
        elif reference is None:
            upload = call.files.get(name)
        else:
            stored = self._files.get(reference)
            if stored is None:
                raise api_error("wrong_file_identifier")
            upload = UploadedFile(filename=None, data=stored.data, mime_type=None)
        if upload is None:
            raise api_error("parameter_missing", name=name)
        if not upload.data:
            raise api_error("file_empty")
        return upload

    def _store_sent_file(
        self, upload: UploadedFile, *, width: int | None = None, height: int | None = None
    ) -> SentFile:
        stored = self._files.add_uploaded(upload.data)
        return SentFile(
            file_id=stored.file_id,
            file_unique_id=stored.file_unique_id,
            data=upload.data,
            filename=upload.filename,
            mime_type=upload.mime_type,
            width=width,
            height=height,
        )

    # --- shared by the message methods --------------------------------------------------------

    def _known_chat(self, params: dict[str, Any]) -> int:
        chat_id = _chat_key(_required(params, "chat_id"))
        if chat_id not in self.chats:
            raise api_error("chat_not_found")
        return chat_id

    def _new_message(
        self,
        chat_id: int,
        params: dict[str, Any],
        *,
        text: str | None,
        photo: SentFile | None = None,
        document: SentFile | None = None,
    ) -> SentMessage:
        parse_mode = params.get("parse_mode")
        shown = visible_text(text, parse_mode) if text is not None else ""
        markup = _reply_markup(params)
        # Only a message Telegram accepted gets an id and a place in the chat.
        message = SentMessage(
            chat_id=chat_id,
            message_id=self.next_message_id(chat_id),
            date=int(self.clock()),
            text=text,
            parse_mode=parse_mode,
            visible_text=shown,
            reply_markup=markup,
            photo=photo,
            document=document,
        )
        self.messages.setdefault(chat_id, []).append(message)
        self._message_sent.set()
        return message

    def _message_to_edit(self, params: dict[str, Any]) -> SentMessage:
        chat_id = self._known_chat(params)
        message_id = _required(params, "message_id")
        for message in self.messages.get(chat_id, []):
            if message.message_id == message_id:
                return message
        raise api_error("message_to_edit_not_found")

    def _record(self, call: ApiCall, message: SentMessage) -> dict[str, Any]:
        call.message = replace(message)
        return self.message_json(message)


def _required(params: dict[str, Any], name: str) -> Any:
    if params.get(name) in (None, ""):
        raise api_error("parameter_missing", name=name)
    return params[name]


def _message_text(params: dict[str, Any]) -> str:
    text = params.get("text", "")
    if not text.strip():
        raise api_error("text_empty")
    if len(text) > LIMITS["message_text_chars"]:
        raise api_error("text_too_long")
    return text


def _caption(params: dict[str, Any]) -> str | None:
    caption = params.get("caption")
    if caption is not None and len(caption) > LIMITS["caption_chars"]:
        raise api_error("caption_too_long")
    return caption


def _reply_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 0 < len(data.encode()) <= LIMITS["callback_data_bytes"]:
                raise api_error("button_data_invalid")
    return markup


def _chat_key(chat_id: int | str) -> int | str:
    """Chat ids arrive as int or str; numeric strings name the same chat."""
    if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
        return int(chat_id)
    return chat_id


def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return (repr(sorted(scope.items())), params.get("language_code") or "")


def _photo_size_json(photo: SentFile) -> dict[str, Any]:
    return {
        "file_id": photo.file_id,
        "file_unique_id": photo.file_unique_id,
        "width": photo.width,
        "height": photo.height,
        "file_size": len(photo.data),
    }


def _document_json(document: SentFile) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file_id": document.file_id,
        "file_unique_id": document.file_unique_id,
        "file_size": len(document.data),
    }
    if document.filename:
        data["file_name"] = document.filename
    if document.mime_type:
        data["mime_type"] = document.mime_type
    return data
