"""aiosqlite with every statement run on the event loop's own thread unless it has to wait.

aiosqlite sends every call (cursor, execute, fetch, close) to a worker thread and back; a turn
of the dialogue makes some eighty such hops, which cost more CPU than the SQL itself on this
kind of machine (bench/turns.py). Every transaction here starts with BEGIN IMMEDIATE (see
storage.db), and writers in this process queue before it, so once BEGIN has the write lock no
statement waits for anyone (WAL readers never wait). BEGIN itself waits only when another
process holds the lock. So every statement is tried inline with no busy timeout, and only one
that finds the database busy goes to the worker thread to wait there: the event loop never
blocks on another process, and a turn does not give way to other tasks halfway through its
transaction.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import aiosqlite

# How long BEGIN waits for another process's write transaction (a backup, a key rotation).
OTHER_WRITER_TIMEOUT_MS = 30_000


class InlineConnection(aiosqlite.Connection):
    async def _execute(self, fn, *args, **kwargs):
        if self._connection is None:
            return await super()._execute(fn, *args, **kwargs)
        try:
            return fn(*args, **kwargs)
        except sqlite3.OperationalError as failure:
            if failure.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                raise
        return await super()._execute(self._wait_for_lock, fn, *args, **kwargs)

    def _wait_for_lock(self, fn, *args, **kwargs):
        self._connection.execute(f"PRAGMA busy_timeout={OTHER_WRITER_TIMEOUT_MS}")
        try:
            return fn(*args, **kwargs)
        finally:
            self._connection.execute("PRAGMA busy_timeout=0")


def connect(database: str, **kwargs: Any) -> InlineConnection:
    """Like `aiosqlite.connect`; the connection is shared with the worker thread, hence
    check_same_thread=False (SQLAlchemy's pool hands a connection to one task at a time)."""
    kwargs.update(check_same_thread=False, timeout=0)
    connection = InlineConnection(lambda: sqlite3.connect(database, **kwargs), 64)
    connection._thread.daemon = True
    return connection
