"""Sealed values bound to their row's owner and version (issue #14 item 1).

Every table with sealed values but the inbox gets `sealed_version` (0 for existing rows), and
every sealed value is re-sealed from the associated data of its place alone (table|column|row)
to place, owner and version (storage/crypto.py `row_aad`). The columns come from today's models
(storage/rotation.py walks them), limited to the tables this database has at this revision.
That needs the key ring, installed by storage.db before it migrates. The downgrade opens each
value under its row's real version and seals it back under its place alone.

A value that already fails to decrypt cannot be re-sealed: it is left as it is (it stays
unreadable, as it was, and `wayfinder verify` names it) and logged by table, column and row.
Signed notes' immutability triggers are lifted inside this transaction only, as key rotation
does: the bytes change, not one character of what a note says.

Revision ID: 0012_sealed_owner_version
Revises: 0011_held_messages
"""

import logging
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from storage import own_triggers
from storage.crypto import DecryptionError, aad_for
from storage.fields import keyring
from storage.rotation import SealedColumn, sealed_columns

revision = "0012_sealed_owner_version"
down_revision = "0011_held_messages"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)
VERSION = "sealed_version"


def upgrade() -> None:
    by_table = _sealed_by_table()
    for table, columns in by_table.items():
        if columns[0].version is not None:
            op.add_column(
                table, sa.Column(VERSION, sa.Integer(), nullable=False, server_default="0")
            )
    for table, columns in by_table.items():
        with _triggers_lifted(table):
            for sealed in columns:
                _reseal(sealed, opened_with=_place, sealed_with=_owner_and_version)


def downgrade() -> None:
    for table, columns in _sealed_by_table().items():
        with _triggers_lifted(table):
            for sealed in columns:
                _reseal(sealed, opened_with=_owner_and_version, sealed_with=_place)
            if columns[0].version is not None:
                op.execute(f'ALTER TABLE "{table}" DROP COLUMN {VERSION}')


def _sealed_by_table() -> dict[str, list[SealedColumn]]:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    by_table: dict[str, list[SealedColumn]] = defaultdict(list)
    for sealed in sealed_columns():
        if sealed.table.name in present:
            by_table[sealed.table.name].append(sealed)
    return dict(by_table)


def _place(sealed: SealedColumn, row) -> bytes:
    return aad_for(sealed.table.name, sealed.aad_column, row.id)


def _owner_and_version(sealed: SealedColumn, row) -> bytes:
    return sealed.aad(row)  # the row read as rotation reads it: id, value, version, owner


def _reseal(sealed: SealedColumn, *, opened_with, sealed_with) -> None:
    bind, ring = op.get_bind(), keyring()
    table = sa.table(
        sealed.table.name,
        sa.column("id"),
        sa.column(sealed.column.name),
        *(sa.column(column.name) for column in sealed.owner),
        *((sa.column(VERSION),) if sealed.version is not None else ()),
    )
    stored = table.c[sealed.column.name]
    version = table.c[VERSION] if sealed.version is not None else sa.literal(0)
    query = sa.select(
        table.c.id,
        stored.label("blob"),
        version.label("version"),
        *(table.c[column.name] for column in sealed.owner),
    ).where(stored.is_not(None))
    for row in bind.execute(query).all():
        try:
            plain = ring.decrypt(bytes(row.blob), opened_with(sealed, row), purpose=sealed.purpose)
        except DecryptionError:
            log.warning("cannot decrypt %s row %s; left as it is", sealed.label, row.id)
            continue
        new = ring.encrypt(plain, sealed_with(sealed, row), purpose=sealed.purpose)
        bind.execute(sa.update(table).where(table.c.id == row.id).values({stored.name: new}))


class _triggers_lifted:
    """A table's own triggers lifted for the updates inside (storage/own_triggers.py), and put
    back before the migration's transaction commits."""

    def __init__(self, table: str):
        self.table = table
        self.bind = op.get_bind()
        self.dialect = self.bind.dialect.name

    def __enter__(self) -> None:
        self.saved = self.bind.execute(own_triggers.find(self.dialect), {"t": self.table}).all()
        for name, _ in self.saved:
            self.bind.exec_driver_sql(own_triggers.lift(self.dialect, self.table, name))

    def __exit__(self, *failure) -> None:
        if failure[0] is not None:
            return  # the migration's transaction rolls back, triggers and all
        for name, create_sql in self.saved:
            self.bind.exec_driver_sql(
                own_triggers.restore(self.dialect, self.table, name, create_sql)
            )
