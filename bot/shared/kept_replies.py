"""Replies as JSON, so a turn's replies can be kept (sealed) with its update until they are sent.

A worker killed after a turn commits but before Telegram has every reply still answers after a
restart: the replies come back from here, not from running the turn again.
"""

from __future__ import annotations

import base64
from typing import Any

from bot.shared.events import Button, Reply


def _bytes_out(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode()


def _bytes_in(text: str | None) -> bytes | None:
    return None if text is None else base64.b64decode(text)


def replies_to_json(replies: list[Reply]) -> list[dict[str, Any]]:
    return [
        {
            "text": reply.text,
            "buttons": [[[button.label, button.data] for button in row] for row in reply.buttons],
            "image": _bytes_out(reply.image),
            "file": None if reply.file is None else [reply.file[0], _bytes_out(reply.file[1])],
            "forget_message": reply.forget_message,
        }
        for reply in replies
    ]


def replies_from_json(kept: list[dict[str, Any]]) -> list[Reply]:
    return [
        Reply(
            text=item["text"],
            buttons=[[Button(label, data) for label, data in row] for row in item["buttons"]],
            image=_bytes_in(item["image"]),
            file=None if item["file"] is None else (item["file"][0], _bytes_in(item["file"][1])),
            forget_message=item["forget_message"],
        )
        for item in kept
    ]
