"""A table's own triggers, lifted for updates that change a value's bytes but not what it says.

Key rotation (storage/rotation.py) and the re-sealing migration (0012) re-encrypt signed notes,
which triggers keep unchangeable. SQLite cannot disable a trigger, so it is dropped and created
again from the SQL it was stored with; PostgreSQL disables and enables it. The callers put them
back before their transaction commits; a rollback puts them back by itself.
"""

from __future__ import annotations

from sqlalchemy import TextClause, text

_FIND = {
    "sqlite": text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
    "postgresql": text(
        "SELECT tgname, NULL FROM pg_trigger WHERE tgrelid = CAST(:t AS regclass) "
        "AND NOT tgisinternal AND tgenabled <> 'D'"
    ),
}


def find(dialect: str) -> TextClause:
    """The table's enabled triggers (bind `t`, the table's name), as (name, create SQL or NULL)."""
    return _FIND[dialect]


def lift(dialect: str, table: str, name: str) -> str:
    if dialect == "sqlite":
        return f'DROP TRIGGER "{name}"'
    return f'ALTER TABLE "{table}" DISABLE TRIGGER "{name}"'


def restore(dialect: str, table: str, name: str, create_sql: str | None) -> str:
    if dialect == "sqlite":
        return create_sql
    return f'ALTER TABLE "{table}" ENABLE TRIGGER "{name}"'
