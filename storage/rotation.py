"""Key rotation: re-encrypting every sealed value with the key ring's current version.

The sealed columns are found on the models themselves (every `EncryptedValue` descriptor), so a
new encrypted column is rotated without being listed here; each keeps its purpose ("field",
"private") and its associated data (place, the row's owner and version: storage/crypto.py).
Re-encryption changes the key, not the value, so it leaves the row's version as it is.
Rows are re-encrypted in batches, one transaction per batch, so an interrupted rotation keeps
what it finished and simply runs again: values already on the current version are skipped. A
value the bot rewrote between our read and our write is left as the bot wrote it (the update
matches the old bytes and version only) and counted, for the next run.

Signed notes are immutable in the database (a trigger). Re-encryption changes their bytes but
not one character of what they say, so the batch lifts the table's triggers inside its own
transaction and puts them back before it commits: no other connection ever sees them missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import Column, Table, and_, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import own_triggers
from storage.crypto import DecryptionError, KeyRing, aad_for, row_aad
from storage.db import Database
from storage.fields import is_versioned, sealed_values
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
    owner: tuple[Column, ...]  # the row's `__sealed_owner__` columns
    version: Column | None  # the row's `sealed_version`; None where the model has none

    @property
    def label(self) -> str:
        return f"{self.table.name}.{self.aad_column}"

    def rows(self):
        """Each stored value as (id, bytes, version, *owner values)."""
        version = self.version if self.version is not None else literal(0)
        return select(self.table.c.id, self.column, version, *self.owner).where(
            self.column.is_not(None)
        )

    def aad(self, row) -> bytes:
        row_id, _blob, version, *owner = row
        return row_aad(self.table.name, self.aad_column, row_id, tuple(owner), version)


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
        model, table = mapper.class_, mapper.local_table
        for descriptor in sealed_values(model):
            found.append(
                SealedColumn(
                    table=table,
                    column=mapper.columns[descriptor.storage_attr],
                    aad_column=descriptor.column,
                    purpose=descriptor.purpose,
                    owner=tuple(table.c[name] for name in model.__sealed_owner__),
                    version=table.c.sealed_version if is_versioned(model) else None,
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
                query = sealed.rows()
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
    for row in rows:
        row_id, blob, version = row[:3]
        if KeyRing.version_of(blob) == ring.current:
            report.already_current += 1
            continue
        aad = sealed.aad(row)
        try:
            plain = ring.decrypt(blob, aad, purpose=sealed.purpose)
        except DecryptionError as problem:
            raise RotationError(
                f"{sealed.label} in row {row_id} cannot be decrypted ({problem}); the values "
                "re-encrypted so far are kept."
            ) from None
        outdated.append((row_id, blob, version, ring.encrypt(plain, aad, purpose=sealed.purpose)))
    if not outdated:
        return
    async with _triggers_lifted(session, sealed.table):
        for row_id, old, version, new in outdated:
            # Sealed under the row's version as read: a write since then raised it (and re-sealed
            # every value of the row), so the old bytes and version must both still be there.
            unchanged = and_(sealed.table.c.id == row_id, sealed.column == old)
            if sealed.version is not None:
                unchanged = and_(unchanged, sealed.version == version)
            result = await session.execute(
                update(sealed.table).where(unchanged).values({sealed.column.name: new})
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
    """The table's own triggers lifted for the updates inside and restored before the
    transaction commits (storage/own_triggers.py); on an error the rollback restores them."""
    connection = await session.connection()
    dialect = connection.dialect.name
    triggers = (await connection.execute(own_triggers.find(dialect), {"t": table.name})).all()
    for name, _ in triggers:
        await connection.exec_driver_sql(own_triggers.lift(dialect, table.name, name))
    yield
    for name, create_sql in triggers:
        restore = own_triggers.restore(dialect, table.name, name, create_sql)
        await connection.exec_driver_sql(restore)
