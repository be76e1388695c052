"""aiosqlite with statements run on the event loop's own thread, except those that may wait.

aiosqlite sends every call (cursor, execute, fetch, close) to a worker thread and back; a turn
of the dialogue makes some eighty such hops, which cost more CPU than the SQL itself on this
kind of machine (bench/turns.py). Inside a transaction that already holds SQLite's write lock
(BEGIN IMMEDIATE, see storage.db) no statement waits for another writer, and WAL readers never
wait, so those statements run inline in microseconds. Only BEGIN, the one statement that can
wait for another process's lock, still goes through the worker thread so the event loop never
blocks on it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import aiosqlite


def _may_wait(args: tuple[Any, ...]) -> bool:
    return bool(args) and isinstance(args[0], str) and args[0].lstrip()[:5].upper() == "BEGIN"


class InlineConnection(aiosqlite.Connection):
    async def _execute(self, fn, *args, **kwargs):
        if self._connection is None or _may_wait(args):
            return await super()._execute(fn, *args, **kwargs)
        return fn(*args, **kwargs)


def connect(database: str, **kwargs: Any) -> InlineConnection:
    """Like `aiosqlite.connect`; the connection is shared with the worker thread, hence
    check_same_thread=False (SQLAlchemy's pool hands a connection to one task at a time)."""
    kwargs["check_same_thread"] = False
    connection = InlineConnection(lambda: sqlite3.connect(database, **kwargs), 64)
    connection._thread.daemon = True
    return connection
