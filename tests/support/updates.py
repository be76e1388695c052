"""Update dicts as Telegram would deliver them from a user in a private chat with the bot.

Update ids and message ids come from the FakeBotAPI, so the user's and the bot's messages share
one id sequence per chat, as on Telegram. Files a user sends must be registered with
`api.add_file` for the bot to download them.
"""

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.support.fake_bot_api import FakeBotAPI
    from tests.support.records import SentMessage

# Telegram marks every /command in a text, optionally addressed as /command@bot_username.
_BOT_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")


def _utf16_length(text: str) -> int:
    """Entity offsets and lengths count UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[dict[str, Any]]:
    return [
        {
            "type": "bot_command",
            "offset": _utf16_length(text[: match.start()]),
            "length": _utf16_length(match.group()),
        }
        for match in _BOT_COMMAND.finditer(text)
    ]


class UpdateFactory:
    """Builds Update dicts; each call takes the next update id (and message id, if any)."""

    def __init__(self, api: "FakeBotAPI") -> None:
        self._api = api

    def message(self, user_id: int, text: str) -> dict[str, Any]:
        """A text message; commands in it get bot_command entities."""
        message = self._new_message(user_id, text=text)
        entities = command_entities(text)
        if entities:
            message["entities"] = entities
        return self._update("message", message)

    def command(self, user_id: int, name: str, args: str = "") -> dict[str, Any]:
        return self.message(user_id, f"/{name} {args}".rstrip())

    def edited_message(self, user_id: int, message_id: int, text: str) -> dict[str, Any]:
        """The user edited their earlier message `message_id` to read `text`."""
        message = self._message_fields(user_id, message_id, text=text)
        message["edit_date"] = int(self._api.clock())
        entities = command_entities(text)
        if entities:
            message["entities"] = entities
        return self._update("edited_message", message)

    def callback_query(
        self, user_id: int, message: "SentMessage", callback_data: str
    ) -> dict[str, Any]:
        """The user pressed a button carrying `callback_data` under the bot's `message`."""
        query = {
            "id": self._api.open_callback_query(),
            "from": self._user(user_id),
            "message": self._api.message_json(message),
            "chat_instance": f"instance-{message.chat_id}",
            "data": callback_data,
        }
        return self._update("callback_query", query)

    def voice(
        self,
        user_id: int,
        file_id: str,
        duration: int,
        *,
        file_size: int,
        mime_type: str = "audio/ogg",
    ) -> dict[str, Any]:
        voice = {
            **self._file_fields(file_id, file_size),
            "duration": duration,
            "mime_type": mime_type,
        }
        return self._update("message", self._new_message(user_id, voice=voice))

    def audio(
        self,
        user_id: int,
        file_id: str,
        duration: int,
        *,
        file_size: int,
        file_name: str = "audio.mp3",
        mime_type: str = "audio/mpeg",
    ) -> dict[str, Any]:
        audio = {
            **self._file_fields(file_id, file_size),
            "duration": duration,
            "file_name": file_name,
            "mime_type": mime_type,
        }
        return self._update("message", self._new_message(user_id, audio=audio))

    def document(
        self, user_id: int, file_id: str, file_name: str, mime_type: str, *, file_size: int
    ) -> dict[str, Any]:
        document = {
            **self._file_fields(file_id, file_size),
            "file_name": file_name,
            "mime_type": mime_type,
        }
        return self._update("message", self._new_message(user_id, document=document))

    def sticker(
        self, user_id: int, file_id: str = "sticker-file", emoji: str = "👍"
    ) -> dict[str, Any]:
        sticker = {
            **self._file_fields(file_id, 2048),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._update("message", self._new_message(user_id, sticker=sticker))

    def photo(
        self,
        user_id: int,
        file_id: str = "photo-file",
        *,
        width: int = 1280,
        height: int = 960,
        file_size: int = 65536,
        caption: str | None = None,
    ) -> dict[str, Any]:
        sizes = [
            {
                **self._file_fields(f"{file_id}-small", file_size // 16),
                "width": width // 4,
                "height": height // 4,
            },
            {**self._file_fields(file_id, file_size), "width": width, "height": height},
        ]
        fields: dict[str, Any] = {"photo": sizes}
        if caption is not None:
            fields["caption"] = caption
        return self._update("message", self._new_message(user_id, **fields))

    def _update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        return {"update_id": self._api.next_update_id(), kind: payload}

    def _user(self, user_id: int) -> dict[str, Any]:
        return self._api.users.get(user_id) or self._api.add_user(user_id)

    def _new_message(self, user_id: int, **fields: Any) -> dict[str, Any]:
        self._user(user_id)
        message_id = self._api.next_message_id(user_id)
        self._api.note_user_message(user_id, message_id)
        return self._message_fields(user_id, message_id, **fields)

    def _message_fields(self, user_id: int, message_id: int, **fields: Any) -> dict[str, Any]:
        return {
            "message_id": message_id,
            "date": int(self._api.clock()),
            "chat": self._api.chats[user_id],
            "from": self._user(user_id),
            **fields,
        }

    def _file_fields(self, file_id: str, file_size: int) -> dict[str, Any]:
        return {"file_id": file_id, "file_unique_id": f"unique-{file_id}", "file_size": file_size}
