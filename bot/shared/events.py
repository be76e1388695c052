"""What a transport hands the dialogue (an Event) and what it gets back (Replies).

Transport-free: Telegram and the console both translate to and from these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EventKind = Literal[
    "text", "command", "button", "voice", "document", "edit", "unsupported", "foreign_chat"
]


@dataclass(frozen=True)
class Document:
    filename: str
    mime_type: str | None
    size: int
    data: bytes | None  # None when the transport refused to fetch it (too large)


@dataclass(frozen=True)
class Event:
    user_id: int
    kind: EventKind
    text: str = ""
    command: str | None = None  # without the slash, lower case
    args: tuple[str, ...] = ()
    data: str = ""  # a button's callback data
    message_id: int | None = None  # the transport's id of the user's message (for edits)
    update_id: int | None = None  # the transport's delivery id, for exactly-once handling
    document: Document | None = None
    what: str = ""  # for "unsupported": sticker, photo, ... (see input.kind in the wording)

    @staticmethod
    def from_text(user_id: int, text: str, **extra) -> Event:
        """A typed line: "/note A.B. soap" becomes a command, anything else text."""
        stripped = text.strip()
        if stripped.startswith("/") and len(stripped) > 1:
            head, *args = stripped[1:].split()
            command = head.split("@", 1)[0].lower()
            return Event(
                user_id, "command", text=stripped, command=command, args=tuple(args), **extra
            )
        return Event(user_id, "text", text=text, **extra)


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    image: bytes | None = None  # PNG
    file: tuple[str, bytes] | None = None  # (filename, content)
    forget_message: int | None = None  # the user's message to delete from the chat (a PIN)
