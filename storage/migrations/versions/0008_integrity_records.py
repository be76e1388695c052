"""Signed records that prove themselves, and the audit trail.

Signed notes and addenda get a fingerprint over content and identity, chained per client, and a
seal (storage/integrity.py); existing ones are fingerprinted here, oldest first, so the chain
starts with the first signed record. That needs the key ring (installed by storage.db before it
migrates). The immutability triggers on notes are lifted inside this transaction only, as key
rotation does: the fingerprint columns change, not one character of what a note says.

The audit table is append-only: a trigger refuses UPDATE and DELETE, on SQLite and PostgreSQL
alike. (On PostgreSQL the table's owner, which is the application's role here, could drop the
trigger; `wayfinder audit --verify` then still finds a row changed or removed mid-chain.)

Revision ID: 0005_integrity
Revises: 0004_inbox
"""

import json
from datetime import UTC

import sqlalchemy as sa
from alembic import op

from storage import integrity
from storage.crypto import aad_for
from storage.fields import keyring
from storage.models import Addendum, Note

revision = "0005_integrity"
down_revision = "0005_gps"
branch_labels = None
depends_on = None

SIGNED_NOTE = "a signed note cannot be changed"
AUDIT = "the audit trail is append-only"


def upgrade() -> None:
    op.add_column("clients", sa.Column("chain_head", sa.String(length=64), nullable=True))
    for table in ("notes", "addenda"):
        if table == "addenda":
            op.add_column(table, sa.Column("content_hash", sa.String(length=64), nullable=True))
        op.add_column(table, sa.Column("previous_hash", sa.String(length=64), nullable=True))
        op.add_column(table, sa.Column("seal", sa.String(length=64), nullable=True))
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("chain", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.BigInteger(), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("record_type", sa.String(length=32), nullable=True),
        sa.Column("record_id", sa.String(length=64), nullable=True),
        sa.Column("client_id", sa.String(length=32), nullable=True),
        sa.Column("transport", sa.String(length=16), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("seal", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("audit_by_chain", "audit", ["chain", "id"])
    op.create_index("ix_audit_at", "audit", ["at"])
    op.create_index("ix_audit_client_id", "audit", ["client_id"])
    _append_only_audit()
    _fingerprint_signed_records()
    for table, column, _length in SEALED_NOW:
        _recast(table, column, sa.LargeBinary(), _seal)


# Plan text the clinician chose, stored in the clear before this revision.
SEALED_NOW = (("learned_keywords", "objective_id", 32), ("plan_versions", "change", 64))


def _recast(table: str, column: str, new_type: sa.types.TypeEngine, convert) -> None:
    """The column renamed away, a new one of `new_type` in its place filled with `convert` of
    each value, the old one dropped."""
    bind = op.get_bind()
    old = f"{column}_before_0005"
    op.execute(f"ALTER TABLE {table} RENAME COLUMN {column} TO {old}")
    op.add_column(table, sa.Column(column, new_type, nullable=True))
    for row_id, value in bind.execute(sa.text(f"SELECT id, {old} FROM {table}")).all():
        bind.execute(
            sa.text(f"UPDATE {table} SET {column} = :value WHERE id = :id"),
            {"value": convert(aad_for(table, column, row_id), value), "id": row_id},
        )
    op.execute(f"ALTER TABLE {table} DROP COLUMN {old}")


def _seal(aad: bytes, value: str) -> bytes:
    return keyring().encrypt(str(value).encode(), aad)


def _unseal(aad: bytes, value: bytes) -> str:
    return keyring().decrypt(value, aad).decode()


def _append_only_audit() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_no_{action.lower()} BEFORE {action} ON audit "
                f"BEGIN SELECT RAISE(ABORT, '{AUDIT}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION refuse_audit_change() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{AUDIT}'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()"
        )


def _lift_signed_note_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER signed_note_no_update")
        op.execute("DROP TRIGGER signed_note_no_delete")
    else:
        op.execute("DROP TRIGGER signed_note_immutable ON notes")


def _restore_signed_note_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER signed_note_no_{action.lower()} BEFORE {action} ON notes "
                f"FOR EACH ROW WHEN OLD.status = 'signed' "
                f"BEGIN SELECT RAISE(ABORT, '{SIGNED_NOTE}'); END"
            )
    else:
        op.execute(
            "CREATE TRIGGER signed_note_immutable BEFORE UPDATE OR DELETE ON notes "
            "FOR EACH ROW WHEN (OLD.status = 'signed') EXECUTE FUNCTION refuse_signed_note_change()"
        )


def _fingerprint_signed_records() -> None:
    bind = op.get_bind()
    notes_table = sa.table(
        "notes",
        *(sa.column(name) for name in (
            "id", "clinician_id", "client_id", "template", "plan_version_id", "group_id",
            "content", "tags", "status",
        )),
        sa.column("signed_at", sa.DateTime()),
    )
    addenda_table = sa.table(
        "addenda", sa.column("id"), sa.column("note_id"), sa.column("body"),
        sa.column("created_at", sa.DateTime()),
    )
    notes = bind.execute(
        sa.select(notes_table).where(notes_table.c.status == "signed")
    ).all()
    if not notes:
        return
    by_id = {}
    records = []  # (client, when, kind, row)
    for row in notes:
        note = Note(  # transient, never added to a session: it only carries the values
            id=row.id, clinician_id=row.clinician_id, client_id=row.client_id,
            template=row.template, plan_version_id=row.plan_version_id, group_id=row.group_id,
            content=_opened_json("notes", "content", row.id, row.content),
            tags=_opened_json("notes", "tags", row.id, row.tags),
            signed_at=_aware(row.signed_at),
        )
        by_id[note.id] = note
        records.append((note.client_id, note.signed_at, note.id, note))
    for row in bind.execute(sa.select(addenda_table)):
        if row.note_id not in by_id:
            continue
        addendum = Addendum(
            id=row.id,
            note_id=row.note_id,
            body=_unseal(aad_for("addenda", "body", row.id), row.body),
            created_at=_aware(row.created_at),
        )
        records.append((by_id[row.note_id].client_id, addendum.created_at, addendum.id, addendum))
    records.sort(key=lambda record: (record[0], record[1], record[2]))
    _lift_signed_note_triggers()
    heads: dict[str, str] = {}
    for client_id, _when, row_id, record in records:
        previous = heads.get(client_id, integrity.GENESIS)
        if isinstance(record, Note):
            digest = integrity.note_fingerprint(record, record.signed_at, previous)
            table = "notes"
        else:
            digest = integrity.addendum_fingerprint(record, by_id[record.note_id], previous)
            table = "addenda"
        bind.execute(
            sa.text(
                f"UPDATE {table} SET content_hash = :digest, previous_hash = :previous, "
                "seal = :seal WHERE id = :id"
            ),
            {"digest": digest, "previous": previous, "seal": integrity.seal(digest), "id": row_id},
        )
        heads[client_id] = digest
    for client_id, head in heads.items():
        bind.execute(
            sa.text("UPDATE clients SET chain_head = :head WHERE id = :id"),
            {"head": head, "id": client_id},
        )
    _restore_signed_note_triggers()


def _opened_json(table: str, column: str, row_id: str, value: bytes | None):
    # Sealed under the place alone at this revision (associated data gained owner and version
    # in 0012), so opened here rather than through the model's attribute.
    return None if value is None else json.loads(_unseal(aad_for(table, column, row_id), value))


def _aware(moment):
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def downgrade() -> None:
    for table, column, length in SEALED_NOW:
        _recast(table, column, sa.String(length=length), _unseal)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_no_update")
        op.execute("DROP TRIGGER audit_no_delete")
    else:
        op.execute("DROP TRIGGER audit_append_only ON audit")
        op.execute("DROP FUNCTION refuse_audit_change()")
    op.drop_table("audit")
    _lift_signed_note_triggers()
    for table, columns in (
        ("addenda", ("seal", "previous_hash", "content_hash")),
        ("notes", ("seal", "previous_hash")),
        ("clients", ("chain_head",)),
    ):
        for column in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    _restore_signed_note_triggers()
