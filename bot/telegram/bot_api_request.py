"""PTB's requests to the Bot API over kept-alive HTTP/1.1 connections: asyncio streams and h11,
without httpx.

Why: on a webhook worker's reply path httpx and httpcore cost about 0.8-1 ms of CPU per request
(pool bookkeeping that polls every idle connection's socket on every request, anyio's
attribute lookups, httpx's request and response models), more than PTB's own work around it.
This sends what PTB's HTTPXRequest sends (the parameters as a form, its User-Agent, the same
timeouts) and hands PTB the status and the body, which BaseRequest turns into TelegramErrors as
before; a timeout is TimedOut, any other failure NetworkError (its type only: nothing of the
request travels in it). Requests with files (multipart) go through HTTPXRequest itself: rare,
and an encoding not worth writing twice. A process behind an HTTP proxy keeps HTTPXRequest for
everything (`bot_api_request`), as it honours the proxy variables and this does not.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import h11
import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

# httpx's default: an idle connection older than this is closed, not used again (the server
# may be about to close it; a request sent as it does fails).
KEEP_IDLE_SECONDS = 5.0
READ_SIZE = 64 * 1024


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    http: h11.Connection = field(default_factory=lambda: h11.Connection(h11.CLIENT))
    idle_since: float = 0.0

    def reusable(self, now: float) -> bool:
        # A server that closed the idle connection has been read as EOF by the event loop.
        return (
            not self.reader.at_eof()
            and not self.writer.is_closing()
            and now - self.idle_since <= KEEP_IDLE_SECONDS
        )

    def close(self) -> None:
        self.writer.close()


class KeepAliveRequest(BaseRequest):
    """At most `connections` requests at once (a request finding none free waits up to
    `pool_timeout`), over connections kept open between them."""

    def __init__(
        self,
        *,
        connections: int,
        pool_timeout: float,
        read_timeout: float = 5.0,
        write_timeout: float = 5.0,
        connect_timeout: float = 5.0,
    ) -> None:
        self._timeouts = {"read": read_timeout, "write": write_timeout,
                          "connect": connect_timeout, "pool": pool_timeout}
        self._slots = asyncio.Semaphore(connections)
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._with_files = HTTPXRequest(
            connection_pool_size=connections, read_timeout=read_timeout,
            write_timeout=write_timeout, connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        self._tls = None

    @property
    def read_timeout(self) -> float:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        await self._with_files.initialize()

    async def shutdown(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()
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
        timeouts = {
            name: self._timeouts[name] if given is BaseRequest.DEFAULT_NONE else given
            for name, given in (("read", read_timeout), ("write", write_timeout),
                                ("connect", connect_timeout), ("pool", pool_timeout))
        }
        body = request_data.url_encoded_parameters().encode() if request_data else b""
        try:
            async with asyncio.timeout(timeouts["pool"]):
                await self._slots.acquire()
        except TimeoutError:
            raise TimedOut(
                "Pool timeout: every connection to the Bot API is busy; the request was not sent"
            ) from None
        try:
            return await self._exchange(urlsplit(url), method, body, timeouts)
        except TimeoutError:
            raise TimedOut() from None
        except (OSError, EOFError, h11.ProtocolError) as failure:
            raise NetworkError(f"Bot API connection failed: {type(failure).__name__}") from None
        finally:
            self._slots.release()

    async def _exchange(self, target, method: str, body: bytes, timeouts) -> tuple[int, bytes]:
        origin = (target.scheme, target.hostname, target.port or _DEFAULT_PORTS[target.scheme])
        connection = await self._connection(origin, timeouts["connect"])
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            headers = [("Host", target.netloc), ("User-Agent", self.USER_AGENT),
                       ("Accept", "*/*")]
            if method != "GET" or body:
                headers += [("Content-Type", "application/x-www-form-urlencoded"),
                            ("Content-Length", str(len(body)))]
            http = connection.http
            request = http.send(h11.Request(method=method, target=path, headers=headers))
            if body:
                request += http.send(h11.Data(data=body))
            connection.writer.write(request + http.send(h11.EndOfMessage()))
            async with asyncio.timeout(timeouts["write"]):
                await connection.writer.drain()
            status, payload = await _response(connection, timeouts["read"])
        except BaseException:
            connection.close()
            raise
        if http.our_state is h11.DONE and http.their_state is h11.DONE:
            http.start_next_cycle()
            connection.idle_since = time.monotonic()
            self._idle.setdefault(origin, []).append(connection)
        else:  # the server said it closes the connection (or did)
            connection.close()
        return status, payload

    async def _connection(self, origin: tuple[str, str, int], within: float) -> _Connection:
        idle, now = self._idle.get(origin, []), time.monotonic()
        while idle:
            connection = idle.pop()
            if connection.reusable(now):
                return connection
            connection.close()
        scheme, host, port = origin
        if scheme == "https" and self._tls is None:
            self._tls = httpx.create_ssl_context()  # the certificates httpx would trust
        async with asyncio.timeout(within):
            reader, writer = await asyncio.open_connection(
                host, port, ssl=self._tls if scheme == "https" else None, limit=READ_SIZE
            )
        return _Connection(reader, writer)


_DEFAULT_PORTS = {"http": 80, "https": 443}


async def _response(connection: _Connection, read_timeout: float) -> tuple[int, bytes]:
    """The response's status and body; `read_timeout` is for each read, as in httpx."""
    http, status, chunks = connection.http, 0, []
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(None) as deadline:
        while True:
            event = http.next_event()
            if event is h11.NEED_DATA:
                deadline.reschedule(loop.time() + read_timeout)
                http.receive_data(await connection.reader.read(READ_SIZE))
            elif isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.Data):
                chunks.append(event.data)
            elif isinstance(event, h11.EndOfMessage):
                return status, b"".join(chunks)
            elif isinstance(event, h11.ConnectionClosed):
                raise EOFError("the Bot API closed the connection before answering")


def bot_api_request(*, connections: int, pool_timeout: float) -> BaseRequest:
    """KeepAliveRequest, or HTTPXRequest when an HTTP proxy is configured in the environment."""
    if urllib.request.getproxies():
        return HTTPXRequest(connection_pool_size=connections, pool_timeout=pool_timeout)
    return KeepAliveRequest(connections=connections, pool_timeout=pool_timeout)
