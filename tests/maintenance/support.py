"""Helpers for key rotation and backup tests: a database with one of everything, read back whole."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.cli import main
from storage import notes
from storage.clients import Clients
from storage.db import Database, open_database
from storage.fields import EncryptedValue
from storage.models import (
    Base,
    Clinician,
    Conversation,
    LearnedKeyword,
    NoteCosignature,
    Plan,
    PlanVersion,
    PrivateNote,
    Reminder,
)
from storage.notes import Notes
from tests.conftest import CLINICIAN

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
CANARY = "CANARY-ZEBRA-4417"


@dataclass(frozen=True)
class Place:
    """Where the database and key file of one test live (SQLite or PostgreSQL)."""

    url: str
    key_file: Path

    async def open(self, env_key: str | None = None) -> Database:
        return await open_database(self.url, env_key=env_key, key_file=self.key_file)


async def wayfinder(*argv: str) -> int:
    """The real `wayfinder` entry point; in a thread because it runs its own event loop."""
    return await asyncio.to_thread(main, list(argv))


async def seed(db: Database) -> str:
    """Notes (draft and signed, with an addendum), plans, clients, reminders and the rest;
    returns the signed note's id."""
    async with db.transaction() as session:
        session.add(Clinician(id=CLINICIAN, created_at=NOW, reminders_off=[]))
        await session.flush()
        first = await Clients(session, CLINICIAN).get_or_create("A.B.", NOW)
        second = await Clients(session, CLINICIAN).get_or_create("C.D.", NOW)
        draft = await Notes(session, CLINICIAN).start(first, "soap", NOW)
        notes.append_entry(draft, "subjective", f"Client said {CANARY} twice.", 1, NOW)
        draft.tags = [{"objective": "O1", "progress": "improved"}]
        signed = await Notes(session, CLINICIAN).start(second, "soap", NOW)
        notes.append_entry(signed, "assessment", "Panic attacks down to two a week.", 2, NOW)
        notes.sign(signed, second, NOW)
        await session.flush()
        await Notes(session, CLINICIAN).add_addendum(signed, "Late entry: slept well.", NOW)
        session.add(  # returned by a supervisor, with a comment that can speak of the client
            NoteCosignature(
                note_id=signed.id, clinician_id=CLINICIAN, supervisor_id=CLINICIAN + 1,
                client_id=second.id, state="returned", sent_at=NOW, note_hash=signed.content_hash,
                decided_at=NOW, comment=f"Say more about {CANARY}.",
            )
        )
        plan = Plan(clinician_id=CLINICIAN, client_id=first.id, created_at=NOW, updated_at=NOW)
        session.add(plan)
        await session.flush()
        body = {"client": "A.B.", "problems": [{"id": "P1", "statement": f"{CANARY} avoidance"}]}
        session.add(
            PlanVersion(
                plan_id=plan.id, number=1, body=body, change=f"objective {CANARY} met",
                created_at=NOW,
            )
        )
        session.add(
            LearnedKeyword(
                clinician_id=CLINICIAN,
                plan_id=plan.id,
                objective_id=CANARY,
                keyword=f"breathing {CANARY}",
                created_at=NOW,
            )
        )
        session.add(
            Reminder(
                clinician_id=CLINICIAN,
                kind="digest",
                due_at=NOW,
                text="2 notes are waiting",
                created_at=NOW,
            )
        )
        session.add(
            Conversation(
                clinician_id=CLINICIAN, mode="idle", payload={"typed": CANARY}, updated_at=NOW
            )
        )
        session.add(
            PrivateNote(
                clinician_id=CLINICIAN,
                client_id=first.id,
                body=f"Private: {CANARY}",
                created_at=NOW,
                updated_at=NOW,
            )
        )
        return signed.id


async def everything_readable(db: Database) -> dict[tuple[str, str, str], object]:
    """Every encrypted attribute of every row, decrypted: what the bot can read."""
    found = {}
    async with db.transaction() as session:
        for mapper in Base.registry.mappers:
            names = [
                value.name
                for value in vars(mapper.class_).values()
                if isinstance(value, EncryptedValue)
            ]
            if not names:
                continue
            for row in await session.scalars(select(mapper.class_)):
                for name in names:
                    found[(mapper.local_table.name, name, row.id)] = getattr(row, name)
    return found


async def raw_bytes(db: Database) -> bytes:
    """Every stored value of every table as it lies in the database, joined."""
    parts = []
    async with db.sessions() as session:
        for table in Base.metadata.sorted_tables:
            for row in await session.execute(select(table)):
                for value in row:
                    parts.append(value if isinstance(value, bytes) else str(value).encode())
    return b"\n".join(parts)
