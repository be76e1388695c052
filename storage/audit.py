"""The audit trail: who did what to which record, when, and from which transport; never content.

One row per create, read, change, sign, export, unlock, PIN reset, key rotation, backup, failed
access, draft deletion and step of a co-signature; a list read is one row, not one per item.
Rows are appended in the transaction of the work they record (a turn's own), so an action and
its row commit together.

Each clinician's rows form one hash chain (`chain` = their id; 0 for the operator's command
line), each row sealed with an HMAC (storage/integrity.py's key). Appends to one chain are
serialised: turns of one clinician run one at a time (their row is locked for the turn on
PostgreSQL; SQLite has one writer), the operator's chain takes an advisory lock. A row is
written by one statement that inserts it only if its previous hash is still the chain's last
(`_APPEND`), so the head a turn read with its own rows (storage/store.py) costs no lookup of
its own, and a head read before the lock was granted (a snapshot older than the last append) is
refused rather than forking the chain: the head is read again and the row sealed anew.
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

from sqlalchemy import bindparam, event, func, insert, select, text
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


def last_hash_of(chain):
    """The last row hash of `chain` (a column or a value), None while the chain is empty: a
    scalar subquery, to read a chain's head with other rows in one statement."""
    return (
        select(AuditEvent.row_hash)
        .where(AuditEvent.chain == chain)
        .order_by(AuditEvent.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def expect_head(session: AsyncSession, chain: int, head: str | None) -> None:
    """The chain's last row hash as read in this transaction (None: no row yet): the next
    `append` chains from it, and its statement checks that it is still the last."""
    session.info.setdefault("audit_heads", {})[chain] = head or GENESIS


_AUDIT = AuditEvent.__table__
_WRITTEN = ("chain", "at", "actor", "action", "record_type", "record_id", "client_id",
            "transport", "previous_hash", "row_hash", "seal")
# Built once: building a statement costs more than running it (bench/turns.py).
_HEAD = select(func.coalesce(last_hash_of(bindparam("chain")), GENESIS))
_APPEND = (
    insert(_AUDIT)
    .from_select(
        _WRITTEN,
        select(*(bindparam(name, type_=_AUDIT.c[name].type) for name in _WRITTEN)).where(
            func.coalesce(last_hash_of(bindparam("chain")), GENESIS)
            == bindparam("previous_hash")
        ),
    )
    .returning(_AUDIT.c.id)
)


async def _write(session: AsyncSession, previous: str, fields: dict) -> AuditEvent | None:
    """The row, sealed after `previous` and inserted if `previous` is still the chain's last
    row hash; None (nothing written) if it is not."""
    row = AuditEvent(previous_hash=previous, **fields)
    row.row_hash = _row_hash(row)
    row.seal = seal(row.row_hash)
    row.id = await session.scalar(_APPEND, {name: getattr(row, name) for name in _WRITTEN})
    return row if row.id is not None else None


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
    fields = {
        "chain": chain, "at": at, "actor": actor, "action": action, "record_type": record_type,
        "record_id": None if record_id is None else str(record_id), "client_id": client_id,
        "transport": transport,
    }
    heads = session.info.setdefault("audit_heads", {})
    # Written at once, in a statement of its own (the row refers to no other table); no flush
    # here: the turn's other changes are written once, at commit (bench/turns.py).
    with session.no_autoflush:
        if chain not in heads:
            heads[chain] = await session.scalar(_HEAD, {"chain": chain})
        row = await _write(session, heads[chain], fields)
        if row is None:
            # The head was read on a snapshot older than the chain's last append: the turn's
            # first statement waited for the clinician's lock on a snapshot taken before. Read
            # again, under the lock, it is the last row.
            heads[chain] = await session.scalar(_HEAD, {"chain": chain})
            row = await _write(session, heads[chain], fields)
    if row is None:
        # Only a writer that skips the chain's lock gets here: refused, rather than fork it.
        raise RuntimeError("an audit chain changed under its lock")
    heads[chain] = row.row_hash
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
