"""The dialogue in a terminal (`wayfinder chat`): type as you would in Telegram.

Buttons print as `#1 Sign  #2 Edit`; type `#1` to press one. Everything else is a message.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import TextIO

from bot.dialogue.engine import Dialogue
from bot.shared.characters import readable_text
from bot.shared.events import Button, Event, Reply
from bot.shared.vocabulary import whole_number


class ConsoleChat:
    def __init__(self, dialogue: Dialogue, user_id: int, out: TextIO = sys.stdout):
        self.dialogue = dialogue
        self.user_id = user_id
        self.out = out
        self.buttons: list[Button] = []
        # Message ids must not repeat across runs: an edit or a tag correction finds its
        # message by id, and a restarted terminal would otherwise count from 1 again.
        self._message_id = time.time_ns() // 1000

    def event_for(self, line: str) -> Event:
        choice = line.strip()
        number = whole_number(choice[1:]) if choice.startswith("#") else None
        if number is not None:
            if 1 <= number <= len(self.buttons):
                return Event(self.user_id, "button", data=self.buttons[number - 1].data)
        self._message_id += 1
        return Event.from_text(self.user_id, readable_text(line), message_id=self._message_id)

    def show(self, replies: list[Reply]) -> None:
        for reply in replies:
            if reply.buttons:
                self.buttons = [button for row in reply.buttons for button in row]
            self.out.write(reply.text + "\n")
            if reply.buttons:
                labels = [f"#{n} {b.label}" for n, b in enumerate(self.buttons, start=1)]
                self.out.write("   " + "  ".join(labels) + "\n")
            if reply.image is not None:
                self.out.write("   [chart image: use Telegram to see it]\n")
            if reply.file is not None:
                self.out.write(f"   [file {reply.file[0]}: use Telegram or the CLI to save it]\n")
        self.out.flush()

    async def send(self, line: str) -> list[Reply]:
        replies = await self.dialogue.handle(self.event_for(line))
        self.show(replies)
        return replies


async def run_console(dialogue: Dialogue, user_id: int, stdin: TextIO = sys.stdin) -> None:
    chat = ConsoleChat(dialogue, user_id)
    chat.out.write(
        "Wayfinder in the terminal. Type /start to begin, /help for commands, Ctrl-D to quit.\n"
    )
    loop = asyncio.get_running_loop()
    while True:
        chat.out.write("> ")
        chat.out.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        if line.strip():
            await chat.send(line.rstrip("\n"))
