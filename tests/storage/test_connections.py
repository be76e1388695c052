"""PostgreSQL connections: a pooled connection the server dropped is replaced before a
transaction uses it, without a ping on every transaction; a busy worker's connections are kept,
not opened for one transaction and closed; bookkeeping statements commit one by one. SQLite and
PostgreSQL where configured (the first test is PostgreSQL's own)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from storage import db as storage_db
from storage.models import InboxUpdate
from tests.storage.test_inbox import NOW


async def backend_pid(database) -> int:
    async with database.transaction() as session:
        return await session.scalar(select(func.pg_backend_pid()))


async def test_a_connection_the_server_closed_is_replaced_before_a_turn_uses_it(database):
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to drop a connection")
    first = await backend_pid(database)
    admin = create_async_engine(database.engine.url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as other:
        await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    await admin.dispose()
    await asyncio.sleep(0.2)  # the server's goodbye reaches the pooled connection
    assert await backend_pid(database) != first  # a new connection, and no failure


async def test_a_connection_idle_for_a_while_is_pinged_and_a_busy_one_is_not(
    database, monkeypatch
):
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite pools no connections to ping")
    pings = []
    real_ping = database.engine.dialect.do_ping
    monkeypatch.setattr(database.engine.dialect, "do_ping",
                        lambda connection: pings.append(1) or real_ping(connection))
    await backend_pid(database)
    await backend_pid(database)
    assert pings == []
    monkeypatch.setattr(storage_db, "PING_AFTER_IDLE_SECONDS", 0.0)
    await backend_pid(database)
    assert pings == [1]


async def test_a_busy_workers_connections_are_kept_for_the_next_burst(database):
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite pools no connections")
    opened = []
    event.listen(database.engine.sync_engine, "connect", lambda *_: opened.append(1))

    async def turn() -> None:
        async with database.transaction() as session:
            await session.execute(select(1))
            await asyncio.sleep(0.05)  # held open, as a turn waiting for the event loop is

    busy = 15  # a burst above the 10 connections a worker used to keep
    await asyncio.gather(*(turn() for _ in range(busy)))
    assert 0 < len(opened) <= busy
    opened.clear()
    await asyncio.gather(*(turn() for _ in range(busy)))
    assert opened == [], "a new connection costs its statements prepared again"


async def test_bookkeeping_statements_stand_on_their_own(database):
    """What `statements()` has run is kept when a later statement of it fails (PostgreSQL
    commits each; SQLite's one transaction keeps none: both are safe for the inbox)."""
    with pytest.raises(ZeroDivisionError):
        async with database.statements() as session:
            await session.execute(
                InboxUpdate.__table__.insert().values(
                    id=1, chat_id=5, status="pending", replies_sent=0, attempts=0,
                    received_at=NOW, payload=None,
                )
            )
            raise ZeroDivisionError
    async with database.transaction() as session:
        kept = await session.scalar(select(func.count()).select_from(InboxUpdate))
    assert kept == (1 if database.engine.dialect.name == "postgresql" else 0)
