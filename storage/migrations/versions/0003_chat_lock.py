"""A clinician's chat lock: a PIN verifier, the lock itself, and what auto-lock and the limit
on wrong PINs need.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clinicians") as batch_op:
        batch_op.add_column(sa.Column("pin_verifier", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("pin_failures", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("pin_retry_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("clinicians") as batch_op:
        for column in ("pin_retry_at", "pin_failures", "last_seen_at", "locked", "pin_verifier"):
            batch_op.drop_column(column)
