"""The update inbox: every Telegram update is recorded before anything else happens, then
processed from here exactly once. It replaces processed_updates, whose ids move in as done rows
(a redelivery of an update processed before the upgrade is still recognised).

Revision ID: 0004_inbox
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_inbox"
down_revision = "0003"
branch_labels = None
depends_on = None

OPEN = "status <> 'done'"


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("replies", sa.LargeBinary(), nullable=True),
        sa.Column("replies_sent", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(length=128), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("retry_at", sa.DateTime(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    # Answered rows stay a day, for redeliveries: claims look at the open ones only.
    op.create_index(
        "inbox_open", "inbox", ["id"], postgresql_where=sa.text(OPEN), sqlite_where=sa.text(OPEN)
    )
    op.create_index(
        "inbox_open_by_chat",
        "inbox",
        ["chat_id", "id"],
        postgresql_where=sa.text(OPEN),
        sqlite_where=sa.text(OPEN),
    )
    op.create_index("ix_inbox_received_at", "inbox", ["received_at"])
    op.execute(
        "INSERT INTO inbox (id, status, replies_sent, attempts, received_at, processed_at) "
        "SELECT update_id, 'done', 0, 1, processed_at, processed_at FROM processed_updates"
    )
    op.drop_index("ix_processed_updates_processed_at", table_name="processed_updates")
    op.drop_table("processed_updates")


def downgrade() -> None:
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("update_id"),
    )
    op.create_index(
        "ix_processed_updates_processed_at", "processed_updates", ["processed_at"]
    )
    op.execute(
        "INSERT INTO processed_updates (update_id, processed_at) "
        "SELECT id, processed_at FROM inbox WHERE processed_at IS NOT NULL"
    )
    op.drop_index("ix_inbox_received_at", table_name="inbox")
    op.drop_index("inbox_open_by_chat", table_name="inbox")
    op.drop_index("inbox_open", table_name="inbox")
    op.drop_table("inbox")
