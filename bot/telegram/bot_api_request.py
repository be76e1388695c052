"""PTB's requests to the Bot API over kept-alive HTTP/1.1 connections
(bot/telegram/kept_connections.py) instead of httpx, which cost a webhook worker more CPU per
reply than PTB's own work around it.

It sends what PTB's HTTPXRequest sends (the parameters as a form, its User-Agent, the same
timeouts) and hands PTB the status and the body, which BaseRequest turns into TelegramErrors as
before (Forbidden, RetryAfter, BadRequest...); a timeout is TimedOut, any other failure
NetworkError, naming only the failure's type. Requests with files (multipart) go through
HTTPXRequest itself: rare, and an encoding not worth writing twice. A process behind an HTTP
proxy keeps HTTPXRequest for everything (`bot_api_request`): httpx honours the proxy variables.
"""

from __future__ import annotations

import urllib.request

import h11
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.telegram.kept_connections import KeptConnections, PoolTimeout, Timeouts

FORM = ("Content-Type", "application/x-www-form-urlencoded")


class KeepAliveRequest(BaseRequest):
    def __init__(
        self,
        *,
        connections: int,
        pool_timeout: float,
        read_timeout: float = 5.0,  # HTTPXRequest's defaults
        write_timeout: float = 5.0,
        connect_timeout: float = 5.0,
    ) -> None:
        self._connections = KeptConnections(connections=connections)
        self._timeouts = Timeouts(connect=connect_timeout, write=write_timeout,
                                  read=read_timeout, pool=pool_timeout)
        self._with_files = HTTPXRequest(
            connection_pool_size=connections, read_timeout=read_timeout,
            write_timeout=write_timeout, connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        self._headers = [("User-Agent", self.USER_AGENT), ("Accept", "*/*")]

    @property
    def read_timeout(self) -> float:
        return self._timeouts.read

    async def initialize(self) -> None:
        await self._with_files.initialize()

    async def shutdown(self) -> None:
        await self._connections.close()
        await self._with_files.shutdown()

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
        if request_data is not None and request_data.contains_files:
            return await self._with_files.do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout,
                pool_timeout,
            )
        default = self._timeouts
        timeouts = Timeouts(
            connect=_given(connect_timeout, default.connect),
            write=_given(write_timeout, default.write),
            read=_given(read_timeout, default.read),
            pool=_given(pool_timeout, default.pool),
        )
        headers, body = self._headers, b""
        if request_data is not None:
            headers, body = [*headers, FORM], request_data.url_encoded_parameters().encode()
        try:
            return await self._connections.exchange(method, url, headers, body, timeouts)
        except PoolTimeout:
            raise TimedOut(
                "Pool timeout: every connection to the Bot API is busy; the request was not sent"
            ) from None
        except TimeoutError:
            raise TimedOut() from None
        except (OSError, EOFError, h11.ProtocolError) as failure:
            raise NetworkError(f"Bot API connection failed: {type(failure).__name__}") from None


def _given(value, default):
    """PTB passes a DefaultValue where the caller gave no timeout: then this request's own."""
    return default if isinstance(value, _DEFAULT) else value


_DEFAULT = type(BaseRequest.DEFAULT_NONE)


def bot_api_request(*, connections: int, pool_timeout: float) -> BaseRequest:
    """KeepAliveRequest, or HTTPXRequest when an HTTP proxy is configured in the environment."""
    if urllib.request.getproxies():
        return HTTPXRequest(connection_pool_size=connections, pool_timeout=pool_timeout)
    return KeepAliveRequest(connections=connections, pool_timeout=pool_timeout)
