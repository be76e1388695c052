"""INSERT ... ON CONFLICT for the two databases Wayfinder runs on (same syntax, two dialects)."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

# What runs a statement: a session (a turn's) or a bare connection (`Database.statements()`).
Executor = AsyncSession | AsyncConnection


def dialect_of(executor: Executor) -> str:
    """The database of a session (a turn's) or of a bare connection (the inbox's statements)."""
    if isinstance(executor, AsyncConnection):
        return executor.dialect.name
    return executor.bind.dialect.name


def insert_for(executor: Executor, model):
    return insert_into(dialect_of(executor), model)


def insert_into(dialect: str, model):
    return (postgresql if dialect == "postgresql" else sqlite).insert(model)
