"""PTB's requests to the Bot API over aiohttp instead of httpx, which cost a webhook worker more
CPU per reply than PTB's own work around it (`Bot.send_message` to a local server from 16
senders at once: 1.5-2.0 ms of CPU with httpx, 0.3 ms with this).

It sends what PTB's HTTPXRequest sends (the parameters as a form, files as multipart, its
User-Agent, the same timeouts) and hands PTB the status and the body, which BaseRequest turns
into TelegramErrors as before (Forbidden, RetryAfter, BadRequest...). A request that finds every
connection busy for `pool_timeout` is not sent (TimedOut, "Pool timeout"); any other timeout is
TimedOut, any other failure NetworkError, naming only the failure's type (never the text, which
could quote a message). A process behind an HTTP proxy uses it: the proxy variables (and
NO_PROXY) are honoured as httpx honours them, read once per host rather than on every request
as aiohttp's `trust_env` does, which cost more CPU than the rest of the request.
"""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp.helpers import get_env_proxy_for_url
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

FORM = "application/x-www-form-urlencoded"


class AiohttpRequest(BaseRequest):
    def __init__(
        self,
        *,
        connections: int,
        pool_timeout: float | None,
        read_timeout: float | None = 5.0,  # HTTPXRequest's defaults
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
    ) -> None:
        self._connections = connections
        # Our own count of requests under way, so that waiting for a free connection has its own
        # timeout and its own error, as in httpx; aiohttp's connector never makes one wait.
        self._slots = asyncio.Semaphore(connections)
        self._defaults = {
            "read": read_timeout, "write": write_timeout, "connect": connect_timeout,
            "pool": pool_timeout,
        }
        self._session: aiohttp.ClientSession | None = None
        # per (scheme, host), read on first use: the environment of a running process is fixed
        self._proxies: dict[tuple[str, str], tuple[URL | None, aiohttp.BasicAuth | None]] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._defaults["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout=BaseRequest.DEFAULT_NONE,
        write_timeout=BaseRequest.DEFAULT_NONE,
        connect_timeout=BaseRequest.DEFAULT_NONE,
        pool_timeout=BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            await self.initialize()
        timeouts = {
            name: self._defaults[name] if isinstance(given, DefaultValue) else given
            for name, given in (("read", read_timeout), ("write", write_timeout),
                                ("connect", connect_timeout), ("pool", pool_timeout))
        }
        try:
            async with asyncio.timeout(timeouts["pool"]):
                await self._slots.acquire()
        except TimeoutError:
            raise TimedOut(
                "Pool timeout: every connection to the Bot API is busy; the request was not sent"
            ) from None
        try:
            target = URL(url)
            origin = (target.scheme, target.host or "")
            if origin not in self._proxies:
                self._proxies[origin] = _env_proxy(*origin)
            proxy, proxy_auth = self._proxies[origin]
            async with self._session.request(
                method, target, data=_body(request_data), timeout=_client_timeout(timeouts),
                proxy=proxy, proxy_auth=proxy_auth,
            ) as response:
                return response.status, await response.read()
        except TimeoutError:
            raise TimedOut() from None
        except aiohttp.ClientError as failure:
            raise NetworkError(f"Bot API connection failed: {type(failure).__name__}") from None
        finally:
            self._slots.release()


def _env_proxy(scheme: str, host: str) -> tuple[URL | None, aiohttp.BasicAuth | None]:
    """The proxy the environment names for this host (HTTP_PROXY, HTTPS_PROXY, NO_PROXY)."""
    try:
        return get_env_proxy_for_url(URL.build(scheme=scheme, host=host))
    except LookupError:
        return None, None


def _client_timeout(timeouts: dict[str, float | None]) -> aiohttp.ClientTimeout:
    """aiohttp times the connect and each read; it has no write timeout of its own, so the whole
    request is held to its three timeouts together (none if any of them is None)."""
    parts = (timeouts["connect"], timeouts["write"], timeouts["read"])
    total = None if None in parts else sum(parts)
    return aiohttp.ClientTimeout(
        total=total, sock_connect=timeouts["connect"], sock_read=timeouts["read"]
    )


def _body(request_data: RequestData | None) -> aiohttp.BytesPayload | aiohttp.FormData | None:
    """The parameters as a form (what PTB's HTTPXRequest sends), or multipart with the files.
    The form is encoded by PTB and handed over as bytes: aiohttp's own form encoding costs more
    than the rest of its request."""
    if request_data is None:
        return None
    if not request_data.contains_files:
        return aiohttp.BytesPayload(
            request_data.url_encoded_parameters().encode(), content_type=FORM
        )
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
