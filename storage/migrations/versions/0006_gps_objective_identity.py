"""Objective identity and route-blocked flags (issue #17).

`plan_versions.objective_identity` maps each objective id of a version to the identity of the
objective as worded ("3:O1": first worded so in version 3): evidence follows the identity, not
the id. Versions stored before it have none; their identities are derived from the wording.
`route_flags` records, once per objective identity and reason, that a route looks blocked, and
what the clinician answered. Neither holds client text: ids, reasons, counts and times.

Revision ID: 0005_gps
Revises: 0004_inbox
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_gps"
down_revision = "0005_record"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_versions") as batch_op:
        batch_op.add_column(sa.Column("objective_identity", sa.JSON(), nullable=True))
    op.create_table(
        "route_flags",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("clinician_id", sa.BigInteger(), sa.ForeignKey("clinicians.id"), nullable=False),
        sa.Column("plan_id", sa.String(length=32), sa.ForeignKey("plans.id"), nullable=False),
        sa.Column("objective_id", sa.String(length=32), nullable=False),
        sa.Column("identity", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("digest_at", sa.DateTime(), nullable=True),
        sa.Column("plan_shown_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("plan_id", "identity", "reason"),
    )
    op.create_index("ix_route_flags_clinician_id", "route_flags", ["clinician_id"])


def downgrade() -> None:
    op.drop_index("ix_route_flags_clinician_id", table_name="route_flags")
    op.drop_table("route_flags")
    with op.batch_alter_table("plan_versions") as batch_op:
        batch_op.drop_column("objective_identity")
