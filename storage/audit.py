"""The audit trail: who did what to which record, when, and from which transport; never content.

One row per create, read, change, sign, export, unlock, PIN reset, key rotation, backup, failed
access, draft deletion and step of a co-signature; a list read is one row, not one per item.
Rows are appended in the transaction of the work they record (a turn's own), so an action and
its row commit together.

Each clinician's rows form one hash chain (`chain` = their id; 0 for the operator's command
line), each row sealed with an HMAC (storage/integrity.py's key). Turns of one clinician already
run one at a time (their row is locked for the turn on PostgreSQL; SQLite has one writer), so
reading the chain's last row and appending is safe; the operator's chain takes an advisory lock.
The database refuses UPDATE and DELETE on the table (a trigger, migration 0005); `verify_chains`
finds a row edited, removed or inserted behind the application's back.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import bindparam, event, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage.db import Database
from storage.integrity import GENESIS, seal
from storage.models import AuditEvent, Client, Note
from storage.repository import Repository

OPERATOR = 0  # the chain of what the command line does
_OPERATOR_LOCK = 0x57A7A0D1

ACTIONS = frozenset(
    {
        "create", "read", "change", "sign", "export", "unlock", "pin_reset", "key_rotation",
        "backup", "failed_access", "delete_draft",
        # supervision: a note sent for co-signature, co-signed, returned with a comment
        "cosign.request", "cosign.sign", "cosign.return",
    }
)


def _row_hash(row: AuditEvent) -> str:
    fields = {
        "chain": row.chain,
        "at": row.at.astimezone(UTC).isoformat(),
        "actor": row.actor,
        "action": row.action,
        "record_type": row.record_type,
        "record_id": row.record_id,
        "client": row.client_id,
        "transport": row.transport,
        "previous": row.previous_hash,
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@event.listens_for(Session, "after_transaction_end")
def _forget_chain_heads(session: Session, transaction) -> None:
    # Heads seen in a transaction are good for that transaction only (it may roll back).
    if transaction.parent is None:
        session.info.pop("audit_heads", None)


_LAST_OF_CHAIN = (
    select(AuditEvent.row_hash)
    .where(AuditEvent.chain == bindparam("chain"))
    .order_by(AuditEvent.id.desc())
    .limit(1)
)


async def append(
    session: AsyncSession,
    *,
    chain: int,
    actor: int | None,
    action: str,
    at: datetime,
    transport: str,
    record_type: str | None = None,
    record_id: str | None = None,
    client_id: str | None = None,
) -> AuditEvent:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if chain == OPERATOR and session.bind.dialect.name == "postgresql":
        await session.execute(text(f"SELECT pg_advisory_xact_lock({_OPERATOR_LOCK})"))
    # The chain's last row: one appended earlier in this transaction (not flushed yet), else the
    # database's. No flush here: a turn's changes are written once, at commit (bench/turns.py).
    heads = session.info.setdefault("audit_heads", {})
    if chain not in heads:
        with session.no_autoflush:
            heads[chain] = await session.scalar(_LAST_OF_CHAIN, {"chain": chain}) or GENESIS
    row = AuditEvent(
        chain=chain,
        at=at,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=None if record_id is None else str(record_id),
        client_id=client_id,
        transport=transport,
        previous_hash=heads[chain],
    )
    row.row_hash = heads[chain] = _row_hash(row)
    row.seal = seal(row.row_hash)
    session.add(row)
    return row


async def record_operator_action(
    database: Database, action: str, record_type: str | None = None, record_id: str | None = None
) -> None:
    """One row for what the operator did from the command line (backup, key rotation), in the
    operator's chain and a transaction of its own."""
    async with database.transaction() as session:
        await append(
            session,
            chain=OPERATOR,
            actor=None,
            action=action,
            at=datetime.now(UTC),
            transport="cli",
            record_type=record_type,
            record_id=record_id,
        )


class Audit(Repository):
    """A turn's audit rows (`turn.store.audit`): the clinician's chain, in the turn's session."""

    def __init__(self, session: AsyncSession, clinician_id: int, transport: str = "telegram"):
        super().__init__(session, clinician_id)
        self.transport = transport

    async def record(
        self,
        action: str,
        at: datetime,
        record_type: str | None = None,
        record_id: str | None = None,
        *,
        client_id: str | None = None,
    ) -> None:
        await append(
            self._session,
            chain=self._clinician_id,
            actor=self._clinician_id,
            action=action,
            at=at,
            transport=self.transport,
            record_type=record_type,
            record_id=record_id,
            client_id=client_id,
        )

    async def note(self, action: str, at: datetime, note: Note) -> None:
        """A row about a progress note: create, change, sign, delete_draft."""
        await self.record(action, at, "note", note.id, client_id=note.client_id)

    async def recent(self, limit: int) -> list[AuditEvent]:
        """The latest rows about this clinician's records, newest first: theirs, and the
        operator's about their clients (an export from the command line)."""
        own_clients = select(Client.id).where(Client.clinician_id == self._clinician_id)
        rows = await self._session.scalars(
            select(AuditEvent)
            .where(
                (AuditEvent.chain == self._clinician_id)
                | AuditEvent.client_id.in_(own_clients.scalar_subquery())
            )
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
        return list(rows)


async def rows(
    session: AsyncSession, *, client_id: str | None = None, since: datetime | None = None
) -> AsyncIterator[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if client_id is not None:
        query = query.where(AuditEvent.client_id == client_id)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    for row in await session.scalars(query):
        yield row


@dataclass(frozen=True)
class ChainBreak:
    row_id: int
    chain: int
    why: str  # "altered", "seal", "link": never content


async def verify_chains(session: AsyncSession) -> tuple[int, list[ChainBreak]]:
    """How many rows were checked, and every row that is altered or out of its chain."""
    heads: dict[int, str] = {}
    breaks, count = [], 0
    async for row in rows(session):
        count += 1
        if row.row_hash != _row_hash(row):
            breaks.append(ChainBreak(row.id, row.chain, "altered"))
        elif not hmac.compare_digest(seal(row.row_hash), row.seal):
            breaks.append(ChainBreak(row.id, row.chain, "seal"))
        elif row.previous_hash != heads.get(row.chain, GENESIS):
            breaks.append(ChainBreak(row.id, row.chain, "link"))
        heads[row.chain] = row.row_hash
    return count, breaks
