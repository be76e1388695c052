"""The fake Bot API over real HTTP on 127.0.0.1, for tests that drive a real `wayfinder run`
process: point WAYFINDER_BOT_API_URL at `served.url`.

    api = FakeBotAPI()
    async with served_over_http(api) as served:
        ...  # the process talks HTTP to `served.url`; the test reads `api` as usual

It answers `/bot<token>/<method>` (form, multipart or JSON, as Telegram accepts them) and serves
`/file/bot<token>/<path>` downloads, with the same FakeBotAPI the in-process tests use. Uvicorn
runs on the test's own event loop, so the test reads and changes the fake's state directly.

`post_update` plays Telegram's side of a webhook: it posts an update with the secret token and,
as Telegram does, tries again until the bot answers 200; over an httpx client (the tests) or
over an aiohttp session (bench/webhook.py: a fifth of httpx's CPU per post, left to the workers).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.bot_api_rules import RULES, BotApiError, api_error
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_request import UploadedFile

STRING_PARAMETERS = frozenset(RULES["wire"]["string_parameters"])
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
NOT_ANSWERED = (httpx.TransportError, aiohttp.ClientError, OSError, TimeoutError)


@dataclass
class Served:
    url: str  # what WAYFINDER_BOT_API_URL should be
    port: int


def _value(name: str, raw: str) -> Any:
    if name in STRING_PARAMETERS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


async def _decode(request: Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    if request.headers.get("content-type", "").startswith("application/json"):
        return await request.json(), {}
    params: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    async with request.form() as form:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                files[name] = UploadedFile(value.filename, await value.read(), value.content_type)
            else:
                params[name] = _value(name, value)
    return params, files


def _app(api: FakeBotAPI) -> Starlette:
    async def method(request: Request) -> Response:
        try:
            if request.path_params["token"] != api.token:
                raise api_error("unauthorized", 401)
            params, files = await _decode(request)
            result = await api.call(request.path_params["method"], params, files)
        except BotApiError as error:
            return JSONResponse(error.to_json(), status_code=error.error_code)
        except ClientDisconnect:  # the bot was killed halfway through sending
            return Response(status_code=499)
        return JSONResponse({"ok": True, "result": result})

    async def download(request: Request) -> Response:
        try:
            if request.path_params["token"] != api.token:
                raise api_error("unauthorized", 401)
            return Response(api.download(request.path_params["path"]))
        except BotApiError as error:
            return JSONResponse(error.to_json(), status_code=error.error_code)

    return Starlette(
        routes=[
            Route("/bot{token}/{method}", method, methods=["GET", "POST"]),
            Route("/file/bot{token}/{path:path}", download, methods=["GET"]),
        ]
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.asynccontextmanager
async def served_over_http(api: FakeBotAPI) -> AsyncIterator[Served]:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        _app(api),
        log_level="warning",
        access_log=False,
        lifespan="off",
        loop="asyncio",
        # A long poll from a process that is gone would hold the shutdown for its 30 s.
        timeout_graceful_shutdown=0.2,
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[listener]))
    try:
        while not server.started:
            if serving.done():
                serving.result()  # raises what stopped it
            await asyncio.sleep(0.01)
        yield Served(url=f"http://127.0.0.1:{port}", port=port)
    finally:
        api.end_long_polls()
        server.should_exit = True
        await serving
        listener.close()


async def post_update(
    client: httpx.AsyncClient | aiohttp.ClientSession,
    url: str,
    secret: str,
    update: dict[str, Any],
    *,
    within: float = 60.0,
) -> int:
    """Delivers `update` to a webhook as Telegram does: again and again until it answers 200
    (any other answer, or no answer, is tried again after a short wait). Returns the tries."""
    tries = 0
    async with asyncio.timeout(within):
        while True:
            tries += 1
            try:
                if await _post_json(client, url, secret, update) == 200:
                    return tries
            except NOT_ANSWERED:
                pass
            await asyncio.sleep(0.05)


async def _post_json(
    client: httpx.AsyncClient | aiohttp.ClientSession, url: str, secret: str,
    update: dict[str, Any],
) -> int:
    if isinstance(client, httpx.AsyncClient):
        return (await client.post(url, json=update, headers={SECRET_HEADER: secret})).status_code
    async with client.post(url, json=update, headers={SECRET_HEADER: secret}) as answer:
        return answer.status
