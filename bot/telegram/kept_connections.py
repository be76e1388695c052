"""HTTP/1.1 requests over connections kept open between them: asyncio streams and h11.

What the Bot API client (bot/telegram/bot_api_request.py) sends its requests over, and what
the webhook bench's simulated Telegram posts with: httpx and httpcore cost a busy process
about 0.8-1 ms of CPU per request (pool bookkeeping that polls every idle connection's socket
on every request, anyio's attribute lookups, the request and response models); this costs a
fifth of that. At most `connections` requests run at once; one finding none free waits up to
its `pool` timeout (then PoolTimeout). A connection the server closed while idle is known closed
by the event loop, and one idle longer than httpx's keep-alive expiry is closed, not reused.
Failures are raised as they come: TimeoutError, OSError, EOFError or h11.ProtocolError.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import h11
import httpx

# httpx's default: an idle connection older than this is closed, not used again (the server
# may be about to close it; a request sent as it does fails).
KEEP_IDLE_SECONDS = 5.0
READ_SIZE = 64 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}


class PoolTimeout(TimeoutError):
    """Every connection stayed busy for the `pool` timeout: the request was not sent."""


@dataclass(frozen=True)
class Timeouts:
    """Seconds; None waits as long as it takes."""

    connect: float | None
    write: float | None
    read: float | None  # for each read, as in httpx: a long download is not cut while it flows
    pool: float | None  # for a free connection


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    http: h11.Connection = field(default_factory=lambda: h11.Connection(h11.CLIENT))
    idle_since: float = 0.0

    def reusable(self, now: float) -> bool:
        return (
            not self.reader.at_eof()
            and not self.writer.is_closing()
            and now - self.idle_since <= KEEP_IDLE_SECONDS
        )

    def close(self) -> None:
        self.writer.close()


class KeptConnections:
    def __init__(self, *, connections: int) -> None:
        self._slots = asyncio.Semaphore(connections)
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._tls = None

    async def exchange(
        self, method: str, url: str, headers: list[tuple[str, str]], body: bytes,
        timeouts: Timeouts,
    ) -> tuple[int, bytes]:
        """Sends one request; returns the response's status and body."""
        try:
            async with asyncio.timeout(timeouts.pool):
                await self._slots.acquire()
        except TimeoutError:
            raise PoolTimeout() from None
        try:
            return await self._exchange(method, urlsplit(url), headers, body, timeouts)
        finally:
            self._slots.release()

    async def close(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()

    async def _exchange(self, method, target, headers, body: bytes, timeouts: Timeouts):
        origin = (target.scheme, target.hostname, target.port or DEFAULT_PORTS[target.scheme])
        connection = await self._connection(origin, timeouts.connect)
        http = connection.http
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            headers = [("Host", target.netloc), *headers]
            if method != "GET" or body:
                headers.append(("Content-Length", str(len(body))))
            request = http.send(h11.Request(method=method, target=path, headers=headers))
            if body:
                request += http.send(h11.Data(data=body))
            connection.writer.write(request + http.send(h11.EndOfMessage()))
            async with asyncio.timeout(timeouts.write):
                await connection.writer.drain()
            answer = await _response(connection, timeouts.read)
        except BaseException:
            connection.close()
            raise
        if http.our_state is h11.DONE and http.their_state is h11.DONE:
            http.start_next_cycle()
            connection.idle_since = time.monotonic()
            self._idle.setdefault(origin, []).append(connection)
        else:  # the server said it closes the connection (or did)
            connection.close()
        return answer

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


async def _response(connection: _Connection, read_timeout: float) -> tuple[int, bytes]:
    http, status, chunks = connection.http, 0, []
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(None) as deadline:
        while True:
            event = http.next_event()
            if event is h11.NEED_DATA:
                if read_timeout is not None:
                    deadline.reschedule(loop.time() + read_timeout)
                http.receive_data(await connection.reader.read(READ_SIZE))
            elif isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.Data):
                chunks.append(event.data)
            elif isinstance(event, h11.EndOfMessage):
                return status, b"".join(chunks)
            elif isinstance(event, h11.ConnectionClosed):
                raise EOFError("the server closed the connection before answering")
