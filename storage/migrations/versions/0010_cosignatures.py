"""Supervision: a supervisee's signed note sent for co-signature, co-signed or returned.

A table of its own: a signed note never changes (triggers on notes), so its co-signature, or
its return with the supervisor's comment (sealed), is recorded beside it.

Revision ID: 0010_cosignatures
Revises: 0005_integrity
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_cosignatures"
down_revision = "0005_integrity"
branch_labels = None
depends_on = None

TABLE = "note_cosignatures"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("note_id", sa.String(length=32), nullable=False),
        sa.Column("clinician_id", sa.BigInteger(), nullable=False),
        sa.Column("supervisor_id", sa.BigInteger(), nullable=False),
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("note_hash", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("seal", sa.String(length=64), nullable=True),
        sa.Column("comment", sa.LargeBinary(), nullable=True),
        sa.Column("redraft_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"]),
        sa.ForeignKeyConstraint(["clinician_id"], ["clinicians.id"]),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("note_id"),
    )
    for column in ("clinician_id", "supervisor_id", "client_id", "redraft_id"):
        op.create_index(f"ix_{TABLE}_{column}", TABLE, [column])


def downgrade() -> None:
    for column in ("clinician_id", "supervisor_id", "client_id", "redraft_id"):
        op.drop_index(f"ix_{TABLE}_{column}", table_name=TABLE)
    op.drop_table(TABLE)
