"""The Bot API's HTTP client (bot/telegram/bot_api_request.py), over real HTTP on 127.0.0.1:
what reaches the fake Bot API, Telegram's errors, kept connections, timeouts and the pool."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot.telegram.bot_api_request import AiohttpRequest
from bot.telegram.durations import seconds_of
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.http_bot_api import post_update, served_over_http

CHAT = 4242


@contextlib.asynccontextmanager
async def bot_over_http(api: FakeBotAPI, **limits) -> AsyncIterator[Bot]:
    limits = {"connections": 4, "pool_timeout": 5.0} | limits
    async with served_over_http(api) as served:
        bot = Bot(api.token, base_url=f"{served.url}/bot", base_file_url=f"{served.url}/file/bot",
                  request=AiohttpRequest(**limits))
        async with bot:
            yield bot


async def test_text_and_buttons_reach_the_bot_api_as_sent():
    api = FakeBotAPI()
    api.add_user(CHAT)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Sign", callback_data="sign:7")]])
    async with bot_over_http(api) as bot:
        sent = await bot.send_message(CHAT, "Plan (3/3) – é ✓ & = ?", reply_markup=markup)
        await bot.send_message(CHAT, "second")
    first, second = api.messages_in(CHAT)
    assert first.visible_text.startswith("Plan (3/3) – é ✓ & = ?")
    assert [b["callback_data"] for b in first.inline_buttons] == ["sign:7"]
    assert second.visible_text.startswith("second")
    assert sent.message_id == first.message_id and sent.chat.id == CHAT


async def test_telegrams_errors_are_ptbs_errors():
    api = FakeBotAPI()
    api.add_user(CHAT)
    async with bot_over_http(api) as bot:
        api.fail_next("sendMessage", error_code=429, retry_after=3)
        with pytest.raises(RetryAfter) as waited:
            await bot.send_message(CHAT, "busy")
        assert seconds_of(waited.value, "retry_after") == 3
        api.block(CHAT)
        with pytest.raises(Forbidden):
            await bot.send_message(CHAT, "blocked")
        api.unblock(CHAT)
        await bot.send_message(CHAT, "and on the same connections after them")
    assert [m.visible_text for m in api.messages_in(CHAT)] == [
        "and on the same connections after them"
    ]


async def test_a_document_is_uploaded_and_a_download_comes_back_whole():
    api = FakeBotAPI()
    api.add_user(CHAT)
    api.add_file("voice-1", bytes(range(256)) * 400)
    async with bot_over_http(api) as bot:
        await bot.send_document(CHAT, io.BytesIO(b"%PDF-1.4 note"), filename="note.pdf")
        telegram_file = await bot.get_file("voice-1")
        downloaded = bytes(await telegram_file.download_as_bytearray())
    assert downloaded == bytes(range(256)) * 400
    [call] = api.calls_of("sendDocument")
    assert call.message is not None


class RawServer:
    """A bare HTTP/1.1 server answering every request with `answer` after `delay` seconds,
    counting connections; `close_idle` closes each connection after its answer."""

    ANSWER = b'{"ok":true,"result":true}'

    def __init__(self, *, delay: float = 0.0, close_idle: bool = False) -> None:
        self.delay, self.close_idle = delay, close_idle
        self.connections = 0
        self.open_now = 0
        self.most_open = 0
        self.request_lines: list[bytes] = []
        self.received: list[tuple[bytes, bytes]] = []  # (head, body) of each request

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open_now += 1
        self.most_open = max(self.most_open, self.open_now)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                self.request_lines.append(head.split(b"\r\n", 1)[0])
                length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                self.received.append((head, await reader.readexactly(length)))
                await asyncio.sleep(self.delay)
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                             b"content-length: %d\r\n\r\n%s" % (len(self.ANSWER), self.ANSWER))
                await writer.drain()
                if self.close_idle:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.open_now -= 1
            writer.close()

    @contextlib.asynccontextmanager
    async def serving(self) -> AsyncIterator[str]:
        server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            yield f"http://127.0.0.1:{port}/bot1:T/sendChatAction"


async def post(request: AiohttpRequest, url: str, **timeouts) -> bytes:
    return await request.post(url, None, **timeouts)


async def test_one_kept_connection_serves_requests_one_after_another():
    raw = RawServer()
    async with raw.serving() as url:
        request = AiohttpRequest(connections=4, pool_timeout=1.0)
        for _ in range(5):
            assert await post(request, url) is True
        await request.shutdown()
    assert raw.connections == 1


async def test_a_connection_the_server_closed_is_not_used_again():
    raw = RawServer(close_idle=True)
    async with raw.serving() as url:
        request = AiohttpRequest(connections=4, pool_timeout=1.0)
        for _ in range(3):
            assert await post(request, url) is True
            await asyncio.sleep(0.05)  # the close reaches the client
        await request.shutdown()
    assert raw.connections == 3


async def test_a_slow_answer_times_out_and_its_connection_is_dropped():
    raw = RawServer(delay=0.5)
    async with raw.serving() as url:
        request = AiohttpRequest(connections=4, pool_timeout=1.0)
        with pytest.raises(TimedOut):
            await post(request, url, read_timeout=0.1)
        assert await post(request, url, read_timeout=2.0) is True
        await request.shutdown()
    assert raw.connections == 2  # the timed-out one was not reused mid-answer


async def test_no_more_connections_than_the_pool_and_a_full_pool_times_out():
    raw = RawServer(delay=0.2)
    async with raw.serving() as url:
        request = AiohttpRequest(connections=2, pool_timeout=5.0)
        answers = await asyncio.gather(*(post(request, url) for _ in range(6)))
        assert answers == [True] * 6
        assert raw.most_open == 2
        impatient = AiohttpRequest(connections=1, pool_timeout=0.05)
        slow = asyncio.create_task(post(impatient, url))
        await asyncio.sleep(0.02)
        with pytest.raises(TimedOut, match="Pool timeout"):
            await post(impatient, url)
        assert await slow is True
        await request.shutdown()
        await impatient.shutdown()


async def test_nobody_listening_is_a_network_error():
    raw = RawServer()
    async with raw.serving() as url:
        pass  # closed: the port refuses
    request = AiohttpRequest(connections=1, pool_timeout=1.0)
    with pytest.raises(NetworkError):
        await post(request, url)


async def test_the_benchs_telegram_posts_json_with_the_secret_over_one_kept_connection():
    raw = RawServer()
    async with raw.serving() as url, aiohttp.ClientSession() as posting:
        for update_id in (1, 2):
            assert await post_update(posting, url, "s3cret", {"update_id": update_id}) == 1
    assert raw.connections == 1
    assert [json.loads(body) for _, body in raw.received] == [{"update_id": 1}, {"update_id": 2}]
    head = raw.received[0][0].lower()
    assert b"x-telegram-bot-api-secret-token: s3cret" in head
    assert b"content-type: application/json" in head


async def test_a_process_behind_a_proxy_sends_through_it(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy",
                 "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxy = RawServer()
    async with proxy.serving() as proxy_url:
        monkeypatch.setenv("HTTP_PROXY", proxy_url.split("/bot")[0])
        request = AiohttpRequest(connections=1, pool_timeout=1.0)
        # nothing listens on this port: only the proxy can have answered
        assert await post(request, "http://telegram.invalid:9/bot1:T/sendChatAction") is True
        await request.shutdown()
    assert proxy.connections == 1
    assert proxy.request_lines == [b"POST http://telegram.invalid:9/bot1:T/sendChatAction HTTP/1.1"]


async def test_a_host_no_proxy_names_is_reached_directly(monkeypatch):
    proxy, api = RawServer(), RawServer()
    async with proxy.serving() as proxy_url, api.serving() as url:
        monkeypatch.setenv("HTTP_PROXY", proxy_url.split("/bot")[0])
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        request = AiohttpRequest(connections=1, pool_timeout=1.0)
        assert await post(request, url) is True
        await request.shutdown()
    assert (proxy.connections, api.connections) == (0, 1)
