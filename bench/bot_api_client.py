"""CPU of one Bot API request through PTB: `Bot.send_message` to a bare HTTP/1.1 server on
127.0.0.1, from 16 senders at once over 16 connections, with PTB's default client (httpx) and
with ours (aiohttp, bot/telegram/bot_api_request.py). Prints milliseconds of this process's CPU
per request for each, twice, alternately.

    .venv/bin/python bench/bot_api_client.py [--requests 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Bot  # noqa: E402
from telegram.request import BaseRequest, HTTPXRequest  # noqa: E402

from bot.telegram.bot_api_request import AiohttpRequest  # noqa: E402

SENDERS = 16
ME = json.dumps({"ok": True, "result": {"id": 1, "is_bot": True, "first_name": "B",
                                        "username": "b"}}).encode()
SENT = json.dumps({"ok": True, "result": {"message_id": 1, "date": 0, "text": "hello there",
                                          "chat": {"id": 1, "type": "private"}}}).encode()


async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Telegram's answer to every request, as fast as a server can give it."""
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length:")), 0)
            await reader.readexactly(length)
            body = ME if b"/getMe" in head else SENT
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                         b"content-length: %d\r\n\r\n%s" % (len(body), body))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()


async def cpu_per_request(request: BaseRequest, base_url: str, requests: int) -> float:
    bot = Bot("1:T", base_url=base_url, request=request)
    async with bot:

        async def sender(count: int) -> None:
            for _ in range(count):
                await bot.send_message(1, "hello there")

        await asyncio.gather(*(sender(10) for _ in range(SENDERS)))  # connections open, warm
        started = time.process_time()
        await asyncio.gather(*(sender(requests // SENDERS) for _ in range(SENDERS)))
        return (time.process_time() - started) / (requests // SENDERS * SENDERS) * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    base_url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/bot"
    async with server:
        for _ in range(2):
            httpx_ms = await cpu_per_request(
                HTTPXRequest(connection_pool_size=SENDERS), base_url, args.requests)
            ours_ms = await cpu_per_request(
                AiohttpRequest(connections=SENDERS, pool_timeout=10.0), base_url, args.requests)
            print(f"CPU per send_message: httpx {httpx_ms:.2f} ms, aiohttp {ours_ms:.2f} ms")
    print(f"load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    asyncio.run(main())
