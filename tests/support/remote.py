"""Driving a real `wayfinder run` process over HTTP: the process itself, and chats with it.

    api = FakeBotAPI()
    async with served_over_http(api) as served:
        env = bot_environment(api, served, data_dir, users)
        async with BotProcess(["run"], env, log_file) as bot:   # killed on the way out
            chat = RemoteChat(api, 1001, deliver=queue_for_polling(api))
            await chat.say("/start", expect="time zone")
            await bot.kill()        # SIGKILL, no goodbye
            await bot.start()

A RemoteChat delivers each update (queued for getUpdates, or posted to the webhook) and waits
for the reply it expects, however many restarts that takes; what the bot sent is read from the
fake's record of calls.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from tests.support.fake_bot_api import FakeBotAPI
from tests.support.http_bot_api import Served, post_update
from tests.support.records import SentMessage

WAYFINDER = Path(sys.executable).with_name("wayfinder")

Deliver = Callable[[dict[str, Any]], Awaitable[None]]


def bot_environment(
    api: FakeBotAPI, served: Served, data_dir: Path, users: list[int], **extra: str
) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith("WAYFINDER_")
    }
    env.update(
        WAYFINDER_TELEGRAM_TOKEN=api.token,
        WAYFINDER_BOT_API_URL=served.url,
        WAYFINDER_ALLOWED_USERS=",".join(str(user) for user in users),
        WAYFINDER_DATA_DIR=str(data_dir),
        **extra,
    )
    return env


class BotProcess:
    """`wayfinder ARGS...` as a child process; its output goes to `log_file`."""

    def __init__(self, args: list[str], env: dict[str, str], log_file: Path) -> None:
        self.args = args
        self.env = env
        self.log_file = log_file
        self.process: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> BotProcess:
        await self.start()
        return self

    async def __aexit__(self, *_exc) -> None:
        """Whatever happened in the test, no process is left behind."""
        if self.running():
            await self.kill()

    async def start(self) -> None:
        with self.log_file.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                str(WAYFINDER), *self.args, env=self.env, stdout=log, stderr=log,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    async def kill(self) -> None:
        """SIGKILL the process (and, for several workers, its whole group), then reap it."""
        os.killpg(self.process.pid, signal.SIGKILL)
        await self.process.wait()

    async def stop(self, within: float = 30.0) -> int:
        self.process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(within):
            return await self.process.wait()

    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None


def queue_for_polling(api: FakeBotAPI) -> Deliver:
    async def deliver(update: dict[str, Any]) -> None:
        api.queue_update(update)

    return deliver


def post_to_webhook(client: httpx.AsyncClient, url: str, secret: str) -> Deliver:
    async def deliver(update: dict[str, Any]) -> None:
        await post_update(client, url, secret, update)

    return deliver


async def wait_until(predicate: Callable[[], bool], within: float, step: float = 0.005) -> None:
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError
        await asyncio.sleep(step)


class RemoteChat:
    """One user in a private chat with a bot running in another process."""

    def __init__(self, api: FakeBotAPI, user_id: int, deliver: Deliver) -> None:
        self.api = api
        self.user_id = user_id
        self.deliver = deliver
        api.add_user(user_id)
        self._files = 0

    def sent_since(self, call_index: int) -> list[SentMessage]:
        """The bot's messages in this chat sent (or changed) since call number `call_index`."""
        return [
            call.message
            for call in self.api.calls[call_index:]
            if call.message is not None and call.message.chat_id == self.user_id
        ]

    async def send(
        self, update: dict[str, Any], expect: str, within: float = 30.0
    ) -> SentMessage:
        """Delivers `update`; returns the first reply since then that contains `expect`."""
        mark = len(self.api.calls)
        await self.deliver(update)

        def found() -> SentMessage | None:
            return next((m for m in self.sent_since(mark) if expect in m.visible_text), None)

        try:
            await wait_until(lambda: found() is not None, within)
        except TimeoutError:
            shown = [m.visible_text[:80] for m in self.sent_since(mark)]
            raise AssertionError(f"no reply with {expect!r} within {within} s: {shown}") from None
        return found()

    async def say(self, text: str, expect: str, within: float = 30.0) -> SentMessage:
        return await self.send(self.api.updates.message(self.user_id, text), expect, within)

    async def press(self, label: str, expect: str, within: float = 30.0) -> SentMessage:
        message = self.latest_keyboard()
        [button] = [b for b in message.inline_buttons if label in b["text"]]
        update = self.api.updates.callback_query(self.user_id, message, button["callback_data"])
        return await self.send(update, expect, within)

    async def send_voice(
        self, data: bytes, duration: int, expect: str, within: float = 60.0
    ) -> SentMessage:
        self._files += 1
        file_id = f"remote-{self.user_id}-voice-{self._files}"
        self.api.add_file(file_id, data)
        update = self.api.updates.voice(self.user_id, file_id, duration, file_size=len(data))
        return await self.send(update, expect, within)

    def latest_keyboard(self) -> SentMessage:
        for message in reversed(self.api.messages_in(self.user_id)):
            if message.inline_buttons:
                return message
        raise AssertionError("no bot message in this chat has an inline keyboard")

    def count(self, text: str) -> int:
        """How many of the bot's messages in this chat (as sent) contain `text`."""
        return len(
            [
                call
                for call in self.api.calls
                if call.method == "sendMessage"
                and call.message is not None
                and call.message.chat_id == self.user_id
                and text in call.message.visible_text
            ]
        )


async def wait_until_serving(client: httpx.AsyncClient, base: str, within: float = 60) -> None:
    async def healthy() -> bool:
        try:
            return (await client.get(f"{base}/healthz")).status_code == 200
        except httpx.TransportError:
            return False

    async with asyncio.timeout(within):
        while True:
            if await healthy():
                return
            await asyncio.sleep(0.05)


def worker_pids(supervisor: int) -> list[int]:
    """uvicorn's worker processes under `wayfinder run --workers N`."""
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    return [
        int(pid) for pid in children
        if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
