"""Signed notes are immutable in the database itself, not only in the application.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MESSAGE = "a signed note cannot be changed"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER signed_note_no_{action.lower()} BEFORE {action} ON notes "
                f"FOR EACH ROW WHEN OLD.status = 'signed' "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION refuse_signed_note_change() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER signed_note_immutable BEFORE UPDATE OR DELETE ON notes "
            "FOR EACH ROW WHEN (OLD.status = 'signed') EXECUTE FUNCTION refuse_signed_note_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER signed_note_no_update")
        op.execute("DROP TRIGGER signed_note_no_delete")
    else:
        op.execute("DROP TRIGGER signed_note_immutable ON notes")
        op.execute("DROP FUNCTION refuse_signed_note_change()")
