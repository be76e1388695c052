"""Messages sent to a locked chat, held sealed until the PIN (issue #12 item 6).

One row per held message: its order and the sealed event (text, command or button data). Rows
are deleted once handled.

Revision ID: 0011_held_messages
Revises: 0005_integrity
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_held_messages"
down_revision = "0005_integrity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "held_messages",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("clinician_id", sa.BigInteger(), sa.ForeignKey("clinicians.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("message", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("clinician_id", "position"),
    )
    op.create_index("ix_held_messages_clinician_id", "held_messages", ["clinician_id"])


def downgrade() -> None:
    op.drop_index("ix_held_messages_clinician_id", table_name="held_messages")
    op.drop_table("held_messages")
