"""Key rotation: re-encrypting every sealed value with the key ring's current version.

The sealed columns are found on the models themselves (every `EncryptedValue` descriptor), so a
new encrypted column is rotated without being listed here; each keeps its purpose ("field",
"private"). Rows are re-encrypted in batches, one transaction per batch, so an interrupted
rotation keeps what it finished and simply runs again: values already on the current version
are skipped. A value the bot rewrote between our read and our write is left as the bot wrote
it (the update matches the old bytes only) and counted, for the next run.

Signed notes are immutable in the database (a trigger). Re-encryption changes their bytes but
not one character of what they say, so the batch lifts the table's triggers inside its own
transaction and puts them back before it commits: no other connection ever sees them missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import Column, Table, and_, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import DecryptionError, KeyRing, aad_for
from storage.db import Database
from storage.fields import EncryptedValue
from storage.models import Base, Meta

BATCH_ROWS = 200
KEY_CHECK_AAD = aad_for("meta", "value", "key_check")


class RotationError(Exception):
    """A stored value could not be re-encrypted; the message names its table, column and row."""


@dataclass(frozen=True)
class SealedColumn:
    table: Table
    column: Column
    aad_column: str
    purpose: str

    @property
    def label(self) -> str:
        return f"{self.table.name}.{self.aad_column}"


@dataclass
class RotationReport:
    resealed: Counter = field(default_factory=Counter)  # by column label
    already_current: int = 0
    changed_meanwhile: int = 0

    @property
    def total_resealed(self) -> int:
        return sum(self.resealed.values())


def sealed_columns() -> list[SealedColumn]:
    """Every encrypted column of every model, in a stable order."""
    found = []
    for mapper in Base.registry.mappers:
        descriptors = {
            value.storage_attr: value
            for klass in reversed(mapper.class_.__mro__)
            for value in vars(klass).values()
            if isinstance(value, EncryptedValue)
        }
        for attribute, descriptor in descriptors.items():
            found.append(
                SealedColumn(
                    table=mapper.local_table,
                    column=mapper.columns[attribute],
                    aad_column=descriptor.column,
                    purpose=descriptor.purpose,
                )
            )
    return sorted(found, key=lambda sealed: sealed.label)


async def versions_in_use(db: Database) -> Counter:
    """How many stored values (the key check included) use each key version."""
    in_use: Counter = Counter()
    async with db.sessions() as session:
        for sealed in sealed_columns():
            header = func.substr(sealed.column, 1, 2)
            rows = await session.execute(
                select(header, func.count()).where(sealed.column.is_not(None)).group_by(header)
            )
            for prefix, count in rows:
                in_use[KeyRing.version_of(bytes(prefix))] += count
        check = await session.scalar(select(Meta.value).where(Meta.key == "key_check"))
        if check is not None:
            in_use[KeyRing.version_of(check)] += 1
    return in_use


async def reseal_all(db: Database, ring: KeyRing) -> RotationReport:
    """Re-encrypt every value not yet on `ring.current`; safe to run again after a failure."""
    report = RotationReport()
    for sealed in sealed_columns():
        row_id = sealed.table.c.id
        after: str | None = None
        while True:
            async with db.transaction() as session:
                query = select(row_id, sealed.column).where(sealed.column.is_not(None))
                if after is not None:
                    query = query.where(row_id > after)
                rows = (await session.execute(query.order_by(row_id).limit(BATCH_ROWS))).all()
                if not rows:
                    break
                await _reseal_batch(session, ring, sealed, rows, report)
            after = rows[-1][0]
    async with db.transaction() as session:
        await _reseal_key_check(session, ring, report)
    return report


async def _reseal_batch(
    session: AsyncSession, ring: KeyRing, sealed: SealedColumn, rows, report: RotationReport
) -> None:
    outdated = []
    for row_id, blob in rows:
        if KeyRing.version_of(blob) == ring.current:
            report.already_current += 1
            continue
        aad = aad_for(sealed.table.name, sealed.aad_column, row_id)
        try:
            plain = ring.decrypt(blob, aad, purpose=sealed.purpose)
        except DecryptionError as problem:
            raise RotationError(
                f"{sealed.label} in row {row_id} cannot be decrypted ({problem}); the values "
                "re-encrypted so far are kept."
            ) from None
        outdated.append((row_id, blob, ring.encrypt(plain, aad, purpose=sealed.purpose)))
    if not outdated:
        return
    async with _triggers_lifted(session, sealed.table):
        for row_id, old, new in outdated:
            result = await session.execute(
                update(sealed.table)
                .where(and_(sealed.table.c.id == row_id, sealed.column == old))
                .values({sealed.column.name: new})
            )
            if result.rowcount == 1:
                report.resealed[sealed.label] += 1
            else:
                report.changed_meanwhile += 1


async def _reseal_key_check(session: AsyncSession, ring: KeyRing, report: RotationReport) -> None:
    check = await session.scalar(select(Meta.value).where(Meta.key == "key_check"))
    if check is None or KeyRing.version_of(check) == ring.current:
        return
    plain = ring.decrypt(check, KEY_CHECK_AAD)
    await session.execute(
        update(Meta).where(Meta.key == "key_check").values(value=ring.encrypt(plain, KEY_CHECK_AAD))
    )
    report.resealed["meta.key_check"] += 1


@asynccontextmanager
async def _triggers_lifted(session: AsyncSession, table: Table) -> AsyncIterator[None]:
    """Drop (SQLite) or disable (PostgreSQL) a table's own triggers for the updates inside, and
    restore them before the transaction commits; on an error the rollback restores them."""
    connection = await session.connection()
    if connection.dialect.name == "sqlite":
        rows = await connection.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
            {"t": table.name},
        )
        triggers = rows.all()
        for trigger, _ in triggers:
            await connection.exec_driver_sql(f'DROP TRIGGER "{trigger}"')
        yield
        for _, create_sql in triggers:
            await connection.exec_driver_sql(create_sql)
        return
    rows = await connection.execute(
        text(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = CAST(:t AS regclass) "
            "AND NOT tgisinternal AND tgenabled <> 'D'"
        ),
        {"t": table.name},
    )
    triggers = rows.scalars().all()
    for trigger in triggers:
        await connection.exec_driver_sql(f'ALTER TABLE "{table.name}" DISABLE TRIGGER "{trigger}"')
    yield
    for trigger in triggers:
        await connection.exec_driver_sql(f'ALTER TABLE "{table.name}" ENABLE TRIGGER "{trigger}"')
