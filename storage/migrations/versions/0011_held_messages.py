"""Messages sent to a locked chat, held until the PIN, and plan builds kept as drafts (issue
#12 items 6 and 7).

`held_messages`: one row per held message, its order and the sealed event (text, command or
button data); deleted once handled. `plan_drafts`: one unfinished plan build per client, the
question it was at and its sealed state (the partial plan).

Revision ID: 0011_held_messages
Revises: 0010_cosignatures
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_held_messages"
down_revision = "0010_cosignatures"
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
    op.create_table(
        "plan_drafts",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("clinician_id", sa.BigInteger(), sa.ForeignKey("clinicians.id"), nullable=False),
        sa.Column("client_id", sa.String(length=32), sa.ForeignKey("clients.id"), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=False),
        sa.Column("state", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("clinician_id", "client_id"),
    )
    op.create_index("ix_plan_drafts_clinician_id", "plan_drafts", ["clinician_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_drafts_clinician_id", table_name="plan_drafts")
    op.drop_table("plan_drafts")
    op.drop_index("ix_held_messages_clinician_id", table_name="held_messages")
    op.drop_table("held_messages")
