"""Opening the database: engine, SQLite pragmas, migrations, and the key check.

`open_database` refuses to touch a database whose key is wrong or missing: it verifies the key
against a value sealed at first run before it migrates or writes anything.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event, exc, inspect, make_url, select, text
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage import keys, sqlite_inline
from storage.crypto import DecryptionError, KeyRing, aad_for
from storage.fields import install_keyring
from storage.migrate import upgrade_to_head
from storage.models import Meta
from storage.private_files import private_directory, private_file, private_sqlite_files

KEY_CHECK = b"wayfinder key check"
# PostgreSQL pool, per process: a worker's turns, its inbox bookkeeping and its NOTIFY listener
# (held for good) each take a connection. All of them are kept: an overflow connection is
# opened for one transaction and closed after, which costs more than the transaction (a
# connect, and its statements prepared again). 10 kept and 10 overflow had a busy webhook
# worker do that all the time (9.4-9.5 ms of CPU per update with 20 kept, 10.2-10.9 with
# 10 + 10, alternating runs of bench.webhook); beyond 20 a transaction waits for one.
POOL_SIZE, POOL_OVERFLOW = 20, 0
# A connection back in the pool within this many seconds is not pinged before its next use.
PING_AFTER_IDLE_SECONDS = 5.0
_COMMIT_WITHOUT_WAITING = text("SET LOCAL synchronous_commit TO OFF")


class DatabaseKeyError(Exception):
    """The database cannot be opened with the key given; nothing was changed."""


@dataclass
class Database:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    keyring: KeyRing
    # SQLite has one writer. Queueing writers here, in the process, keeps them off SQLite's
    # busy handler, which sleeps and polls; other processes still wait on the file lock.
    _sqlite_writer: asyncio.Lock | None = None

    @asynccontextmanager
    async def transaction(self, *, durable: bool = True) -> AsyncIterator[AsyncSession]:
        """One unit of work; on SQLite it takes the write lock up front (BEGIN IMMEDIATE).

        `durable=False` is for bookkeeping whose loss in a database crash costs a repeat, never
        a record (a reminder marked sent, an update marked answered): on PostgreSQL its commit
        does not wait for the disk (synchronous_commit off for this transaction only). SQLite
        in WAL mode with synchronous=NORMAL never waits for the disk at commit anyway.
        """
        if self._sqlite_writer is None:
            async with self.sessions() as session, session.begin():
                if not durable:
                    await session.execute(_COMMIT_WITHOUT_WAITING)
                yield session
            return
        async with self._sqlite_writer:
            # Closed here, not by `async with session`: that closes in a shielded task and gives
            # way to the event loop while this writer still holds the lock. SQLite statements
            # run inline (storage.sqlite_inline), so this close cannot stop halfway.
            session = self.sessions()
            try:
                async with session.begin():
                    yield session
            finally:
                await session.close()

    @asynccontextmanager
    async def statements(self) -> AsyncIterator[AsyncConnection]:
        """Each statement committed on its own, for bookkeeping whose every statement is safe
        alone (a row claimed, a row marked answered): on PostgreSQL no BEGIN and COMMIT, which
        cost a round trip each, as much as the statement, and no ORM session either (Core
        statements only: a session around them cost 65 µs of CPU a block). SQLite, whose
        statements run in this process, takes them in one transaction, as `transaction()`."""
        if self._sqlite_writer is not None:
            async with self.transaction() as session:
                yield await session.connection()
            return
        async with self.engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            yield connection

    async def close(self) -> None:
        await self.engine.dispose()


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for any other database."""
    return Path(make_url(url).database) if url.startswith("sqlite") else None


def make_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            private_directory(Path(path).parent)
            private_file(Path(path))
        engine = create_async_engine(url, async_creator=lambda: sqlite_inline.connect(path))
        _configure_sqlite(engine, path)
        return engine
    engine = create_async_engine(url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    _ping_idle_connections(engine)
    return engine


def _ping_idle_connections(engine: AsyncEngine) -> None:
    """What `pool_pre_ping` is for, without its cost on every transaction: asyncpg's ping is
    three round trips (BEGIN, a query, ROLLBACK), more than most of the inbox's transactions.
    A connection the server closed (a restart) is known closed here as soon as the event loop
    reads its end; one idle long enough for a silent break (a firewall, a failover) is pinged
    first. A connection that fails either way is replaced, with every other pooled one."""

    @event.listens_for(engine.sync_engine, "checkin")
    def _on_checkin(_dbapi_connection, record) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy) -> None:
        returned_at = record.info.get("returned_at")
        if returned_at is None:
            return  # just opened
        if record.driver_connection.is_closed():
            raise exc.InvalidatePoolError()
        if time.monotonic() - returned_at > PING_AFTER_IDLE_SECONDS:
            try:
                engine.dialect.do_ping(dbapi_connection)
            except Exception as failure:
                raise exc.InvalidatePoolError() from failure


def _configure_sqlite(engine: AsyncEngine, path: str) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin (see `_on_begin`).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        if path and path != ":memory:":
            private_sqlite_files(Path(path))  # -wal and -shm exist now: SQLite made them

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection):
        # A deferred transaction that reads and then writes can fail at once with "database is
        # locked" when another writer got in between; taking the write lock first makes every
        # turn wait its turn instead, across processes too.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


async def _stored_key_check(engine: AsyncEngine) -> bytes | None:
    async with engine.connect() as connection:
        has_meta = await connection.run_sync(lambda c: inspect(c).has_table("meta"))
        if not has_meta:
            return None
        row = await connection.execute(select(Meta.value).where(Meta.key == "key_check"))
        return row.scalar_one_or_none()


async def open_database(url: str, *, env_key: str | None, key_file: Path) -> Database:
    """Open, check the key, migrate. Creates the key file only for a brand-new database."""
    engine = make_engine(url)
    try:
        ring = keys.load_keyring(env_key, key_file)
        stored = await _stored_key_check(engine)
        if stored is not None:
            if ring is None:
                raise DatabaseKeyError(
                    "This database is encrypted, but no key was found: set WAYFINDER_KEY or "
                    f"restore the key file {key_file}."
                )
            try:
                ring.decrypt(stored, aad_for("meta", "value", "key_check"))
            except DecryptionError:
                raise DatabaseKeyError(
                    "The encryption key does not match this database. Nothing was changed."
                ) from None
        elif ring is None:
            ring = keys.create_key_file(key_file)
        install_keyring(ring)  # before migrating: a migration may read sealed values
        await upgrade_to_head(engine)
        if stored is None:
            async with engine.begin() as connection:
                sealed = ring.encrypt(KEY_CHECK, aad_for("meta", "value", "key_check"))
                await connection.execute(
                    Meta.__table__.insert().values(key="key_check", value=sealed)
                )
    except BaseException:
        await engine.dispose()
        raise
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None
    return Database(engine=engine, sessions=sessions, keyring=ring, _sqlite_writer=writer)
