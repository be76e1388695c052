"""INSERT ... ON CONFLICT for the two databases Wayfinder runs on (same syntax, two dialects)."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, model):
    dialect = session.bind.dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(model)
