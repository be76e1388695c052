"""Opening the database: engine, SQLite pragmas, migrations, and the key check.

`open_database` refuses to touch a database whose key is wrong or missing: it verifies the key
against a value sealed at first run before it migrates or writes anything.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event, inspect, make_url, select, text
from sqlalchemy.ext.asyncio import (
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
    return create_async_engine(url, pool_pre_ping=True)


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
