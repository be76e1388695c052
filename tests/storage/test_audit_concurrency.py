"""The audit chains stay whole when writers race: turns of one clinician at once, and the
operator's command line at once. On PostgreSQL the turns queue on the clinician's lock, each
having read the chain's head before the lock was granted, so most of them must find that head
gone and read it again (storage/audit.py); on SQLite they queue on the one writer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import event

from storage import audit, clinicians
from storage.store import TurnStore

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
CLINICIAN = 7
TURNS, ROWS_PER_TURN = 12, 3


def heads_read_again(database) -> list[int]:
    """Counts (in a one-item list) the appends that found the head they expected gone."""
    count = [0]

    def statement(_conn, _cursor, sql, *_args) -> None:
        if sql.lstrip().upper().startswith("SELECT COALESCE((SELECT AUDIT.ROW_HASH"):
            count[0] += 1

    event.listen(database.engine.sync_engine, "before_cursor_execute", statement)
    return count


async def turn(database, number: int) -> None:
    async with database.transaction() as session:
        store = await TurnStore.open(session, CLINICIAN, NOW, templates=None)
        for row in range(ROWS_PER_TURN):
            await store.audit.record("read", NOW, "note", f"t{number}-{row}")
            await asyncio.sleep(0.005)  # hold the lock while the other turns queue for it


async def test_turns_of_one_clinician_at_once_keep_one_unbroken_chain(database):
    async with database.transaction() as session:
        await clinicians.first_contact(session, CLINICIAN, NOW)
    await turn(database, 0)  # the conversation row made: the race is only the audit chain's
    read_again = heads_read_again(database)
    await asyncio.gather(*(turn(database, number) for number in range(1, TURNS + 1)))
    async with database.sessions() as session:
        count, breaks = await audit.verify_chains(session)
        rows = [row async for row in audit.rows(session)]
    assert (count, breaks) == ((TURNS + 1) * ROWS_PER_TURN, [])
    # Each turn's rows are together, in its own order: the turns ran one after another.
    by_turn = [row.record_id.split("-")[0] for row in rows]
    assert all(by_turn[i] == by_turn[i - i % ROWS_PER_TURN] for i in range(len(by_turn)))
    if database.engine.dialect.name == "postgresql":
        assert read_again[0] > 0  # the race this guards against did happen


async def test_operator_actions_at_once_keep_the_operators_chain(database):
    await asyncio.gather(*(
        audit.record_operator_action(database, "backup", "database", str(number))
        for number in range(TURNS)
    ))
    async with database.sessions() as session:
        count, breaks = await audit.verify_chains(session)
    assert (count, breaks) == (TURNS, [])
