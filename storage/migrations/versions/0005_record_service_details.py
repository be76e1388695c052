"""Service details on every note: date of service, start time, length, format, and for a group
session the members present (sealed). Columns only: adding them fires no trigger, so signed
notes keep their rows as signed (they read their date of service from the day they were signed).

Revision ID: 0005_record
Revises: 0004_inbox
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_record"
down_revision = "0004_inbox"
branch_labels = None
depends_on = None

COLUMNS = {
    "service_date": sa.Date,
    "service_start": lambda: sa.String(length=5),
    "service_minutes": sa.Integer,
    "service_format": lambda: sa.String(length=16),
    "present": sa.LargeBinary,
}


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, not a batch: on SQLite a batch copies the table, which would
    # drop the triggers that keep signed notes unchanged (0002).
    for name, kind in COLUMNS.items():
        op.add_column("notes", sa.Column(name, kind(), nullable=True))
    op.create_index("ix_notes_service_date", "notes", ["service_date"])


def downgrade() -> None:
    op.drop_index("ix_notes_service_date", table_name="notes")
    for name in reversed(COLUMNS):
        op.drop_column("notes", name)
