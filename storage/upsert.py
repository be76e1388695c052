"""INSERT ... ON CONFLICT for the two databases Wayfinder runs on (same syntax, two dialects)."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, model):
    return insert_into(session.bind.dialect.name, model)


def insert_into(dialect: str, model):
    return (postgresql if dialect == "postgresql" else sqlite).insert(model)
